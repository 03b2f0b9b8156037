import { Errors, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { Op } from 'sequelize';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DbMixin, type DbMethods } from '../../mixins/db.mixin.js';
import { pagingParams, type PagingParams, dateParam } from '../../lib/http/paging.js';
import { recordColumns } from '../../lib/rbac/scopes.js';
import { kcdByCode, searchKcd } from '../../lib/rules/kcd.js';
import { DEPARTMENT_CODES, type Department } from '../../lib/constants.js';
import { assertImagesOfPatient, imagesAwaitingReview, imagesOf, linkImages } from './record-images.js';
import { invalidField } from '../errors.js';
import type { CdssContext } from '../context.js';
import { tellPatient } from '../realtime/patient-notices.js';

type RecordsThis = Service & DbMethods;

/** The writable clinical fields of a record (API names). */
export interface RecordInput {
  diagnosisCode?: string;
  symptoms?: string;
  treatment?: string;
  prescription?: string;
  notes?: string;
  doctorNotes?: string;
  relatedImageIds?: number[];
}

const RECORD_FIELDS = {
  diagnosisCode: { type: 'string', max: 10, optional: true },
  symptoms: { type: 'string', max: 5000, optional: true },
  treatment: { type: 'string', max: 5000, optional: true },
  prescription: { type: 'string', max: 5000, optional: true },
  notes: { type: 'string', max: 10000, optional: true },
  doctorNotes: { type: 'string', max: 10000, optional: true },
  relatedImageIds: { type: 'array', items: { type: 'number', integer: true, positive: true }, max: 50, optional: true },
} as const;

/** API fields to columns; the diagnosis must be a bundled KCD code and is stored as code and name. */
function recordColumnsFrom(input: RecordInput): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  if (input.diagnosisCode !== undefined) {
    const kcd = kcdByCode(input.diagnosisCode);
    if (!kcd) invalidField('diagnosisCode', `알 수 없는 KCD 코드입니다: ${input.diagnosisCode} (unknown KCD code)`);
    columns.diagnosis_code = kcd.code;
    columns.diagnosis = `${kcd.code} ${kcd.name}`;
  }
  if (input.symptoms !== undefined) columns.symptoms = input.symptoms;
  if (input.treatment !== undefined) columns.treatment = input.treatment;
  if (input.prescription !== undefined) columns.prescription = input.prescription;
  if (input.notes !== undefined) columns.notes = input.notes;
  if (input.doctorNotes !== undefined) columns.doctor_notes = input.doctorNotes;
  return columns;
}

