import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
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

const modelsDir = args.out ? path.resolve(args.out) : path.join(BUNDLED_ZOO, 'models');
let stale = 0;
for (const model of REFERENCE_MODELS) {
  const bytes = model.build();
  const digest = sha256(bytes);
  const file = path.join(modelsDir, model.file);
  const cardFile = path.join(BUNDLED_ZOO, 'cards', `${model.id}.json`);
  const cardText = readFileSync(cardFile, 'utf8');
  const card = JSON.parse(cardText) as { file: string; sha256: string };
  if (card.file !== model.file) throw new Error(`${cardFile}: file is '${card.file}', the builder writes '${model.file}'`);

  if (args.check) {
    const sameFile = existsSync(file) && sha256(readFileSync(file)) === digest;
    const sameCard = card.sha256 === digest;
    if (!sameFile || !sameCard) stale++;
    console.log(`${model.id}: ${sameFile ? 'model ok' : 'MODEL DIFFERS'}, ${sameCard ? 'card ok' : 'CARD SHA256 DIFFERS'} (${digest})`);
    continue;
  }
  mkdirSync(modelsDir, { recursive: true });
  writeFileSync(file, bytes);
  if (!args.out && card.sha256 !== digest) {
    // Only the digest changes: the card keeps its hand-written layout.
    writeFileSync(cardFile, cardText.replace(/("sha256"\s*:\s*)"[^"]*"/, `$1"${digest}"`));
  }
  console.log(`${model.id}: ${file} (${bytes.length} bytes, sha256 ${digest})`);
}
if (stale) {
  console.error(`${stale} reference model(s) differ from a fresh build: run npm run models:build and commit model-zoo/`);
  process.exit(1);
}
