import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import type { LoggerInstance } from 'moleculer';
import mysql from 'mysql2/promise';
import { loadConfig } from '../lib/config.js';
import { DEPARTMENT_CODES, DEPARTMENTS, STAFF_ID_PREFIX, type Department, type Gender } from '../lib/constants.js';
import { toChosung } from '../lib/korean/chosung.js';
import { patientSearchKeys } from '../lib/korean/search-keys.js';
import { hashPassword } from '../lib/security/passwords.js';
import { openDatabase } from '../models/database.js';
import { seedDemoData } from '../models/demo/seed.js';
import { FAMILY_NAMES, GIVEN_NAMES, STREETS } from '../models/demo/korean-names.js';
import { defineModels } from '../models/index.js';
import { migrate } from '../models/migrate.js';
import { ageOn } from '../services/emr/patient-numbers.js';
import { seededRandom, type SeededRandom } from '../lib/random.js';

/**
 * Generates the clinical-scale data set of bench/clinical-scale.ts into its own MariaDB database:
 * migrated by our migrations, the demo hospital seeded by our demo seed (staff accounts, 30
 * patients), more doctors written as the staff-account code writes them, then patients, care teams and
 * appointments bulk-loaded with LOAD DATA LOCAL INFILE (secondary indexes dropped during the
 * load and rebuilt after it). Bulk rows bypass the models, so what the Patient model derives on
 * save (name_chosung, the patient_search_key rows) is derived here by the same functions.
 *
 * The set is kept for the next run: a `bench_scale_meta` row records what was generated, and a
 * run whose spec matches it skips generation.
 */

/** Bumped when the generated data changes shape, so older sets are regenerated. */
export const SCALE_DATA_VERSION = 2;

export interface ScaleSpec {
  /** mysql://user@host:port, without a database. */
  server: string;
  database: string;
  /** Total patients in the table (the demo's 30 included). */
  patients: number;
  /** Total appointments in the table (the demo's included). */
  appointments: number;
  doctorsPerDepartment: number;
  /** Weeks of calendar, about 3/4 in the past and 1/4 ahead of the generation date. */
  weeks: number;
  /** Password of every generated and demo staff account. */
  password: string;
  regenerate: boolean;
}

export interface ScaleMeta {
  version: number;
  patients: number;
  appointments: number;
  doctorsPerDepartment: number;
  weeks: number;
  /** Monday 00:00 KST of the first generated week, as an ISO instant. */
  rangeStart: string;
  generatedAt: string;
  seconds: number;
}

export interface ScaleData {
  url: string;
  meta: ScaleMeta;
  generated: boolean;
}

const DAY_MS = 86_400_000;
const SLOT_MS = 30 * 60_000;
const SLOTS_PER_DAY = 18; // 09:00–18:00 KST
const SLOTS_PER_WEEK = 5 * SLOTS_PER_DAY;
const KST_MS = 9 * 3_600_000;
const PAST_WEEKS_SHARE = 0.75;

/** Family names with their approximate share of the population (2015 census), for realistic 초성 spreads. */
const FAMILY_SHARE: Record<(typeof FAMILY_NAMES)[number], number> = {
  김: 21.5, 이: 14.7, 박: 8.4, 최: 4.7, 정: 4.4, 강: 2.3, 조: 2.1, 윤: 2.1, 장: 2.0, 임: 1.7,
  한: 1.5, 오: 0.8, 서: 0.8, 신: 0.8, 권: 0.7, 황: 0.7, 안: 0.7, 송: 0.7, 류: 0.6, 홍: 0.6,
};

const DEPARTMENT_SLUG: Record<Department, string> = {
  PULMONOLOGY: 'pulmo', NEUROSURGERY: 'neuro', BREAST_SURGERY: 'breast', GASTROENTEROLOGY: 'gi', DERMATOLOGY: 'derm',
};

type Rand = SeededRandom;

function weightedPicker<T extends string>(weights: Record<T, number>): (rand: Rand) => T {
  const entries = Object.entries(weights) as [T, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  return (rand) => {
    let r = rand.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1][0];
  };
}
const pickFamily = weightedPicker(FAMILY_SHARE);

