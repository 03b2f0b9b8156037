import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { validateCard, type ModelCard } from '../../lib/ai/model-card.js';
import { BUNDLED_ZOO, loadModelZoo, type LoadedModel } from '../../lib/ai/model-zoo.js';
import type { CardChoice } from '../../lib/ai/pipeline/registry.js';
import type { Infer } from '../../lib/ai/pipeline/types.js';

/**
 * The pipelines' `infer` without a broker: the bundled zoo's models run by ONNX Runtime in this
 * process (one session per .onnx file, shared by the cards that reuse it). For pipeline tests;
 * production goes through the inference actor and its worker pool.
 *
 * The cards are read and validated at once (so `cards` and `card(id)` need no await); the zoo's
 * full load — including each file's SHA-256 against its card — runs in the background and is
 * awaited by the first inference.
 */
export interface DirectInfer {
  infer: Infer;
  cards: CardChoice[];
  card(id: string): ModelCard;
  close(): Promise<void>;
}

const silent = { info: () => undefined, warn: () => undefined };

export function directInfer(): DirectInfer {
  const cardsDir = path.join(BUNDLED_ZOO, 'cards');
  const cards: CardChoice[] = readdirSync(cardsDir).filter((n) => n.endsWith('.json')).sort().map((name) => {
    const file = path.join(cardsDir, name);
    return { card: validateCard(JSON.parse(readFileSync(file, 'utf8')), file), source: 'bundled' };
  });
  const zoo: Promise<LoadedModel[]> = loadModelZoo({ modelDir: null, logger: silent });
  zoo.catch(() => undefined); // surfaced by the first infer, not as an unhandled rejection
  const sessions = new Map<string, Promise<ort.InferenceSession>>();
  // One run at a time per session: the same work order as a pool worker, and no reliance on
  // concurrent Run() calls into one native session.
  const queues = new Map<string, Promise<unknown>>();

  const session = async (card: ModelCard): Promise<ort.InferenceSession> => {
    const model = (await zoo).find((m) => m.card.id === card.id) ?? (await zoo).find((m) => m.card.file === card.file);
    if (!model) throw new Error(`model ${card.id} is not in the bundled zoo`);
    let created = sessions.get(model.path);
    if (!created) {
      created = ort.InferenceSession.create(model.path, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
      sessions.set(model.path, created);
    }
    return created;
  };

  const infer: Infer = async (card, input) => {
    const s = await session(card);
    const previous = queues.get(card.file) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(async () => {
      const outputs = await s.run({ [card.input.name]: new ort.Tensor('float32', input.data, input.dims) });
      const output = outputs[card.output.name];
      if (!output) throw new Error(`model ${card.id} has no output '${card.output.name}'`);
      return output.data as Float32Array;
    });
    queues.set(card.file, run);
    return run;
  };

  return {
    infer,
    cards,
    card(id) {
      const found = cards.find((c) => c.card.id === id);
      if (!found) throw new Error(`no bundled card '${id}'`);
      return found.card;
    },
    async close() {
      await Promise.allSettled(queues.values());
      const created = await Promise.allSettled(sessions.values());
      sessions.clear();
      for (const result of created) if (result.status === 'fulfilled') await result.value.release();
    },
  };
}
