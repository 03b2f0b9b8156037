import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { ForeignKeyConstraintError, Op, UniqueConstraintError, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import { openDatabase } from '../../models/database.js';
import { migrate, migrateDownAll } from '../../models/migrate.js';
import { defineModels, type Models } from '../../models/index.js';
import type { AIAnalysisResult } from '../../models/ai-analysis-result.js';
import type { MedicalRecord } from '../../models/medical-record.js';

const MARIADB_SERVER = process.env.CDSS_TEST_MARIADB_URL || 'mysql://root@127.0.0.1:3306';
const REQUIRE_SERVICES = process.env.CDSS_REQUIRE_SERVICES === '1';
const ALL_MIGRATIONS = [
  '0001-identity-patients-audit', '0002-clinical-imaging-communication', '0003-patient-identifiers', '0004-record-versions',
  '0005-prescription-details', '0006-medication-administration', '0007-billing', '0008-doctor-schedules',
  '0009-scale-indexes', '0010-bill-service-period', '0011-ocs-orders', '0012-lis', '0013-ris-schedules',
  '0014-radiology-report-history', '0015-pacs-index', '0016-image-qc', '0017-ai-analysis', '0018-collab',
  '0019-notification-ack', '0020-chat-patients', '0021-patient-notifications', '0022-appointment-inquiries',
];
/** Umzug's bookkeeping table; it outlives `migrateDownAll` by design. */
const MIGRATIONS_TABLE = 'cdss_migrations';

const CDSS_TABLES = [
  'auth_user', 'doctor', 'nurse', 'administrative_staff', 'radiology_technician', 'radiology_doctor', 'patient_user',
  'patients_patient', 'care_team_member', 'refresh_token', 'activity_log', 'audit_chain_head',
  'patients_appointment', 'medical_images_medicalimage', 'medical_images_aianalysisresult', 'radiology_report',
  'medical_record', 'medical_record_related_images', 'prescription', 'lung_record', 'lung_result', 'nursing_record',
  'patient_status', 'notification', 'chat_room', 'chat_room_member', 'chat_message', 'chatbot_conversation',
  'chatbot_message', 'medication_administration', 'doctor_schedule', 'patient_insurance', 'bill', 'bill_item', 'payment',
  'patient_search_key', 'ocs_order', 'ocs_order_event',
  'lab_specimen', 'lab_result',
  // <lis tables>
  'ris_schedule', 'ris_counter',
  // <ris tables>
  'radiology_report_revision',
  // <radiology report history tables>
  'dicom_instance', 'pacs_cursor',
  // <pacs index tables>
  // <image qc tables>
  'collab_document', 'collab_update', 'collab_contributor',
  'patient_notification', 'appointment_inquiry',
];

async function tableNames(sequelize: Sequelize): Promise<string[]> {
  const tables: unknown[] = await sequelize.getQueryInterface().showAllTables();
  return tables.map((t) => (typeof t === 'string' ? t : (t as { tableName: string }).tableName)).sort();
}

/** Runs the whole migration life cycle on one empty database. */
async function exerciseMigrations(t: TestContext, url: string): Promise<void> {
  const sequelize = await openDatabase(url);
  try {
    await t.test('migrate applies every migration', async () => {
      assert.deepEqual(await migrate(sequelize), ALL_MIGRATIONS);
    });

    await t.test('every CDSS table exists', async () => {
      const tables = await tableNames(sequelize);
      for (const table of CDSS_TABLES) assert.ok(tables.includes(table), `missing table ${table}`);
    });

    const models = defineModels(sequelize);

    await t.test('every model attribute has a column', async () => {
      const qi = sequelize.getQueryInterface();
      for (const [name, model] of Object.entries(models) as [string, ModelStatic<Model>][]) {
        const columns = Object.keys(await qi.describeTable(model.getTableName()));
        const fields = Object.values(model.getAttributes()).map((a) => a.field ?? '');
        assert.deepEqual(fields.filter((f) => !columns.includes(f)), [], `${name} has attributes without columns`);
        assert.deepEqual(columns.filter((c) => !fields.includes(c)), [], `${name} lacks attributes for columns`);
      }
    });

    await t.test('a user, patient, appointment and record link up and read back', async () => {
      const chain = await createChain(models);
      const appointment = await models.Appointment.findOne({
        where: { doctor_id: chain.doctorUser.id, start_time: { [Op.gte]: new Date('2025-03-02T00:00:00Z') } },
      });
      assert.ok(appointment);
      assert.match(appointment.id, /^[0-9a-f-]{36}$/);
      assert.equal(appointment.patient_id, chain.patient.id);
      assert.equal(appointment.status, 'BOOKED');
      assert.equal(appointment.type, 'GENERAL');
      assert.equal(appointment.start_time.toISOString(), '2025-03-02T01:30:00.000Z');

      const record = await models.MedicalRecord.findOne({ where: { patient_fk_id: chain.patient.id, visit_date: '2025-03-02' } });
      assert.ok(record);
      assert.equal(record.doctor_fk_id, chain.doctorUser.id);
      assert.equal(record.department, 'PULMONOLOGY');
      assert.equal(record.status, 'DRAFT');
      assert.equal(record.is_treatment_completed, false);
    });

    await t.test('an image, its analysis and the record it belongs to read back', async () => {
      const chain = await createChain(models);
      const image = await models.MedicalImage.findByPk(chain.image.id, { include: ['analyses', 'medical_records'] });
      assert.ok(image);
      assert.equal(image.patient_id, chain.patient.patient_id);
      assert.equal(image.status, 'TAKEN');
      assert.equal(image.requested_by_id, chain.doctor.id);
      const [analysis] = image.get('analyses') as AIAnalysisResult[];
      assert.equal(analysis.analysis_type, 'LUNG_CT');
      assert.deepEqual(analysis.results, { nodules: [{ x: 120, y: 88, diameter_mm: 6.5 }], lung_rads: '3' });
      assert.ok(Math.abs((analysis.confidence ?? 0) - 0.87) < 1e-6);
      assert.equal(analysis.analyzed_by_id, chain.doctorUser.id);
      assert.deepEqual((image.get('medical_records') as MedicalRecord[]).map((r) => r.id), [chain.record.id]);
    });

    await t.test('every clinical and communication model stores and reads a row', async () => {
      const chain = await createChain(models);
      const lung = await models.LungRecord.create({
        patient_fk_id: chain.patient.id, age: 65, education_level: 2, bmi: 24.1, copd: true, smoking_status: 'FORMER',
        cigarettes_per_day: 20, smoking_duration_years: 35, years_since_quitting: 4, cough: true,
      });
      await models.LungResult.create({ lung_record_id: lung.id, prediction: 'HIGH_RISK', risk_score: 0.034, model_version: 'plcom2012' });
      const report = await models.RadiologyReport.create({ image_id: chain.image.id, patient_id: chain.patient.id, findings: '우상엽 6.5 mm 결절' });
      assert.equal(report.status, 'DRAFT');
      await models.Prescription.create({
        medical_record_id: chain.record.id, patient_id: chain.patient.id, doctor_id: chain.doctor.id,
        medications: [{
          code: 'AMX500', name: '아목시실린캡슐 500mg', ingredient: 'amoxicillin', atcCode: 'J01CA04', strength: '500 mg', form: '캡슐',
          dose: 1, doseUnit: '캡슐', route: 'PO', frequency: 'TID', days: 5,
        }],
      });
      await models.NursingRecord.create({
        patient_id: chain.patient.id, nurse_id: chain.nurse.id, vital_signs: { systolic_bp: 128, diastolic_bp: 82, temperature: 36.8 },
      });
      await models.PatientStatus.create({ patient_id: chain.patient.id, status: 'ADMITTED', ward: '7W', room_number: '712', updated_by_id: chain.nurseUser.id });
      await models.Notification.create({ user_id: chain.doctorUser.id, notification_type: 'ANALYSIS_DONE', title: 'AI 분석 완료', related_resource_type: 'aianalysisresult', related_resource_id: String(chain.analysis.id) });
      const room = await models.ChatRoom.create({
        room_type: 'CONSULTATION', created_by_id: chain.doctorUser.id, related_patient_id: chain.patient.id, related_appointment_id: chain.appointment.id,
      });
      await models.ChatRoomMember.create({ room_id: room.id, user_id: chain.doctorUser.id, role: 'ADMIN' });
      await models.ChatRoomMember.create({ room_id: room.id, user_id: chain.nurseUser.id });
      await models.ChatMessage.create({ room_id: room.id, sender_id: chain.doctorUser.id, message_type: 'MEDICAL_IMAGE_LINK', related_image_id: chain.image.id });
      const conversation = await models.ChatbotConversation.create({ realm: 'anonymous', bot_type: 'HOSPITAL_SITE', session_id: randomUUID(), context: { locale: 'ko' } });
      await models.ChatbotMessage.create({ conversation_id: conversation.id, message_type: 'bot', content: '안녕하세요', response_type: 'BUTTON', metadata: { buttons: ['예약'] } });

      const readBack = await models.LungRecord.findByPk(lung.id, { include: ['results'] });
      assert.equal(readBack?.smoking_status, 'FORMER');
      assert.equal(readBack?.copd, true);
      assert.equal(readBack?.dyspnea, false);
      assert.equal((await models.ChatRoom.findByPk(room.id, { include: ['members', 'messages'] }))?.related_appointment_id, chain.appointment.id);
      const unread = await models.Notification.count({ where: { user_id: chain.doctorUser.id, is_read: false } });
      assert.equal(unread, 1);
      const ward = await models.PatientStatus.findAll({ where: { status: 'ADMITTED', ward: '7W', patient_id: chain.patient.id } });
      assert.equal(ward[0]?.room_number, '712');
      assert.deepEqual((await models.NursingRecord.findOne({ where: { patient_id: chain.patient.id } }))?.vital_signs,
        { systolic_bp: 128, diastolic_bp: 82, temperature: 36.8 });
      assert.deepEqual((await models.ChatbotConversation.findByPk(conversation.id))?.context, { locale: 'ko' });
      await assert.rejects(models.ChatRoomMember.create({ room_id: room.id, user_id: chain.nurseUser.id }), UniqueConstraintError);
    });

    await t.test('an appointment for a missing patient is rejected', async () => {
      const chain = await createChain(models);
      await assert.rejects(
        models.Appointment.create({ patient_id: 2_000_000_000, doctor_id: chain.doctorUser.id, start_time: new Date() }),
        ForeignKeyConstraintError,
      );
      await assert.rejects(models.AIAnalysisResult.create({ image_id: 2_000_000_000, analysis_type: 'OTHER' }), ForeignKeyConstraintError);
    });

    await t.test('a patient with records cannot be hard-deleted', async () => {
      const chain = await createChain(models);
      await assert.rejects(chain.patient.destroy({ force: true }), ForeignKeyConstraintError);
    });

    await t.test('migrateDownAll leaves no CDSS table', async () => {
      await migrateDownAll(sequelize);
      assert.deepEqual((await tableNames(sequelize)).filter((t) => t !== MIGRATIONS_TABLE), []);
    });

    await t.test('migrate works again after a full rollback', async () => {
      assert.deepEqual(await migrate(sequelize), ALL_MIGRATIONS);
      const tables = await tableNames(sequelize);
      for (const table of CDSS_TABLES) assert.ok(tables.includes(table), `missing table ${table} after re-migrating`);
      await createChain(models);
    });
  } finally {
    await sequelize.close();
  }
}

/** Creates a doctor, nurse, radiographer, patient, appointment, record, image and analysis, all with fresh ids. */
async function createChain(models: Models) {
  const suffix = randomBytes(4).toString('hex');
  const doctorUser = await models.AuthUser.create({
    username: `doc_${suffix}`, password: 'x', role: 'doctor', department: 'PULMONOLOGY', doctor_id: `D${suffix}`,
  });
  const doctor = await models.Doctor.create({ user_id: doctorUser.id, code: `D${suffix}`, name: '이의사', department: 'PULMONOLOGY' });
  const nurseUser = await models.AuthUser.create({ username: `nurse_${suffix}`, password: 'x', role: 'nurse' });
  const nurse = await models.Nurse.create({ user_id: nurseUser.id, code: `N${suffix}`, name: '박간호' });
  const techUser = await models.AuthUser.create({ username: `rt_${suffix}`, password: 'x', role: 'radiology_technician' });
  const technician = await models.RadiologyTechnician.create({ user_id: techUser.id, code: `RT${suffix}`, name: '최기사' });
  const patient = await models.Patient.create({ patient_id: `P${suffix}`, name: '김환자', birth_date: '1960-03-01', gender: 'M' });
  const appointment = await models.Appointment.create({
    patient_id: patient.id, doctor_id: doctorUser.id, doctor_department: 'PULMONOLOGY', title: '외래 진료',
    start_time: new Date('2025-03-02T01:30:00Z'), end_time: new Date('2025-03-02T01:45:00Z'), created_by_id: doctorUser.id,
    patient_identifier: patient.patient_id, patient_name: patient.name, patient_gender: 'M', doctor_code: doctor.code,
  });
  const record = await models.MedicalRecord.create({
    patient_fk_id: patient.id, doctor_fk_id: doctorUser.id, name: patient.name, department: 'PULMONOLOGY',
    visit_date: '2025-03-02', reception_start_time: new Date('2025-03-02T01:20:00Z'), diagnosis: 'R91.1 폐결절',
  });
  const image = await models.MedicalImage.create({
    patient_id: patient.patient_id, image_type: 'CT', department: 'PULMONOLOGY', body_part: 'CHEST', image_source: 'UPLOAD',
    taken_by_id: technician.id, uploaded_by_id: technician.id, requested_by_id: doctor.id,
    study_instance_uid: `1.2.826.0.1.3680043.8.498.${parseInt(suffix, 16)}`,
  });
  const analysis = await models.AIAnalysisResult.create({
    image_id: image.id, analysis_type: 'LUNG_CT', results: { nodules: [{ x: 120, y: 88, diameter_mm: 6.5 }], lung_rads: '3' },
    confidence: 0.87, model_version: 'lung-ct-1.0', analyzed_by_id: doctorUser.id,
  });
  await models.MedicalRecordRelatedImage.create({ medical_record_id: record.id, medicalimage_id: image.id });
  return { doctorUser, doctor, nurseUser, nurse, patient, appointment, record, image, analysis };
}

test('migrations run up, down and up again on SQLite', async (t) => {
  const file = join(tmpdir(), `cdss-mig-${randomUUID()}.sqlite`);
  try {
    await exerciseMigrations(t, `sqlite:${file}`);
  } finally {
    await Promise.all(['', '-wal', '-shm'].map((ext) => rm(file + ext, { force: true })));
  }
});

test('migrations run up, down and up again on MariaDB', async (t) => {
  let admin: mysql.Connection;
  try {
    admin = await mysql.createConnection({ uri: MARIADB_SERVER, connectTimeout: 5_000 });
  } catch (error) {
    const reason = `MariaDB unreachable at ${MARIADB_SERVER}: ${(error as Error).message}`;
    if (REQUIRE_SERVICES) throw new Error(`${reason} (CDSS_REQUIRE_SERVICES=1 requires it)`);
    t.skip(`${reason}; set CDSS_REQUIRE_SERVICES=1 to fail instead`);
    return;
  }
  const database = `cdss_mig_${randomBytes(6).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await exerciseMigrations(t, `${MARIADB_SERVER.replace(/\/$/, '')}/${database}`);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin.end();
  }
});
