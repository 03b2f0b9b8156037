import { Errors, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { Op } from 'sequelize';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DbMixin, type DbMethods, type Page } from '../../mixins/db.mixin.js';
import { pagingParams, type PagingParams, dateParam } from '../../lib/http/paging.js';
import { searchFormulary, type FormularyDrug } from '../../lib/rules/formulary.js';
import { PRIORITY_ORDER } from '../../lib/rules/order-status.js';
import { dosageText, durationText, medicationLines, prescribingProblems, type PrescriptionItemInput } from '../../lib/rules/prescribing.js';
import { PRESCRIPTION_STATUSES, type PrescriptionAttributes, type PrescriptionStatus } from '../../models/prescription.js';
import type { MedicalRecordAttributes } from '../../models/medical-record.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';
import { documentDoctor, renderCertificate, renderPrescription, type CertificateOptions } from './prescription-documents.js';

const { MoleculerClientError } = Errors;

export interface PrescribeParams {
  patientId: number;
  medicalRecordId?: number;
  items: PrescriptionItemInput[];
  notes?: string;
}

export interface PrescriptionListParams extends PagingParams {
  status?: PrescriptionStatus;
}

export interface ActivePrescriptionsParams {
  patientIds: number[];
}

type PrescriptionsThis = Service & DbMethods;

const id = { type: 'number', integer: true, positive: true, convert: true } as const;
const statusFilter = { type: 'enum', values: Object.keys(PRESCRIPTION_STATUSES), optional: true } as const;
const NEWEST_FIRST: [string, string][] = [['prescription_date', 'DESC'], ['id', 'DESC']];
/** The most prescriptions one `active` call answers (a ward's patients, a doctor's dashboard). */
const MAX_ACTIVE = 1000;

/**
 * Prescriptions (seed §2.1 처방전 발급, §2.4 처방전 조회 및 다운로드, §3.3.3): doctors prescribe from the
 * bundled formulary and discontinue; doctors and nurses read them and print the 처방전; doctors
 * issue the 진단서 of a signed record. Patients read and download their own through the portal.
 */
