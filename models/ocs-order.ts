import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { OrderPriority, OrderStatus, OrderType } from '../lib/rules/order-status.js';

/** One ordered item, as stored in the `items` JSON column; which fields apply depends on the order type. */
export interface OrderItem {
  /** Formulary code (PRESCRIPTION), lab catalogue code (LAB) or imaging procedure code (IMAGING). */
  code: string;
  /** The catalogue's Korean name, copied in so the order reads the same if the catalogue changes. */
  name: string;
  dose?: number;
  frequency?: string;
  days?: number;
  route?: string;
  instructions?: string;
  notes?: string;
}

/** A safety alert shown at signing, with the prescriber's reason where a major alert was overridden. */
export interface SignedAlert {
  key: string;
  severity: 'contraindicated' | 'major' | 'moderate';
  type: string;
  message: string;
  source: string;
  drugs: string[];
  overrideReason?: string;
}

/** seed §13.4: an OCS order (처방, 검사, 영상촬영) from a doctor to the pharmacy, the lab or radiology. */
export interface OcsOrderAttributes {
  id: number;
  order_number: string | null;
  order_type: OrderType;
  patient_id: number;
  medical_record_id: number | null;
  /** auth_user.id of the ordering doctor, who is notified of every status change. */
  ordering_doctor_id: number;
  department: string | null;
  priority: OrderPriority;
  status: OrderStatus;
  items: OrderItem[];
  notes: string | null;
  safety_alerts: SignedAlert[] | null;
  /** The prescription a PRESCRIPTION order wrote (the MAR and the 처방전 work from it). */
  prescription_id: number | null;
  /** One line on the outcome for lists and the results inbox (조제완료, a report's conclusion). */
  result_summary: string | null;
  cancelled_reason: string | null;
  cancelled_by_id: number | null;
  completed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}
type Defaults = 'id' | 'order_number' | 'medical_record_id' | 'department' | 'priority' | 'status' | 'notes' | 'safety_alerts'
  | 'prescription_id' | 'result_summary' | 'cancelled_reason' | 'cancelled_by_id' | 'completed_at' | 'created_at' | 'updated_at';
export interface OcsOrder extends Model<OcsOrderAttributes, Optional<OcsOrderAttributes, Defaults>>, OcsOrderAttributes {}

/** One status change of an order: the history the order screen shows, and who made it. */
export interface OcsOrderEventAttributes {
  id: number;
  order_id: number;
  from_status: OrderStatus | null;
  to_status: OrderStatus;
  actor_id: number | null;
  actor_role: string | null;
  note: string | null;
  created_at: Date;
}
export interface OcsOrderEvent extends Model<OcsOrderEventAttributes, Optional<OcsOrderEventAttributes, 'id' | 'from_status' | 'actor_id' | 'actor_role' | 'note' | 'created_at'>>, OcsOrderEventAttributes {}

export function defineOcsModels(sequelize: Sequelize) {
  const OcsOrder: ModelStatic<OcsOrder> = sequelize.define<OcsOrder>('ocs_order', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    order_number: DataTypes.STRING(20),
    order_type: { type: DataTypes.STRING(16), allowNull: false },
    patient_id: { type: DataTypes.INTEGER, allowNull: false },
    medical_record_id: DataTypes.INTEGER,
    ordering_doctor_id: { type: DataTypes.INTEGER, allowNull: false },
    department: DataTypes.STRING(32),
    priority: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'ROUTINE' },
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'PENDING' },
    items: { type: DataTypes.JSON, allowNull: false },
    notes: DataTypes.TEXT,
    safety_alerts: DataTypes.JSON,
    prescription_id: DataTypes.INTEGER,
    result_summary: DataTypes.STRING(500),
    cancelled_reason: DataTypes.STRING(500),
    cancelled_by_id: DataTypes.INTEGER,
    completed_at: DataTypes.DATE(3),
    created_at: DataTypes.DATE(3),
    updated_at: DataTypes.DATE(3),
  }, { tableName: 'ocs_order', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });

  const OcsOrderEvent: ModelStatic<OcsOrderEvent> = sequelize.define<OcsOrderEvent>('ocs_order_event', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    order_id: { type: DataTypes.INTEGER, allowNull: false },
    from_status: DataTypes.STRING(16),
    to_status: { type: DataTypes.STRING(16), allowNull: false },
    actor_id: DataTypes.INTEGER,
    actor_role: DataTypes.STRING(32),
    note: DataTypes.STRING(500),
    created_at: DataTypes.DATE(3),
  }, { tableName: 'ocs_order_event', timestamps: true, createdAt: 'created_at', updatedAt: false });

  return { OcsOrder, OcsOrderEvent };
}
