import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { LoggerInstance } from 'moleculer';
import type { CdssConfig } from '../../lib/config.js';
import { DEPARTMENT_CODES, DEPARTMENTS, type Department, type Gender, type StaffRole } from '../../lib/constants.js';
import { hashPassword } from '../../lib/security/passwords.js';
import type { Database } from '../../services/runtime.js';
import { createStaffAccount } from '../../services/identity/accounts.js';
import { ageOn } from '../../services/emr/patient-numbers.js';
import { DEMO_DIAGNOSES, FAMILY_NAMES, GIVEN_NAMES, STREETS } from './korean-names.js';
import { kcdByCode } from '../../lib/rules/kcd.js';
import { seedDemoLungScreenings } from './lung-screenings.js';
import { seedDemoRadiologyReports } from './radiology-reports.js';
import { seedDemoPrescriptions } from './prescriptions.js';
import { seedDemoBilling } from './billing-seed.js';
import { seededRandom } from '../../lib/random.js';

/** Demo logins (README "Demo accounts"). Doctors are one per department. */
export const DEMO_STAFF: { username: string; role: StaffRole; name: string; department?: Department }[] = [
  { username: 'doctor.pulmo', role: 'doctor', name: '김호흡', department: 'PULMONOLOGY' },
  { username: 'doctor.neuro', role: 'doctor', name: '이신경', department: 'NEUROSURGERY' },
  { username: 'doctor.breast', role: 'doctor', name: '박유방', department: 'BREAST_SURGERY' },
  { username: 'doctor.gi', role: 'doctor', name: '최소화', department: 'GASTROENTEROLOGY' },
  { username: 'doctor.derm', role: 'doctor', name: '정피부', department: 'DERMATOLOGY' },
  { username: 'nurse', role: 'nurse', name: '한간호', department: 'PULMONOLOGY' },
  { username: 'frontdesk', role: 'front_desk', name: '오원무' },
  { username: 'radtech', role: 'radiology_technician', name: '윤촬영' },
  { username: 'radiologist', role: 'radiologist', name: '장판독' },
  { username: 'sysadmin', role: 'sysadmin', name: '관리자' },
  { username: 'pharmacy.system', role: 'pharmacy_system', name: '약제부시스템' },
  { username: 'lab.system', role: 'lab_system', name: '검사실장비' },
];
export const DEMO_PATIENT_ACCOUNT = 'patient1';
export const DEMO_PATIENT_COUNT = 30;


/** The password for demo accounts: CDSS_DEMO_PASSWORD, or one generated, printed once and kept 0600. */
function demoPassword(config: CdssConfig, logger: LoggerInstance): string {
  if (config.demoPassword) return config.demoPassword;
  const password = `Demo${randomBytes(6).toString('hex')}7`;
  mkdirSync(config.dataDir, { recursive: true });
  const file = path.join(config.dataDir, 'demo-password.txt');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  logger.warn(`Demo accounts created. Password (shown once, also in ${file}): ${password}`);
  return password;
}

/**
 * Fills an empty database with the demo hospital: one account per role and department, a patient
 * portal account, and synthetic Korean patients with appointments, records and care teams.
 * Everything is obviously fictitious (addresses on 예시로, phone numbers 010-0xxx-xxxx).
 */
