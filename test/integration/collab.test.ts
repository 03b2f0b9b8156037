import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import * as Y from 'yjs';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { REDIS_URL, REQUIRE_SERVICES } from '../helpers/databases.js';
import { CollabCompactor } from '../../services/realtime/collab-compaction.js';
import { closedBy, collabSettings, connect, disconnect, registerTestDocumentType, synced, until, upgradeStatus, wsBase } from '../helpers/collab.js';

registerTestDocumentType();

describe('collaboration server (/ws/collab, y-websocket protocol)', () => {
  let node: TestNode;
  let base: string;
  let doctor: string;
  let nurse: string;
  let radtech: string;

  before(async () => {
    node = await startTestNode();
    base = wsBase(node.http);
    doctor = (await node.http.loginStaff('doctor.pulmo', TEST_PASSWORD)).accessToken;
    nurse = (await node.http.loginStaff('nurse', TEST_PASSWORD)).accessToken;
    radtech = (await node.http.loginStaff('radtech', TEST_PASSWORD)).accessToken;
  });

  after(async () => {
    await node?.stop();
  });

  async function pendingRows(docName: string): Promise<number> {
    const { models } = await node.node.runtime.database();
    const doc = await models.CollabDocument.findOne({ where: { name: docName }, attributes: ['id'] });
    return doc ? models.CollabUpdate.count({ where: { document_id: doc.id } }) : 0;
  }

  test('two editors converge and a late joiner gets the full state', async () => {
    const a = connect(base, 'test:1', doctor);
    const b = connect(base, 'test:1', doctor);
    try {
      await Promise.all([synced(a), synced(b)]);
      assert.equal(a.text.toString(), '문서 1\n');
      a.text.insert(a.text.length, '우상엽 결절 ');
      await until(() => b.text.toString().includes('우상엽 결절'), 5000, 'b sees a');
      b.text.insert(b.text.length, '6 mm');
      await until(() => a.text.toString().endsWith('6 mm'), 5000, 'a sees b');
      assert.equal(a.text.toString(), b.text.toString());
      const late = connect(base, 'test:1', doctor);
      try {
        await synced(late);
        assert.equal(late.text.toString(), '문서 1\n우상엽 결절 6 mm');
      } finally {
        disconnect(late);
      }
    } finally {
      disconnect(a, b);
    }
  });

  test('presence (awareness) reaches the other clients', async () => {
    const a = connect(base, 'test:5', doctor);
    const b = connect(base, 'test:5', nurse);
    try {
      await Promise.all([synced(a), synced(b)]);
      a.provider.awareness.setLocalStateField('user', { name: '김호흡' });
      await until(() => [...b.provider.awareness.getStates().values()].some((s) => s.user?.name === '김호흡'), 5000, 'awareness');
    } finally {
      disconnect(a, b);
    }
  });

  test('refused before any socket: no token 401, another role 403, unknown documents 404', async () => {
    assert.equal(await upgradeStatus(`${base}/test:1`), 401);
    assert.equal(await upgradeStatus(`${base}/test:1?token=not-a-token`), 401);
    assert.equal(await upgradeStatus(`${base}/test:1?token=${radtech}`), 403);
    assert.equal(await upgradeStatus(`${base}/test:999?token=${doctor}`), 404);
    assert.equal(await upgradeStatus(`${base}/nope:1?token=${doctor}`), 404);
    assert.equal(await upgradeStatus(`${base}/test:abc?token=${doctor}`), 404);
    assert.equal(await upgradeStatus(`${node.http.baseUrl.replace(/^http/, 'ws')}/ws/other?token=${doctor}`), 404);
    // The token may also travel as a subprotocol, out of the URL.
    assert.equal(await upgradeStatus(`${base}/test:1`, ['cdss', doctor]), 101);
    const { models } = await node.node.runtime.database();
    const audited = await models.ActivityLog.findAll({ where: { resource_type: 'CollabDocument', resource_id: 'test:1', outcome: 'denied' } });
    assert.ok(audited.some((row) => row.role === 'radiology_technician'), 'the refusal is audited');
  });

  test('a reader sees edits but its own edits are not applied', async () => {
    const editor = connect(base, 'test:6', doctor);
    const reader = connect(base, 'test:6', nurse);
    try {
      await Promise.all([synced(editor), synced(reader)]);
      reader.text.insert(0, '간호사 메모 ');
      editor.text.insert(editor.text.length, '소견');
      await until(() => reader.text.toString().includes('소견'), 5000, 'reader sees the editor');
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(editor.text.toString(), '문서 6\n소견');
      const late = connect(base, 'test:6', doctor);
      await synced(late);
      assert.equal(late.text.toString(), '문서 6\n소견');
      disconnect(late);
    } finally {
      disconnect(editor, reader);
    }
  });

  test('a document over the size limit is refused with a clear close reason', async () => {
    const settings = collabSettings(node);
    const saved = settings.maxDocBytes;
    settings.maxDocBytes = 16 * 1024;
    const a = connect(base, 'test:7', doctor);
    try {
      await synced(a);
      a.text.insert(a.text.length, 'a'.repeat(4000));
      const closed = closedBy(a);
      a.text.insert(a.text.length, 'b'.repeat(20_000));
      const { code, reason } = await closed;
      assert.equal(code, 4413);
      assert.match(reason, /document too large/);
      const check = connect(base, 'test:7', doctor);
      await synced(check);
      assert.equal(check.text.length, '문서 7\n'.length + 4000);
      disconnect(check);
    } finally {
      settings.maxDocBytes = saved;
      disconnect(a);
    }
  });

  test('an update flood is refused with a clear close reason', async () => {
    const settings = collabSettings(node);
    const saved = { ...settings };
    Object.assign(settings, { updatesPerSecond: 5, updateBurst: 20 });
    const a = connect(base, 'test:8', doctor);
    try {
      await synced(a);
      const closed = closedBy(a);
      for (let i = 0; i < 200; i++) a.text.insert(a.text.length, 'x');
      const { code, reason } = await closed;
      assert.equal(code, 4429);
      assert.match(reason, /too many updates/);
    } finally {
      Object.assign(settings, { updatesPerSecond: saved.updatesPerSecond, updateBurst: saved.updateBurst });
      disconnect(a);
    }
  });

  test('a locked document takes no edits until it is unlocked; lock answers the final state', async () => {
    const a = connect(base, 'test:10', doctor);
    const b = connect(base, 'test:10', doctor);
    try {
      await Promise.all([synced(a), synced(b)]);
      a.text.insert(a.text.length, '최종');
      await until(() => b.text.toString().endsWith('최종'), 5000, 'b sees the edit');
      const locked = await node.node.broker.call<{ state: string; locked: boolean }, { docName: string }>('collab.lock', { docName: 'test:10' });
      const final = new Y.Doc();
      Y.applyUpdate(final, new Uint8Array(Buffer.from(locked.state, 'base64')));
      assert.equal(final.getText('body').toString(), '문서 10\n최종');
      a.text.insert(a.text.length, ' 수정');
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(b.text.toString(), '문서 10\n최종');
      await node.node.broker.call('collab.unlock', { docName: 'test:10' });
      b.text.insert(b.text.length, ' 추가');
      // a still holds its own refused edit locally: the new one lands next to it.
      await until(() => a.text.toString().includes(' 추가'), 5000, 'edits flow again after unlock');
    } finally {
      disconnect(a, b);
    }
  });

  test('logging out closes the session\'s sockets', async () => {
    const session = await node.http.loginStaff('doctor.pulmo', TEST_PASSWORD);
    const a = connect(base, 'test:11', session.accessToken);
    try {
      await synced(a);
      const closed = closedBy(a);
      assert.equal((await node.http.post('/api/v1/auth/logout', undefined, { token: session.accessToken })).status, 200);
      assert.equal((await closed).code, 4401);
    } finally {
      disconnect(a);
    }
  });

  test('two compactions of one document: the later one finds its rows merged and writes nothing', async () => {
    const a = connect(base, 'test:12', doctor);
    try {
      await synced(a);
      // One stored update row per word: each waits for the previous one to be written.
      for (const [n, word] of ['가', '나', '다'].entries()) {
        a.text.insert(a.text.length, word);
        for (let tries = 0; (await pendingRows('test:12')) <= n; tries++) {
          assert.ok(tries < 100, `update ${word} stored`);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    } finally {
      disconnect(a);
    }
    const { sequelize } = await node.node.runtime.database();
    const first = new CollabCompactor(sequelize, () => undefined);
    const second = new CollabCompactor(sequelize, () => undefined);
    // Both merge the same rows before either writes (as two nodes would).
    const [planA, planB] = await Promise.all([first.prepare('test:12'), second.prepare('test:12')]);
    assert.ok(planA && planB);
    assert.equal(await first.commit(planA), true);
    assert.equal(await second.commit(planB), false);
    const { models } = await node.node.runtime.database();
    const stored = await models.CollabDocument.findOne({ where: { name: 'test:12' } });
    assert.equal(stored?.pending_updates, await pendingRows('test:12'));
    const late = connect(base, 'test:12', doctor);
    try {
      await synced(late);
      assert.equal(late.text.toString(), '문서 12\n가나다');
    } finally {
      disconnect(late);
    }
  });

  test('updates are compacted, authors counted, and the text survives a restart of the node', async () => {
    const settings = collabSettings(node);
    const saved = settings.compactEvery;
    settings.compactEvery = 5;
    const a = connect(base, 'test:9', doctor);
    const b = connect(base, 'test:9', doctor);
    try {
      await Promise.all([synced(a), synced(b)]);
      for (let i = 0; i < 12; i++) {
        a.text.insert(a.text.length, `${i};`);
        await until(() => b.text.toString().endsWith(`${i};`), 5000, `update ${i}`);
      }
    } finally {
      settings.compactEvery = saved;
      disconnect(a, b);
    }
    const expected = `문서 9\n${Array.from({ length: 12 }, (_, i) => `${i};`).join('')}`;
    const { models } = await node.node.runtime.database();
    const stored = await models.CollabDocument.findOne({ where: { name: 'test:9' } });
    assert.equal(stored?.version, 12);
    let pending = 12;
    for (let i = 0; i < 100 && pending >= 12; i++) {
      pending = await models.CollabUpdate.count({ where: { document_id: stored!.id } });
      if (pending >= 12) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(pending < 12, `compacted (${pending} update rows left)`);
    const contributors = await node.node.broker.call<{ userId: number; updates: number }[], { docName: string }>('collab.contributors', { docName: 'test:9' });
    assert.equal(contributors.length, 1);
    assert.equal(contributors[0].updates, 12);

    await node.node.stop();
    const restarted = await startTestNode({ CDSS_DB_URL: node.config.dbUrl, CDSS_DATA_DIR: node.config.dataDir });
    try {
      const token = (await restarted.http.loginStaff('doctor.pulmo', TEST_PASSWORD)).accessToken;
      const c = connect(wsBase(restarted.http), 'test:9', token);
      await synced(c);
      assert.equal(c.text.toString(), expected);
      disconnect(c);
    } finally {
      await restarted.stop();
      await node.database.drop();
      node = undefined as unknown as TestNode;
    }
  });
});

/** Redis answers; a missing Redis skips the two-node test unless services are required. */
async function redisAvailable(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.quit();
    return true;
  } catch (err) {
    if (REQUIRE_SERVICES) throw err;
    redis.disconnect();
    return false;
  }
}

describe('collaboration across two gateway nodes over Redis', { skip: (await redisAvailable()) ? false : `Redis unreachable at ${REDIS_URL}` }, () => {
  let full: TestNode;
  let gateway: TestNode;

  before(async () => {
    const cluster = { CDSS_TRANSPORTER: REDIS_URL, CDSS_NAMESPACE: `cdss-collab-${randomBytes(4).toString('hex')}` };
    full = await startTestNode({ ...cluster, CDSS_NODE_ID: 'collab-full' });
    gateway = await startTestNode({ ...cluster, CDSS_NODE_ID: 'collab-gateway', CDSS_SERVICES: 'gateway' });
    // Discovery is not instant both ways: the full node must know the gateway before it broadcasts to it.
    const registry = full.node.broker.registry as unknown as { getNodeList(o: object): { id: string }[] };
    await until(() => registry.getNodeList({ onlyAvailable: true, withServices: false }).some((n) => n.id === 'collab-gateway'), 15_000, 'discovery');
  });

  after(async () => {
    await gateway?.stop();
    await full?.stop();
  });

  test('clients on different nodes converge and see each other\'s presence', async () => {
    const token = (await gateway.http.loginStaff('doctor.pulmo', TEST_PASSWORD)).accessToken;
    const a = connect(wsBase(full.http), 'test:21', token);
    const b = connect(wsBase(gateway.http), 'test:21', token);
    try {
      await Promise.all([synced(a), synced(b)]);
      a.text.insert(a.text.length, '노드 A ');
      await until(() => b.text.toString().includes('노드 A'), 10_000, 'b sees a across nodes');
      b.text.insert(b.text.length, '노드 B');
      await until(() => a.text.toString().endsWith('노드 B'), 10_000, 'a sees b across nodes');
      assert.equal(a.text.toString(), '문서 21\n노드 A 노드 B');
      b.provider.awareness.setLocalStateField('user', { name: 'B' });
      await until(() => [...a.provider.awareness.getStates().values()].some((s) => s.user?.name === 'B'), 10_000, 'awareness across nodes');
    } finally {
      disconnect(a, b);
    }
  });

  test('an update whose event was lost is caught up from storage once a later one arrives', async () => {
    const login = await gateway.http.loginStaff('doctor.pulmo', TEST_PASSWORD);
    const a = connect(wsBase(full.http), 'test:22', login.accessToken);
    const b = connect(wsBase(gateway.http), 'test:22', login.accessToken);
    try {
      await Promise.all([synced(a), synced(b)]);
      // Stored on the full node but never published: what a node that dies between the two leaves behind.
      const lost = new Y.Doc();
      Y.applyUpdate(lost, Y.encodeStateAsUpdate(a.doc));
      lost.getText('body').insert(0, '[유실] ');
      const update = Y.encodeStateAsUpdate(lost, Y.encodeStateVector(a.doc));
      const author = (await (await full.node.runtime.database()).models.AuthUser.findOne({ where: { username: 'doctor.pulmo' } }))!;
      await full.node.broker.call('collab.append', { docName: 'test:22', update: Buffer.from(update).toString('base64') },
        { meta: { user: { id: author.id, realm: 'staff', role: author.role, sessionId: 'test' } } });
      assert.ok(!b.text.toString().includes('[유실]'), 'the gateway has not heard of it');
      // The next edit through the full node carries a version the gateway sees past a gap.
      a.text.insert(a.text.length, ' 다음');
      await until(() => b.text.toString().endsWith(' 다음'), 10_000, 'b sees the next edit');
      await until(() => b.text.toString().startsWith('[유실] '), 10_000, 'b catches up the lost edit from storage');
      assert.equal(b.text.toString(), '[유실] 문서 22\n 다음');
    } finally {
      disconnect(a, b);
    }
  });
});
