import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadConfig } from '../../lib/config.js';
import { startNode } from '../../services/node.js';
import { serveUntilStopped } from './child.js';

/**
 * The real CDSS node for bench/clinical-scale.ts, configured only through CDSS_* variables. On
 * request it records the SQL that Sequelize sends (between `sql:start` and `sql:stop`), so the
 * bench can replay exactly the statements of a request through bare mysql2 as its baseline.
 * Logging is switched on only while recording: it is off during measured runs. CPU time
 * (`cpu`) and CPU profiles (`profile:start`, `profile:stop`) are answered by serveUntilStopped,
 * as for the other bench servers.
 */
export type ScaleParentMessage = { type: 'sql:start' } | { type: 'sql:stop' };
export type ScaleChildMessage = { type: 'ready'; port: number } | { type: 'sql'; statements: string[] }
  | { type: 'cpu'; userUs: number; systemUs: number } | { type: 'profile:written'; file: string } | { type: 'profile:failed'; error: string };

const node = await startNode(loadConfig(process.env));
const { sequelize } = await node.runtime.database();
// Sequelize's typings omit `options`, which it reads on every query.
const options = (sequelize as unknown as { options: { logging: false | ((sql: string) => void) } }).options;
let recorded: string[] | null = null;
process.on('message', (message: ScaleParentMessage) => {
  if (message.type === 'sql:start') {
    recorded = [];
    // Sequelize reads options.logging on every query; the message is "Executing (<conn>): <sql>".
    options.logging = (sql: string) => { recorded?.push(sql.replace(/^Executing \([^)]*\): /, '')); };
  } else if (message.type === 'sql:stop') {
    options.logging = false;
    process.send!({ type: 'sql', statements: recorded ?? [] } satisfies ScaleChildMessage);
    recorded = null;
  }
});
const server = (node.broker.getLocalService('api') as unknown as { server: Server }).server;
serveUntilStopped((server.address() as AddressInfo).port, () => node.stop());
