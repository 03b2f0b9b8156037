import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Inference is batch work beside an interactive API on the same cores: on a small node a busy
 * pool would otherwise take the CPU the gateway's event loop needs (bench/inference-load.ts).
 * ONNX Runtime runs a session on the calling thread (one intra-op thread), so a worker thread
 * that lowers its own priority lowers its model runs. On Linux a thread is a task with its own
 * nice value, set through its thread id (/proc/thread-self → "<pid>/task/<tid>"); raising one's
 * nice value needs no privilege. Elsewhere this does nothing.
 */
export function lowerThreadPriority(nice: number): number | null {
  if (process.platform !== 'linux' || nice <= 0) return null;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(tid, nice);
    return tid;
  } catch {
    return null; // a sandbox without /proc: run at normal priority
  }
}
