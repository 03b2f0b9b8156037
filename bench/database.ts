import { randomBytes } from 'node:crypto';
import path from 'node:path';
import mysql from 'mysql2/promise';

export type BenchDb = 'sqlite' | 'mariadb';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database for one bench run: a SQLite file in `dataDir`, or a new `cdss_bench_<random>` schema. */
export async function createBenchDatabase(kind: BenchDb, dataDir: string, mariadbServer: string): Promise<BenchDatabase> {
  if (kind === 'sqlite') return { url: `sqlite:${path.join(dataDir, 'cdss.sqlite')}`, drop: async () => {} };
  const server = mariadbServer.replace(/\/$/, '');
  const name = `cdss_bench_${randomBytes(5).toString('hex')}`;
  const admin = await mysql.createConnection(server);
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  return {
    url: `${server}/${name}`,
    async drop() {
      const conn = await mysql.createConnection(server);
      try {
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await conn.end();
      }
    },
  };
}
