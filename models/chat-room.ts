import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { ChatRoomType } from '../lib/constants-clinical.js';

/**
 * seed §3.5.3 `chat_room`; a consultation room names its patient and, optionally, the appointment (a UUID).
 * The patient takes part through their portal account here, not as a chat_room_member (staff only).
 */
export interface ChatRoomAttributes {
  id: number;
  room_type: ChatRoomType;
  name: string | null;
  created_by_id: number | null;
  related_patient_id: number | null;
  related_appointment_id: string | null;
  /** A consultation room's patient portal account (patient_user.id) and how far they have read. */
  patient_user_id: number | null;
  patient_last_read_at: Date | null;
  created_at: Date;
  updated_at: Date;
}
type Defaults = 'id' | 'name' | 'created_by_id' | 'related_patient_id' | 'related_appointment_id' | 'patient_user_id' | 'patient_last_read_at' | 'created_at'
  | 'updated_at';
export interface ChatRoom extends Model<ChatRoomAttributes, Optional<ChatRoomAttributes, Defaults>>, ChatRoomAttributes {}

export function defineChatRoom(sequelize: Sequelize): ModelStatic<ChatRoom> {
  return sequelize.define<ChatRoom>('chat_room', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    room_type: { type: DataTypes.STRING(16), allowNull: false },
    name: DataTypes.STRING(200),
    created_by_id: DataTypes.INTEGER,
    related_patient_id: DataTypes.INTEGER,
    related_appointment_id: DataTypes.UUID,
    patient_user_id: DataTypes.INTEGER,
    patient_last_read_at: DataTypes.DATE(3),
    created_at: DataTypes.DATE(3),
    updated_at: DataTypes.DATE(3),
  }, { tableName: 'chat_room', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });
}
