import { existsSync } from 'node:fs';
import type { Sequelize } from 'sequelize';
import { loadConfig } from '../lib/config.js';
import { openDatabase } from '../models/database.js';
import { defineModels } from '../models/index.js';
import { verifyAuditChain } from '../services/identity/audit.service.js';

const EXIT_OK = 0;
const EXIT_BROKEN = 1;
const EXIT_UNUSABLE = 2;

/** The database URL without its password, safe to print. */
function redact(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]+):[^@]*@/i, '$1:***@');
}

function fail(message: string): number {
  console.error(`audit:verify: ${message}`);
  return EXIT_UNUSABLE;
}

/**
 * `npm run audit:verify`: walks the hash-chained audit log of the database named by CDSS_DB_URL
 * (or the SQLite file in CDSS_DATA_DIR) and reports the first row that does not match its hash.
 * Read-only: it runs no migrations and never creates a database.
 * Exit status: 0 intact, 1 broken, 2 configuration or database error.
 */
async function main(): Promise<number> {
  let dbUrl: string;
  try {
    dbUrl = loadConfig().dbUrl;
  } catch (err) {
    return fail(`invalid configuration: ${(err as Error).message}`);
  }
  if (dbUrl.startsWith('sqlite:')) {
    const file = dbUrl.slice('sqlite:'.length);
    // Opening a missing SQLite file would create an empty one and report an empty, "intact" chain.
    if (!file || file === ':memory:' || !existsSync(file)) return fail(`no SQLite database at '${file}' (set CDSS_DB_URL or CDSS_DATA_DIR)`);
  }

  let sequelize: Sequelize;
  try {
    sequelize = await openDatabase(dbUrl);
  } catch (err) {
    return fail(`cannot open the database ${redact(dbUrl)}: ${(err as Error).message}`);
  }
  try {
    const result = await verifyAuditChain({ sequelize, models: defineModels(sequelize) });
    if (result.ok) {
      console.log(`audit chain OK: ${result.checked} rows verified`);
      return EXIT_OK;
    }
    console.log(`audit chain BROKEN at row ${result.brokenAt}: ${result.why} (${result.checked} rows verified before it)`);
    return EXIT_BROKEN;
  } catch (err) {
    return fail(`cannot read the audit log in ${redact(dbUrl)} (is the database migrated?): ${(err as Error).message}`);
  } finally {
    await sequelize.close();
  }
}

process.exitCode = await main();
