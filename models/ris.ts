import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { RisStatus } from '../lib/rules/ris-status.js';
import type { OrderPriority } from '../lib/rules/order-status.js';

/**
 * One RIS schedule entry (seed §5.2.2 RIS 촬영 스케줄 관리): the booking of one imaging order in a
 * modality room, with the accession number and Study Instance UID the modality and the PACS use,
 * and a timestamp per step of the status flow (lib/rules/ris-status.ts).
 */
export interface RisScheduleAttributes {
  id: number;
  /** ocs_order.id; one entry per imaging order. */
  order_id: number;
  /** Copied from the order: the placer order number on the worklist, and who hears of the result. */
  order_number: string | null;
  /** auth_user.id of the ordering doctor. */
  ordering_doctor_id: number;
  /** patients_patient.id (row scopes filter on it). */
  patient_id: number;
  accession_number: string;
  procedure_code: string;
  /** The catalogue's Korean name, copied so the entry reads the same if the catalogue changes. */
  procedure_name: string;
  modality: string;
  body_part: string | null;
  contrast: boolean;
  /** Copied from the order so worklists sort STAT first without a join. */
  priority: OrderPriority;
  room: string;
  station_ae_title: string;
  scheduled_at: Date;
  /** End of the booked slot (scheduled_at + the procedure's duration): the room is held until then. */
  scheduled_end_at: Date;
  /** auth_user.id of the radiographer assigned (or who started the acquisition). */
  radiographer_id: number | null;
  scheduled_by_id: number | null;
  status: RisStatus;
  study_instance_uid: string;
  medical_image_id: number | null;
  series_count: number | null;
  notes: string | null;
  started_at: Date | null;
  acquired_at: Date | null;
  awaiting_read_at: Date | null;
  reading_started_at: Date | null;
  read_at: Date | null;
  cancelled_at: Date | null;
  cancelled_reason: string | null;
  /**
   * The AI flag of the study (issue #6, migration 0017): the highest suspicion of its latest
   * analyses (lib/ai/pipeline/types.ts SUSPICION_LEVELS, 0 = none), that analysis's summary and
   * id. The reading worklist sorts by it after the priority.
   */
  ai_suspicion: number;
  ai_summary: string | null;
  ai_analysis_id: number | null;
  created_at: Date;
  updated_at: Date;
}
type Defaults = 'id' | 'order_number' | 'body_part' | 'contrast' | 'priority' | 'radiographer_id' | 'scheduled_by_id' | 'status' | 'medical_image_id'
  | 'series_count' | 'notes' | 'started_at' | 'acquired_at' | 'awaiting_read_at' | 'reading_started_at' | 'read_at' | 'cancelled_at'
  | 'cancelled_reason' | 'ai_suspicion' | 'ai_summary' | 'ai_analysis_id' | 'created_at' | 'updated_at';
export interface RisSchedule extends Model<RisScheduleAttributes, Optional<RisScheduleAttributes, Defaults>>, RisScheduleAttributes {}

/**
 * A named counter whose row is also the lock for its name: `accession:<yyyymmdd>` numbers a day's
 * accessions, `room:<code>` counts a room's bookings. Taking the row FOR UPDATE serializes the
 * slot check and the insert on MariaDB (SQLite serializes writers anyway).
 */
export interface RisCounterAttributes {
  name: string;
  value: number;
}
export interface RisCounter extends Model<RisCounterAttributes>, RisCounterAttributes {}

export function defineRisModels(sequelize: Sequelize) {
  const RisSchedule: ModelStatic<RisSchedule> = sequelize.define<RisSchedule>('ris_schedule', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    order_id: { type: DataTypes.INTEGER, allowNull: false, unique: true },
    order_number: DataTypes.STRING(20),
    ordering_doctor_id: { type: DataTypes.INTEGER, allowNull: false },
    patient_id: { type: DataTypes.INTEGER, allowNull: false },
    accession_number: { type: DataTypes.STRING(16), allowNull: false, unique: true },
    procedure_code: { type: DataTypes.STRING(32), allowNull: false },
    procedure_name: { type: DataTypes.STRING(100), allowNull: false },
    modality: { type: DataTypes.STRING(4), allowNull: false },
    body_part: DataTypes.STRING(16),
    contrast: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    priority: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'ROUTINE' },
    room: { type: DataTypes.STRING(8), allowNull: false },
    station_ae_title: { type: DataTypes.STRING(16), allowNull: false },
    scheduled_at: { type: DataTypes.DATE(3), allowNull: false },
    scheduled_end_at: { type: DataTypes.DATE(3), allowNull: false },
    radiographer_id: DataTypes.INTEGER,
    scheduled_by_id: DataTypes.INTEGER,
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'WAITING' },
    study_instance_uid: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    medical_image_id: DataTypes.INTEGER,
    series_count: DataTypes.INTEGER,
    notes: DataTypes.STRING(1000),
    started_at: DataTypes.DATE(3),
    acquired_at: DataTypes.DATE(3),
    awaiting_read_at: DataTypes.DATE(3),
    reading_started_at: DataTypes.DATE(3),
    read_at: DataTypes.DATE(3),
    cancelled_at: DataTypes.DATE(3),
    cancelled_reason: DataTypes.STRING(500),
    ai_suspicion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    ai_summary: DataTypes.STRING(500),
    ai_analysis_id: DataTypes.INTEGER,
    created_at: DataTypes.DATE(3),
    updated_at: DataTypes.DATE(3),
  }, { tableName: 'ris_schedule', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });

  const RisCounter: ModelStatic<RisCounter> = sequelize.define<RisCounter>('ris_counter', {
    name: { type: DataTypes.STRING(40), primaryKey: true },
    value: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  }, { tableName: 'ris_counter', timestamps: false });

  return { RisSchedule, RisCounter };
}
