import { loadConfig } from './lib/config.js';
import { startNode } from './services/node.js';

/** Entry point: `npm start` (built) or `npm run dev` (tsx watch). */
const config = loadConfig();
const node = await startNode(config);
if (node.broker.getLocalService('api')) {
  node.broker.logger.info(`CDSS listening on http://localhost:${config.port} (database: ${config.dbUrl.split(':')[0]}, transporter: ${config.transporter ?? 'none'})`);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    node.stop().then(() => process.exit(0), (err) => {
      console.error(err);
      process.exit(1);
    });
  });
}
