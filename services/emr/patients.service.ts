import { Errors, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { Op, UniqueConstraintError, col, fn, literal, where, type WhereOptions } from 'sequelize';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DbMixin, type DbMethods } from '../../mixins/db.mixin.js';
import { DERIVED_PATIENT_FIELDS, PATIENT_COLUMNS, PATIENT_WRITABLE, patientColumnScope } from '../../lib/rbac/scopes.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import { BLOOD_TYPES, DEPARTMENT_CODES, keysOf, GENDERS, type Department, type Gender, type Role } from '../../lib/constants.js';
import { isChosungQuery } from '../../lib/korean/chosung.js';
import type { SearchKeyKind } from '../../lib/korean/search-keys.js';
import { maskRrn, parseRrn } from '../../lib/korean/rrn.js';
import type { Allergy, PatientAttributes } from '../../models/patient.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';
import { runtimeOf } from '../runtime.js';
import { ageOn, createWithNextNumber } from './patient-numbers.js';

const { MoleculerClientError } = Errors;

export interface PatientListParams extends PagingParams {
  q?: string;
  /** Patients an active care-team member of this department looks after. */
  department?: Department;
  sort?: 'name' | '-name' | 'patient_id' | '-patient_id' | 'created_at' | '-created_at' | 'birth_date' | '-birth_date';
}

/** The writable fields of a patient, as the API names them (camelCase in, snake_case out like the seed). */
export interface PatientInput {
  name?: string;
  birthDate?: string;
  gender?: Gender;
  phone?: string | null;
  bloodType?: string | null;
  address?: string | null;
  emergencyContact?: string | null;
  medicalHistory?: string | null;
  allergies?: Allergy[];
  residentNumber?: string | null;
}

