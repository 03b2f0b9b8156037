import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { ChatMemberRole } from '../lib/constants-clinical.js';

/** seed §3.5.4 `chat_room_member`; `last_read_at` drives the unread counts. */
export interface ChatRoomMemberAttributes {
  id: number;
  room_id: number;
  user_id: number;
  role: ChatMemberRole;
  joined_at: Date;
  last_read_at: Date | null;
}
type Defaults = 'id' | 'role' | 'joined_at' | 'last_read_at';
export interface ChatRoomMember extends Model<ChatRoomMemberAttributes, Optional<ChatRoomMemberAttributes, Defaults>>, ChatRoomMemberAttributes {}

export function defineChatRoomMember(sequelize: Sequelize): ModelStatic<ChatRoomMember> {
  return sequelize.define<ChatRoomMember>('chat_room_member', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    room_id: { type: DataTypes.INTEGER, allowNull: false },
    user_id: { type: DataTypes.INTEGER, allowNull: false },
    role: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'MEMBER' },
    joined_at: DataTypes.DATE(3),
    last_read_at: DataTypes.DATE(3),
  }, { tableName: 'chat_room_member', timestamps: true, createdAt: 'joined_at', updatedAt: false });
}
