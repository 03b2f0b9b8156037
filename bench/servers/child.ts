import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/** Messages the parent sends to a benchmark server. */
export type ParentMessage = { type: 'profile:start' } | { type: 'profile:stop'; file: string } | { type: 'cpu' };
/** Messages a benchmark server sends to the parent. */
export type ChildMessage =
  | { type: 'ready'; port: number }
  | { type: 'cpu'; userUs: number; systemUs: number }
  | { type: 'profile:written'; file: string }
  | { type: 'profile:failed'; error: string };

/**
 * The parent/child protocol of the benchmark servers: a child announces its port over IPC once it
 * listens, and stops cleanly on SIGTERM/SIGINT or when the parent goes away (IPC disconnect), so a
 * crashed or interrupted bench leaves no server behind. On request it reports its CPU time (all
 * threads, so SQLite's worker threads count) and CPU-profiles itself through the inspector, so a
 * profile covers the measured window only (not start-up, migrations, seeding).
 */
export function serveUntilStopped(port: number, stop: () => Promise<void>): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('bench servers run as IPC children of bench/gateway.ts');
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    const killer = setTimeout(() => process.exit(1), 15_000);
    killer.unref();
    stop().then(() => process.exit(0), (err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('disconnect', shutdown);

  let session: Session | null = null;
  process.on('message', (message: ParentMessage) => {
    const work = async (): Promise<ChildMessage | null> => {
      if (message.type === 'cpu') {
        const { user, system } = process.cpuUsage();
        return { type: 'cpu', userUs: user, systemUs: system };
      }
      if (message.type === 'profile:start') {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 250 });
        await session.post('Profiler.start');
        return null;
      }
      if (message.type === 'profile:stop' && session) {
        const { profile } = await session.post('Profiler.stop');
        session.disconnect();
        session = null;
        writeFileSync(message.file, JSON.stringify(profile));
        return { type: 'profile:written', file: message.file };
      }
      return null;
    };
    work().then(
      (reply) => { if (reply) send(reply); },
      (err: Error) => send({ type: 'profile:failed', error: err.message }),
    );
  });
  send({ type: 'ready', port } satisfies ChildMessage);
}
