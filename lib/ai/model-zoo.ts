import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ModelCardError, projectRoot, validateCard, type ModelCard } from './model-card.js';

/**
 * The model zoo: the bundled cards (model-zoo/) and, when CDSS_MODEL_DIR is set, a hospital's
 * own, laid out the same way — `<dir>/cards/*.json` and `<dir>/models/<file>.onnx` — and loaded
 * by the same code. A card is used only if it passes the schema, its cross-field rules and the
 * SHA-256 of its file. A bad bundled card is our bug and stops the node; a bad card in
 * CDSS_MODEL_DIR is logged and skipped, so one broken drop-in cannot take inference down.
 */
export const BUNDLED_ZOO = path.join(projectRoot(), 'model-zoo');

export interface LoadedModel {
  card: ModelCard;
  /** Absolute path of the verified .onnx file. */
  path: string;
  cardFile: string;
  source: 'bundled' | 'model-dir';
}

export interface RejectedCard {
  cardFile: string;
  reason: string;
}

export interface ZooLogger {
  info(message: string): void;
  warn(message: string): void;
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file).on('data', (chunk) => hash.update(chunk)).on('error', reject).on('end', () => resolve(hash.digest('hex')));
  });
}

/** Loads one card file: parse, validate, find and hash its model file. Throws ModelCardError. */
export async function loadCard(cardFile: string, zooRoot: string, source: LoadedModel['source']): Promise<LoadedModel> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(cardFile, 'utf8'));
  } catch (err) {
    throw new ModelCardError(cardFile, [`not readable JSON: ${(err as Error).message}`]);
  }
  const card = validateCard(json, cardFile);
  const modelPath = path.join(zooRoot, 'models', card.file);
  if (!existsSync(modelPath) || !statSync(modelPath).isFile()) throw new ModelCardError(cardFile, [`/file: ${modelPath} does not exist`]);
  const actual = await sha256File(modelPath);
  if (actual !== card.sha256) {
    throw new ModelCardError(cardFile, [`/sha256: the file ${card.file} has sha256 ${actual}, the card says ${card.sha256} (file changed or card out of date)`]);
  }
  return { card, path: modelPath, cardFile, source };
}

/** Every card of one zoo folder, in file-name order; bad cards are collected, not thrown. */
export async function loadZooDir(zooRoot: string, source: LoadedModel['source']): Promise<{ models: LoadedModel[]; rejected: RejectedCard[] }> {
  const cardsDir = path.join(zooRoot, 'cards');
  if (!existsSync(cardsDir)) return { models: [], rejected: [{ cardFile: cardsDir, reason: `모델 카드 폴더가 없습니다 (no cards folder) ${cardsDir}` }] };
  const models: LoadedModel[] = [];
  const rejected: RejectedCard[] = [];
  for (const name of readdirSync(cardsDir).filter((n) => n.endsWith('.json')).sort()) {
    const cardFile = path.join(cardsDir, name);
    try {
      const model = await loadCard(cardFile, zooRoot, source);
      const twin = models.find((m) => m.card.id === model.card.id);
      if (twin) throw new ModelCardError(cardFile, [`/id: '${model.card.id}' is already used by ${twin.cardFile}`]);
      models.push(model);
    } catch (err) {
      rejected.push({ cardFile, reason: (err as Error).message });
    }
  }
  return { models, rejected };
}

/**
 * The bundled zoo plus CDSS_MODEL_DIR. A model-dir card whose id is a bundled one replaces it
 * (a hospital may swap a reference model for its own); that is logged.
 */
export async function loadModelZoo(options: { modelDir: string | null; logger: ZooLogger; bundledDir?: string }): Promise<LoadedModel[]> {
  const { modelDir, logger, bundledDir = BUNDLED_ZOO } = options;
  const bundled = await loadZooDir(bundledDir, 'bundled');
  if (bundled.rejected.length) throw new Error(bundled.rejected.map((r) => r.reason).join('\n'));
  const byId = new Map(bundled.models.map((m) => [m.card.id, m]));
  if (modelDir) {
    const extra = await loadZooDir(modelDir, 'model-dir');
    for (const { reason } of extra.rejected) logger.warn(`CDSS_MODEL_DIR: 건너뜀 (skipped) — ${reason}`);
    for (const model of extra.models) {
      if (byId.has(model.card.id)) logger.info(`CDSS_MODEL_DIR: ${model.cardFile} replaces the bundled model '${model.card.id}'`);
      byId.set(model.card.id, model);
    }
  }
  const models = [...byId.values()];
  for (const m of models) {
    logger.info(`model ${m.card.id}@${m.card.version} (${m.card.task}, ${m.card.modality}/${m.card.bodyPart})${m.card.clinicalUse ? '' : ' — 임상 사용 불가 (not for clinical use)'}`);
  }
  return models;
}
