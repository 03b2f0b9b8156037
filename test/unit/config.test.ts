import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadConfig } from '../../lib/config.js';

describe('loadConfig', () => {
  test('an empty environment gives the embedded defaults', () => {
    const config = loadConfig({});
    const dataDir = path.resolve('./data');
    assert.equal(config.port, 3000);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.dataDir, dataDir);
    assert.equal(config.dbUrl, `sqlite:${path.join(dataDir, 'cdss.sqlite')}`);
    assert.equal(config.services, null);
    assert.equal(config.transporter, null);
    assert.equal(config.cacher, null);
    assert.equal(config.demo, true);
    assert.equal(config.jwtSecret, null);
    assert.equal(config.accessTokenTtlSeconds, 900);
    assert.equal(config.refreshTokenTtlSeconds, 604_800);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.namespace, 'cdss');
    assert.equal(config.rateLimitLogin, 30);
    assert.equal(config.rateLimitLoginAccount, 10);
    assert.equal(config.lockoutThreshold, 5);
    assert.equal(config.lockoutMinutes, 15);
    assert.equal(config.bodyLimit, '1mb');
  });

  test('the SQLite file lives under CDSS_DATA_DIR', () => {
    const config = loadConfig({ CDSS_DATA_DIR: '/var/lib/cdss' });
    assert.equal(config.dataDir, '/var/lib/cdss');
    assert.equal(config.dbUrl, 'sqlite:/var/lib/cdss/cdss.sqlite');
  });

  test('CDSS_DB_URL replaces the SQLite default', () => {
    const url = 'mysql://cdss:pw@db:3306/cdss';
    assert.equal(loadConfig({ CDSS_DB_URL: url }).dbUrl, url);
  });

  test('CDSS_SERVICES=all means every service', () => {
    assert.equal(loadConfig({ CDSS_SERVICES: 'all' }).services, null);
    assert.equal(loadConfig({ CDSS_SERVICES: '' }).services, null);
  });

  test('CDSS_SERVICES lists names separated by commas, trimmed', () => {
    assert.deepEqual(loadConfig({ CDSS_SERVICES: 'gateway,emr' }).services, ['gateway', 'emr']);
    assert.deepEqual(loadConfig({ CDSS_SERVICES: ' gateway , identity,,emr ' }).services, ['gateway', 'identity', 'emr']);
  });

  test('CDSS_DEMO=0 or false turns the demo off', () => {
    assert.equal(loadConfig({ CDSS_DEMO: '0' }).demo, false);
    assert.equal(loadConfig({ CDSS_DEMO: 'false' }).demo, false);
    assert.equal(loadConfig({ CDSS_DEMO: '1' }).demo, true);
  });

  test('CDSS_PORT is read as an integer', () => {
    assert.equal(loadConfig({ CDSS_PORT: '8080' }).port, 8080);
    assert.equal(loadConfig({ CDSS_PORT: '' }).port, 3000);
  });

  test('a malformed CDSS_PORT throws an error naming the variable and the value', () => {
    for (const value of ['abc', '80a', '-1', '3000.5']) {
      assert.throws(() => loadConfig({ CDSS_PORT: value }), (err: Error) => {
        assert.match(err.message, /CDSS_PORT/);
        assert.ok(err.message.includes(`'${value}'`), err.message);
        assert.match(err.message, /must be an integer/);
        return true;
      });
    }
  });

  test('other numeric settings are validated the same way', () => {
    assert.throws(() => loadConfig({ CDSS_ACCESS_TOKEN_TTL: 'soon' }), /CDSS_ACCESS_TOKEN_TTL/);
    assert.throws(() => loadConfig({ CDSS_LOCKOUT_THRESHOLD: '-3' }), /CDSS_LOCKOUT_THRESHOLD/);
    assert.equal(loadConfig({ CDSS_RATE_LIMIT_LOGIN: '0' }).rateLimitLogin, 0);
  });

  test("'none' or blank turns a transporter or cacher off", () => {
    assert.equal(loadConfig({ CDSS_TRANSPORTER: 'none' }).transporter, null);
    assert.equal(loadConfig({ CDSS_TRANSPORTER: '   ' }).transporter, null);
    assert.equal(loadConfig({ CDSS_CACHER: 'none' }).cacher, null);
  });

  test('a transporter URL is kept, trimmed', () => {
    assert.equal(loadConfig({ CDSS_TRANSPORTER: ' redis://redis:6379 ' }).transporter, 'redis://redis:6379');
    assert.equal(loadConfig({ CDSS_CACHER: 'Memory' }).cacher, 'Memory');
  });

  test('the environment passed in is read, not process.env', () => {
    const previous = process.env.CDSS_PORT;
    process.env.CDSS_PORT = '4321';
    try {
      assert.equal(loadConfig({}).port, 3000);
      assert.equal(loadConfig().port, 4321);
    } finally {
      if (previous === undefined) delete process.env.CDSS_PORT;
      else process.env.CDSS_PORT = previous;
    }
  });
});
