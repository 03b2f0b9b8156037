import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { Realm } from '../lib/constants.js';

/** A rotating refresh token, stored as its SHA-256; tokens rotated from one login share a family. */
export interface RefreshTokenAttributes {
  id: number;
  token_hash: string;
  family_id: string;
  realm: Realm;
  user_id: number;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_reason: 'rotated' | 'logout' | 'reuse-detected' | 'admin' | null;
  created_ip: string | null;
  user_agent: string | null;
  created_at: Date;
}
type Defaults = 'id' | 'revoked_at' | 'revoked_reason' | 'created_ip' | 'user_agent' | 'created_at';
export interface RefreshToken extends Model<RefreshTokenAttributes, Optional<RefreshTokenAttributes, Defaults>>, RefreshTokenAttributes {}

export function defineRefreshToken(sequelize: Sequelize): ModelStatic<RefreshToken> {
  return sequelize.define<RefreshToken>('refresh_token', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    token_hash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    family_id: { type: DataTypes.STRING(36), allowNull: false },
    realm: { type: DataTypes.STRING(8), allowNull: false },
    user_id: { type: DataTypes.INTEGER, allowNull: false },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    revoked_at: DataTypes.DATE(3),
    revoked_reason: DataTypes.STRING(32),
    created_ip: DataTypes.STRING(64),
    user_agent: DataTypes.STRING(300),
    created_at: DataTypes.DATE(3),
  }, { tableName: 'refresh_token', timestamps: true, createdAt: 'created_at', updatedAt: false });
}
