import type { Errors, ServiceBroker } from 'moleculer';
import type { InferencePriority } from '../../lib/ai/job-queue.js';
import type { ModelCard } from '../../lib/ai/model-card.js';
import type { CardChoice } from '../../lib/ai/pipeline/registry.js';
import type { Infer } from '../../lib/ai/pipeline/types.js';
import { decodeTensorData, encodeTensorData } from '../../lib/ai/tensor-codec.js';
import type { InferenceRunParams, InferenceRunResult } from './inference.service.js';
import type { CdssContext } from '../context.js';

/**
 * The pipelines' `infer` in production: the inference actor (`inference.run`), on this node when
 * it runs one (a Float32Array then passes by reference), else on whichever node does (the tensor
 * travels as base64). A full pool answers 503 INFERENCE_BUSY with `retryAfter`: an analysis is
 * background work, so it waits and asks again rather than failing.
 */

/** How often one model call is retried on INFERENCE_BUSY before the analysis fails. */
const BUSY_RETRIES = 30;
/** The longest wait between two tries, ms (the pool's retryAfter is in seconds). */
const MAX_WAIT_MS = 2000;

export interface InferOptions {
  priority: InferencePriority;
  /** Checked before each call: a stopping node ends the analysis at the next model call. */
  cancelled?: () => boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function brokerInfer(broker: ServiceBroker, options: InferOptions): Infer {
  return async (card: ModelCard, input: { dims: number[]; data: Float32Array }) => {
    const local = broker.getLocalService('inference') !== undefined;
    const params: InferenceRunParams = {
      modelId: card.id,
      inputs: { [card.input.name]: { dims: input.dims, data: local ? input.data : encodeTensorData(input.data, 'base64') } },
      priority: options.priority,
      encoding: local ? 'float32' : 'base64',
    };
    for (let attempt = 0; ; attempt++) {
      if (options.cancelled?.()) throw new Error('분석이 중단되었습니다: 노드 종료 (analysis stopped: node shutting down)');
      try {
        const result = await broker.call<InferenceRunResult, InferenceRunParams>('inference.run', params, local ? { nodeID: broker.nodeID } : {});
        const output = result.outputs[card.output.name] ?? Object.values(result.outputs)[0];
        const data = decodeTensorData(output?.data);
        if (!data) throw new Error(`model ${card.id} answered no '${card.output.name}' output`);
        return data;
      } catch (err) {
        const busy = (err as Errors.MoleculerError).type === 'INFERENCE_BUSY';
        if (!busy || attempt >= BUSY_RETRIES) throw err;
        const retryAfter = ((err as Errors.MoleculerError).data as { retryAfter?: number } | undefined)?.retryAfter ?? 1;
        await sleep(Math.min(MAX_WAIT_MS, Math.max(100, retryAfter * 1000)));
      }
    }
  };
}

/** The cards the inference actor has loaded, with where each came from (a hospital's model dir wins). */
export async function loadedCards(ctx: CdssContext): Promise<CardChoice[]> {
  const cards = await ctx.call<(ModelCard & { source: CardChoice['source'] })[]>('inference.models');
  return cards.map(({ source, ...card }) => ({ card: card as ModelCard, source }));
}
