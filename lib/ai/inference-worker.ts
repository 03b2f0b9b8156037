import { parentPort, workerData } from 'node:worker_threads';
import ort from 'onnxruntime-node';
import { lowerThreadPriority } from './thread-priority.js';
import { TEST_CRASH_EXIT_CODE, type FromWorker, type LoadedSession, type TensorData, type ToWorker, type WorkerInit } from './worker-protocol.js';

/**
 * One inference worker thread (started by lib/ai/worker-pool.ts): holds one ONNX Runtime session
 * per model and runs one job at a time. Sessions use one intra-op and one inter-op thread: on
 * small machines ORT's own thread pool spins and halves throughput (TECH-NOTES); parallelism
 * comes from the number of workers instead.
 */
const init = workerData as WorkerInit;
const port = parentPort!;
const sessions = new Map<string, ort.InferenceSession>();
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

let providers = init.providers;
lowerThreadPriority(init.nice);

async function createSession(path: string): Promise<{ session: ort.InferenceSession; providers: string[] }> {
  const options = (list: string[]): ort.InferenceSession.SessionOptions => ({
    executionProviders: list, intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential',
  });
  try {
    return { session: await ort.InferenceSession.create(path, options(providers)), providers };
  } catch (err) {
    // A GPU provider without its libraries (a CPU node given the GPU image's settings) should not
    // leave the node without inference when cpu is also allowed; later models go straight to cpu.
    if (!providers.includes('cpu') || providers.length === 1) throw err;
    providers = ['cpu'];
    return { session: await ort.InferenceSession.create(path, options(providers)), providers };
  }
}

async function load(): Promise<void> {
  const loaded: LoadedSession[] = [];
  const failed: { id: string; message: string }[] = [];
  for (const model of init.models) {
    try {
      const started = performance.now();
      const { session, providers } = await createSession(model.path);
      if (!session.inputNames.includes(model.inputName)) throw new Error(`the model has no input '${model.inputName}' (it has ${session.inputNames.join(', ')})`);
      if (!session.outputNames.includes(model.outputName)) throw new Error(`the model has no output '${model.outputName}' (it has ${session.outputNames.join(', ')})`);
      const loadMs = performance.now() - started;
      // Warm-up: the first run allocates and plans; do it now rather than in a patient's job.
      const size = model.inputShape.reduce((a, b) => a * b, 1);
      const warm = performance.now();
      await session.run({ [model.inputName]: new ort.Tensor('float32', new Float32Array(size), model.inputShape) });
      sessions.set(model.id, session);
      loaded.push({ id: model.id, providers, loadMs, warmUpMs: performance.now() - warm });
    } catch (err) {
      failed.push({ id: model.id, message: (err as Error).message });
    }
  }
  send({ type: 'ready', loaded, failed });
}

const skipped = new Set<number>();
const scratches = new Map<string, Float32Array>();

async function run(message: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  // One turn of the event loop first: a skip that came in during the previous run is delivered now.
  await new Promise((resolve) => setImmediate(resolve));
  if (closing) return; // the pool has already answered every job it still had here
  if (skipped.delete(message.jobId)) return send({ type: 'skipped', jobId: message.jobId });
  if (message.crash && init.testHooks) process.exit(TEST_CRASH_EXIT_CODE);
  const session = sessions.get(message.modelId);
  if (!session) return send({ type: 'failed', jobId: message.jobId, message: `model '${message.modelId}' is not loaded in this worker` });
  try {
    const feeds: Record<string, ort.Tensor> = {};
    for (const [name, t] of Object.entries(message.inputs)) {
      // onnxruntime-node refuses views of shared memory: copy into this input's own array, kept
      // from run to run (one job at a time here), so no job allocates.
      const key = `${message.modelId}\u0000${name}`;
      let scratch = scratches.get(key);
      if (scratch?.length !== t.length) scratches.set(key, (scratch = new Float32Array(t.length)));
      scratch.set(new Float32Array(init.inputBuffers[t.buffer], t.offset * 4, t.length));
      feeds[name] = new ort.Tensor('float32', scratch, t.dims);
    }
    const started = performance.now();
    const results = await session.run(feeds);
    const runMs = performance.now() - started;
    const outputs: Record<string, TensorData> = {};
    const transfer: ArrayBuffer[] = [];
    for (const [name, tensor] of Object.entries(results)) {
      if (tensor.type !== 'float32') throw new Error(`output '${name}' is ${tensor.type}; the pool handles float32 only`);
      // ONNX Runtime hands out a buffer of the tensor's own: transfer it. Copy only a view into a larger one.
      const out = tensor.data as Float32Array;
      const data = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength ? out : new Float32Array(out);
      outputs[name] = { dims: [...tensor.dims], data };
      transfer.push(data.buffer as ArrayBuffer);
    }
    send({ type: 'result', jobId: message.jobId, outputs, runMs }, transfer);
  } catch (err) {
    send({ type: 'failed', jobId: message.jobId, message: (err as Error).message });
  }
}

// Runs are awaited one after another, in the order sent. onnxruntime-node runs a session on this
// thread from a setImmediate, so messages that came in during one run (the next job, a skip) are
// handled before the next run starts.
let chain: Promise<void> = Promise.resolve();
let closing = false;
port.on('message', (message: ToWorker) => {
  if (message.type === 'run') chain = chain.then(() => run(message));
  else if (message.type === 'skip') skipped.add(message.jobId);
  else {
    // Leaving from JavaScript between runs is safe; being terminated inside a run is not (worker-start.ts).
    closing = true;
    chain = chain.then(() => process.exit(0));
  }
});
await load();
