import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Errors } from 'moleculer';
import { errorBody } from '../../services/gateway/errors.js';

test('a full inference queue reaches the client as 503 INFERENCE_BUSY with Retry-After', () => {
  const busy = new Errors.MoleculerClientError('추론 대기열이 가득 찼습니다 (inference queue full)', 503, 'INFERENCE_BUSY', { retryAfter: 3 });
  const { status, body, headers } = errorBody(busy, 'req-1');
  assert.equal(status, 503);
  assert.equal(headers['Retry-After'], '3');
  assert.deepEqual(body.error, { type: 'INFERENCE_BUSY', message: busy.message, details: { retryAfter: 3 }, requestId: 'req-1' });
});

test('other server errors stay opaque: no message, no details, only the request id', () => {
  const crash = new Errors.MoleculerError('ECONNREFUSED 127.0.0.1:3306 (secret)', 500, 'DB_DOWN', { host: '127.0.0.1' });
  const { status, body, headers } = errorBody(crash, 'req-2');
  assert.equal(status, 500);
  assert.deepEqual(headers, {});
  assert.deepEqual(body.error, { type: 'INTERNAL_ERROR', message: '서버 오류가 발생했습니다. 요청 ID로 문의하세요 (internal error)', requestId: 'req-2' });
  // A 503 without a retry hint (a dependency down) is a fault too, not a "busy".
  const down = errorBody(new Errors.MoleculerError('orthanc down', 503, 'PACS_DOWN'), 'req-3');
  assert.equal(down.status, 503);
  assert.equal(down.body.error.type, 'INTERNAL_ERROR');
  assert.equal(down.headers['Retry-After'], undefined);
});
