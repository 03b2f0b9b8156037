import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ServiceBroker, type Context } from 'moleculer';
import ApiGateway from 'moleculer-web';
import { serveUntilStopped } from './child.js';

/**
 * The baseline: moleculer-web in front of one local action that returns a patient-sized row. No
 * transporter, no logger, no auth, no database — the ceiling our gateway path is compared with.
 */
const broker = new ServiceBroker({ logger: false });

broker.createService({
  name: 'bare',
  actions: {
    get: {
      params: { id: { type: 'number', integer: true, positive: true, convert: true } },
      handler(ctx: Context<{ id: number }>) {
        return {
          id: ctx.params.id, patient_id: `P2025${String(ctx.params.id).padStart(5, '0')}`, name: '홍길동', gender: 'M',
          birth_date: '1970-01-01', phone: '010-0000-0000', address: '서울특별시 예시로 1', department: 'PULMONOLOGY',
          created_at: '2025-01-01T00:00:00.000Z', updated_at: '2025-01-01T00:00:00.000Z',
        };
      },
    },
  },
});

broker.createService({
  name: 'api',
  mixins: [ApiGateway],
  settings: {
    port: Number(process.env.BENCH_PORT ?? 0),
    ip: '127.0.0.1',
    routes: [{ path: '/api', aliases: { 'GET bare/:id': 'bare.get' }, mappingPolicy: 'restrict' }],
  },
});

await broker.start();
const server = (broker.getLocalService('api') as unknown as { server: Server }).server;
serveUntilStopped((server.address() as AddressInfo).port, () => broker.stop());
