import { ServiceBroker, type ServiceSchema } from 'moleculer';
import { brokerOptions } from '../moleculer.config.js';
import type { CdssConfig } from '../lib/config.js';
import { attachRuntime, type Runtime } from './runtime.js';
import { SERVICES, resolveServices } from './index.js';

export interface CdssNode {
  broker: ServiceBroker;
  runtime: Runtime;
  stop(): Promise<void>;
}

/** Creates a broker hosting the configured actors and starts it. Used by main.ts and the tests. */
export async function startNode(config: CdssConfig): Promise<CdssNode> {
  const broker = new ServiceBroker(brokerOptions(config));
  const runtime = attachRuntime(broker, config);
  for (const name of resolveServices(config.services)) broker.createService(SERVICES[name] as ServiceSchema);
  await broker.start();
  return {
    broker,
    runtime,
    async stop() {
      await broker.stop();
      await runtime.close();
    },
  };
}
