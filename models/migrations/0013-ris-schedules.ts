import { DataTypes, type QueryInterface } from 'sequelize';
import { col } from './columns.js';

/** RIS schedule entries and the counters that number accessions and guard room slots (issue #4). */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('ris_schedule', {
    id: col.id(),
    order_id: col.fk('ocs_order', false),
    order_number: col.string(20),
    ordering_doctor_id: col.fk('auth_user', false),
    patient_id: col.fk('patients_patient', false),
    accession_number: col.requiredString(16),
    procedure_code: col.requiredString(32),
    procedure_name: col.requiredString(100),
    modality: col.requiredString(4),
    body_part: col.string(16),
    contrast: col.bool(false),
    priority: { ...col.requiredString(8), defaultValue: 'ROUTINE' },
    room: col.requiredString(8),
    station_ae_title: col.requiredString(16),
    scheduled_at: col.date(false),
    scheduled_end_at: col.date(false),
    radiographer_id: col.fk('auth_user', true, 'SET NULL'),
    scheduled_by_id: col.fk('auth_user', true, 'SET NULL'),
    status: { ...col.requiredString(16), defaultValue: 'WAITING' },
    study_instance_uid: col.requiredString(64),
    medical_image_id: col.fk('medical_images_medicalimage', true, 'SET NULL'),
    series_count: col.int(),
    notes: col.string(1000),
    started_at: col.date(),
    acquired_at: col.date(),
    awaiting_read_at: col.date(),
    reading_started_at: col.date(),
    read_at: col.date(),
    cancelled_at: col.date(),
    cancelled_reason: col.string(500),
    created_at: col.createdAt(),
    updated_at: col.updatedAt(),
  });
  await qi.addIndex('ris_schedule', ['order_id'], { unique: true, name: 'ris_schedule_order' });
  await qi.addIndex('ris_schedule', ['accession_number'], { unique: true, name: 'ris_schedule_accession' });
  await qi.addIndex('ris_schedule', ['study_instance_uid'], { unique: true, name: 'ris_schedule_study_uid' });
  // The slot check and a room's day: open entries of one room by start time.
  await qi.addIndex('ris_schedule', ['room', 'scheduled_at'], { name: 'ris_schedule_room_time' });
  // Worklists and dashboards: entries of a status by time (today's 촬영대기, 판독대기 …).
  await qi.addIndex('ris_schedule', ['status', 'scheduled_at'], { name: 'ris_schedule_status_time' });
  await qi.addIndex('ris_schedule', ['patient_id', 'scheduled_at'], { name: 'ris_schedule_patient' });
  await qi.addIndex('ris_schedule', ['radiographer_id', 'scheduled_at'], { name: 'ris_schedule_radiographer' });

  await qi.createTable('ris_counter', {
    name: { type: DataTypes.STRING(40), primaryKey: true, allowNull: false },
    value: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('ris_counter');
  await qi.dropTable('ris_schedule');
}