type PatientsThis = Service & DbMethods & {
  toColumns(input: PatientInput, current?: Record<string, unknown>): Promise<Partial<PatientAttributes>>;
  checkWritable(ctx: CdssContext, fields: string[], id?: number): Promise<void>;
  present(row: Record<string, unknown>, role: Role): Record<string, unknown>;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PATIENT_FIELDS = {
  name: { type: 'string', min: 1, max: 100, trim: true },
  birthDate: { type: 'string', pattern: DATE, messages: { stringPattern: '생년월일은 YYYY-MM-DD 형식입니다 (birthDate must be YYYY-MM-DD)' } },
  gender: { type: 'enum', values: keysOf(GENDERS) },
  phone: { type: 'string', pattern: /^[0-9+\- ]{7,20}$/, nullable: true, optional: true },
  bloodType: { type: 'enum', values: [...BLOOD_TYPES], nullable: true, optional: true },
  address: { type: 'string', max: 300, nullable: true, optional: true },
  emergencyContact: { type: 'string', max: 200, nullable: true, optional: true },
  medicalHistory: { type: 'string', max: 5000, nullable: true, optional: true },
  allergies: {
    type: 'array', optional: true, max: 50,
    items: {
      type: 'object', strict: true,
      props: {
        substance: { type: 'string', min: 1, max: 100, trim: true },
        reaction: { type: 'string', max: 200, optional: true },
        severity: { type: 'enum', values: ['mild', 'moderate', 'severe'], optional: true },
      },
    },
  },
  residentNumber: { type: 'string', max: 20, nullable: true, optional: true },
} as const;

/** Stored attributes to read for a role: its answer fields, with derived ones mapped to their source column. */
function columnsFor(role: Role): string[] {
  return [...new Set(PATIENT_COLUMNS[patientColumnScope(role)].map((field) => DERIVED_PATIENT_FIELDS[field] ?? field))];
}

/**
 * Patients with a search key (lib/korean/search-keys.ts) of these kinds that starts with
 * `prefix`: "contains" searches as an index range on patient_search_key instead of a scan of
 * every chart (bench/clinical-scale.ts).
 */
function keyedSearch(kinds: SearchKeyKind[], prefix: string, { escape, scopeOn }: SearchSql): WhereOptions {
  // The caller's scope inside the subquery drops other departments' matches with an index probe
  // before their charts are read (bench/clinical-scale.ts: a doctor's search ~30% less database time).
  const keys = `SELECT k.patient_id FROM patient_search_key k WHERE k.kind IN (${kinds.map(escape).join(', ')})`
    + ` AND k.search_key LIKE ${escape(`${prefix}%`)} AND ${scopeOn('k.patient_id')}`;
  return { id: { [Op.in]: literal(`(${keys})`) } };
}

interface SearchSql {
  escape: (value: string) => string;
  /** The caller's row scope on a patient-id column (the db mixin's scopeConditionOn). */
  scopeOn: (column: string) => string;
}

function searchWhere(q: string | undefined, sql: SearchSql): WhereOptions {
  const term = q?.trim();
  if (!term) return {};
  if (DATE.test(term)) return { birth_date: term };
  // The 초성 contains the query: one of its suffixes starts with it.
  if (isChosungQuery(term)) return keyedSearch(['c'], term.replace(/\s/g, ''), sql);
  const digits = term.replace(/[-\s]/g, '');
  if (/^\d{4,}$/.test(digits)) {
    // Phones are stored as written (010-1234-5678): compare digits with digits.
    const phoneDigits = fn('REPLACE', fn('REPLACE', col('phone'), '-', ''), ' ', '');
    return { [Op.or]: [where(phoneDigits, { [Op.like]: `%${digits}%` }), { patient_id: { [Op.like]: `%${digits}%` } }] };
  }
  // The name contains the query, or the chart number starts with it.
  return keyedSearch(['n', 'p'], term, sql);
}

/**
 * Patients of a department: those with an active care-team member (a doctor, a nurse or the
 * department itself) there. Booking adds the booked doctor's department to the care team
 * (appointments.create), so a patient with an appointment in the department is among them too,
 * without reading the appointments' table from here.
 */
function departmentWhere(department: Department | undefined, escape: SearchSql['escape']): WhereOptions {
  if (!department) return {};
  return {
    id: {
      [Op.in]: literal(`(SELECT d.patient_id FROM care_team_member d WHERE d.active = 1 AND d.department = ${escape(department)})`),
    },
  };
}

function duplicateError(existing: { id: number; patient_id: string; deleted_at: Date | null }) {
  const deleted = existing.deleted_at ? ', 삭제된 등록 — 원무과에서 복구하세요 (a deleted registration)' : '';
  return new MoleculerClientError(`이미 등록된 환자입니다 (환자번호 ${existing.patient_id}${deleted}) (duplicate registration)`, 409, 'DUPLICATE_PATIENT',
    { patientId: existing.id, patientNumber: existing.patient_id, deleted: Boolean(existing.deleted_at) });
}

/**
 * Two registrations of one resident number racing past the duplicate check meet the unique
 * index; the loser gets the same 409 as a sequential duplicate.
 */
async function uniqueRrn<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof UniqueConstraintError && err.errors.some((e) => String(e.path).includes('resident_number_hash'))) {
      throw new MoleculerClientError('이미 등록된 환자입니다 (duplicate registration)', 409, 'DUPLICATE_PATIENT');
    }
    throw err;
  }
}


/** What a worklist row shows of its patient. */
export interface PatientLabel {
  id: number;
  patient_id: string;
  name: string;
  birth_date: string | null;
  gender: string | null;
  age: number | null;
}

