import path from 'node:path';
import { PIPELINE_IDS, type PipelineId } from './ai/pipeline/types.js';

/**
 * Every setting CDSS reads comes from the environment through this one function, so the README's
 * table and the code cannot drift apart. Defaults are the embedded mode: one process, SQLite, no
 * transporter.
 */
export interface CdssConfig {
  port: number;
  host: string;
  dataDir: string;
  dbUrl: string;
  transporter: string | null;
  cacher: string | null;
  services: string[] | null;
  jwtSecret: string | null;
  jwtKeyFile: string | null;
  fieldKey: string | null;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  demo: boolean;
  demoPassword: string | null;
  /** With demo data: store a synthetic chest CT in the empty archive at start, so the AI analysis has a study to show. */
  demoImaging: boolean;
  logLevel: string;
  nodeId: string | null;
  namespace: string;
  rateLimitLogin: number;
  rateLimitLoginAccount: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  bodyLimit: string;
  trustProxy: boolean;
  /** Folder of DICOM Modality Worklist files (`<accession>.wl`) that Orthanc's worklist plugin serves. */
  worklistDir: string;
  /** Which archive holds the images: the built-in one (files + index table) or an Orthanc server. */
  pacs: 'builtin' | 'orthanc';
  /** Orthanc's REST base URL (its DICOMweb plugin answers under `<url>/dicom-web`). */
  orthancUrl: string;
  orthancUser: string | null;
  orthancPassword: string | null;
  /** Quiet time after a study's last instance before `study.stable` (built-in archive; Orthanc uses its own StableAge). */
  pacsStableSeconds: number;
  /** Largest DICOM request body (a STOW-RS request or an upload), and so the largest instance, in bytes. */
  dicomMaxBytes: number;
  /** A hospital's model zoo (`cards/*.json` + `models/*.onnx`), loaded beside the bundled reference models. */
  modelDir: string | null;
  /** Inference worker threads, each with its own ONNX Runtime sessions (one intra-op thread each). */
  inferenceWorkers: number;
  /** Jobs that may wait for a worker; one more is refused with 503 and a retry-after. */
  inferenceQueue: number;
  /** Default per-job limit (queue wait + run), ms. */
  inferenceTimeoutMs: number;
  /** ONNX Runtime execution providers, in order of preference (`cuda,cpu` on GPU nodes). */
  ortProviders: string[];
  /** Linux nice value of the inference threads (0–19): inference yields the CPU to the API's event loop. */
  inferenceNice: number;
  /** Which department AI pipelines analyse arriving images on their own: all, none, or the pipeline ids listed. */
  aiAuto: 'all' | 'none' | PipelineId[];
}

export const ORT_PROVIDERS = ['cpu', 'cuda', 'tensorrt', 'dml', 'coreml', 'webgpu'] as const;

function providers(value: string | undefined): string[] {
  const list = (value ?? '').split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);
  const unknown = list.filter((p) => !(ORT_PROVIDERS as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`CDSS_ORT_PROVIDERS: unknown provider(s) ${unknown.join(', ')} (known: ${ORT_PROVIDERS.join(', ')})`);
  return list.length ? [...new Set(list)] : ['cpu'];
}

function atLeastOne(value: number, name: string): number {
  if (value < 1) throw new Error(`${name} must be at least 1`);
  return value;
}

function int(value: string | undefined, fallback: number, name: string, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || parsed > max) throw new Error(`${name} must be an integer from 0 to ${max}, got '${value}'`);
  return parsed;
}

const FALSE_WORDS = ['0', 'false', 'no', 'off'];

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, name: string): T {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '') return fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new Error(`${name} must be one of ${allowed.join(', ')}, got '${value}'`);
  return v as T;
}

function optional(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' || value === 'none' ? null : value.trim();
}

/** CDSS_AI_AUTO: `all` (default), `none`, or a comma list of pipeline ids (lib/ai/pipeline/types.ts). */
function aiAuto(value: string | undefined): CdssConfig['aiAuto'] {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === 'all') return 'all';
  if (v === 'none') return 'none';
  const list = [...new Set(v.split(',').map((p) => p.trim()).filter(Boolean))];
  const unknown = list.filter((p) => !(PIPELINE_IDS as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`CDSS_AI_AUTO: unknown pipeline(s) ${unknown.join(', ')} (all, none, or some of ${PIPELINE_IDS.join(', ')})`);
  return list as PipelineId[];
}

