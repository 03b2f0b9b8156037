import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadConfig } from '../../lib/config.js';
import { startNode } from '../../services/node.js';
import { serveUntilStopped } from './child.js';

/** The real CDSS node, configured only through the CDSS_* variables the parent sets. */
const node = await startNode(loadConfig(process.env));
const server = (node.broker.getLocalService('api') as unknown as { server: Server }).server;
serveUntilStopped((server.address() as AddressInfo).port, () => node.stop());
