import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { NotificationType } from '../lib/constants-clinical.js';

/**
 * seed §3.5.2 `notification`: a message to one user, pointing at the resource it is about. Staff
 * notices live in `notification` (user_id → auth_user), patients' in `patient_notification`
 * (user_id → patient_user, migration 0021); the columns are the same.
 */
export interface NotificationAttributes {
  id: number;
  user_id: number;
  notification_type: NotificationType;
  title: string;
  message: string | null;
  is_read: boolean;
  related_resource_type: string | null;
  related_resource_id: string | null;
  /** A critical notice (e.g. a critical lab value) that its recipient must acknowledge, not only read (migration 0019). */
  requires_ack: boolean;
  acknowledged_at: Date | null;
  created_at: Date;
}
type Defaults = 'id' | 'message' | 'is_read' | 'related_resource_type' | 'related_resource_id' | 'requires_ack' | 'acknowledged_at' | 'created_at';
export interface Notification extends Model<NotificationAttributes, Optional<NotificationAttributes, Defaults>>, NotificationAttributes {}

export function defineNotification(sequelize: Sequelize, tableName: 'notification' | 'patient_notification' = 'notification'): ModelStatic<Notification> {
  return sequelize.define<Notification>(tableName, {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    user_id: { type: DataTypes.INTEGER, allowNull: false },
    notification_type: { type: DataTypes.STRING(16), allowNull: false },
    title: { type: DataTypes.STRING(200), allowNull: false },
    message: DataTypes.TEXT,
    is_read: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    related_resource_type: DataTypes.STRING(64),
    related_resource_id: DataTypes.STRING(64),
    requires_ack: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    acknowledged_at: DataTypes.DATE(3),
    created_at: DataTypes.DATE(3),
  }, { tableName, timestamps: true, createdAt: 'created_at', updatedAt: false });
}
