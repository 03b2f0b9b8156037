import { DataTypes, type QueryInterface } from 'sequelize';
import { col } from './columns.js';

/** The indexes 0002 made on chat_message; a rebuilt SQLite table needs them again. */
const MESSAGE_INDEXES = [['room_id', 'created_at'], ['sender_id', 'created_at']];

/**
 * Patients in consultation rooms (issue #7, seed §4.3.7 담당 의사와 실시간 채팅). Patient portal
 * accounts (`patient_user`) number apart from staff (`auth_user`), so a patient is never a
 * chat_room_member row: a consultation room names its patient's account and read position, and a
 * message names its sender in one of the two tables. The new id columns carry no foreign key:
 * SQLite's native DROP COLUMN (the way down, see 0003) refuses columns in a foreign key.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('chat_room', 'patient_user_id', col.int());
  await qi.addColumn('chat_room', 'patient_last_read_at', col.date());
  await qi.addIndex('chat_room', ['patient_user_id'], { name: 'chat_room_patient_user' });
  await qi.addColumn('chat_message', 'sender_patient_user_id', col.int());
  await senderRequired(qi, false);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('DELETE FROM chat_message WHERE sender_id IS NULL');
  await qi.sequelize.query('ALTER TABLE chat_message DROP COLUMN sender_patient_user_id');
  await senderRequired(qi, true);
  await qi.removeIndex('chat_room', 'chat_room_patient_user');
  for (const column of ['patient_last_read_at', 'patient_user_id']) await qi.sequelize.query(`ALTER TABLE chat_room DROP COLUMN ${column}`);
}

/** chat_message.sender_id: NOT NULL for staff-only chat, nullable once patients send too. */
async function senderRequired(qi: QueryInterface, required: boolean): Promise<void> {
  if (qi.sequelize.getDialect() !== 'sqlite') {
    // MODIFY keeps the foreign key, which MariaDB holds as a separate constraint.
    await qi.changeColumn('chat_message', 'sender_id', { type: DataTypes.INTEGER, allowNull: !required });
    return;
  }
  // SQLite cannot alter a column: rebuild the table from its own DDL with only this constraint
  // changed (Sequelize's changeColumn would drop the ON DELETE rules of the link columns).
  // Nothing references chat_message, so dropping the old table is safe.
  const [[table]] = await qi.sequelize.query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'chat_message'") as [{ sql: string }[], unknown];
  const sender = /`sender_id` INTEGER( NOT NULL)?/;
  if (!sender.test(table.sql)) throw new Error('0020-chat-patients: unexpected chat_message DDL');
  const ddl = table.sql.replace(sender, required ? '`sender_id` INTEGER NOT NULL' : '`sender_id` INTEGER')
    // A renamed table's DDL quotes its name with "…" rather than `…`.
    .replace(/^CREATE TABLE [`"]chat_message[`"]/, 'CREATE TABLE `chat_message_rebuild`');
  const columns = Object.keys(await qi.describeTable('chat_message')).map((c) => `\`${c}\``).join(', ');
  await qi.sequelize.query(ddl);
  await qi.sequelize.query(`INSERT INTO chat_message_rebuild (${columns}) SELECT ${columns} FROM chat_message`);
  await qi.sequelize.query('DROP TABLE chat_message');
  await qi.sequelize.query('ALTER TABLE chat_message_rebuild RENAME TO chat_message');
  for (const fields of MESSAGE_INDEXES) await qi.addIndex('chat_message', fields);
}
