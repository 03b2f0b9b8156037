import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUNDLED_ZOO, loadCard, loadModelZoo, loadZooDir } from '../../lib/ai/model-zoo.js';
import { ModelCardError, SCHEMA_FILE, validateCard, type ModelCard } from '../../lib/ai/model-card.js';
import { checkSchema } from '../../lib/ai/json-schema-lite.js';
import { DEPARTMENT_CODES } from '../../lib/constants.js';
import { loadConfig } from '../../lib/config.js';

const temp = mkdtempSync(path.join(os.tmpdir(), 'cdss-zoo-'));
after(() => rmSync(temp, { recursive: true, force: true }));

const bundledCard = (id: string): ModelCard => JSON.parse(readFileSync(path.join(BUNDLED_ZOO, 'cards', `${id}.json`), 'utf8'));
const SEG2D = 'reference-blob-seg2d';
const bundledCount = () => readdirSync(path.join(BUNDLED_ZOO, 'cards')).filter((n) => n.endsWith('.json')).length;

/** A zoo folder laid out like the bundled one, with the given cards and copies of bundled model files. */
function makeZoo(name: string, cards: Record<string, unknown>, models: Record<string, Buffer | string> = {}): string {
  const root = path.join(temp, name);
  mkdirSync(path.join(root, 'cards'), { recursive: true });
  mkdirSync(path.join(root, 'models'), { recursive: true });
  for (const [file, card] of Object.entries(cards)) writeFileSync(path.join(root, 'cards', file), typeof card === 'string' ? card : JSON.stringify(card));
  for (const [file, content] of Object.entries(models)) {
    if (typeof content === 'string') copyFileSync(path.join(BUNDLED_ZOO, 'models', content), path.join(root, 'models', file));
    else writeFileSync(path.join(root, 'models', file), content);
  }
  return root;
}

function problemsOf(card: unknown): string[] {
  try {
    validateCard(card, 'test.json');
    return [];
  } catch (err) {
    assert.ok(err instanceof ModelCardError, String(err));
    assert.match(err.message, /모델 카드를 사용할 수 없습니다 \(invalid model card\) test\.json/);
    return err.problems;
  }
}

function logger() {
  const lines: { level: string; message: string }[] = [];
  return { lines, info: (message: string) => lines.push({ level: 'info', message }), warn: (message: string) => lines.push({ level: 'warn', message }) };
}

