import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ServiceBroker } from 'moleculer';
import type { Sequelize } from 'sequelize';
import type { CdssConfig } from '../lib/config.js';
import { openDatabase } from '../models/database.js';
import { migrate } from '../models/migrate.js';
import { defineModels, type Models } from '../models/index.js';
import { FieldCipher } from '../lib/security/field-crypto.js';

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
  private cipher: FieldCipher | null = null;

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
      this.key = new TextEncoder().encode(keyFromFile(jwtKeyFile, path.join(dataDir, 'jwt.key'), 'CDSS_JWT_KEY_FILE'));
    }
    return this.key;
  }

  /**
   * The field-encryption master key (resident registration numbers): CDSS_FIELD_KEY (32 bytes,
   * base64 or hex), else a random key kept in the data dir (0600). Losing it loses those fields.
   */
  fieldCipher(): FieldCipher {
    if (this.cipher) return this.cipher;
    const configured = this.config.fieldKey;
    const encoded = configured ?? keyFromFile(null, path.join(this.config.dataDir, 'field.key'), 'CDSS_FIELD_KEY');
    const key = /^[0-9a-f]{64}$/i.test(encoded) ? Buffer.from(encoded, 'hex') : Buffer.from(encoded, 'base64url');
    if (key.length !== 32) throw new Error('CDSS_FIELD_KEY must be 32 bytes (64 hex digits or base64)');
    this.cipher = new FieldCipher(key);
    return this.cipher;
  }

  async close(): Promise<void> {
    if (!this.databasePromise) return;
    const { sequelize } = await this.databasePromise;
    this.databasePromise = null;
    await sequelize.close();
  }
}

/** Reads a key file; without an explicit file, creates a random one (0600) on first use. */
function keyFromFile(explicitFile: string | null, defaultFile: string, variable: string): string {
  const file = explicitFile ?? defaultFile;
  if (!existsSync(file)) {
    if (explicitFile) throw new Error(`${variable} ${explicitFile} does not exist`);
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process made it first
    }
  }
  return readFileSync(file, 'utf8').trim();
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
