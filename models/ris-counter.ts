import type { ModelStatic, Transaction } from 'sequelize';
import { dialectOf } from './database.js';
import type { RisCounter } from './ris.js';

/**
 * Adds one to a named counter (ris_counter, models/ris.ts) and answers the new value. The upsert
 * takes the row's exclusive lock at once (a plain INSERT IGNORE would take a shared lock first, and
 * two bookings upgrading their shared locks deadlock), so whoever bumps the same name waits for
 * this transaction: that serializes a room's slot check and booking on MariaDB. On SQLite the
 * write transaction already holds the file lock. Used by the RIS bookings and the demo seed.
 */
export async function bumpCounter(models: { RisCounter: ModelStatic<RisCounter> }, name: string, transaction: Transaction): Promise<number> {
  const sequelize = models.RisCounter.sequelize!;
  const upsert = dialectOf(sequelize) === 'sqlite'
    ? 'INSERT INTO ris_counter (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1'
    : 'INSERT INTO ris_counter (name, value) VALUES (?, 1) ON DUPLICATE KEY UPDATE value = value + 1';
  await sequelize.query(upsert, { replacements: [name], transaction });
  const counter = await models.RisCounter.findByPk(name, { transaction });
  return counter!.value;
}
