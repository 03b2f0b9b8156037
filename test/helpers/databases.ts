import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';

export const MARIADB_SERVER = process.env.CDSS_TEST_MARIADB_URL || 'mysql://root@127.0.0.1:3306';
export const REDIS_URL = process.env.CDSS_TEST_REDIS_URL || 'redis://127.0.0.1:6379';
/** In CI a missing MariaDB, Redis or browser fails the run instead of skipping tests. */
export const REQUIRE_SERVICES = process.env.CDSS_REQUIRE_SERVICES === '1';
/** Which database the integration suite runs on: `sqlite` (default) or `mariadb`. */
export const TEST_DB = (process.env.CDSS_TEST_DB || 'sqlite') as 'sqlite' | 'mariadb';

export interface TestDatabase {
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, empty database for one test file: a temp SQLite file, or a new MariaDB schema. */
export async function createTestDatabase(kind: 'sqlite' | 'mariadb' = TEST_DB): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cdss-test-'));
  if (kind === 'sqlite') {
    return { url: `sqlite:${path.join(dataDir, 'cdss.sqlite')}`, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `cdss_t_${randomBytes(5).toString('hex')}`;
  const admin = await mysql.createConnection(MARIADB_SERVER);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    url: `${MARIADB_SERVER.replace(/\/$/, '')}/${name}`,
    dataDir,
    async drop() {
      const conn = await mysql.createConnection(MARIADB_SERVER);
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** True when MariaDB answers; throws instead when services are required. */
export async function mariadbAvailable(): Promise<boolean> {
  try {
    const conn = await mysql.createConnection({ uri: MARIADB_SERVER, connectTimeout: 2000 });
    await conn.end();
    return true;
  } catch (err) {
    if (REQUIRE_SERVICES) throw new Error(`MariaDB is required (CDSS_REQUIRE_SERVICES=1) but unreachable at ${MARIADB_SERVER}: ${(err as Error).message}`);
    return false;
  }
}
