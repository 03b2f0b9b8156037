import os from 'node:os';
import type { BrokerOptions } from 'moleculer';
import { VALIDATION_MESSAGES } from './lib/http/validation-messages.js';
import type { CdssConfig } from './lib/config.js';

/**
 * Broker options from configuration. Embedded mode: no transporter (all actors in one process).
 * Cluster mode: CDSS_TRANSPORTER=redis://… and, optionally, CDSS_CACHER=redis://… or Memory.
 */
export function brokerOptions(config: CdssConfig): BrokerOptions {
  return {
    namespace: config.namespace,
    nodeID: config.nodeId ?? `${os.hostname()}-${process.pid}`,
    transporter: config.transporter ?? undefined,
    cacher: config.cacher ?? undefined,
    serializer: 'JSON',
    logger: { type: 'Console', options: { level: config.logLevel, formatter: 'short', colors: process.stdout.isTTY } },
    requestTimeout: 30_000,
    retryPolicy: { enabled: false },
    // A slow or dead node must not take callers down with it.
    circuitBreaker: { enabled: Boolean(config.transporter), threshold: 0.5, minRequestCount: 20, windowTime: 60, halfOpenTime: 10_000 },
    bulkhead: { enabled: true, concurrency: 200, maxQueueSize: 2000 },
    registry: { strategy: 'RoundRobin', preferLocal: true },
    tracking: { enabled: true, shutdownTimeout: 10_000 },
    metrics: { enabled: false },
    tracing: { enabled: false },
    errorRegenerator: undefined,
    // Every action's params are checked by fastest-validator; its messages in Korean first.
    validator: { type: 'Fastest', options: { messages: VALIDATION_MESSAGES } } as BrokerOptions['validator'],
  };
}