/** The patients actor (EMR): registration, charts and search, with row scopes and audit (seed §7.2). */
const PatientsService: ServiceSchema<ServiceSettingSchema, PatientsThis> = {
  name: 'patients',
  mixins: [RbacMixin, DbMixin({ model: 'Patient', resourceType: 'Patient', patientColumn: 'id' })],
  settings: { rest: '/patients' },

  actions: {
    list: {
      rest: 'GET /',
      permission: 'patients.read',
      summary: '환자 목록·검색 (이름 일부, 초성, 환자번호, 전화번호, 생년월일; 진료과) / list and search patients in scope, optionally of one department',
      params: {
        ...pagingParams,
        q: { type: 'string', optional: true, max: 100 },
        department: { type: 'enum', optional: true, values: DEPARTMENT_CODES },
        sort: { type: 'enum', optional: true, values: ['name', '-name', 'patient_id', '-patient_id', 'created_at', '-created_at', 'birth_date', '-birth_date'] },
      },
      async handler(this: PatientsThis, ctx: CdssContext<PatientListParams>) {
        const { page, pageSize, q, department, sort = 'name' } = ctx.params;
        const role = ctx.meta.user!.role;
        const field = sort.replace(/^-/, '');
        const escape = (value: string) => this.db().sequelize.escape(value);
        const filters = [q ? `q=${q.slice(0, 100)}` : null, department ? `department=${department}` : null].filter(Boolean);
        const found = await this.scopedFindPage(ctx, {
          where: { [Op.and]: [searchWhere(q, { escape, scopeOn: (column) => this.scopeConditionOn(ctx, column) }), departmentWhere(department, escape)] },
          order: [[field, sort.startsWith('-') ? 'DESC' : 'ASC'], ['id', 'ASC']],
          attributes: columnsFor(role),
          page,
          pageSize,
        }, filters.length ? filters.join(' ') : undefined);
        return { ...found, items: found.items.map((row) => this.present(row, role)) };
      },
    },

    get: {
      rest: 'GET /:id',
      permission: 'patients.read',
      summary: '환자 상세 / one patient (404 outside your scope)',
      params: { id: { type: 'number', integer: true, positive: true, convert: true } },
      async handler(this: PatientsThis, ctx: CdssContext<{ id: number }>) {
        const role = ctx.meta.user!.role;
        return this.present(await this.scopedFindOne(ctx, ctx.params.id, columnsFor(role)), role);
      },
    },

    create: {
      rest: 'POST /',
      permission: 'patients.create',
      summary: '환자 등록 (환자번호 발급, 주민등록번호 암호화·중복 확인) / register a patient',
      params: { ...PATIENT_FIELDS, allergies: { ...PATIENT_FIELDS.allergies }, $$strict: true },
      async handler(this: PatientsThis, ctx: CdssContext<Required<Pick<PatientInput, 'name' | 'birthDate' | 'gender'>> & PatientInput>) {
        const user = ctx.meta.user!;
        await this.checkWritable(ctx, Object.keys(ctx.params));
        const { models } = this.db();
        // Validation runs inside the audited creation, so refused registrations (duplicates
        // included) leave an audit row too.
        const created = await this.auditedCreate(ctx, async (transaction) => {
          const patient = await uniqueRrn(async () => createWithNextNumber(models, await this.toColumns(ctx.params), transaction));
          // A doctor who registers a patient cares for them; front desk registrations get a care
          // team with the first appointment.
          if (user.role === 'doctor') {
            await models.CareTeamMember.create({ patient_id: patient.id, user_id: user.id, department: user.department, relation: 'attending' }, { transaction });
          }
          return patient;
        });
        return this.present(created, user.role);
      },
    },

    update: {
      rest: 'PATCH /:id',
      permission: 'patients.update',
      summary: '환자 정보 수정 (원무과: 인적사항, 간호사: 알레르기·병력·보호자, 의사: 전체) / update a patient',
      params: {
        id: { type: 'number', integer: true, positive: true, convert: true },
        ...Object.fromEntries(Object.entries(PATIENT_FIELDS).map(([name, rule]) => [name, { ...rule, optional: true }])),
        $$strict: true,
      },
      async handler(this: PatientsThis, ctx: CdssContext<PatientInput & { id: number }>) {
        const { id, ...input } = ctx.params;
        const role = ctx.meta.user!.role;
        const fields = Object.keys(input);
        if (fields.length === 0) invalidField('body', '수정할 항목이 없습니다 (nothing to update)');
        await this.checkWritable(ctx, fields, id);
        const updated = await uniqueRrn(() => this.scopedUpdate(ctx, id, (current) => this.toColumns(input, current)));
        return this.present(updated, role);
      },
    },

    remove: {
      rest: 'DELETE /:id',
      permission: 'patients.delete',
      summary: '환자 등록 삭제 (소프트 삭제, 기록 보존) / soft-delete a registration',
      params: { id: { type: 'number', integer: true, positive: true, convert: true } },
      async handler(this: PatientsThis, ctx: CdssContext<{ id: number }>) {
        await this.scopedRemove(ctx, ctx.params.id);
        return { id: ctx.params.id, deleted: true };
      },
    },

    /** Patients whose care team names the signed-in staff member (my patients, on dashboards). */
    caredForByMe: {
      permission: 'patients.read',
      visibility: 'public',
      params: { limit: { type: 'number', integer: true, min: 1, max: 100, default: 20 } },
      async handler(this: PatientsThis, ctx: CdssContext<{ limit: number }>) {
        const role = ctx.meta.user!.role;
        const teams = await this.db().models.CareTeamMember.findAll({ where: { user_id: ctx.meta.user!.id, active: true }, attributes: ['patient_id'] });
        const ids = [...new Set(teams.map((t) => t.patient_id))];
        const found = await this.scopedFindPage(ctx, {
          where: { id: ids }, order: [['name', 'ASC'], ['id', 'ASC']], attributes: columnsFor(role), page: 1, pageSize: ctx.params.limit,
        }, 'patients cared for by me');
        return { ...found, items: found.items.map((row) => this.present(row, role)) };
      },
    },

    /**
     * Name, chart number, birth date and sex of some patients in the caller's scope, one search:
     * department worklists (pharmacy, lab, radiology) label their rows with it.
     */
    labels: {
      permission: 'patients.read',
      visibility: 'public',
      params: { ids: { type: 'array', min: 1, max: 100, items: { type: 'number', integer: true, positive: true } } },
      async handler(this: PatientsThis, ctx: CdssContext<{ ids: number[] }>): Promise<PatientLabel[]> {
        const ids = [...new Set(ctx.params.ids)];
        const found = await this.scopedFindPage(ctx, {
          where: { id: ids }, order: [['id', 'ASC']], attributes: ['id', 'patient_id', 'name', 'birth_date', 'gender', 'age'], page: 1, pageSize: ids.length,
        }, 'worklist labels');
        return found.items as unknown as PatientLabel[];
      },
    },

    /**
     * Which of some chart numbers (DICOM PatientID) belong to patients in the caller's scope —
     * the PACS proxy filters studies with it. One scoped, audited search; unknown numbers are
     * simply not in the answer.
     */
    inScopeByChart: {
      permission: 'internal',
      visibility: 'public',
      params: { chartNumbers: { type: 'array', min: 1, max: 500, items: { type: 'string', min: 1, max: 64 } } },
      async handler(this: PatientsThis, ctx: CdssContext<{ chartNumbers: string[] }>): Promise<{ id: number; patient_id: string }[]> {
        const chartNumbers = [...new Set(ctx.params.chartNumbers)];
        const found = await this.scopedFindPage(ctx, {
          where: { patient_id: chartNumbers }, order: [['id', 'ASC']], attributes: ['id', 'patient_id'], page: 1, pageSize: chartNumbers.length,
        }, 'imaging scope check');
        return found.items as unknown as { id: number; patient_id: string }[];
      },
    },

    /**
     * A patient's active care team (users and departments): chat keeps consultation rooms (진료상담)
     * to it. Internal: callers have already read the patient within their own scope.
     */
    careTeam: {
      permission: 'internal',
      visibility: 'public',
      params: { patientId: { type: 'number', integer: true, positive: true } },
      async handler(this: PatientsThis, ctx: CdssContext<{ patientId: number }>) {
        const rows = await this.db().models.CareTeamMember.findAll({ where: { patient_id: ctx.params.patientId, active: true }, order: [['id', 'ASC']] });
        return rows.map((r) => ({ userId: r.user_id, department: r.department, relation: r.relation }));
      },
    },

    /** The signed-in patient's own chart, for the portal (the row scope limits it to self). */
    self: {
      permission: 'internal',
      visibility: 'public',
      async handler(this: PatientsThis, ctx: CdssContext) {
        const patientId = ctx.meta.user?.patientId;
        if (!patientId) return null;
        return this.present(await this.scopedFindOne(ctx, patientId, columnsFor('patient')), 'patient');
      },
    },
  },

  methods: {
    /** Refuses (403, audited) fields the caller's role may not write (seed §2: front desk edits demographics). */
    async checkWritable(this: PatientsThis, ctx: CdssContext, fields: string[], id?: number) {
      const role = ctx.meta.user!.role;
      const forbidden = fields.filter((field) => field !== 'id' && !(PATIENT_WRITABLE[role] ?? []).includes(field));
      if (forbidden.length === 0) return;
      await this.auditAccess(ctx, {
        actionType: id ? 'update' : 'create', outcome: 'denied', resourceId: id ? String(id) : null, patientId: id ?? null,
        description: `fields not writable by ${role}: ${forbidden.join(', ')}`,
      });
      throw new MoleculerClientError(`이 역할은 다음 항목을 입력·수정할 수 없습니다: ${forbidden.join(', ')} (fields not writable by your role)`, 403, 'FORBIDDEN_FIELDS', { fields: forbidden });
    },

    /** Validates and maps API fields to columns: birth date, RRN (sealed, indexed, checked for duplicates). */
    async toColumns(this: PatientsThis, input: PatientInput, current?: Record<string, unknown>): Promise<Partial<PatientAttributes>> {
      const cipher = runtimeOf(this.broker).fieldCipher();
      const columns: Partial<PatientAttributes> = {};
      if (input.name !== undefined) columns.name = input.name;
      if (input.birthDate !== undefined) {
        const date = new Date(`${input.birthDate}T00:00:00Z`);
        if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== input.birthDate || date > new Date() || date.getUTCFullYear() < 1880) {
          invalidField('birthDate', '생년월일이 올바르지 않습니다 (invalid birthDate)');
        }
        columns.birth_date = input.birthDate;
        columns.age = ageOn(input.birthDate);
      }
      if (input.gender !== undefined) columns.gender = input.gender;
      if (input.phone !== undefined) columns.phone = input.phone;
      if (input.bloodType !== undefined) columns.blood_type = input.bloodType;
      if (input.address !== undefined) columns.address = input.address;
      if (input.emergencyContact !== undefined) columns.emergency_contact = input.emergencyContact;
      if (input.medicalHistory !== undefined) columns.medical_history = input.medicalHistory;
      if (input.allergies !== undefined) columns.allergies = input.allergies;
      // A new birth date must still agree with the resident number on file.
      if (input.birthDate !== undefined && input.residentNumber === undefined && typeof current?.resident_number_enc === 'string') {
        if (parseRrn(cipher.decrypt(current.resident_number_enc)).birthDate !== input.birthDate) {
          invalidField('birthDate', '생년월일이 등록된 주민등록번호와 일치하지 않습니다 (birthDate does not match the RRN on file)');
        }
      }
      if (input.residentNumber === null) {
        columns.resident_number_enc = null;
        columns.resident_number_hash = null;
      } else if (input.residentNumber !== undefined) {
        let rrn;
        try {
          rrn = parseRrn(input.residentNumber);
        } catch (err) {
          invalidField('residentNumber', (err as Error).message);
        }
        const birthDate = input.birthDate ?? (current?.birth_date as string | undefined);
        if (birthDate !== undefined && rrn.birthDate !== birthDate) {
          invalidField('residentNumber', '주민등록번호와 생년월일이 일치하지 않습니다 (RRN does not match birthDate)');
        }
        const hash = cipher.blindIndex(rrn.normalized);
        const duplicate = await this.db().models.Patient.findOne({ where: { resident_number_hash: hash }, attributes: ['id', 'patient_id', 'deleted_at'], paranoid: false });
        if (duplicate && duplicate.id !== current?.id) throw duplicateError(duplicate);
        columns.resident_number_enc = cipher.encrypt(rrn.normalized);
        columns.resident_number_hash = hash;
      }
      return columns;
    },

    /** The answer for a role: its fields only, age as of today, the RRN masked. */
    present(this: PatientsThis, row: Record<string, unknown>, role: Role): Record<string, unknown> {
      const out: Record<string, unknown> = {};
      for (const field of PATIENT_COLUMNS[patientColumnScope(role)]) {
        if (field === 'resident_number_masked') {
          const sealed = row.resident_number_enc as string | null | undefined;
          out[field] = sealed ? maskRrn(runtimeOf(this.broker).fieldCipher().decrypt(sealed)) : null;
        } else if (field in row) {
          out[field] = row[field];
        }
      }
      if (typeof row.birth_date === 'string') out.age = ageOn(row.birth_date);
      return out;
    },
  },
};

export default PatientsService;