export async function seedDemoData(db: Database, config: CdssConfig, logger: LoggerInstance): Promise<boolean> {
  const { sequelize, models } = db;
  if ((await models.AuthUser.count()) > 0) return false;
  const password = demoPassword(config, logger);
  const rand = seededRandom(20251125);
  const year = new Date().getFullYear();

  await sequelize.transaction(async (transaction) => {
    const staff: Record<string, { id: number; code: string | null; name: string; username: string; department: string | null }> = {};
    for (const s of DEMO_STAFF) {
      const { user, profile } = await createStaffAccount(models, { ...s, password }, transaction);
      staff[s.username] = { id: user.id, code: profile?.code ?? null, name: s.name, username: s.username, department: user.department };
    }
    const doctorOf = (dept: Department) => Object.values(staff).find((s) => s.department === dept && s.username.startsWith('doctor.'))!;

    const now = Date.now();
    for (let i = 1; i <= DEMO_PATIENT_COUNT; i++) {
      const gender: Gender = rand.next() < 0.5 ? 'M' : 'F';
      const name = rand.pick(FAMILY_NAMES) + rand.pick(GIVEN_NAMES[gender]);
      const birth = `${rand.int(1940, 2005)}-${String(rand.int(1, 12)).padStart(2, '0')}-${String(rand.int(1, 28)).padStart(2, '0')}`;
      const department = DEPARTMENT_CODES[(i - 1) % DEPARTMENT_CODES.length];
      const diagnosis = rand.pick(DEMO_DIAGNOSES[department]);
      const patient = await models.Patient.create({
        patient_id: `P${year}${String(i).padStart(5, '0')}`,
        name, birth_date: birth, gender, age: ageOn(birth),
        phone: `010-0${rand.int(100, 999)}-${rand.int(1000, 9999)}`,
        blood_type: rand.pick(['A+', 'B+', 'O+', 'AB+', 'A-', 'O-']),
        address: `서울특별시 ${rand.pick(STREETS)} ${rand.int(1, 200)} (가상 주소)`,
        emergency_contact: `보호자 010-0${rand.int(100, 999)}-${rand.int(1000, 9999)}`,
        medical_history: rand.next() < 0.4 ? '고혈압 (2018~), 약물 복용 중' : null,
        allergies: rand.next() < 0.25 ? [{ substance: rand.pick(['페니실린', '아스피린', '조영제', '땅콩']), reaction: '두드러기', severity: 'moderate' }] : [],
      }, { transaction });
      const doctor = doctorOf(department);
      await models.CareTeamMember.bulkCreate([
        { patient_id: patient.id, user_id: doctor.id, department, relation: 'attending' },
        { patient_id: patient.id, department, relation: 'department' },
      ], { transaction });

      // One past visit with a signed record, one upcoming appointment.
      const pastStart = new Date(now - rand.int(2, 30) * 86_400_000);
      pastStart.setUTCHours(rand.int(0, 7), rand.pick([0, 30]), 0, 0);
      const futureStart = new Date(now + (i === 1 ? 3 : rand.int(0, 14)) * 86_400_000);
      futureStart.setUTCHours(rand.int(0, 7), rand.pick([0, 30]), 0, 0);
      const copy = {
        patient_id: patient.id, doctor_id: doctor.id, doctor_department: department, patient_identifier: patient.patient_id,
        patient_name: name, patient_gender: gender, patient_age: patient.age, doctor_code: doctor.code,
        doctor_username: doctor.username, doctor_name: doctor.name, created_by_id: staff.frontdesk.id,
      };
      await models.Appointment.bulkCreate([
        { ...copy, id: randomUUID(), title: `${DEPARTMENTS[department]} 진료`, type: 'GENERAL', start_time: pastStart, end_time: new Date(pastStart.getTime() + 30 * 60_000), status: 'COMPLETED' },
        { ...copy, id: randomUUID(), title: `${DEPARTMENTS[department]} 재진`, type: 'FOLLOW_UP', start_time: futureStart, end_time: new Date(futureStart.getTime() + 30 * 60_000), status: 'BOOKED' },
      ], { transaction });
      await models.MedicalRecord.create({
        patient_fk_id: patient.id, doctor_fk_id: doctor.id, name, department, status: 'SIGNED',
        reception_start_time: pastStart, treatment_end_time: new Date(pastStart.getTime() + 20 * 60_000), is_treatment_completed: true,
        visit_date: pastStart.toISOString().slice(0, 10), diagnosis: `${diagnosis.code} ${kcdByCode(diagnosis.code)!.name}`, diagnosis_code: diagnosis.code,
        signed_at: new Date(pastStart.getTime() + 20 * 60_000), symptoms: diagnosis.symptoms,
        treatment: diagnosis.treatment, notes: '데모 데이터 (가상 환자)',
      }, { transaction });
      if (department === 'PULMONOLOGY' || department === 'NEUROSURGERY') {
        await models.MedicalImage.create({
          patient_id: patient.patient_id, image_type: department === 'PULMONOLOGY' ? 'CT' : 'MRI',
          description: department === 'PULMONOLOGY' ? '흉부 CT 촬영 의뢰' : '뇌 MRI 촬영 의뢰', department,
          body_part: department === 'PULMONOLOGY' ? 'CHEST' : 'HEAD', requested_by_id: null, status: 'REQUESTED', image_source: 'UPLOAD',
        }, { transaction });
      }
      if (i === 1) {
        const account = await models.PatientUser.create({
          account_id: DEMO_PATIENT_ACCOUNT, email: 'patient1@example.com', name, password: await hashPassword(password),
          patient_id: patient.patient_id, birth_date: birth, phone: patient.phone,
        }, { transaction });
        await patient.update({ user_account_id: account.id }, { transaction });
      }
      if (i === 1) {
        // An active prescription with a PRN line, so the MAR shows due doses and has a dose that
        // may be charted as often as needed (the access-policy probe for mar.write charts it).
        const prescriber = await models.Doctor.findOne({ where: { user_id: doctor.id }, transaction });
        await models.Prescription.create({
          patient_id: patient.id, doctor_id: prescriber!.id, prescription_date: new Date(now), duration: '7일', notes: '데모 처방',
          medications: [
            { code: 'ERD300', name: '에르도스테인캡슐 300mg', ingredient: 'erdosteine', atcCode: 'R05CB15', strength: '300 mg', form: '캡슐',
              dose: 1, doseUnit: '캡슐', route: 'PO', frequency: 'TID', days: 7 },
            { code: 'APAP500', name: '아세트아미노펜정 500mg', ingredient: 'paracetamol (acetaminophen)', atcCode: 'N02BE01', strength: '500 mg', form: '정',
              dose: 1, doseUnit: '정', route: 'PO', frequency: 'PRN', days: 7, instructions: '발열(38℃ 이상)·통증 시, 4시간 이상 간격' },
          ],
        }, { transaction });
      }
    }
    await seedDemoPrescriptions(models, transaction);
    await seedDemoBilling(models, transaction, staff.frontdesk.id);
    await seedDemoLungScreenings(models, transaction);
    await seedDemoRadiologyReports(models, transaction);
  });
  logger.info(`Demo data: ${DEMO_STAFF.length} staff accounts, ${DEMO_PATIENT_COUNT} patients, portal account '${DEMO_PATIENT_ACCOUNT}'.`);
  return true;
}