describe('model cards', () => {
  test('the bundled zoo holds the reference models, each used by a department pipeline, none of them for clinical use', async () => {
    const models = await loadModelZoo({ modelDir: null, logger: logger() });
    const byFile = (file: string) => models.filter((m) => m.card.file === file).map((m) => m.card.id).sort();
    // Three weight files; the department cards reuse them with their own pre/postprocessing.
    assert.deepEqual(byFile('reference-blob-seg2d.onnx'), ['reference-blob-seg2d', 'reference-breast-us-seg2d', 'reference-skin-seg2d']);
    assert.deepEqual(byFile('reference-blob-seg3d.onnx'), [
      'reference-blob-seg3d', 'reference-brain-ct-seg3d', 'reference-brain-mr-seg3d', 'reference-pancreas-ct-seg3d', 'reference-pancreas-mr-seg3d',
    ]);
    assert.deepEqual(byFile('reference-lesion-cls.onnx'), ['reference-breast-mri-cls', 'reference-breast-path-cls', 'reference-breast-us-cls', 'reference-lesion-cls']);
    const pipelines = new Set(models.map((m) => m.card.pipeline?.id));
    assert.deepEqual([...pipelines].sort(), ['brain-lesion', 'breast-mri', 'breast-pathology', 'breast-ultrasound', 'lung-nodule', 'pancreas-lesion', 'skin-lesion']);
    for (const { card, source } of models) {
      assert.equal(source, 'bundled');
      assert.equal(card.origin, 'reference');
      assert.equal(card.clinicalUse, false);
      assert.match(card.intendedUse, /^reference \/ demo only — 임상 사용 불가/);
    }
  });

  test("the schema's departments are the hospital's departments plus GENERAL", () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
    assert.deepEqual(schema.properties.department.enum, [...DEPARTMENT_CODES, 'GENERAL']);
  });

  test('schema problems name the field and the rule', () => {
    const { sha256: _dropped, ...noSha } = bundledCard(SEG2D);
    assert.deepEqual(problemsOf(noSha), ["/: 'sha256' is required"]);
    assert.deepEqual(problemsOf({ ...bundledCard(SEG2D), sha256: 'ABC' }), ['/sha256: must match ^[0-9a-f]{64}$']);
    assert.deepEqual(problemsOf({ ...bundledCard(SEG2D), task: 'detection' }), ['/task: must be one of "segmentation-2d", "segmentation-3d", "classification"']);
    assert.deepEqual(problemsOf({ ...bundledCard(SEG2D), extra: 1 }), ['/extra: is not an allowed property']);
    assert.deepEqual(problemsOf({ ...bundledCard(SEG2D), file: '../../etc/passwd.onnx' }), ['/file: must match ^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.onnx$']);
    const card = bundledCard(SEG2D);
    card.input.shape = [1, 1, 256.5, 256];
    assert.deepEqual(problemsOf(card), ['/input/shape/2: must be integer, got number']);
  });

  test('cross-field rules: task against shapes, labels against outputs, reference never clinical', () => {
    assert.deepEqual(problemsOf({ ...bundledCard(SEG2D), clinicalUse: true }), ['/clinicalUse: a reference model is never for clinical use']);
    assert.deepEqual(problemsOf({ ...bundledCard(SEG2D), intendedUse: 'demo' }), ["/intendedUse: a card with clinicalUse false must say '임상 사용 불가'"]);
    assert.ok(problemsOf({ ...bundledCard(SEG2D), task: 'segmentation-3d' }).includes('/input/shape: segmentation-3d needs 5 dimensions'));
    const cls = bundledCard('reference-lesion-cls');
    assert.deepEqual(problemsOf({ ...cls, labels: cls.labels.slice(0, 2) }), ['/labels: one label per class, values 0 to 2']);
    const seg = bundledCard(SEG2D);
    const { window: _window, ...noWindow } = seg.preprocessing;
    assert.deepEqual(problemsOf({ ...seg, preprocessing: noWindow }), ["/preprocessing/window: required by normalisation 'window'"]);
    assert.deepEqual(problemsOf({ ...seg, postprocessing: { ...seg.postprocessing, connectedComponents: { connectivity: 26, minVoxels: 1 } } }),
      ['/postprocessing/connectedComponents/connectivity: 26 is not a 2-D (4, 8) connectivity']);
  });

  test('a model file whose sha256 differs from its card is refused', async () => {
    const bytes = readFileSync(path.join(BUNDLED_ZOO, 'models', `${SEG2D}.onnx`));
    bytes[bytes.length - 1] ^= 1; // one flipped bit in the last weight
    const root = makeZoo('tampered', { 'seg.json': bundledCard(SEG2D) }, { [`${SEG2D}.onnx`]: bytes });
    await assert.rejects(loadCard(path.join(root, 'cards/seg.json'), root, 'model-dir'), (err: ModelCardError) => {
      assert.equal(err.problems.length, 1);
      assert.match(err.problems[0], /^\/sha256: the file reference-blob-seg2d\.onnx has sha256 [0-9a-f]{64}, the card says [0-9a-f]{64} \(file changed or card out of date\)$/);
      return true;
    });
  });

  test('a card whose model file is missing is refused', async () => {
    const root = makeZoo('missing', { 'seg.json': bundledCard(SEG2D) });
    await assert.rejects(loadCard(path.join(root, 'cards/seg.json'), root, 'model-dir'), /\/file: .*reference-blob-seg2d\.onnx does not exist/);
  });
});

