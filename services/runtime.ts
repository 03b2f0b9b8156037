import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ServiceBroker } from 'moleculer';
import type { Sequelize } from 'sequelize';
import type { CdssConfig } from '../lib/config.js';
import { openDatabase } from '../models/database.js';
import { migrate } from '../models/migrate.js';
import { defineModels, type Models } from '../models/index.js';

export interface Database {
  sequelize: Sequelize;
  models: Models;
}

/**
 * Per-broker process resources: configuration, the database (opened and migrated once, on first
 * use, so a gateway-only process never touches it) and the token signing key.
 */
export class Runtime {
  private databasePromise: Promise<Database> | null = null;
  private key: Uint8Array | null = null;

  constructor(readonly config: CdssConfig) {}

  database(): Promise<Database> {
    this.databasePromise ??= (async () => {
      // The data dir holds the SQLite file with health data and the signing key: owner only.
      mkdirSync(this.config.dataDir, { recursive: true, mode: 0o700 });
      const sequelize = await openDatabase(this.config.dbUrl);
      await migrate(sequelize);
      return { sequelize, models: defineModels(sequelize) };
    })();
    return this.databasePromise;
  }

  /**
   * HS256 key: CDSS_JWT_SECRET, else CDSS_JWT_KEY_FILE, else a random key kept in the data dir
   * (0600) so tokens survive restarts. Cluster nodes must share the secret or the file.
   */
  signingKey(): Uint8Array {
    if (this.key) return this.key;
    const { jwtSecret, jwtKeyFile, dataDir } = this.config;
    if (jwtSecret) {
      if (jwtSecret.length < 32) throw new Error('CDSS_JWT_SECRET must be at least 32 characters');
      this.key = new TextEncoder().encode(jwtSecret);
    } else {
      const file = jwtKeyFile ?? path.join(dataDir, 'jwt.key');
      if (!existsSync(file)) {
        if (jwtKeyFile) throw new Error(`CDSS_JWT_KEY_FILE ${jwtKeyFile} does not exist`);
        mkdirSync(dataDir, { recursive: true });
        writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
      }
      this.key = new TextEncoder().encode(readFileSync(file, 'utf8').trim());
    }
    return this.key;
  }

  async close(): Promise<void> {
    if (!this.databasePromise) return;
    const { sequelize } = await this.databasePromise;
    this.databasePromise = null;
    await sequelize.close();
  }
}

const runtimes = new WeakMap<ServiceBroker, Runtime>();

export function attachRuntime(broker: ServiceBroker, config: CdssConfig): Runtime {
  const runtime = new Runtime(config);
  runtimes.set(broker, runtime);
  return runtime;
}

export function runtimeOf(broker: ServiceBroker): Runtime {
  const runtime = runtimes.get(broker);
  if (!runtime) throw new Error('No CDSS runtime attached to this broker (use createNode)');
  return runtime;
}
