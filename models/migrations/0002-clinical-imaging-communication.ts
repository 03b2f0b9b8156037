import type { QueryInterface } from 'sequelize';
import { col } from './columns.js';

/** Foreign keys to patients_appointment carry its UUID, not an integer. */
const appointmentFk = (allowNull = true, onDelete: 'RESTRICT' | 'CASCADE' | 'SET NULL' = 'RESTRICT') =>
  ({ ...col.fk('patients_appointment', allowNull, onDelete), type: col.uuid().type });

/**
 * Clinical (seed §3.3 appointments, records, prescriptions; §3.0 lung screening), imaging (§3.2
 * images, AI results, radiology reports), nursing (§3.4) and communication (§3.5.2–3.5.7).
 * Enumerated columns hold the English codes of lib/constants.ts and lib/constants-clinical.ts.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // seed §3.3.2: the chart and doctor are copied onto the row so calendars render without joins.
  await qi.createTable('patients_appointment', {
    id: col.uuid(),
    patient_id: col.fk('patients_patient'),
    doctor_id: col.fk('auth_user', false),
    doctor_department: col.string(32),
    title: col.string(200),
    type: { ...col.requiredString(16), defaultValue: 'GENERAL' },
    start_time: col.date(false),
    end_time: col.date(),
    status: { ...col.requiredString(16), defaultValue: 'BOOKED' },
    memo: col.text(),
    created_by_id: col.fk('auth_user', true, 'SET NULL'),
    patient_identifier: col.string(20),
    patient_name: col.string(100),
    patient_gender: col.string(1),
    patient_age: col.int(),
    doctor_code: col.string(20),
    doctor_username: col.string(150),
    doctor_name: col.string(100),
    created_at: col.createdAt(),
    updated_at: col.updatedAt(),
  });
  await qi.addIndex('patients_appointment', ['patient_id', 'start_time']);
  await qi.addIndex('patients_appointment', ['doctor_id', 'start_time']);
  await qi.addIndex('patients_appointment', ['doctor_department', 'start_time']);
  await qi.addIndex('patients_appointment', ['status', 'start_time']);

  // seed §3.2.1: patient_id stays the chart number (a CharField), as in the existing table.
  await qi.createTable('medical_images_medicalimage', {
    id: col.id(),
    patient_id: col.requiredString(20),
    image_type: col.requiredString(16),
    image_file: col.string(500),
    description: col.text(),
    taken_date: col.date(),
    doctor_notes: col.text(),
    created_at: col.createdAt(),
    taken_by_id: col.fk('radiology_technician', true, 'SET NULL'),
    uploaded_by_id: col.fk('radiology_technician', true, 'SET NULL'),
    requested_by_id: col.fk('doctor', true, 'SET NULL'),
    department: col.string(32),
    body_part: col.string(64),
    image_source: col.string(16),
    radiology_notes: col.text(),
    status: { ...col.requiredString(16), defaultValue: 'TAKEN' },
    updated_at: col.updatedAt(),
    study_instance_uid: col.string(128),
    orthanc_id: col.string(64),
  });
  await qi.addIndex('medical_images_medicalimage', ['patient_id', 'taken_date'], { name: 'medicalimage_patient_taken' });
  await qi.addIndex('medical_images_medicalimage', ['status', 'department'], { name: 'medicalimage_status_department' });
  await qi.addIndex('medical_images_medicalimage', ['department', 'created_at'], { name: 'medicalimage_department_created' });
  await qi.addIndex('medical_images_medicalimage', ['requested_by_id', 'status'], { name: 'medicalimage_requested_by_status' });
  await qi.addIndex('medical_images_medicalimage', ['study_instance_uid'], { name: 'medicalimage_study_uid' });
  await qi.addIndex('medical_images_medicalimage', ['orthanc_id'], { name: 'medicalimage_orthanc_id' });

  await qi.createTable('medical_images_aianalysisresult', {
    id: col.id(),
    image_id: col.fk('medical_images_medicalimage', false),
    analysis_type: col.requiredString(40),
    results: col.json(),
    confidence: col.float(),
    findings: col.text(),
    recommendations: col.text(),
    model_version: col.string(64),
    analysis_date: col.date(false),
    analyzed_by_id: col.fk('auth_user', true, 'SET NULL'),
  });
  await qi.addIndex('medical_images_aianalysisresult', ['image_id', 'analysis_date'], { name: 'aianalysisresult_image_date' });
  await qi.addIndex('medical_images_aianalysisresult', ['analysis_type', 'analysis_date'], { name: 'aianalysisresult_type_date' });

  await qi.createTable('radiology_report', {
    id: col.id(),
    image_id: col.fk('medical_images_medicalimage', false),
    patient_id: col.fk('patients_patient', false),
    radiologist_id: col.fk('radiology_doctor'),
    report_content: col.text(),
    findings: col.text(),
    conclusion: col.text(),
    recommendations: col.text(),
    report_date: col.date(),
    status: { ...col.requiredString(16), defaultValue: 'DRAFT' },
    created_at: col.createdAt(),
    updated_at: col.updatedAt(),
  });
  await qi.addIndex('radiology_report', ['image_id']);
  await qi.addIndex('radiology_report', ['patient_id', 'report_date']);
  await qi.addIndex('radiology_report', ['radiologist_id', 'status']);
  await qi.addIndex('radiology_report', ['status', 'updated_at']);

  // seed §3.3.1: one visit; reception fills name/department/reception_start_time, the doctor the rest.
  await qi.createTable('medical_record', {
    id: col.id(),
    patient_fk_id: col.fk('patients_patient', false),
    doctor_fk_id: col.fk('auth_user'),
    name: col.string(100),
    department: col.string(32),
    status: { ...col.requiredString(16), defaultValue: 'DRAFT' },
    notes: col.text(),
    reception_start_time: col.date(),
    treatment_end_time: col.date(),
    is_treatment_completed: col.bool(false),
    visit_date: col.dateOnly(),
    diagnosis: col.text(),
    symptoms: col.text(),
    treatment: col.text(),
    prescription: col.text(),
    doctor_notes: col.text(),
    created_at: col.createdAt(),
    updated_at: col.updatedAt(),
  });
  await qi.addIndex('medical_record', ['patient_fk_id', 'visit_date']);
  await qi.addIndex('medical_record', ['doctor_fk_id', 'visit_date']);
  await qi.addIndex('medical_record', ['department', 'visit_date']);
  await qi.addIndex('medical_record', ['status', 'visit_date']);

  // Django's ManyToMany join table for medical_record.related_images; links go with either side.
  await qi.createTable('medical_record_related_images', {
    id: col.id(),
    medical_record_id: col.fk('medical_record', false, 'CASCADE'),
    medicalimage_id: col.fk('medical_images_medicalimage', false, 'CASCADE'),
  });
  await qi.addIndex('medical_record_related_images', ['medical_record_id', 'medicalimage_id'], { unique: true, name: 'record_images_record_image' });
  await qi.addIndex('medical_record_related_images', ['medicalimage_id'], { name: 'record_images_image' });

  await qi.createTable('prescription', {
    id: col.id(),
    medical_record_id: col.fk('medical_record'),
    patient_id: col.fk('patients_patient', false),
    doctor_id: col.fk('doctor', false),
    prescription_date: col.date(false),
    medications: col.json(),
    dosage: col.text(),
    duration: col.string(100),
    notes: col.text(),
    created_at: col.createdAt(),
  });
  await qi.addIndex('prescription', ['patient_id', 'prescription_date']);
  await qi.addIndex('prescription', ['doctor_id', 'prescription_date']);
  await qi.addIndex('prescription', ['medical_record_id']);

  // The PLCOm2012 predictors (Tammemägi et al., NEJM 2013) plus the seed's symptom flags.
  await qi.createTable('lung_record', {
    id: col.id(),
    patient_fk_id: col.fk('patients_patient', false),
    age: col.int(),
    education_level: col.int(),
    bmi: col.float(),
    copd: col.bool(false),
    personal_cancer_history: col.bool(false),
    family_lung_cancer_history: col.bool(false),
    race_ethnicity: col.string(40),
    smoking_status: { ...col.requiredString(16), defaultValue: 'NEVER' },
    cigarettes_per_day: col.float(),
    smoking_duration_years: col.float(),
    years_since_quitting: col.float(),
    cough: col.bool(false),
    dyspnea: col.bool(false),
    chest_pain: col.bool(false),
    hemoptysis: col.bool(false),
    weight_loss: col.bool(false),
    created_at: col.createdAt(),
  });
  await qi.addIndex('lung_record', ['patient_fk_id', 'created_at']);

  await qi.createTable('lung_result', {
    id: col.id(),
    lung_record_id: col.fk('lung_record', false),
    prediction: col.string(32),
    risk_score: col.float(),
    recommendation: col.text(),
    model_version: col.string(64),
    created_at: col.createdAt(),
  });
  await qi.addIndex('lung_result', ['lung_record_id']);

  await qi.createTable('nursing_record', {
    id: col.id(),
    patient_id: col.fk('patients_patient', false),
    nurse_id: col.fk('nurse', false),
    record_date: col.date(false),
    vital_signs: col.json(),
    symptoms: col.text(),
    nursing_notes: col.text(),
    medications_administered: col.text(),
    created_at: col.createdAt(),
    updated_at: col.updatedAt(),
  });
  await qi.addIndex('nursing_record', ['patient_id', 'record_date']);
  await qi.addIndex('nursing_record', ['nurse_id', 'record_date']);

  await qi.createTable('patient_status', {
    id: col.id(),
    patient_id: col.fk('patients_patient', false),
    status: col.requiredString(16),
    ward: col.string(32),
    room_number: col.string(16),
    admission_date: col.date(),
    discharge_date: col.date(),
    current_condition: col.text(),
    updated_by_id: col.fk('auth_user', true, 'SET NULL'),
    updated_at: col.updatedAt(),
  });
  await qi.addIndex('patient_status', ['patient_id', 'updated_at']);
  await qi.addIndex('patient_status', ['status', 'ward']);
  await qi.addIndex('patient_status', ['ward', 'room_number']);

  await qi.createTable('notification', {
    id: col.id(),
    user_id: col.fk('auth_user', false, 'CASCADE'),
    notification_type: col.requiredString(16),
    title: col.requiredString(200),
    message: col.text(),
    is_read: col.bool(false),
    related_resource_type: col.string(64),
    related_resource_id: col.string(64),
    created_at: col.createdAt(),
  });
  await qi.addIndex('notification', ['user_id', 'is_read', 'created_at']);
  await qi.addIndex('notification', ['user_id', 'created_at']);

  await qi.createTable('chat_room', {
    id: col.id(),
    room_type: col.requiredString(16),
    name: col.string(200),
    created_by_id: col.fk('auth_user', true, 'SET NULL'),
    related_patient_id: col.fk('patients_patient'),
    related_appointment_id: appointmentFk(true, 'SET NULL'),
    created_at: col.createdAt(),
    updated_at: col.updatedAt(),
  });
  await qi.addIndex('chat_room', ['related_patient_id']);
  await qi.addIndex('chat_room', ['related_appointment_id']);

  await qi.createTable('chat_room_member', {
    id: col.id(),
    room_id: col.fk('chat_room', false, 'CASCADE'),
    user_id: col.fk('auth_user', false, 'CASCADE'),
    role: { ...col.requiredString(16), defaultValue: 'MEMBER' },
    joined_at: col.createdAt(),
    last_read_at: col.date(),
  });
  await qi.addIndex('chat_room_member', ['room_id', 'user_id'], { unique: true });
  await qi.addIndex('chat_room_member', ['user_id']);

  await qi.createTable('chat_message', {
    id: col.id(),
    room_id: col.fk('chat_room', false),
    sender_id: col.fk('auth_user', false),
    message_type: { ...col.requiredString(24), defaultValue: 'TEXT' },
    content: col.text(),
    file_url: col.string(500),
    related_image_id: col.fk('medical_images_medicalimage', true, 'SET NULL'),
    related_record_id: col.fk('medical_record', true, 'SET NULL'),
    is_read: col.bool(false),
    created_at: col.createdAt(),
    updated_at: col.updatedAt(),
  });
  await qi.addIndex('chat_message', ['room_id', 'created_at']);
  await qi.addIndex('chat_message', ['sender_id', 'created_at']);

  // user_id is no foreign key: patients (patient_user) and anonymous site visitors chat too, told apart by realm.
  await qi.createTable('chatbot_conversation', {
    id: col.id(),
    user_id: col.string(20),
    realm: col.requiredString(16),
    bot_type: col.requiredString(16),
    session_id: { ...col.requiredString(64), unique: true },
    context: col.json(),
    created_at: col.createdAt(),
    updated_at: col.updatedAt(),
  });
  await qi.addIndex('chatbot_conversation', ['realm', 'user_id', 'updated_at']);

  await qi.createTable('chatbot_message', {
    id: col.id(),
    conversation_id: col.fk('chatbot_conversation', false, 'CASCADE'),
    message_type: col.requiredString(8),
    content: col.text(),
    intent: col.string(64),
    response_type: col.string(16),
    metadata: col.json(),
    created_at: col.createdAt(),
  });
  await qi.addIndex('chatbot_message', ['conversation_id', 'created_at']);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of ['chatbot_message', 'chatbot_conversation', 'chat_message', 'chat_room_member', 'chat_room',
    'notification', 'patient_status', 'nursing_record', 'lung_result', 'lung_record', 'prescription',
    'medical_record_related_images', 'medical_record', 'radiology_report', 'medical_images_aianalysisresult',
    'medical_images_medicalimage', 'patients_appointment']) {
    await qi.dropTable(table);
  }
}
