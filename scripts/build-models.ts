import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLED_ZOO } from '../lib/ai/model-zoo.js';
import { REFERENCE_MODELS, sha256 } from '../lib/ai/reference-models/index.js';

/**
 * `npm run models:build`: writes the reference ONNX models into model-zoo/models/ and each
 * card's sha256. The files are small and committed, so a fresh clone runs without this step;
 * rerun it after changing a builder, and commit the models and cards together.
 *
 *   tsx scripts/build-models.ts [--check] [--out DIR]
 *
 * --check writes nothing and fails when a committed model or card differs from a fresh build
 * (CI's guard that the committed bytes are what the code builds). --out writes the models
 * elsewhere and leaves the cards alone.
 */
const { values: args } = parseArgs({ options: { check: { type: 'boolean', default: false }, out: { type: 'string' } } });

/** The bundled cards that use one model file, with their text (to rewrite only the digest). */
function cardsOf(modelFile: string): { cardFile: string; text: string; sha256: string }[] {
  const dir = path.join(BUNDLED_ZOO, 'cards');
  return readdirSync(dir).filter((n) => n.endsWith('.json')).sort().map((n) => {
    const cardFile = path.join(dir, n);
    const text = readFileSync(cardFile, 'utf8');
    const card = JSON.parse(text) as { file: string; sha256: string };
    return { cardFile, text, file: card.file, sha256: card.sha256 };
  }).filter((c) => c.file === modelFile);
}

const modelsDir = args.out ? path.resolve(args.out) : path.join(BUNDLED_ZOO, 'models');
let stale = 0;
for (const model of REFERENCE_MODELS) {
  const bytes = model.build();
  const digest = sha256(bytes);
  const file = path.join(modelsDir, model.file);
  const ownCard = path.join(BUNDLED_ZOO, 'cards', `${model.id}.json`);
  const { file: ownFile } = JSON.parse(readFileSync(ownCard, 'utf8')) as { file: string };
  if (ownFile !== model.file) throw new Error(`${ownCard}: file is '${ownFile}', the builder writes '${model.file}'`);
  // Department cards may reuse a reference model's weights with their own pre/postprocessing:
  // every card naming the file carries its digest.
  const cards = cardsOf(model.file);

  if (args.check) {
    const sameFile = existsSync(file) && sha256(readFileSync(file)) === digest;
    const staleCards = cards.filter((c) => c.sha256 !== digest).map((c) => path.basename(c.cardFile));
    if (!sameFile || staleCards.length) stale++;
    console.log(`${model.id}: ${sameFile ? 'model ok' : 'MODEL DIFFERS'}, ${staleCards.length ? `CARD SHA256 DIFFERS in ${staleCards.join(', ')}` : `${cards.length} card(s) ok`} (${digest})`);
    continue;
  }
  mkdirSync(modelsDir, { recursive: true });
  writeFileSync(file, bytes);
  for (const card of args.out ? [] : cards.filter((c) => c.sha256 !== digest)) {
    // Only the digest changes: the card keeps its hand-written layout.
    writeFileSync(card.cardFile, card.text.replace(/("sha256"\s*:\s*)"[^"]*"/, `$1"${digest}"`));
  }
  console.log(`${model.id}: ${file} (${bytes.length} bytes, sha256 ${digest})`);
}
if (stale) {
  console.error(`${stale} reference model(s) differ from a fresh build: run npm run models:build and commit model-zoo/`);
  process.exit(1);
}
