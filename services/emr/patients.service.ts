import type { Service, ServiceSchema, ServiceSettingSchema } from 'moleculer';
import { Op, type WhereOptions } from 'sequelize';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DbMixin, type DbMethods } from '../../mixins/db.mixin.js';
import { patientColumnScope, PATIENT_COLUMNS } from '../../lib/rbac/scopes.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import type { Role } from '../../lib/constants.js';
import type { CdssContext } from '../context.js';

export interface PatientListParams extends PagingParams {
  q?: string;
  sort?: 'name' | '-name' | 'patient_id' | '-patient_id' | 'created_at' | '-created_at' | 'birth_date' | '-birth_date';
}

type PatientsThis = Service & DbMethods;

/** Columns this role may see; undefined means all (seed §2.3: front desk sees demographics only). */
function columnsFor(role: Role): string[] | undefined {
  const scope = patientColumnScope(role);
  return scope === 'full' ? undefined : PATIENT_COLUMNS[scope];
}

function searchWhere(q: string | undefined): WhereOptions {
  const term = q?.trim();
  if (!term) return {};
  if (/^\d{4}-\d{2}-\d{2}$/.test(term)) return { birth_date: term };
  const digits = term.replace(/[-\s]/g, '');
  if (/^\d{4,}$/.test(digits)) return { [Op.or]: [{ phone: { [Op.like]: `%${term}%` } }, { patient_id: { [Op.like]: `%${digits}%` } }] };
  return { [Op.or]: [{ name: { [Op.like]: `%${term}%` } }, { patient_id: { [Op.like]: `${term}%` } }] };
}

/** The patients actor (EMR): charts with row scopes and audit. Seed §7.2; issue #3 completes it. */
const PatientsService: ServiceSchema<ServiceSettingSchema, PatientsThis> = {
  name: 'patients',
  mixins: [RbacMixin, DbMixin({ model: 'Patient', resourceType: 'Patient', patientColumn: 'id' })],
  settings: { rest: '/patients' },

  actions: {
    list: {
      rest: 'GET /',
      permission: 'patients.read',
      summary: '환자 목록·검색 (이름, 환자번호, 전화번호, 생년월일) / list and search patients in scope',
      params: {
        ...pagingParams,
        q: { type: 'string', optional: true, max: 100 },
        sort: { type: 'enum', optional: true, values: ['name', '-name', 'patient_id', '-patient_id', 'created_at', '-created_at', 'birth_date', '-birth_date'] },
      },
      async handler(this: PatientsThis, ctx: CdssContext<PatientListParams>) {
        const { page, pageSize, q, sort = 'name' } = ctx.params;
        const field = sort.replace(/^-/, '');
        return this.scopedFindPage(ctx, {
          where: searchWhere(q),
          order: [[field, sort.startsWith('-') ? 'DESC' : 'ASC'], ['id', 'ASC']],
          attributes: columnsFor(ctx.meta.user!.role),
          page,
          pageSize,
        }, q ? `q=${q.slice(0, 100)}` : undefined);
      },
    },

    get: {
      rest: 'GET /:id',
      permission: 'patients.read',
      summary: '환자 상세 / one patient (404 outside your scope)',
      params: { id: { type: 'number', integer: true, positive: true, convert: true } },
      async handler(this: PatientsThis, ctx: CdssContext<{ id: number }>) {
        return this.scopedFindOne(ctx, ctx.params.id, columnsFor(ctx.meta.user!.role));
      },
    },

    /** The signed-in patient's own chart, for the portal (the row scope limits it to self). */
    self: {
      permission: 'internal',
      visibility: 'public',
      async handler(this: PatientsThis, ctx: CdssContext) {
        const patientId = ctx.meta.user?.patientId;
        if (!patientId) return null;
        return this.scopedFindOne(ctx, patientId);
      },
    },
  },
};

export default PatientsService;
