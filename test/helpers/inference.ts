import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ServiceBroker, type ServiceSchema } from 'moleculer';
import { loadConfig } from '../../lib/config.js';
import { brokerOptions } from '../../moleculer.config.js';
import { attachRuntime } from '../../services/runtime.js';
import InferenceService from '../../services/ai/inference.service.js';

/** Asserts a Moleculer error's code, type and (optionally) message. */
export type Failure = Error & { code: number; type: string; data?: { retryAfter?: number; expected?: number[] } };
export const failsWith = (code: number, type: string, message?: RegExp) => (err: Failure) => {
  assert.equal(err.type, type, err.message);
  assert.equal(err.code, code);
  if (message) assert.match(err.message, message);
  return true;
};

/**
 * A real broker (moleculer.config.ts's options, metrics on) hosting only the inference actor,
 * with its test hook set as given: the pool's behaviour without the rest of CDSS.
 */
export async function inferenceNode(env: Record<string, string>, testHooks: boolean): Promise<{ broker: ServiceBroker; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cdss-inference-'));
  const config = loadConfig({ CDSS_LOG_LEVEL: 'error', CDSS_DATA_DIR: dataDir, ...env });
  const broker = new ServiceBroker({ ...brokerOptions(config), nodeID: `inference-test-${process.pid}`, metrics: { enabled: true, reporter: [] } });
  attachRuntime(broker, config);
  // The hook is a schema setting: tests replace it here; configuration and requests cannot.
  broker.createService({ ...InferenceService, settings: { ...InferenceService.settings, testHooks } } as ServiceSchema);
  await broker.start();
  return { broker, async stop() { await broker.stop(); rmSync(dataDir, { recursive: true, force: true }); } };
}
