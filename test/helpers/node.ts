import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadConfig, type CdssConfig } from '../../lib/config.js';
import { startNode, type CdssNode } from '../../services/node.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { HttpClient } from './http.js';

export const TEST_PASSWORD = 'TestPass1234';

export interface TestNode {
  node: CdssNode;
  http: HttpClient;
  database: TestDatabase;
  config: CdssConfig;
  stop(): Promise<void>;
}

/**
 * Starts a whole CDSS node (all actors, demo data) on a fresh database and a random port.
 * `env` overrides CDSS_* variables for the test (automatic AI analysis is off unless it sets CDSS_AI_AUTO).
 */
export async function startTestNode(env: Record<string, string> = {}): Promise<TestNode> {
  const database = await createTestDatabase();
  const config = loadConfig({
    CDSS_PORT: '0',
    CDSS_HOST: '127.0.0.1',
    CDSS_DATA_DIR: database.dataDir,
    CDSS_DB_URL: database.url,
    CDSS_DEMO_PASSWORD: TEST_PASSWORD,
    CDSS_LOG_LEVEL: 'warn',
    CDSS_RATE_LIMIT_LOGIN: '100000',
    CDSS_RATE_LIMIT_LOGIN_ACCOUNT: '100000',
    CDSS_JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
    // Arriving images start no AI analysis unless a test asks (test/integration/ai-analysis.test.ts):
    // the other suites' CT fixtures would otherwise run pipelines and add SEG/SR to their studies.
    CDSS_AI_AUTO: 'none',
    // Nor does the demo chest CT go into the archive: lists and counts start empty as the suites expect.
    CDSS_DEMO_IMAGING: '0',
    ...env,
  });
  const node = await startNode(config);
  const server = (node.broker.getLocalService('api') as unknown as { server: Server }).server;
  const http = new HttpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  await http.waitUntilReady();
  return {
    node, http, database, config,
    async stop() {
      await node.stop();
      await database.drop();
    },
  };
}