/**
 * Share of patients who get a given name exactly as the demo list has it. The list holds 12 names
 * per gender: taken alone, each would be about 4% of its gender, many times the share of the
 * commonest real Korean given names (well under 1%). The others get a name recombined from the
 * list's syllables (민 + 준 → 민준, about 140 per gender), so a listed name ends up with about
 * 1% of all patients and a recombined one about 0.3%.
 */
const LISTED_NAME_SHARE = 0.2;

/** A Korean name: a family name by census share and a two-syllable given name (see LISTED_NAME_SHARE). */
function koreanName(rand: Rand, gender: Gender): string {
  const given = GIVEN_NAMES[gender];
  if (rand.next() < LISTED_NAME_SHARE) return pickFamily(rand) + rand.pick(given);
  const a = [...rand.pick(given)][0];
  let b = [...rand.pick(given)][1];
  if (b === a) b = [...rand.pick(given)][1];
  return pickFamily(rand) + a + b;
}

/** 'YYYY-MM-DD HH:MM:SS.mmm' (UTC, as Sequelize stores DATETIME(3) with timezone +00:00). */
function datetime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** One LOAD DATA field: \N for NULL, backslash escapes for the field and line separators. */
function field(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n]/.test(value) ? value.replace(/[\\\t\n]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\\\')) : value;
}

/** Streams rows (arrays of fields) into `table` through LOAD DATA LOCAL INFILE, in chunks of lines. */
async function loadRows(conn: mysql.Connection, table: string, columns: string[], rows: Iterable<(string | number | null)[]>): Promise<void> {
  function* chunks() {
    let buffer: string[] = [];
    for (const row of rows) {
      buffer.push(row.map(field).join('\t'));
      if (buffer.length === 2000) {
        yield Buffer.from(`${buffer.join('\n')}\n`);
        buffer = [];
      }
    }
    if (buffer.length > 0) yield Buffer.from(`${buffer.join('\n')}\n`);
  }
  await conn.query({
    sql: `LOAD DATA LOCAL INFILE 'rows.tsv' INTO TABLE \`${table}\` CHARACTER SET utf8mb4 ` +
      `FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${columns.map((c) => `\`${c}\``).join(', ')})`,
    infileStreamFactory: () => Readable.from(chunks()),
  });
}

/** Runs `load` over `total` items in slices of `size`, printing progress after each. */
async function inSlices(label: string, total: number, size: number, load: (from: number, to: number) => Promise<void>, log: (line: string) => void) {
  const started = performance.now();
  for (let from = 0; from < total; from += size) {
    const to = Math.min(total, from + size);
    await load(from, to);
    const seconds = (performance.now() - started) / 1000;
    log(`  ${label}: ${to.toLocaleString('en')} / ${total.toLocaleString('en')} (${seconds.toFixed(1)} s, ${Math.round(to / seconds).toLocaleString('en')} rows/s)`);
  }
}

/**
 * Runs `load` with the table's secondary indexes and foreign keys dropped, then adds them back in
 * one pass each (a sorted index build instead of a random insert per row and index; the buffer
 * pool is far smaller than the data) and checks the table definition came back unchanged.
 */
async function withoutSecondaryIndexes(conn: mysql.Connection, table: string, load: () => Promise<void>, log: (line: string) => void) {
  const definition = async () => {
    const [rows] = await conn.query(`SHOW CREATE TABLE \`${table}\``);
    return ((rows as Record<string, string>[])[0]['Create Table'])
      .split('\n').map((line) => line.trim().replace(/,$/, '').replace(/ AUTO_INCREMENT=\d+/, ''));
  };
  const before = await definition();
  const name = (line: string) => /`([^`]+)`/.exec(line)![1];
  const keys = before.filter((line) => /^(UNIQUE )?KEY /.test(line));
  const foreignKeys = before.filter((line) => line.startsWith('CONSTRAINT ') && line.includes(' FOREIGN KEY '));
  const alter = (clauses: string[]) => (clauses.length ? conn.query(`ALTER TABLE \`${table}\` ${clauses.join(', ')}`) : Promise.resolve());
  await alter(foreignKeys.map((line) => `DROP FOREIGN KEY \`${name(line)}\``));
  await alter(keys.map((line) => `DROP KEY \`${name(line)}\``));
  await load();
  const started = performance.now();
  await alter(keys.map((line) => `ADD ${line}`));
  await alter(foreignKeys.map((line) => `ADD ${line}`));
  const after = await definition();
  if ([...before].sort().join('\n') !== [...after].sort().join('\n')) {
    throw new Error(`${table}: the definition changed while reloading:\n${before.join('\n')}\n---\n${after.join('\n')}`);
  }
  log(`  ${table}: ${keys.length} indexes and ${foreignKeys.length} foreign keys rebuilt (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

const quietLogger = {
  info: () => {}, debug: () => {}, trace: () => {}, warn: console.warn, error: console.error, fatal: console.error,
} as unknown as LoggerInstance;

/** The stored spec of an existing data set, or null when there is none (no database, no table, no row). */
async function readMeta(spec: ScaleSpec): Promise<ScaleMeta | null> {
  const conn = await mysql.createConnection(spec.server);
  try {
    const [rows] = await conn.query(`SELECT value FROM \`${spec.database}\`.bench_scale_meta WHERE name = 'spec'`);
    const row = (rows as { value: string }[])[0];
    return row ? (JSON.parse(row.value) as ScaleMeta) : null;
  } catch {
    return null;
  } finally {
    await conn.end();
  }
}