describe('CDSS_MODEL_DIR', () => {
  const hospitalCard = { ...bundledCard(SEG2D), id: 'hospital-nodule-seg', origin: 'external', version: '2.1.0', file: 'nodule.onnx' };

  test('is read from the environment and resolved to an absolute path', () => {
    assert.equal(loadConfig({}).modelDir, null);
    assert.equal(loadConfig({ CDSS_MODEL_DIR: 'zoo' }).modelDir, path.resolve('zoo'));
  });

  test('its cards load the same way as the bundled ones, beside them', async () => {
    const root = makeZoo('hospital', { 'nodule.json': hospitalCard }, { 'nodule.onnx': `${SEG2D}.onnx` });
    const log = logger();
    const models = await loadModelZoo({ modelDir: root, logger: log });
    assert.equal(models.length, bundledCount() + 1);
    const mine = models.at(-1)!;
    assert.equal(mine.card.id, 'hospital-nodule-seg');
    assert.equal(mine.source, 'model-dir');
    assert.equal(mine.path, path.join(root, 'models/nodule.onnx'));
    assert.equal(mine.card.version, '2.1.0');
    assert.equal(log.lines.filter((l) => l.level === 'warn').length, 0);
  });

  test('a bad card there is logged and skipped; the good ones still load', async () => {
    const root = makeZoo('mixed', {
      'a-good.json': hospitalCard,
      'b-broken.json': '{ "id": ',
      'c-clinical-reference.json': { ...hospitalCard, id: 'c-model', origin: 'reference', clinicalUse: true },
      'd-twin.json': hospitalCard,
    }, { 'nodule.onnx': `${SEG2D}.onnx` });
    const log = logger();
    const models = await loadModelZoo({ modelDir: root, logger: log });
    assert.deepEqual(models.map((m) => m.card.id).slice(bundledCount()), ['hospital-nodule-seg']);
    const warnings = log.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    assert.equal(warnings.length, 3);
    assert.match(warnings[0], /^CDSS_MODEL_DIR: 건너뜀 \(skipped\) — .*b-broken\.json: not readable JSON/);
    assert.match(warnings[1], /c-clinical-reference\.json: \/clinicalUse: a reference model is never for clinical use/);
    assert.match(warnings[2], /d-twin\.json: \/id: 'hospital-nodule-seg' is already used by .*a-good\.json/);
  });

  test('a missing folder is a warning, not a failure', async () => {
    const log = logger();
    const models = await loadModelZoo({ modelDir: path.join(temp, 'does-not-exist'), logger: log });
    assert.equal(models.length, bundledCount());
    assert.match(log.lines.find((l) => l.level === 'warn')!.message, /no cards folder/);
  });

  test('a card with a bundled id replaces the bundled model, and says so', async () => {
    const root = makeZoo('replace', { 'seg.json': { ...hospitalCard, id: SEG2D } }, { 'nodule.onnx': `${SEG2D}.onnx` });
    const log = logger();
    const models = await loadModelZoo({ modelDir: root, logger: log });
    const seg = models.find((m) => m.card.id === SEG2D)!;
    assert.equal(seg.source, 'model-dir');
    assert.ok(log.lines.some((l) => l.level === 'info' && l.message.includes(`replaces the bundled model '${SEG2D}'`)));
  });

  test('a bad bundled card stops the node: it ships with the code', async () => {
    const root = makeZoo('bad-bundle', { 'seg.json': { ...bundledCard(SEG2D), sha256: '0'.repeat(64) } }, { [`${SEG2D}.onnx`]: `${SEG2D}.onnx` });
    await assert.rejects(loadModelZoo({ modelDir: null, logger: logger(), bundledDir: root }), /\/sha256: the file/);
    assert.deepEqual((await loadZooDir(root, 'bundled')).models, []);
  });
});

describe('inference settings', () => {
  test('defaults: one worker, cpu, a bounded queue', () => {
    const config = loadConfig({});
    assert.equal(config.inferenceWorkers, 1);
    assert.deepEqual(config.ortProviders, ['cpu']);
    assert.equal(config.inferenceQueue, 64);
    assert.equal(config.inferenceTimeoutMs, 20_000);
  });

  test('providers are a comma list of known names; workers at least one', () => {
    assert.deepEqual(loadConfig({ CDSS_ORT_PROVIDERS: 'CUDA, cpu' }).ortProviders, ['cuda', 'cpu']);
    assert.throws(() => loadConfig({ CDSS_ORT_PROVIDERS: 'gpu' }), /CDSS_ORT_PROVIDERS: unknown provider\(s\) gpu/);
    assert.throws(() => loadConfig({ CDSS_INFERENCE_WORKERS: '0' }), /CDSS_INFERENCE_WORKERS must be at least 1/);
    assert.equal(loadConfig({ CDSS_INFERENCE_QUEUE: '8' }).inferenceQueue, 8);
  });
});

describe('json-schema-lite', () => {
  test('a keyword it does not implement is an error, not a silent pass', () => {
    assert.throws(() => checkSchema(1, { oneOf: [] }), /unsupported keyword 'oneOf'/);
  });

  test('integers are numbers, not the other way round', () => {
    assert.deepEqual(checkSchema(3, { type: 'number' }), []);
    assert.deepEqual(checkSchema(3.5, { type: 'integer' }), [{ path: '', message: 'must be integer, got number' }]);
  });
});
