import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DERIVED_PATIENT_FIELDS, PATIENT_COLUMNS, patientColumnScope, patientRowScope, type ScopeSubject } from '../../lib/rbac/scopes.js';
import type { Role } from '../../lib/constants.js';
import type { PatientAttributes } from '../../models/patient.js';

/** Every column of patients_patient; the Record type makes the compiler keep this list complete. */
const PATIENT_ATTRIBUTES: Record<keyof PatientAttributes, true> = {
  id: true, patient_id: true, user_account_id: true, name: true, birth_date: true, gender: true, age: true, phone: true,
  blood_type: true, address: true, emergency_contact: true, medical_history: true, allergies: true,
  name_chosung: true, resident_number_enc: true, resident_number_hash: true,
  created_at: true, updated_at: true, deleted_at: true,
};

function subject(role: Role, extra: Partial<ScopeSubject> = {}): ScopeSubject {
  return { role, userId: 7, department: 'PULMONOLOGY', patientId: null, ...extra };
}

describe('patientRowScope', () => {
  test('a doctor sees the care team by user id and department', () => {
    assert.deepEqual(patientRowScope(subject('doctor')), { kind: 'care-team', userId: 7, department: 'PULMONOLOGY' });
  });

  test('a nurse sees the care team by user id and department', () => {
    assert.deepEqual(patientRowScope(subject('nurse', { userId: 12, department: 'NEUROSURGERY' })), { kind: 'care-team', userId: 12, department: 'NEUROSURGERY' });
  });

  test('a doctor without a department is scoped to their own care team only', () => {
    assert.deepEqual(patientRowScope(subject('doctor', { department: null })), { kind: 'care-team', userId: 7, department: null });
  });

  test('front desk and radiologists see all patients', () => {
    assert.deepEqual(patientRowScope(subject('front_desk')), { kind: 'all' });
    assert.deepEqual(patientRowScope(subject('radiologist')), { kind: 'all' });
  });

  test('a radiographer sees patients with imaging work', () => {
    assert.deepEqual(patientRowScope(subject('radiology_technician')), { kind: 'imaging' });
  });

  test('a patient sees only themself', () => {
    assert.deepEqual(patientRowScope(subject('patient', { patientId: 1234 })), { kind: 'self', patientId: 1234 });
  });

  test('a patient account without a chart sees nobody', () => {
    assert.deepEqual(patientRowScope(subject('patient', { patientId: null })), { kind: 'self', patientId: null });
  });

  test('a system administrator sees no patients', () => {
    assert.deepEqual(patientRowScope(subject('sysadmin')), { kind: 'none' });
  });

  test('an unknown role sees no patients', () => {
    assert.deepEqual(patientRowScope(subject('janitor' as Role)), { kind: 'none' });
  });
});

describe('patientColumnScope', () => {
  test('front desk sees demographics only', () => {
    assert.equal(patientColumnScope('front_desk'), 'demographics');
  });

  test('a radiographer sees basic imaging columns', () => {
    assert.equal(patientColumnScope('radiology_technician'), 'imaging-basic');
  });

  test('clinicians, radiologists and the patient see every column', () => {
    for (const role of ['doctor', 'nurse', 'radiologist', 'patient'] as Role[]) assert.equal(patientColumnScope(role), 'full', role);
  });
});

describe('PATIENT_COLUMNS', () => {
  test('demographics exclude medical history and allergies', () => {
    assert.ok(!PATIENT_COLUMNS.demographics.includes('medical_history'));
    assert.ok(!PATIENT_COLUMNS.demographics.includes('allergies'));
    assert.ok(!PATIENT_COLUMNS.demographics.includes('blood_type'));
  });

  test('no scope answers the sealed resident number, its blind index or the 초성 column', () => {
    for (const [scope, columns] of Object.entries(PATIENT_COLUMNS)) {
      for (const secret of ['resident_number_enc', 'resident_number_hash', 'name_chosung']) assert.ok(!columns.includes(secret), `${scope}: ${secret}`);
    }
  });

  test('basic imaging columns include allergies but not medical history or contact details', () => {
    const columns = PATIENT_COLUMNS['imaging-basic'];
    assert.ok(columns.includes('allergies'));
    assert.ok(!columns.includes('medical_history'));
    for (const contact of ['phone', 'address', 'emergency_contact']) assert.ok(!columns.includes(contact), contact);
  });

  test('every scoped field is a real patient column or derived from one, and includes the keys', () => {
    for (const [scope, columns] of Object.entries(PATIENT_COLUMNS)) {
      for (const column of columns) assert.ok((DERIVED_PATIENT_FIELDS[column] ?? column) in PATIENT_ATTRIBUTES, `${scope}: ${column}`);
      assert.ok(columns.includes('id') && columns.includes('patient_id'), scope);
      assert.equal(new Set(columns).size, columns.length, scope);
    }
  });
});