function matches(meta: ScaleMeta, spec: ScaleSpec): boolean {
  return meta.version === SCALE_DATA_VERSION && meta.patients === spec.patients && meta.appointments === spec.appointments
    && meta.doctorsPerDepartment === spec.doctorsPerDepartment && meta.weeks === spec.weeks;
}

/** The data set of `spec`: the one already in the database when it matches, else a fresh one. */
export async function ensureScaleData(spec: ScaleSpec, log: (line: string) => void = console.log): Promise<ScaleData> {
  const url = `${spec.server.replace(/\/$/, '')}/${spec.database}`;
  const existing = spec.regenerate ? null : await readMeta(spec);
  if (existing && matches(existing, spec)) {
    log(`data: reusing ${spec.database} (generated ${existing.generatedAt} in ${existing.seconds.toFixed(0)} s; --regenerate to rebuild)`);
    return { url, meta: existing, generated: false };
  }
  if (existing) log(`data: ${spec.database} holds another spec (${JSON.stringify(existing)}); regenerating`);
  const meta = await generate(spec, url, log);
  return { url, meta, generated: true };
}

interface DoctorRow { id: number; username: string; department: Department; code: string; name: string }

async function generate(spec: ScaleSpec, url: string, log: (line: string) => void): Promise<ScaleMeta> {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const rand = seededRandom(20260301);
  const server = spec.server.replace(/\/$/, '');

  log(`data: generating ${spec.patients.toLocaleString('en')} patients and ${spec.appointments.toLocaleString('en')} appointments into ${spec.database}`);
  const admin = await mysql.createConnection(server);
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${spec.database}\``);
    await admin.query(`CREATE DATABASE \`${spec.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }

  // 1. Our migrations and the demo hospital through the application's own code; more doctors as
  //    the staff-account code writes them (auth_user + doctor profile, next D<year><nnn> code),
  //    in one insert each and with one password hash instead of one scrypt per account.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cdss-scale-seed-'));
  const sequelize = await openDatabase(url);
  try {
    await migrate(sequelize);
    const models = defineModels(sequelize);
    await seedDemoData({ sequelize, models }, loadConfig({ CDSS_DATA_DIR: dataDir, CDSS_DEMO_PASSWORD: spec.password }), quietLogger);
    log(`  migrated and demo data seeded (${elapsed()})`);
    const extra = DEPARTMENT_CODES.flatMap((department) => Array.from({ length: spec.doctorsPerDepartment - 1 }, (_, i) => ({
      department, username: `doctor.${DEPARTMENT_SLUG[department]}.${String(i + 2).padStart(2, '0')}`,
    })));
    const prefix = `${STAFF_ID_PREFIX.doctor}${new Date().getFullYear()}`;
    const codes = (await models.Doctor.findAll({ attributes: ['code'] })).map((d) => d.code).filter((c) => c.startsWith(prefix));
    let next = Math.max(0, ...codes.map((c) => Number(c.slice(prefix.length)))) + 1;
    const password = await hashPassword(spec.password);
    const accounts = extra.map(({ department, username }) => {
      const gender: Gender = rand.next() < 0.5 ? 'M' : 'F';
      const name = koreanName(rand, gender);
      const [lastName, ...rest] = [...name];
      return { department, username, name, code: `${prefix}${String(next++).padStart(3, '0')}`, firstName: rest.join(''), lastName };
    });
    await sequelize.transaction(async (transaction) => {
      const users = await models.AuthUser.bulkCreate(accounts.map((a) => ({
        username: a.username, password, first_name: a.firstName, last_name: a.lastName, role: 'doctor' as const,
        is_superuser: false, department: a.department, doctor_id: a.code, password_changed_at: new Date(),
      })), { transaction });
      await models.Doctor.bulkCreate(accounts.map((a, i) => ({
        user_id: users[i].id, code: a.code, name: a.name, department: a.department,
      })), { transaction });
    });
    log(`  ${extra.length} more doctors (${spec.doctorsPerDepartment} per department) (${elapsed()})`);
  } finally {
    await sequelize.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const conn = await mysql.createConnection({ uri: url, charset: 'utf8mb4' });
  try {
    // The rows are consistent by construction; checking each key on load only slows it.
    await conn.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
    const [doctorRows] = await conn.query(
      "SELECT u.id, u.username, u.department, d.doctor_id AS code, d.name FROM auth_user u JOIN doctor d ON d.user_id = u.id WHERE u.role = 'doctor' ORDER BY u.id");
    const doctors = doctorRows as DoctorRow[];
    const [[frontDesk]] = (await conn.query("SELECT id FROM auth_user WHERE username = 'frontdesk'")) as unknown as [{ id: number }[]];
    const [existingPatients] = await conn.query('SELECT id, patient_id FROM patients_patient');
    const [existingAppointments] = await conn.query('SELECT doctor_id, start_time FROM patients_appointment');

    // 2. Patients: registered over the years, chart numbers P<year><5 digits> in registration order.
    const now = Date.now();
    const firstId = Math.max(0, ...(existingPatients as { id: number }[]).map((p) => p.id)) + 1;
    const count = spec.patients - (existingPatients as unknown[]).length;
    const nextNumber = new Map<number, number>();
    for (const { patient_id: number } of existingPatients as { patient_id: string }[]) {
      const year = Number(number.slice(1, 5));
      nextNumber.set(year, Math.max(nextNumber.get(year) ?? 1, Number(number.slice(5)) + 1));
    }
    const registeredFrom = Date.UTC(2014, 0, 1);
    const registeredTo = now - DAY_MS;
    const patients = {
      id: new Int32Array(count), number: new Array<string>(count), name: new Array<string>(count),
      gender: new Array<Gender>(count), age: new Int16Array(count), department: new Array<Department>(count),
      created: new Float64Array(count),
    };
    const patientRows = new Array<(string | number | null)[]>(count);
    for (let i = 0; i < count; i++) {
      const id = firstId + i;
      const created = Math.floor(registeredFrom + ((registeredTo - registeredFrom) * (i + rand.next())) / count);
      const year = new Date(created).getUTCFullYear();
      const seq = nextNumber.get(year) ?? 1;
      nextNumber.set(year, seq + 1);
      const number = `P${year}${String(seq).padStart(5, '0')}`;
      const r = rand.next();
      const gender: Gender = r < 0.001 ? 'O' : r < 0.5 ? 'M' : 'F';
      const name = koreanName(rand, gender);
      // Hospital patients skew older: birth years triangular around the mid-1970s.
      const birthYear = 1935 + Math.floor(((rand.next() + rand.next()) / 2) * 88);
      const birth = `${birthYear}-${String(rand.int(1, 12)).padStart(2, '0')}-${String(rand.int(1, 28)).padStart(2, '0')}`;
      const age = ageOn(birth);
      const deleted = rand.next() < 0.005 ? created + rand.int(1, 400) * DAY_MS : null;
      const updated = deleted ?? created + rand.int(0, 300) * DAY_MS;
      patients.id[i] = id;
      patients.number[i] = number;
      patients.name[i] = name;
      patients.gender[i] = gender;
      patients.age[i] = age;
      patients.department[i] = rand.pick(DEPARTMENT_CODES);
      patients.created[i] = created;
      patientRows[i] = [
        id, number, name, birth, gender, age,
        `010-0${rand.int(100, 999)}-${rand.int(1000, 9999)}`,
        rand.pick(['A+', 'B+', 'O+', 'AB+', 'A-', 'O-']),
        `서울특별시 ${rand.pick(STREETS)} ${rand.int(1, 200)} (가상 주소)`,
        rand.next() < 0.6 ? `보호자 010-0${rand.int(100, 999)}-${rand.int(1000, 9999)}` : null,
        rand.next() < 0.3 ? rand.pick(['고혈압 (2018~), 약물 복용 중', '당뇨 (2015~), 인슐린', '천식', '갑상선기능저하증']) : null,
        rand.next() < 0.2 ? JSON.stringify([{ substance: rand.pick(['페니실린', '아스피린', '조영제', '땅콩']), reaction: '두드러기', severity: 'moderate' }]) : '[]',
        datetime(Math.min(created, updated)), datetime(Math.min(updated, now)), deleted === null ? null : datetime(Math.min(deleted, now)),
        // Derived exactly as the Patient model's beforeSave hook does.
        toChosung(name),
      ];
    }
    log(`  ${count.toLocaleString('en')} patients built (${elapsed()})`);
    await withoutSecondaryIndexes(conn, 'patients_patient', () => inSlices('patients', count, 50_000, (from, to) => loadRows(conn, 'patients_patient', [
      'id', 'patient_id', 'name', 'birth_date', 'gender', 'age', 'phone', 'blood_type', 'address', 'emergency_contact',
      'medical_history', 'allergies', 'created_at', 'updated_at', 'deleted_at', 'name_chosung',
    ], patientRows.slice(from, to)), log), log);
    patientRows.length = 0;

    // Search keys (migration 0009), derived as the Patient model's afterSave hook does.
    const [keyTable] = await conn.query("SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'patient_search_key'");
    if ((keyTable as unknown[]).length > 0) {
      function* keyRows(from: number, to: number) {
        for (let i = from; i < to; i++) {
          for (const key of patientSearchKeys(patients.name[i], patients.number[i])) yield [patients.id[i], key.kind, key.search_key];
        }
      }
      await withoutSecondaryIndexes(conn, 'patient_search_key', () => inSlices('patient_search_key (patients)', count, 50_000, (from, to) =>
        loadRows(conn, 'patient_search_key', ['patient_id', 'kind', 'search_key'], keyRows(from, to)), log), log);
    }

    // 3. Care teams: a home department with one to three of its doctors; some patients a second
    //    department. Each doctor gets an attending row and each department a department row, as
    //    booking an appointment does.
    const byDepartment = new Map<Department, number[]>();
    doctors.forEach((d, index) => byDepartment.set(d.department, [...(byDepartment.get(d.department) ?? []), index]));
    const patientsOf: number[][] = doctors.map(() => []);
    const careRows: (string | number | null)[][] = [];
    for (let i = 0; i < count; i++) {
      const created = datetime(patients.created[i]);
      const departments: [Department, number][] = [[patients.department[i], rand.next() < 0.65 ? 1 : rand.next() < 0.8 ? 2 : 3]];
      if (rand.next() < 0.12) {
        const second = rand.pick(DEPARTMENT_CODES.filter((d) => d !== patients.department[i]));
        departments.push([second, 1]);
      }
      for (const [department, howMany] of departments) {
        const pool = [...byDepartment.get(department)!];
        for (let k = 0; k < howMany; k++) {
          const doctor = pool.splice(Math.floor(rand.next() * pool.length), 1)[0];
          patientsOf[doctor].push(i);
          careRows.push([patients.id[i], doctors[doctor].id, department, 'attending', 1, created]);
        }
        careRows.push([patients.id[i], null, department, 'department', 1, created]);
      }
    }
    await withoutSecondaryIndexes(conn, 'care_team_member', () => inSlices('care_team_member', careRows.length, 100_000, (from, to) =>
      loadRows(conn, 'care_team_member', ['patient_id', 'user_id', 'department', 'relation', 'active', 'created_at'], careRows.slice(from, to)), log), log);
    careRows.length = 0;

    // 4. Appointments on the slot grid (weekdays 09:00–18:00 KST, 30 minutes), neither a doctor nor
    //    a patient booked twice at once. Exactly the wanted number of slots is drawn from all
    //    doctors' slots (selection sampling); each goes to one of the doctor's patients.
    const weekMs = 7 * DAY_MS;
    const nowKstMonday = Math.floor((now + KST_MS - 4 * DAY_MS) / weekMs) * weekMs + 4 * DAY_MS - KST_MS; // epoch was a Thursday
    const rangeStart = nowKstMonday - Math.round(spec.weeks * PAST_WEEKS_SHARE) * weekMs;
    const slotsPerDoctor = spec.weeks * SLOTS_PER_WEEK;
    const slotStart = (s: number) => {
      const week = Math.floor(s / SLOTS_PER_WEEK);
      const day = Math.floor((s % SLOTS_PER_WEEK) / SLOTS_PER_DAY);
      return rangeStart + (week * 7 + day) * DAY_MS + KST_MS + (s % SLOTS_PER_DAY) * SLOT_MS;
    };
    const doctorIndex = new Map(doctors.map((d, i) => [d.id, i]));
    const busyDoctor = new Set<number>();
    for (const a of existingAppointments as { doctor_id: number; start_time: Date }[]) {
      const offset = a.start_time.getTime() - rangeStart;
      const week = Math.floor(offset / weekMs);
      const inWeek = offset - week * weekMs;
      const day = Math.floor(inWeek / DAY_MS);
      const slot = (inWeek - day * DAY_MS - KST_MS) / SLOT_MS;
      if (week >= 0 && week < spec.weeks && day < 5 && Number.isInteger(slot) && slot >= 0 && slot < SLOTS_PER_DAY) {
        busyDoctor.add(doctorIndex.get(a.doctor_id)! * slotsPerDoctor + week * SLOTS_PER_WEEK + day * SLOTS_PER_DAY + slot);
      }
    }
    const wanted = spec.appointments - (existingAppointments as unknown[]).length;
    const totalSlots = doctors.length * slotsPerDoctor - busyDoctor.size;
    if (wanted > totalSlots * 0.9) {
      throw new Error(`${wanted} appointments do not fit ${totalSlots} free slots of ${doctors.length} doctors over ${spec.weeks} weeks; raise --doctors-per-department or --weeks`);
    }
    const appt = {
      patient: new Int32Array(wanted), doctor: new Uint16Array(wanted), slot: new Uint16Array(wanted),
      status: new Uint8Array(wanted), type: new Uint8Array(wanted), leadDays: new Uint8Array(wanted),
    };
    const STATUSES = ['COMPLETED', 'CANCELLED', 'NO_SHOW', 'BOOKED', 'REQUESTED'] as const;
    const TYPES = ['GENERAL', 'FOLLOW_UP', 'CHECKUP'] as const;
    const busyPatient = new Set<number>();
    let made = 0;
    let remainingSlots = totalSlots;
    for (let d = 0; d < doctors.length; d++) {
      const list = patientsOf[d];
      for (let s = 0; s < slotsPerDoctor; s++) {
        if (busyDoctor.has(d * slotsPerDoctor + s)) continue;
        const take = rand.next() * remainingSlots < wanted - made;
        remainingSlots--;
        if (!take || list.length === 0) continue;
        let patient = -1;
        for (let attempt = 0; attempt < 8 && patient < 0; attempt++) {
          const candidate = list[Math.floor(rand.next() * list.length)];
          if (!busyPatient.has(candidate * slotsPerDoctor + s)) patient = candidate;
        }
        if (patient < 0) continue;
        busyPatient.add(patient * slotsPerDoctor + s);
        const start = slotStart(s);
        const r = rand.next();
        appt.patient[made] = patient;
        appt.doctor[made] = d;
        appt.slot[made] = s;
        appt.status[made] = start < now ? (r < 0.85 ? 0 : r < 0.95 ? 1 : 2) : (r < 0.9 ? 3 : r < 0.97 ? 1 : 4);
        const t = rand.next();
        appt.type[made] = t < 0.55 ? 0 : t < 0.9 ? 1 : 2;
        appt.leadDays[made] = rand.int(1, 60);
        made++;
      }
    }
    busyPatient.clear();
    log(`  ${made.toLocaleString('en')} appointments drawn from ${totalSlots.toLocaleString('en')} free slots of ${doctors.length} doctors (${elapsed()})`);

    // Random v4 ids, inserted in key order (InnoDB clusters on the key; random-order inserts into a
    // table larger than the buffer pool crawl). Which appointment gets which id stays random.
    const ids = Array.from({ length: made }, () => rand.uuid()).sort();
    const order = new Uint32Array(made);
    for (let i = 0; i < made; i++) order[i] = i;
    for (let i = made - 1; i > 0; i--) {
      const j = Math.floor(rand.next() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    const TITLES = { GENERAL: '진료', FOLLOW_UP: '재진', CHECKUP: '검진' } as const;
    function* appointmentRows(from: number, to: number) {
      for (let j = from; j < to; j++) {
        const a = order[j];
        const p = appt.patient[a];
        const doctor = doctors[appt.doctor[a]];
        const start = slotStart(appt.slot[a]);
        const status = STATUSES[appt.status[a]];
        const type = TYPES[appt.type[a]];
        const created = Math.min(start - appt.leadDays[a] * DAY_MS, now);
        const updated = status === 'COMPLETED' || status === 'NO_SHOW' ? Math.min(start + SLOT_MS, now) : created;
        yield [
          ids[j], patients.id[p], doctor.id, doctor.department, `${DEPARTMENTS[doctor.department]} ${TITLES[type]}`, type,
          datetime(start), datetime(start + SLOT_MS), status, null, status === 'REQUESTED' ? null : frontDesk.id,
          patients.number[p], patients.name[p], patients.gender[p], patients.age[p], doctor.code, doctor.username, doctor.name,
          datetime(created), datetime(updated),
        ];
      }
    }
    await withoutSecondaryIndexes(conn, 'patients_appointment', () => inSlices('appointments', made, 100_000, (from, to) => loadRows(conn, 'patients_appointment', [
      'id', 'patient_id', 'doctor_id', 'doctor_department', 'title', 'type', 'start_time', 'end_time', 'status', 'memo',
      'created_by_id', 'patient_identifier', 'patient_name', 'patient_gender', 'patient_age', 'doctor_code', 'doctor_username',
      'doctor_name', 'created_at', 'updated_at',
    ], appointmentRows(from, to)), log), log);

    await conn.query(`ANALYZE TABLE patients_patient, care_team_member, patients_appointment${(keyTable as unknown[]).length > 0 ? ', patient_search_key' : ''}`);
    const meta: ScaleMeta = {
      version: SCALE_DATA_VERSION, patients: spec.patients, appointments: spec.appointments, doctorsPerDepartment: spec.doctorsPerDepartment,
      weeks: spec.weeks, rangeStart: new Date(rangeStart).toISOString(), generatedAt: new Date().toISOString(),
      seconds: (performance.now() - started) / 1000,
    };
    await conn.query('CREATE TABLE bench_scale_meta (name VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL)');
    await conn.query("INSERT INTO bench_scale_meta (name, value) VALUES ('spec', ?)", [JSON.stringify(meta)]);
    log(`data: done in ${elapsed()}`);
    return meta;
  } finally {
    await conn.end();
  }
}
