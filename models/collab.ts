import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

/**
 * Collaborative documents (issue #7, migration 0018), owned by the `collab` actor. A document is
 * its compacted snapshot (one Yjs update) plus the updates appended since; compaction merges
 * those into the snapshot. `version` counts every update ever appended. Authors are counted per
 * user in `collab_contributor`, so compaction loses no "who wrote what".
 */
export interface CollabDocumentAttributes {
  id: number;
  /** `<type>:<id>`, e.g. `report:12`, `chat:3`. */
  name: string;
  snapshot: Buffer | null;
  snapshot_bytes: number;
  pending_updates: number;
  pending_bytes: number;
  version: number;
  /** The document type's initial content was written (once, whichever node got there first). */
  initialized: boolean;
  locked: boolean;
  locked_by_id: number | null;
  locked_at: Date | null;
  created_at: Date;
  updated_at: Date;
}
type DocumentDefaults = 'id' | 'snapshot' | 'snapshot_bytes' | 'pending_updates' | 'pending_bytes' | 'version' | 'initialized'
  | 'locked' | 'locked_by_id' | 'locked_at' | 'created_at' | 'updated_at';
export interface CollabDocument extends Model<CollabDocumentAttributes, Optional<CollabDocumentAttributes, DocumentDefaults>>, CollabDocumentAttributes {}

/** One appended Yjs update and its author (auth_user.id). */
export interface CollabUpdateAttributes {
  id: number;
  document_id: number;
  user_id: number | null;
  payload: Buffer;
  bytes: number;
  created_at: Date;
}
export interface CollabUpdate extends Model<CollabUpdateAttributes, Optional<CollabUpdateAttributes, 'id' | 'user_id' | 'created_at'>>, CollabUpdateAttributes {}

/** How many updates (and bytes) one user contributed to one document. */
export interface CollabContributorAttributes {
  id: number;
  document_id: number;
  user_id: number;
  updates: number;
  bytes: number;
  first_at: Date;
  last_at: Date;
}
export interface CollabContributor extends Model<CollabContributorAttributes, Optional<CollabContributorAttributes, 'id'>>, CollabContributorAttributes {}

export function defineCollabModels(sequelize: Sequelize) {
  const CollabDocument: ModelStatic<CollabDocument> = sequelize.define<CollabDocument>('collab_document', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    name: { type: DataTypes.STRING(100), allowNull: false, unique: true },
    snapshot: DataTypes.BLOB('long'),
    snapshot_bytes: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    pending_updates: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    pending_bytes: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    initialized: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    locked: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    locked_by_id: DataTypes.INTEGER,
    locked_at: DataTypes.DATE(3),
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  }, { tableName: 'collab_document', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });

  const CollabUpdate: ModelStatic<CollabUpdate> = sequelize.define<CollabUpdate>('collab_update', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    document_id: { type: DataTypes.INTEGER, allowNull: false },
    user_id: DataTypes.INTEGER,
    payload: { type: DataTypes.BLOB('long'), allowNull: false },
    bytes: { type: DataTypes.INTEGER, allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
  }, { tableName: 'collab_update', timestamps: false });

  const CollabContributor: ModelStatic<CollabContributor> = sequelize.define<CollabContributor>('collab_contributor', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    document_id: { type: DataTypes.INTEGER, allowNull: false },
    user_id: { type: DataTypes.INTEGER, allowNull: false },
    updates: { type: DataTypes.INTEGER, allowNull: false },
    bytes: { type: DataTypes.INTEGER, allowNull: false },
    first_at: { type: DataTypes.DATE(3), allowNull: false },
    last_at: { type: DataTypes.DATE(3), allowNull: false },
  }, { tableName: 'collab_contributor', timestamps: false });

  return { CollabDocument, CollabUpdate, CollabContributor };
}
