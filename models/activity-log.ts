import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

/** seed §3.5.1 `activity_log`, hash-chained: each row stores the previous row's hash. */
export interface ActivityLogAttributes {
  id: number;
  user_id: string | null;
  realm: string | null;
  role: string | null;
  action_type: string;
  resource_type: string;
  resource_id: string | null;
  patient_id: number | null;
  outcome: string;
  break_glass: boolean;
  reason: string | null;
  description: string | null;
  ip_address: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
  created_at: Date;
}
export interface ActivityLog extends Model<ActivityLogAttributes, Optional<ActivityLogAttributes, 'id'>>, ActivityLogAttributes {}

export interface AuditChainHead extends Model<{ id: number; last_hash: string; last_id: number }, Optional<{ id: number; last_hash: string; last_id: number }, 'id'>> {
  id: number;
  last_hash: string;
  last_id: number;
}

export function defineActivityLog(sequelize: Sequelize): ModelStatic<ActivityLog> {
  return sequelize.define<ActivityLog>('activity_log', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    user_id: DataTypes.STRING(20),
    realm: DataTypes.STRING(8),
    role: DataTypes.STRING(32),
    action_type: { type: DataTypes.STRING(16), allowNull: false },
    resource_type: { type: DataTypes.STRING(64), allowNull: false },
    resource_id: DataTypes.STRING(64),
    patient_id: DataTypes.INTEGER,
    outcome: { type: DataTypes.STRING(8), allowNull: false },
    break_glass: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    reason: DataTypes.STRING(500),
    description: DataTypes.STRING(500),
    ip_address: DataTypes.STRING(64),
    request_id: DataTypes.STRING(64),
    prev_hash: { type: DataTypes.STRING(64), allowNull: false },
    hash: { type: DataTypes.STRING(64), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  }, { tableName: 'activity_log', timestamps: false });
}

export function defineAuditChainHead(sequelize: Sequelize): ModelStatic<AuditChainHead> {
  return sequelize.define<AuditChainHead>('audit_chain_head', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    last_hash: { type: DataTypes.STRING(64), allowNull: false },
    last_id: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  }, { tableName: 'audit_chain_head', timestamps: false });
}