/** Reads the CDSS_* variables (see README "Configuration"). Throws on malformed values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): CdssConfig {
  const dataDir = path.resolve(env.CDSS_DATA_DIR || './data');
  const services = env.CDSS_SERVICES?.trim() || null;
  return {
    port: int(env.CDSS_PORT, 3000, 'CDSS_PORT', 65535),
    host: env.CDSS_HOST || '0.0.0.0',
    dataDir,
    dbUrl: optional(env.CDSS_DB_URL) ?? `sqlite:${path.join(dataDir, 'cdss.sqlite')}`,
    transporter: optional(env.CDSS_TRANSPORTER),
    cacher: optional(env.CDSS_CACHER),
    services: services && services !== 'all' ? services.split(',').map((s) => s.trim()).filter(Boolean) : null,
    jwtSecret: optional(env.CDSS_JWT_SECRET),
    jwtKeyFile: optional(env.CDSS_JWT_KEY_FILE),
    fieldKey: optional(env.CDSS_FIELD_KEY),
    accessTokenTtlSeconds: int(env.CDSS_ACCESS_TOKEN_TTL, 900, 'CDSS_ACCESS_TOKEN_TTL'),
    refreshTokenTtlSeconds: int(env.CDSS_REFRESH_TOKEN_TTL, 7 * 24 * 3600, 'CDSS_REFRESH_TOKEN_TTL'),
    demo: !FALSE_WORDS.includes((env.CDSS_DEMO ?? '').trim().toLowerCase()),
    demoPassword: optional(env.CDSS_DEMO_PASSWORD),
    demoImaging: !FALSE_WORDS.includes((env.CDSS_DEMO_IMAGING ?? '').trim().toLowerCase()),
    logLevel: env.CDSS_LOG_LEVEL || 'info',
    nodeId: optional(env.CDSS_NODE_ID),
    namespace: env.CDSS_NAMESPACE || 'cdss',
    rateLimitLogin: int(env.CDSS_RATE_LIMIT_LOGIN, 30, 'CDSS_RATE_LIMIT_LOGIN'),
    rateLimitLoginAccount: int(env.CDSS_RATE_LIMIT_LOGIN_ACCOUNT, 10, 'CDSS_RATE_LIMIT_LOGIN_ACCOUNT'),
    lockoutThreshold: int(env.CDSS_LOCKOUT_THRESHOLD, 5, 'CDSS_LOCKOUT_THRESHOLD'),
    lockoutMinutes: int(env.CDSS_LOCKOUT_MINUTES, 15, 'CDSS_LOCKOUT_MINUTES'),
    bodyLimit: env.CDSS_BODY_LIMIT || '1mb',
    trustProxy: ['1', 'true', 'yes', 'on'].includes((env.CDSS_TRUST_PROXY ?? '').trim().toLowerCase()),
    worklistDir: path.resolve(env.CDSS_WORKLIST_DIR || path.join(dataDir, 'worklists')),
    pacs: oneOf(env.CDSS_PACS, ['builtin', 'orthanc'] as const, 'builtin', 'CDSS_PACS'),
    orthancUrl: (optional(env.CDSS_ORTHANC_URL) ?? 'http://127.0.0.1:8042').replace(/\/+$/, ''),
    orthancUser: optional(env.CDSS_ORTHANC_USER),
    orthancPassword: optional(env.CDSS_ORTHANC_PASSWORD),
    pacsStableSeconds: int(env.CDSS_PACS_STABLE_SECONDS, 5, 'CDSS_PACS_STABLE_SECONDS', 86_400),
    dicomMaxBytes: int(env.CDSS_DICOM_MAX_BYTES, 256 * 1024 * 1024, 'CDSS_DICOM_MAX_BYTES', 2 * 1024 * 1024 * 1024),
    modelDir: optional(env.CDSS_MODEL_DIR) === null ? null : path.resolve(env.CDSS_MODEL_DIR!.trim()),
    inferenceWorkers: atLeastOne(int(env.CDSS_INFERENCE_WORKERS, 1, 'CDSS_INFERENCE_WORKERS', 64), 'CDSS_INFERENCE_WORKERS'),
    inferenceQueue: atLeastOne(int(env.CDSS_INFERENCE_QUEUE, 64, 'CDSS_INFERENCE_QUEUE', 100_000), 'CDSS_INFERENCE_QUEUE'),
    inferenceTimeoutMs: atLeastOne(int(env.CDSS_INFERENCE_TIMEOUT_MS, 20_000, 'CDSS_INFERENCE_TIMEOUT_MS', 600_000), 'CDSS_INFERENCE_TIMEOUT_MS'),
    ortProviders: providers(env.CDSS_ORT_PROVIDERS),
    inferenceNice: int(env.CDSS_INFERENCE_NICE, 10, 'CDSS_INFERENCE_NICE', 19),
    aiAuto: aiAuto(env.CDSS_AI_AUTO),
  };
}