const PrescriptionsService: ServiceSchema<ServiceSettingSchema, PrescriptionsThis> = {
  name: 'prescriptions',
  mixins: [RbacMixin, DbMixin({ model: 'Prescription', resourceType: 'Prescription', patientColumn: 'patient_id' })],
  settings: { rest: '/' },

  actions: {
    formulary: {
      rest: 'GET /formulary',
      permission: 'prescriptions.read',
      summary: '처방집 검색 (약품명·초성·성분·코드·ATC) / search the formulary by name, ingredient, code or ATC prefix',
      params: { q: { type: 'string', optional: true, max: 100 }, ...pagingParams },
      handler(ctx: CdssContext<{ q?: string } & PagingParams>): Page<FormularyDrug> {
        const { q, page, pageSize } = ctx.params;
        const found = searchFormulary(q);
        return { items: found.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: found.length };
      },
    },

    create: {
      rest: 'POST /prescriptions',
      permission: 'prescriptions.write',
      summary: '처방 (처방집 약품; OCS 처방 오더로 약국에 전달, 약물 안전 점검) / prescribe: an OCS prescription order with its safety checks',
      params: {
        patientId: { type: 'number', integer: true, positive: true },
        medicalRecordId: { type: 'number', integer: true, positive: true, optional: true },
        priority: { type: 'enum', values: PRIORITY_ORDER, optional: true },
        items: { type: 'array', min: 1, max: 20, items: 'object' },
        notes: { type: 'string', max: 2000, optional: true },
        overrides: { type: 'array', optional: true, max: 20, items: 'object' },
        $$strict: true,
      },
      async handler(ctx: CdssContext<PrescribeParams & { priority?: string; overrides?: unknown[] }>) {
        // OCS validates the items and overrides in full; this route is the prescription screen's way in.
        const order = await ctx.call<{ id: number; order_number: string; status: string; safety_alerts: unknown; prescription: PrescriptionAttributes }, object>(
          'ocs.create', { orderType: 'PRESCRIPTION', ...ctx.params },
        );
        return { ...order.prescription, order: { id: order.id, orderNumber: order.order_number, status: order.status, safetyAlerts: order.safety_alerts } };
      },
    },

    /**
     * Writes the prescription of an OCS prescription order. Only OCS calls it, after the order's
     * medication safety checks, so no prescription exists that skipped them.
     */
    record: {
      permission: 'internal',
      visibility: 'public',
      params: {
        patientId: { type: 'number', integer: true, positive: true },
        medicalRecordId: { type: 'number', integer: true, positive: true, optional: true },
        items: {
          type: 'array', min: 1, max: 20,
          items: {
            type: 'object', strict: true,
            props: {
              code: { type: 'string', min: 1, max: 20, trim: true },
              dose: { type: 'number' },
              frequency: { type: 'string', max: 10 },
              days: { type: 'number' },
              route: { type: 'string', max: 10, optional: true },
              instructions: { type: 'string', max: 500, optional: true },
            },
          },
        },
        notes: { type: 'string', max: 2000, optional: true },
        $$strict: true,
      },
      async handler(this: PrescriptionsThis, ctx: CdssContext<PrescribeParams>) {
        const { patientId, medicalRecordId, items, notes } = ctx.params;
        const problems = prescribingProblems(items);
        if (problems.length) throw new MoleculerClientError(problems.map((p) => p.message).join(' '), 400, 'VALIDATION_ERROR', problems);
        await ctx.call('patients.get', { id: patientId }); // 404 (audited) outside the doctor's scope
        const { models } = this.db();
        if (medicalRecordId !== undefined) {
          const record = await models.MedicalRecord.findOne({ where: { id: medicalRecordId, patient_fk_id: patientId }, attributes: ['id', 'status'] });
          if (!record || record.status === 'AMENDED') {
            invalidField('medicalRecordId', `이 환자의 현재 진료 기록이 아닙니다: ${medicalRecordId} (no current record of this patient)`);
          }
        }
        const doctor = await models.Doctor.findOne({ where: { user_id: ctx.meta.user!.id }, attributes: ['id'] });
        if (!doctor) throw new MoleculerClientError('의사 프로필이 없습니다 (no doctor profile)', 403, 'NO_DOCTOR_PROFILE');
        const lines = medicationLines(items);
        return this.auditedCreate(ctx, (transaction) => models.Prescription.create({
          patient_id: patientId, medical_record_id: medicalRecordId ?? null, doctor_id: doctor.id, prescription_date: new Date(),
          medications: lines, dosage: dosageText(lines), duration: durationText(lines), notes: notes?.trim() || null, status: 'ACTIVE',
        }, { transaction }));
      },
    },

    listForPatient: {
      rest: 'GET /patients/:patientId/prescriptions',
      permission: 'prescriptions.read',
      summary: '환자의 처방 목록 (최근 순, 상태 필터) / a patient\'s prescriptions, newest first',
      params: { patientId: id, status: statusFilter, ...pagingParams },
      async handler(this: PrescriptionsThis, ctx: CdssContext<{ patientId: number } & PrescriptionListParams>) {
        const { patientId, status, page, pageSize } = ctx.params;
        await ctx.call('patients.get', { id: patientId }); // 404 (audited) outside the caller's scope
        return this.scopedFindPage(ctx, { where: { patient_id: patientId, ...(status ? { status } : {}) }, order: NEWEST_FIRST, page, pageSize });
      },
    },

    get: {
      rest: 'GET /prescriptions/:id',
      permission: 'prescriptions.read',
      summary: '처방 상세 / one prescription (404 outside your scope)',
      params: { id },
      async handler(this: PrescriptionsThis, ctx: CdssContext<{ id: number }>) {
        return this.scopedFindOne(ctx, ctx.params.id);
      },
    },

    discontinue: {
      rest: 'POST /prescriptions/:id/discontinue',
      permission: 'prescriptions.write',
      summary: '처방 중단 (사유 필수, 투약 기록에서 제외) / discontinue a prescription; the MAR stops scheduling it',
      params: { id, reason: { type: 'string', min: 2, max: 500, trim: true }, $$strict: true },
      async handler(this: PrescriptionsThis, ctx: CdssContext<{ id: number; reason: string }>) {
        const stopped = await this.scopedUpdate(ctx, ctx.params.id, async (current) => {
          if (current.status === 'DISCONTINUED') {
            throw new MoleculerClientError('이미 중단된 처방입니다 (already discontinued)', 409, 'ALREADY_DISCONTINUED', { discontinuedAt: current.discontinued_at });
          }
          return { status: 'DISCONTINUED', discontinued_at: new Date(), discontinued_reason: ctx.params.reason, discontinued_by_id: ctx.meta.user!.id };
        });
        // Not yet dispensed: the pharmacy must not fill it any more.
        await ctx.call('ocs.prescriptionDiscontinued', { prescriptionId: ctx.params.id, reason: ctx.params.reason });
        return stopped;
      },
    },

    pdf: {
      rest: 'GET /prescriptions/:id/pdf',
      permission: 'prescriptions.read',
      summary: '처방전 PDF (교부일로부터 3일 유효) / the printable 처방전',
      params: { id },
      async handler(this: PrescriptionsThis, ctx: CdssContext<{ id: number }>): Promise<Buffer> {
        const row = await this.scopedFindOne(ctx, ctx.params.id) as unknown as PrescriptionAttributes;
        const patient = await ctx.call<Record<string, unknown>, object>('patients.get', { id: row.patient_id });
        return renderPrescription(ctx, this.db().models, row, patient);
      },
    },

    certificate: {
      // A full path: the record is the resource, but issuing the 진단서 is a doctor's act of this actor.
      rest: 'GET /medical-records/:id/certificate',
      permission: 'prescriptions.write',
      summary: '진단서 PDF (서명된 기록만) / the 진단서 of a signed record; purpose, onsetDate and opinion are optional',
      params: {
        id,
        purpose: { type: 'string', max: 100, optional: true },
        onsetDate: { ...dateParam, optional: true },
        opinion: { type: 'string', max: 2000, optional: true },
      },
      async handler(this: PrescriptionsThis, ctx: CdssContext<{ id: number } & CertificateOptions>): Promise<Buffer> {
        const { id: recordId, ...options } = ctx.params;
        const record = await ctx.call<MedicalRecordAttributes, object>('records.get', { id: recordId }); // scope, drafts and audit
        const patient = await ctx.call<Record<string, unknown>, object>('patients.get', { id: record.patient_fk_id });
        const doctor = await documentDoctor(this.db().models, { user_id: ctx.meta.user!.id });
        const bytes = await renderCertificate(ctx, record, patient, doctor, options);
        await this.auditAccess(ctx, {
          actionType: 'create', resourceType: 'MedicalCertificate', resourceId: String(recordId), patientId: record.patient_fk_id, outcome: 'success',
          description: `진단서 발급${options.purpose ? `: ${options.purpose}` : ''}`.slice(0, 500),
        });
        return bytes;
      },
    },

    /** The signed-in patient's prescriptions, for the portal (the row scope is the patient themself). */
    mine: {
      permission: 'portal.self',
      visibility: 'public',
      params: { status: statusFilter, ...pagingParams },
      async handler(this: PrescriptionsThis, ctx: CdssContext<PrescriptionListParams>) {
        const { status, page, pageSize } = ctx.params;
        return this.scopedFindPage(ctx, { where: status ? { status } : {}, order: NEWEST_FIRST, page, pageSize });
      },
    },

    /** The 처방전 of one of the patient's own prescriptions (404 for anyone else's). */
    minePdf: {
      permission: 'portal.self',
      visibility: 'public',
      params: { id },
      async handler(this: PrescriptionsThis, ctx: CdssContext<{ id: number }>): Promise<Buffer> {
        const row = await this.scopedFindOne(ctx, ctx.params.id) as unknown as PrescriptionAttributes;
        const patient = await ctx.call<Record<string, unknown>, object>('patients.self', {});
        return renderPrescription(ctx, this.db().models, row, patient);
      },
    },

    /** The 진단서 of one of the patient's own signed records, signed by the doctor who wrote it. */
    mineCertificate: {
      permission: 'portal.self',
      visibility: 'public',
      params: { id, purpose: { type: 'string', max: 100, optional: true } },
      async handler(this: PrescriptionsThis, ctx: CdssContext<{ id: number; purpose?: string }>): Promise<Buffer> {
        const patientId = ctx.meta.user!.patientId ?? -1;
        const { models } = this.db();
        const found = await models.MedicalRecord.findOne({ where: { id: ctx.params.id, patient_fk_id: patientId, status: 'SIGNED' } });
        const read = { actionType: 'read' as const, resourceType: 'MedicalRecord', resourceId: String(ctx.params.id) };
        if (!found) {
          // Someone else's record, a draft or nothing: the same 404, told apart in the audit log.
          const exists = await models.MedicalRecord.findByPk(ctx.params.id, { attributes: ['patient_fk_id'] });
          await this.auditAccess(ctx, { ...read, outcome: exists ? 'denied' : 'error', patientId: exists?.patient_fk_id ?? null, description: 'certificate of a record that is not the patient\'s signed record' });
          throw new MoleculerClientError(`MedicalRecord ${ctx.params.id}을(를) 찾을 수 없습니다 (not found)`, 404, 'NOT_FOUND');
        }
        await this.auditAccess(ctx, { ...read, outcome: 'success', patientId, description: 'certificate (portal)' });
        const record = found.get({ plain: true }) as MedicalRecordAttributes;
        const patient = await ctx.call<Record<string, unknown>, object>('patients.self', {});
        const doctor = await documentDoctor(models, { user_id: record.doctor_fk_id ?? -1 });
        return renderCertificate(ctx, record, patient, doctor, { purpose: ctx.params.purpose });
      },
    },

    /**
     * ACTIVE prescriptions of some patients, for the MAR and dashboards. It runs in the caller's
     * row scope and is audited like any search, so it answers only patients the user may see.
     */
    active: {
      permission: 'internal',
      visibility: 'public',
      params: { patientIds: { type: 'array', min: 1, max: MAX_ACTIVE, items: { type: 'number', integer: true, positive: true } } },
      async handler(this: PrescriptionsThis, ctx: CdssContext<ActivePrescriptionsParams>): Promise<PrescriptionAttributes[]> {
        const found = await this.scopedFindPage(ctx, {
          where: { patient_id: { [Op.in]: ctx.params.patientIds }, status: 'ACTIVE' }, order: NEWEST_FIRST, page: 1, pageSize: MAX_ACTIVE,
        });
        return found.items as unknown as PrescriptionAttributes[];
      },
    },
  },
};

export default PrescriptionsService;
