import { Errors, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { Op } from 'sequelize';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DbMixin, type DbMethods } from '../../mixins/db.mixin.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import { recordColumns } from '../../lib/rbac/scopes.js';
import type { CdssContext } from '../context.js';

type RecordsThis = Service & DbMethods;

/**
 * Medical records (seed §3.3.1, §7.4), read side: a patient's records and one record, inside the
 * row scope. Drafts are visible only to the doctor writing them; nurses and radiologists read the
 * clinical summary without the doctor's private notes. Writing, signing and amending follow
 * (issue #3).
 */
const RecordsService: ServiceSchema<ServiceSettingSchema, RecordsThis> = {
  name: 'records',
  mixins: [RbacMixin, DbMixin({ model: 'MedicalRecord', resourceType: 'MedicalRecord', patientColumn: 'patient_fk_id' })],
  settings: { rest: '/' },

  actions: {
    listForPatient: {
      rest: 'GET /patients/:patientId/records',
      permission: 'records.read',
      summary: '환자의 진료 기록 목록 (최근 순) / a patient\'s medical records, newest first',
      params: { patientId: { type: 'number', integer: true, positive: true, convert: true }, ...pagingParams },
      async handler(this: RecordsThis, ctx: CdssContext<{ patientId: number } & PagingParams>) {
        const { patientId, page, pageSize } = ctx.params;
        const user = ctx.meta.user!;
        await ctx.call('patients.get', { id: patientId }); // 404 (audited) outside the caller's scope
        return this.scopedFindPage(ctx, {
          where: { [Op.and]: [{ patient_fk_id: patientId }, { [Op.or]: [{ status: { [Op.ne]: 'DRAFT' } }, { doctor_fk_id: user.id }] }] },
          order: [['visit_date', 'DESC'], ['id', 'DESC']],
          attributes: recordColumns(user.role),
          page,
          pageSize,
        });
      },
    },

    get: {
      rest: 'GET /medical-records/:id',
      permission: 'records.read',
      summary: '진료 기록 상세 / one medical record (404 outside your scope)',
      params: { id: { type: 'number', integer: true, positive: true, convert: true } },
      async handler(this: RecordsThis, ctx: CdssContext<{ id: number }>) {
        const user = ctx.meta.user!;
        // Another doctor's draft is refused before anything is read, so the audit shows a denial only.
        const draft = await this.db().models.MedicalRecord.findOne({ where: { id: ctx.params.id, status: 'DRAFT' }, attributes: ['doctor_fk_id', 'patient_fk_id'] });
        if (draft && draft.doctor_fk_id !== user.id) {
          await this.auditAccess(ctx, { actionType: 'read', outcome: 'denied', resourceId: String(ctx.params.id), patientId: draft.patient_fk_id, description: 'draft of another doctor' });
          throw new Errors.MoleculerClientError(`MedicalRecord ${ctx.params.id}을(를) 찾을 수 없습니다 (not found)`, 404, 'NOT_FOUND');
        }
        return this.scopedFindOne(ctx, ctx.params.id, recordColumns(user.role));
      },
    },
  },
};

export default RecordsService;
