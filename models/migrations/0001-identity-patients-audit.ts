import type { QueryInterface } from 'sequelize';
import { col } from './columns.js';
import { GENESIS_HASH } from '../../lib/security/hash-chain.js';

/**
 * Identity (seed §3.0 auth_user and patient_user, §3.1 role profiles), patients (§3.0/§3.1.7),
 * the care team that row scopes read, refresh tokens and the hash-chained activity log (§3.5.1).
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('auth_user', {
    id: col.id(),
    username: { ...col.requiredString(150), unique: true },
    email: col.string(254),
    password: col.requiredString(255),
    first_name: col.string(150),
    last_name: col.string(150),
    role: col.requiredString(32),
    is_active: col.bool(true),
    is_staff: col.bool(true),
    is_superuser: col.bool(false),
    date_joined: col.createdAt(),
    last_login: col.date(),
    doctor_id: col.string(20),
    department: col.string(32),
    failed_login_count: { ...col.int(false), defaultValue: 0 },
    locked_until: col.date(),
    password_changed_at: col.date(),
  });
  await qi.addIndex('auth_user', ['role', 'department']);

  const profile = (idColumn: string, extra: Record<string, ReturnType<typeof col.string>> = {}) => ({
    id: col.id(),
    user_id: { ...col.fk('auth_user', false, 'CASCADE'), unique: true },
    [idColumn]: { ...col.requiredString(20), unique: true },
    name: col.requiredString(100),
    department: col.string(64),
    phone: col.string(32),
    email: col.string(254),
    created_at: col.createdAt(),
    updated_at: col.updatedAt(),
    ...extra,
  });
  await qi.createTable('doctor', profile('doctor_id', { license_number: col.string(32), specialization: col.string(200) }));
  await qi.createTable('nurse', profile('nurse_id', { license_number: col.string(32) }));
  await qi.createTable('administrative_staff', profile('staff_id', { position: col.string(64) }));
  await qi.createTable('radiology_technician', profile('technician_id', { license_number: col.string(32) }));
  await qi.createTable('radiology_doctor', profile('doctor_id', { license_number: col.string(32), specialization: col.string(200) }));

  await qi.createTable('patient_user', {
    id: col.id(),
    account_id: { ...col.requiredString(64), unique: true },
    email: { ...col.string(254), unique: true },
    name: col.requiredString(100),
    password: col.requiredString(255),
    patient_id: col.string(20),
    phone: col.string(32),
    birth_date: col.dateOnly(),
    is_active: col.bool(true),
    date_joined: col.createdAt(),
    last_login: col.date(),
    failed_login_count: { ...col.int(false), defaultValue: 0 },
    locked_until: col.date(),
  });
  await qi.addIndex('patient_user', ['patient_id']);

  await qi.createTable('patients_patient', {
    id: col.id(),
    patient_id: { ...col.requiredString(20), unique: true },
    user_account_id: col.fk('patient_user', true, 'SET NULL'),
    name: col.requiredString(100),
    birth_date: col.dateOnly(false),
    gender: col.requiredString(1),
    age: col.int(),
    phone: col.string(32),
    blood_type: col.string(3),
    address: col.string(300),
    emergency_contact: col.string(200),
    medical_history: col.text(),
    allergies: col.json(),
    created_at: col.createdAt(),
    updated_at: col.updatedAt(),
    deleted_at: col.date(),
  });
  await qi.addIndex('patients_patient', ['name']);
  await qi.addIndex('patients_patient', ['phone']);
  await qi.addIndex('patients_patient', ['birth_date']);
  await qi.addIndex('patients_patient', ['user_account_id']);

  // Who cares for whom: a doctor or nurse by user id, or a whole department (ward). Row scopes
  // read only this table, so appointments, records and admissions keep it current.
  await qi.createTable('care_team_member', {
    id: col.id(),
    patient_id: col.fk('patients_patient', false, 'CASCADE'),
    user_id: col.fk('auth_user', true, 'CASCADE'),
    department: col.string(32),
    relation: col.requiredString(32),
    active: col.bool(true),
    created_at: col.createdAt(),
  });
  await qi.addIndex('care_team_member', ['user_id', 'patient_id']);
  await qi.addIndex('care_team_member', ['department', 'patient_id']);
  await qi.addIndex('care_team_member', ['patient_id']);

  await qi.createTable('refresh_token', {
    id: col.id(),
    token_hash: { ...col.requiredString(64), unique: true },
    family_id: col.requiredString(36),
    realm: col.requiredString(8),
    user_id: col.int(false),
    expires_at: col.date(false),
    revoked_at: col.date(),
    revoked_reason: col.string(32),
    created_ip: col.string(64),
    user_agent: col.string(300),
    created_at: col.createdAt(),
  });
  await qi.addIndex('refresh_token', ['family_id']);
  await qi.addIndex('refresh_token', ['realm', 'user_id']);

  // seed §3.5.1 ActivityLog, extended with realm, role, patient, outcome, break-the-glass and the
  // hash chain. user_id has no foreign key: patients (patient_user) act too, told apart by realm.
  await qi.createTable('activity_log', {
    id: col.id(),
    user_id: col.string(20),
    realm: col.string(8),
    role: col.string(32),
    action_type: col.requiredString(16),
    resource_type: col.requiredString(64),
    resource_id: col.string(64),
    patient_id: col.int(),
    outcome: col.requiredString(8),
    break_glass: col.bool(false),
    reason: col.string(500),
    description: col.string(500),
    ip_address: col.string(64),
    request_id: col.string(64),
    prev_hash: col.requiredString(64),
    hash: col.requiredString(64),
    created_at: col.createdAt(),
  });
  await qi.addIndex('activity_log', ['user_id', 'created_at']);
  await qi.addIndex('activity_log', ['patient_id', 'created_at']);
  await qi.addIndex('activity_log', ['created_at']);

  // One row holding the chain's head; writers lock it so concurrent nodes extend the chain in turn.
  await qi.createTable('audit_chain_head', {
    id: col.id(),
    last_hash: col.requiredString(64),
    last_id: { ...col.int(false), defaultValue: 0 },
  });
  await qi.bulkInsert('audit_chain_head', [{ id: 1, last_hash: GENESIS_HASH, last_id: 0 }]);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of ['audit_chain_head', 'activity_log', 'refresh_token', 'care_team_member', 'patients_patient',
    'patient_user', 'radiology_doctor', 'radiology_technician', 'administrative_staff', 'nurse', 'doctor', 'auth_user']) {
    await qi.dropTable(table);
  }
}