/** Only the author edits or signs a draft; a signed record changes only by amendment. */
function assertOwnDraft(current: Record<string, unknown>, userId: number): void {
  if (current.status !== 'DRAFT') {
    throw new Errors.MoleculerClientError('서명된 기록은 수정할 수 없습니다. 정정을 이용하세요 (signed records are immutable; amend instead)', 409, 'RECORD_SIGNED');
  }
  if (current.doctor_fk_id !== userId) {
    throw new Errors.MoleculerClientError('다른 의사의 임시저장 기록입니다 (a draft of another doctor)', 403, 'NOT_AUTHOR');
  }
}

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
    // Before `get`: moleculer-web matches aliases in order, and this path would read as an :id.
    diagnosisCodes: {
      rest: 'GET /medical-records/diagnosis-codes',
      permission: 'records.read',
      summary: 'KCD 진단 코드 검색 (코드·병명, 진료과) / search the bundled KCD-8 codes by code or Korean name',
      params: { q: { type: 'string', max: 50, optional: true }, department: { type: 'enum', values: DEPARTMENT_CODES, optional: true } },
      async handler(ctx: CdssContext<{ q?: string; department?: Department }>) {
        const items = searchKcd(ctx.params.q, ctx.params.department);
        return { items, total: items.length };
      },
    },

    create: {
      rest: 'POST /medical-records',
      permission: 'records.write',
      summary: '진료 기록 작성 (임시저장) / start a record as a draft',
      params: {
        patientId: { type: 'number', integer: true, positive: true },
        visitDate: dateParam,
        ...RECORD_FIELDS,
        $$strict: true,
      },
      async handler(this: RecordsThis, ctx: CdssContext<RecordInput & { patientId: number; visitDate: string }>) {
        const { patientId, visitDate, relatedImageIds, ...fields } = ctx.params;
        const user = ctx.meta.user!;
        const visit = new Date(`${visitDate}T00:00:00Z`);
        if (Number.isNaN(visit.getTime()) || visit.toISOString().slice(0, 10) !== visitDate || visit.getTime() > Date.now() + 86_400_000) {
          invalidField('visitDate', '진료일이 올바르지 않습니다 (invalid or future visitDate)');
        }
        const patient = await ctx.call<{ name: string; patient_id: string }, object>('patients.get', { id: patientId }); // 404 outside scope
        const { models } = this.db();
        const columns = recordColumnsFrom(fields);
        await assertImagesOfPatient(models, patient.patient_id, relatedImageIds ?? []);
        return this.auditedCreate(ctx, async (transaction) => {
          const record = await models.MedicalRecord.create({
            patient_fk_id: patientId, doctor_fk_id: user.id, name: patient.name, department: user.department as never,
            status: 'DRAFT', visit_date: visitDate, ...columns,
          }, { transaction });
          if (relatedImageIds?.length) await linkImages(models, record.id, relatedImageIds, transaction);
          return record;
        });
      },
    },

    update: {
      rest: 'PATCH /medical-records/:id',
      permission: 'records.write',
      summary: '임시저장 기록 수정 (서명 후에는 정정만 가능) / edit a draft; signed records are amended instead',
      params: { id: { type: 'number', integer: true, positive: true, convert: true }, ...RECORD_FIELDS, $$strict: true },
      async handler(this: RecordsThis, ctx: CdssContext<RecordInput & { id: number }>) {
        const { id, relatedImageIds, ...fields } = ctx.params;
        if (Object.keys(fields).length === 0 && !relatedImageIds) invalidField('body', '수정할 항목이 없습니다 (nothing to update)');
        const { models } = this.db();
        return this.scopedUpdate(ctx, id, async (current, transaction) => {
          assertOwnDraft(current, ctx.meta.user!.id);
          const columns = recordColumnsFrom(fields);
          if (relatedImageIds) {
            const patient = await models.Patient.findByPk(Number(current.patient_fk_id), { attributes: ['patient_id'], transaction });
            await assertImagesOfPatient(models, patient!.patient_id, relatedImageIds);
            await linkImages(models, id, relatedImageIds, transaction);
          }
          return columns;
        });
      },
    },

    sign: {
      rest: 'POST /medical-records/:id/sign',
      permission: 'records.write',
      summary: '진료 기록 서명 (이후 변경 불가, 환자에게 공개) / sign: the record becomes immutable and visible to the patient',
      params: { id: { type: 'number', integer: true, positive: true, convert: true } },
      async handler(this: RecordsThis, ctx: CdssContext<{ id: number }>) {
        const signed = await this.scopedUpdate(ctx, ctx.params.id, async (current) => {
          assertOwnDraft(current, ctx.meta.user!.id);
          if (!current.diagnosis_code) invalidField('diagnosisCode', '서명하려면 진단 코드가 필요합니다 (a diagnosis code is required to sign)');
          return { status: 'SIGNED', signed_at: new Date(), is_treatment_completed: true };
        }) as Record<string, unknown>;
        await tellPatient(ctx, {
          patientId: Number(signed.patient_fk_id), type: 'RESULT', title: '진료기록이 등록되었습니다 (a visit record is ready)',
          message: '진료기록과 처방전, 증명서를 내 진료기록에서 볼 수 있습니다 (see My records)', resourceType: 'MedicalRecord', resourceId: Number(signed.id),
        });
        return signed;
      },
    },

    amend: {
      rest: 'POST /medical-records/:id/amend',
      permission: 'records.write',
      summary: '서명된 기록 정정 (사유 필수, 새 버전 생성, 이력 보존) / amend a signed record: a new version with a reason',
      params: {
        id: { type: 'number', integer: true, positive: true, convert: true },
        reason: { type: 'string', min: 5, max: 500, trim: true },
        ...RECORD_FIELDS,
        $$strict: true,
      },
      async handler(this: RecordsThis, ctx: CdssContext<RecordInput & { id: number; reason: string }>) {
        const { id, reason, relatedImageIds, ...fields } = ctx.params;
        if (Object.keys(fields).length === 0 && !relatedImageIds) invalidField('body', '정정할 항목이 없습니다 (nothing to amend)');
        const { models } = this.db();
        let amended: Record<string, unknown> | null = null;
        await this.scopedUpdate(ctx, id, async (current, transaction) => {
          if (current.status !== 'SIGNED') {
            throw new Errors.MoleculerClientError('서명된 최신 기록만 정정할 수 있습니다 (only the signed, current version can be amended)', 409, 'NOT_AMENDABLE', { status: current.status });
          }
          const { id: previousId, created_at: _c, updated_at: _u, ...copy } = current;
          const next = await models.MedicalRecord.create({
            ...(copy as object), ...recordColumnsFrom(fields), doctor_fk_id: ctx.meta.user!.id, status: 'SIGNED', signed_at: new Date(),
            version: Number(current.version) + 1, previous_version_id: Number(previousId), amendment_reason: reason,
          } as never, { transaction });
          // The new version keeps the old one's images unless the amendment names others.
          const carried = relatedImageIds ?? (await imagesOf(models, Number(previousId), transaction)).map((image) => Number(image.id));
          if (relatedImageIds) {
            const patient = await models.Patient.findByPk(Number(current.patient_fk_id), { attributes: ['patient_id'], transaction });
            await assertImagesOfPatient(models, patient!.patient_id, relatedImageIds);
          }
          await linkImages(models, next.id, carried, transaction);
          amended = next.get({ plain: true }) as unknown as Record<string, unknown>;
          return { status: 'AMENDED' };
        });
        await this.auditAccess(ctx, { actionType: 'create', outcome: 'success', resourceId: String(amended!.id), patientId: Number(amended!.patient_fk_id), description: `amendment of ${id}: ${reason}`.slice(0, 500) });
        return amended;
      },
    },

    history: {
      rest: 'GET /medical-records/:id/history',
      permission: 'records.read',
      summary: '기록의 버전 이력 (정정 사유 포함) / the versions of a record, newest first',
      params: { id: { type: 'number', integer: true, positive: true, convert: true } },
      async handler(this: RecordsThis, ctx: CdssContext<{ id: number }>) {
        const role = ctx.meta.user!.role;
        const versions = [await this.scopedFindOne(ctx, ctx.params.id, recordColumns(role))];
        const { models } = this.db();
        // Newer versions point back at older ones: walk forward to the latest, then back to the first.
        for (let newer = await models.MedicalRecord.findOne({ where: { previous_version_id: ctx.params.id } }); newer; newer = await models.MedicalRecord.findOne({ where: { previous_version_id: newer.id } })) {
          versions.unshift(await this.scopedFindOne(ctx, newer.id, recordColumns(role)));
        }
        while (versions.at(-1)?.previous_version_id) versions.push(await this.scopedFindOne(ctx, Number(versions.at(-1)!.previous_version_id), recordColumns(role)));
        return versions;
      },
    },

    /** The signed-in patient's signed records (seed §4.4: visible to the patient once signed). */
    mine: {
      permission: 'internal',
      visibility: 'public',
      params: { ...pagingParams },
      async handler(this: RecordsThis, ctx: CdssContext<PagingParams>) {
        return this.scopedFindPage(ctx, {
          where: { status: 'SIGNED' }, order: [['visit_date', 'DESC'], ['id', 'DESC']], attributes: recordColumns('patient'),
          page: ctx.params.page, pageSize: ctx.params.pageSize,
        });
      },
    },

    /** The signed-in doctor's latest records, drafts first (doctor dashboard). */
    recentByMe: {
      permission: 'records.write',
      visibility: 'public',
      params: { limit: { type: 'number', integer: true, min: 1, max: 50, default: 10 } },
      async handler(this: RecordsThis, ctx: CdssContext<{ limit: number }>) {
        const user = ctx.meta.user!;
        const found = await this.scopedFindPage(ctx, {
          where: { doctor_fk_id: user.id, status: { [Op.ne]: 'AMENDED' } },
          order: [['status', 'ASC'], ['updated_at', 'DESC'], ['id', 'DESC']], // DRAFT sorts before SIGNED
          attributes: ['id', 'patient_fk_id', 'name', 'status', 'visit_date', 'diagnosis_code', 'diagnosis', 'updated_at', 'signed_at'],
          page: 1, pageSize: ctx.params.limit,
        }, 'recent records of the doctor');
        return { drafts: found.items.filter((r) => r.status === 'DRAFT').length, items: found.items };
      },
    },

    /** Images of the doctor's department whose reading is done or pending (doctor dashboard). */
    imagesForReview: {
      permission: 'records.write',
      visibility: 'public',
      async handler(this: RecordsThis, ctx: CdssContext) {
        const user = ctx.meta.user!;
        const images = await imagesAwaitingReview(this.db().models, user.id, user.department ?? null);
        await this.auditAccess(ctx, { actionType: 'search', outcome: 'success', resourceType: 'MedicalImage', description: `images for review: ${images.length}` });
        return images;
      },
    },

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
          where: {
            [Op.and]: [
              { patient_fk_id: patientId },
              { status: { [Op.ne]: 'AMENDED' } }, // superseded versions live in the history
              { [Op.or]: [{ status: { [Op.ne]: 'DRAFT' } }, { doctor_fk_id: user.id }] },
            ],
          },
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
        const record = await this.scopedFindOne(ctx, ctx.params.id, recordColumns(user.role));
        return { ...record, related_images: await imagesOf(this.db().models, ctx.params.id) };
      },
    },
  },
};

export default RecordsService;
