import { DataTypes, type QueryInterface } from 'sequelize';
import { col } from './columns.js';

/**
 * Collaborative documents (issue #7): y-websocket documents (`report:<id>`, `chat:<id>`) stored as
 * a compacted snapshot plus the updates appended since, each with its author, and per-user update
 * counts that survive compaction. LONGBLOB on MariaDB: a snapshot may exceed BLOB's 64 KiB.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const blob = (allowNull: boolean) => ({ type: DataTypes.BLOB('long'), allowNull });
  await qi.createTable('collab_document', {
    id: col.id(),
    name: col.requiredString(100),
    snapshot: blob(true),
    snapshot_bytes: { ...col.int(false), defaultValue: 0 },
    pending_updates: { ...col.int(false), defaultValue: 0 },
    pending_bytes: { ...col.int(false), defaultValue: 0 },
    version: { ...col.int(false), defaultValue: 0 },
    initialized: col.bool(),
    locked: col.bool(),
    // auth_user.id as a plain column (as in 0016/0017) so SQLite can drop it again.
    locked_by_id: col.int(),
    locked_at: col.date(),
    created_at: col.createdAt(),
    updated_at: col.updatedAt(),
  });
  await qi.addIndex('collab_document', ['name'], { unique: true, name: 'collab_document_name' });

  await qi.createTable('collab_update', {
    id: col.id(),
    document_id: col.fk('collab_document', false),
    user_id: col.int(),
    payload: blob(false),
    bytes: col.int(false),
    created_at: col.createdAt(),
  });
  // A document's pending updates in order (load and compaction).
  await qi.addIndex('collab_update', ['document_id', 'id'], { name: 'collab_update_document' });

  await qi.createTable('collab_contributor', {
    id: col.id(),
    document_id: col.fk('collab_document', false),
    user_id: col.int(false),
    updates: col.int(false),
    bytes: col.int(false),
    first_at: col.date(false),
    last_at: col.date(false),
  });
  await qi.addIndex('collab_contributor', ['document_id', 'user_id'], { unique: true, name: 'collab_contributor_user' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('collab_contributor');
  await qi.dropTable('collab_update');
  await qi.dropTable('collab_document');
}
