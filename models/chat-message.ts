import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { ChatMessageType } from '../lib/constants-clinical.js';

/** seed §3.5.5 `chat_message`; a message may link a medical image or record instead of attaching a copy. */
export interface ChatMessageAttributes {
  id: number;
  room_id: number;
  /** The staff sender (auth_user), or null when the patient sent it (`sender_patient_user_id`). */
  sender_id: number | null;
  sender_patient_user_id: number | null;
  message_type: ChatMessageType;
  content: string | null;
  file_url: string | null;
  related_image_id: number | null;
  related_record_id: number | null;
  is_read: boolean;
  created_at: Date;
  updated_at: Date;
}
type Defaults = 'id' | 'sender_id' | 'sender_patient_user_id' | 'message_type' | 'content' | 'file_url' | 'related_image_id' | 'related_record_id' | 'is_read'
  | 'created_at' | 'updated_at';
export interface ChatMessage extends Model<ChatMessageAttributes, Optional<ChatMessageAttributes, Defaults>>, ChatMessageAttributes {}

export function defineChatMessage(sequelize: Sequelize): ModelStatic<ChatMessage> {
  return sequelize.define<ChatMessage>('chat_message', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    room_id: { type: DataTypes.INTEGER, allowNull: false },
    sender_id: DataTypes.INTEGER,
    sender_patient_user_id: DataTypes.INTEGER,
    message_type: { type: DataTypes.STRING(24), allowNull: false, defaultValue: 'TEXT' },
    content: DataTypes.TEXT,
    file_url: DataTypes.STRING(500),
    related_image_id: DataTypes.INTEGER,
    related_record_id: DataTypes.INTEGER,
    is_read: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    created_at: DataTypes.DATE(3),
    updated_at: DataTypes.DATE(3),
  }, { tableName: 'chat_message', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });
}
