import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSchema, type Schema } from './json-schema-lite.js';

/** A model card (model-zoo/model-card.schema.json) as the code reads it. */
export type ModelTask = 'segmentation-2d' | 'segmentation-3d' | 'classification';
export type OutputKind = 'probability-map' | 'class-probabilities';

export interface TensorSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

export interface ModelLabel {
  value: number;
  code: string;
  name: string;
}

export interface ModelCard {
  id: string;
  version: string;
  name: string;
  origin: 'reference' | 'external';
  task: ModelTask;
  modality: string;
  bodyPart: string;
  department: string;
  /** The department pipeline that uses the model and its role there (lib/ai/pipeline/registry.ts). */
  pipeline?: { id: string; role: 'segmentation' | 'classification' };
  file: string;
  sha256: string;
  input: TensorSpec & { layout: 'NCHW' | 'NCDHW'; spacing: number[]; channels: number };
  output: TensorSpec;
  outputKind: OutputKind;
  preprocessing: {
    window?: { center: number; width: number };
    resampling: { fit: 'spacing' | 'shape'; interpolation: 'linear' | 'nearest' };
    normalisation: { method: 'window' | 'minmax' | 'percentile' | 'zscore' | 'none'; low?: number; high?: number };
    invert?: boolean;
  };
  postprocessing: {
    threshold?: number;
    connectedComponents?: { connectivity: 4 | 8 | 6 | 18 | 26; minVoxels: number };
    measurements?: ('count' | 'diameter-mm' | 'area-mm2' | 'volume-ml' | 'mean-probability')[];
    decision?: 'argmax';
  };
  labels: ModelLabel[];
  intendedUse: string;
  clinicalUse: boolean;
  limitations?: string;
  references?: string[];
}

/** The text every non-clinical card's intended use must carry, so no screen can omit it. */
export const NOT_FOR_CLINICAL_USE = '임상 사용 불가';

/** The repository root, whether running from TypeScript sources (tsx) or from dist/. */
export function projectRoot(from = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(from));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export const SCHEMA_FILE = path.join(projectRoot(), 'model-zoo/model-card.schema.json');
let schema: Schema | null = null;

const product = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

/** Rules a JSON Schema cannot say simply: shapes against the task, labels against the output. */
function crossFieldProblems(card: ModelCard): string[] {
  const problems: string[] = [];
  const { task, input, output, outputKind, preprocessing: pre, postprocessing: post, labels } = card;
  const rank = task === 'segmentation-2d' ? 4 : task === 'segmentation-3d' ? 5 : input.shape.length;
  if (input.shape.length !== rank || (rank !== 4 && rank !== 5)) problems.push(`/input/shape: ${task} needs ${task === 'classification' ? '4 or 5' : rank} dimensions`);
  if (input.layout !== (input.shape.length === 5 ? 'NCDHW' : 'NCHW')) problems.push(`/input/layout: ${input.layout} does not fit a ${input.shape.length}-D shape`);
  if (input.shape[0] !== 1) problems.push('/input/shape/0: the batch dimension must be 1 (the pool runs one image per job)');
  if (input.shape[1] !== input.channels) problems.push(`/input/channels: ${input.channels} but the shape has ${input.shape[1]}`);
  if (input.spacing.length !== input.shape.length - 2) problems.push(`/input/spacing: needs ${input.shape.length - 2} values, one per spatial axis`);
  if (product(input.shape) > 64 * 1024 * 1024) problems.push('/input/shape: more than 64 M values per image');

  const uniqueValues = new Set(labels.map((l) => l.value));
  const uniqueCodes = new Set(labels.map((l) => l.code));
  if (uniqueValues.size !== labels.length || uniqueCodes.size !== labels.length) problems.push('/labels: values and codes must be unique');

  if (task === 'classification') {
    if (outputKind !== 'class-probabilities') problems.push('/outputKind: a classifier answers class-probabilities');
    if (output.shape.length !== 2 || output.shape[0] !== 1) problems.push('/output/shape: a classifier answers [1, classes]');
    else if (labels.length !== output.shape[1] || labels.some((l) => l.value >= output.shape[1])) {
      problems.push(`/labels: one label per class, values 0 to ${output.shape[1] - 1}`);
    }
    if (post.decision !== 'argmax') problems.push("/postprocessing/decision: a classifier needs 'argmax'");
  } else {
    if (outputKind !== 'probability-map') problems.push('/outputKind: a segmenter answers a probability-map');
    const spatial = (s: number[]) => s.slice(2).join('×');
    if (output.shape.length !== input.shape.length || spatial(output.shape) !== spatial(input.shape)) {
      problems.push(`/output/shape: must have the input's spatial size ${spatial(input.shape)}`);
    }
    if (post.threshold === undefined) problems.push('/postprocessing/threshold: a segmenter needs a threshold');
    const cc = post.connectedComponents;
    const allowed = task === 'segmentation-2d' ? [4, 8] : [6, 18, 26];
    if (cc && !allowed.includes(cc.connectivity)) {
      problems.push(`/postprocessing/connectedComponents/connectivity: ${cc.connectivity} is not a ${task === 'segmentation-2d' ? '2-D (4, 8)' : '3-D (6, 18, 26)'} connectivity`);
    }
  }
  if (card.pipeline && (card.pipeline.role === 'classification') !== (task === 'classification')) {
    problems.push(`/pipeline/role: a ${task} model cannot be a pipeline's ${card.pipeline.role} model`);
  }
  if (pre.normalisation.method === 'window' && !pre.window) problems.push("/preprocessing/window: required by normalisation 'window'");
  if (pre.normalisation.method === 'percentile') {
    const { low, high } = pre.normalisation;
    if (low === undefined || high === undefined || low >= high) problems.push('/preprocessing/normalisation: percentile needs low < high');
  }
  if (card.origin === 'reference' && card.clinicalUse) problems.push('/clinicalUse: a reference model is never for clinical use');
  if (!card.clinicalUse && !card.intendedUse.includes(NOT_FOR_CLINICAL_USE)) {
    problems.push(`/intendedUse: a card with clinicalUse false must say '${NOT_FOR_CLINICAL_USE}'`);
  }
  return problems;
}

/** Thrown for a card that must not be loaded; `problems` lists every reason, each with its JSON path. */
export class ModelCardError extends Error {
  constructor(readonly source: string, readonly problems: string[]) {
    super(`모델 카드를 사용할 수 없습니다 (invalid model card) ${source}: ${problems.join('; ')}`);
    this.name = 'ModelCardError';
  }
}

/** Checks parsed JSON against the schema and the cross-field rules; answers the typed card. */
export function validateCard(json: unknown, source: string): ModelCard {
  schema ??= JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Schema;
  const problems = checkSchema(json, schema).map((p) => `${p.path || '/'}: ${p.message}`);
  if (problems.length) throw new ModelCardError(source, problems);
  const crossField = crossFieldProblems(json as ModelCard);
  if (crossField.length) throw new ModelCardError(source, crossField);
  return json as ModelCard;
}
