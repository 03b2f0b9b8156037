import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadConfig } from '../../lib/config.js';
import { phantom } from '../../lib/ai/phantoms.js';
import { startNode } from '../../services/node.js';
import { serveUntilStopped } from './child.js';

/**
 * The real CDSS node plus a load generator inside it: on `flood:start` it keeps `inFlight`
 * `inference.run` jobs on the reference 2-D segmenter going through the broker (what the
 * department pipelines do), so the pool's workers never idle and its queue stays full; on
 * `flood:stop` it reports how many jobs finished and how many the full queue turned away.
 */
export type LoadParentMessage = { type: 'flood:start'; inFlight: number } | { type: 'flood:stop' };
export type LoadChildMessage = { type: 'flood:stopped'; done: number; busy: number; failed: number };

const node = await startNode(loadConfig(process.env));
const server = (node.broker.getLocalService('api') as unknown as { server: Server }).server;
const image = phantom([256, 256], [{ center: [100, 128], radius: 14 }], { noise: 0.05, seed: 7 });

let flooding = false;
const counts = { done: 0, busy: 0, failed: 0 };
const loops: Promise<void>[] = [];

async function floodLoop(): Promise<void> {
  while (flooding) {
    try {
      await node.broker.call('inference.run', { modelId: 'reference-blob-seg2d', inputs: { image: { dims: [1, 1, 256, 256], data: image } }, priority: 'ROUTINE' });
      counts.done++;
    } catch (err) {
      // A full queue answers at once: back off a little, as a well-behaved caller does.
      if ((err as { type?: string }).type === 'INFERENCE_BUSY') { counts.busy++; await new Promise((r) => setTimeout(r, 5)); } else counts.failed++;
    }
  }
}

process.on('message', (message: LoadParentMessage) => {
  if (message.type === 'flood:start') {
    flooding = true;
    Object.assign(counts, { done: 0, busy: 0, failed: 0 });
    for (let i = 0; i < message.inFlight; i++) loops.push(floodLoop());
  } else if (message.type === 'flood:stop') {
    flooding = false;
    void Promise.all(loops.splice(0)).then(() => process.send?.({ type: 'flood:stopped', ...counts } satisfies LoadChildMessage));
  }
});
serveUntilStopped((server.address() as AddressInfo).port, () => node.stop());
