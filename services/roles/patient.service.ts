import { Errors, type ServiceSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import { STAFF_ROLES, type StaffRole } from '../../lib/constants.js';
import type { ActivityLogAttributes } from '../../models/activity-log.js';
import type { Page } from '../../mixins/db.mixin.js';
import type { CdssContext } from '../context.js';
import { healthSummary, type HealthSummary } from './health-summary.js';
import { portalAiActions } from './patient-ai.js';
import { portalChatActions } from './patient-chat.js';
import { portalNotificationActions } from './patient-notifications.js';

const { MoleculerClientError } = Errors;

export interface AccessLogEntry {
  time: Date;
  staffName: string;
  role: string;
  roleLabel: string;
  department: string | null;
  action: string;
  resourceType: string;
  breakGlass: boolean;
}

/** The patient role actor (portal): owns no tables; composes system actors for the signed-in patient. */
const PatientPortalService: ServiceSchema = {
  name: 'portal',
  mixins: [RbacMixin],
  settings: { rest: '/' },

  actions: {
    me: {
      rest: 'GET /me',
      permission: 'portal.self',
      summary: '내 정보 (계정과 연결된 환자 기록) / my account and linked chart',
      async handler(ctx: CdssContext) {
        const account = await ctx.call('auth.me');
        const patient = await ctx.call('patients.self');
        return { account, patient, linked: patient !== null };
      },
    },

    records: {
      rest: 'GET /records',
      permission: 'portal.self',
      summary: '내 진료 기록 (서명된 기록) / my signed medical records',
      params: { ...pagingParams },
      async handler(ctx: CdssContext<PagingParams>) {
        return ctx.call('records.mine', { page: ctx.params.page, pageSize: ctx.params.pageSize });
      },
    },

    appointments: {
      rest: 'GET /appointments',
      permission: 'portal.self',
      summary: '내 예약 (신청·확정·지난 예약) / my appointments',
      params: { ...pagingParams },
      async handler(ctx: CdssContext<PagingParams>) {
        return ctx.call('appointments.mine', { page: ctx.params.page, pageSize: ctx.params.pageSize });
      },
    },

    requestAppointment: {
      rest: 'POST /appointments',
      permission: 'portal.self',
      summary: '예약 신청 (원무과 확정 후 예약됨) / request an appointment; the front desk confirms it',
      params: {
        doctorId: { type: 'number', integer: true, positive: true },
        startTime: { type: 'date', convert: true },
        memo: { type: 'string', max: 1000, optional: true },
        $$strict: true,
      },
      async handler(ctx: CdssContext<{ doctorId: number; startTime: Date; memo?: string }>) {
        if (!ctx.meta.user!.patientId) throw new MoleculerClientError('연결된 환자 기록이 없습니다. 원무과에 문의하세요 (no linked chart)', 404, 'NO_LINKED_CHART');
        return ctx.call('appointments.request', ctx.params);
      },
    },

    cancelAppointment: {
      rest: 'POST /appointments/:id/cancel',
      permission: 'portal.self',
      summary: '내 예약 취소 (신청·예약 상태, 시작 전) / cancel my requested or booked appointment before it starts',
      params: { id: { type: 'uuid' } },
      async handler(ctx: CdssContext<{ id: string }>) {
        return ctx.call('appointments.cancelOwn', { id: ctx.params.id });
      },
    },

    doctors: {
      rest: 'GET /doctors',
      permission: 'portal.self',
      summary: '의사 찾기 (진료과·진료 시간) / find a doctor: department and weekly hours',
      params: { department: { type: 'string', optional: true } },
      async handler(ctx: CdssContext<{ department?: string }>) {
        return ctx.call('schedules.directory', ctx.params);
      },
    },

    doctorSlots: {
      rest: 'GET /doctors/:id/slots',
      permission: 'portal.self',
      summary: '예약 가능한 시간 (하루) / free slots of one day, to request an appointment',
      params: { id: { type: 'number', integer: true, positive: true, convert: true }, date: { type: 'string' } },
      async handler(ctx: CdssContext<{ id: number; date: string }>) {
        return ctx.call('schedules.daySlots', ctx.params);
      },
    },

    receipts: {
      rest: 'GET /receipts',
      permission: 'portal.self',
      summary: '내 진료비 내역 (청구·수납) / my bills and what I paid',
      params: { ...pagingParams },
      async handler(ctx: CdssContext<PagingParams>) {
        return ctx.call('billing.mine', { page: ctx.params.page, pageSize: ctx.params.pageSize });
      },
    },

    receiptPdf: {
      rest: 'GET /receipts/:id/pdf',
      permission: 'portal.self',
      summary: '내 진료비 계산서·영수증 PDF (다른 환자의 것은 404) / my receipt as a PDF',
      params: { id: { type: 'number', integer: true, positive: true, convert: true } },
      async handler(ctx: CdssContext<{ id: number }>) {
        // billing sets the PDF type and file name in ctx.meta; Moleculer merges that back into this
        // call, and moleculer-web sends a Buffer (or its JSON form, across a transporter) as bytes.
        return ctx.call('billing.mineReceipt', { id: ctx.params.id });
      },
    },

    prescriptions: {
      rest: 'GET /prescriptions',
      permission: 'portal.self',
      summary: '내 처방 (투약중·중단) / my prescriptions, newest first',
      params: { status: { type: 'enum', values: ['ACTIVE', 'DISCONTINUED'], optional: true }, ...pagingParams },
      async handler(ctx: CdssContext<PagingParams & { status?: string }>) {
        return ctx.call('prescriptions.mine', ctx.params);
      },
    },

    prescriptionPdf: {
      rest: 'GET /prescriptions/:id/pdf',
      permission: 'portal.self',
      summary: '내 처방전 PDF (다른 환자의 것은 404) / download my 처방전',
      params: { id: { type: 'number', integer: true, positive: true, convert: true } },
      async handler(ctx: CdssContext<{ id: number }>) {
        // The prescriptions actor sets the PDF type and file name in ctx.meta, merged back into this call.
        return ctx.call('prescriptions.minePdf', { id: ctx.params.id });
      },
    },

    certificate: {
      rest: 'GET /records/:id/certificate',
      permission: 'portal.self',
      summary: '내 진단서 PDF (서명된 내 기록만) / a 진단서 of my own signed record',
      params: { id: { type: 'number', integer: true, positive: true, convert: true }, purpose: { type: 'string', max: 100, optional: true } },
      async handler(ctx: CdssContext<{ id: number; purpose?: string }>) {
        return ctx.call('prescriptions.mineCertificate', ctx.params);
      },
    },

    healthSummary: {
      rest: 'GET /health-summary',
      permission: 'portal.self',
      summary: '내 건강 요약 (복용 중인 약, 알레르기, 최근 활력징후·진단) / my medications, allergies, latest vitals and diagnoses',
      async handler(ctx: CdssContext): Promise<HealthSummary> {
        return healthSummary(ctx);
      },
    },

    accessLog: {
      rest: 'GET /access-log',
      permission: 'portal.self',
      summary: '내 기록 열람 이력 (누가, 언제) / who accessed my record',
      params: { ...pagingParams },
      async handler(ctx: CdssContext<PagingParams>): Promise<Page<AccessLogEntry>> {
        const patientId = ctx.meta.user!.patientId;
        if (!patientId) throw new MoleculerClientError('연결된 환자 기록이 없습니다. 원무과에 문의하세요 (no linked chart)', 404, 'NO_LINKED_CHART');
        const log = await ctx.call<Page<ActivityLogAttributes>, object>('audit.patientAccessLog', { patientId, page: ctx.params.page, pageSize: ctx.params.pageSize });
        const ids = [...new Set(log.items.map((row) => Number(row.user_id)).filter(Boolean))];
        const names = await ctx.call<Record<string, { name: string; role: StaffRole; department: string | null }>, object>('staff.namesByIds', { ids });
        return {
          ...log,
          items: log.items.map((row) => {
            const who = names[String(row.user_id)];
            return {
              time: row.created_at,
              staffName: who?.name ?? '알 수 없음',
              role: who?.role ?? row.role ?? 'unknown',
              roleLabel: who ? STAFF_ROLES[who.role] : '',
              department: who?.department ?? null,
              action: row.action_type,
              resourceType: row.resource_type,
              breakGlass: Boolean(row.break_glass),
            };
          }),
        };
      },
    },

    labResults: {
      rest: 'GET /lab-results',
      permission: 'portal.self',
      summary: '내 검사 결과 (확정된 결과만, 최근 순; code=K: 한 항목) / my verified lab results, newest first',
      params: { code: { type: 'string', max: 16, optional: true }, ...pagingParams },
      async handler(ctx: CdssContext<PagingParams & { code?: string }>) {
        return ctx.call('lis.mine', ctx.params);
      },
    },

    // <lis portal actions>
    radiologyReports: {
      rest: 'GET /radiology-reports',
      permission: 'portal.self',
      summary: '내 영상 판독 결과 (의사가 공개한 최종 판독) / my radiology reports, once the doctor has released them',
      params: { ...pagingParams },
      async handler(ctx: CdssContext<PagingParams>) {
        return ctx.call('radiology-reports.mine', { page: ctx.params.page, pageSize: ctx.params.pageSize });
      },
    },

    radiologyReport: {
      rest: 'GET /radiology-reports/:id',
      permission: 'portal.self',
      summary: '내 영상 판독 결과 상세 (다른 환자의 것·공개 전은 404) / one of my released radiology reports',
      params: { id: { type: 'number', integer: true, positive: true, convert: true } },
      async handler(ctx: CdssContext<{ id: number }>) {
        return ctx.call('radiology-reports.mineOne', { id: ctx.params.id });
      },
    },

    // <radiology report portal actions>
    images: {
      rest: 'GET /images',
      permission: 'portal.self',
      summary: '내 의료 영상 (검사 목록) / my imaging studies, newest first',
      params: { ...pagingParams },
      async handler(ctx: CdssContext<PagingParams>) {
        return ctx.call('medical-images.mine', { page: ctx.params.page, pageSize: ctx.params.pageSize });
      },
    },

    imageDownload: {
      rest: 'GET /images/:id/download',
      permission: 'portal.self',
      summary: '내 의료 영상 다운로드 (DICOM ZIP·인스턴스, PNG/JPEG; 다른 환자의 것은 404) / download one of my studies',
      params: {
        id: { type: 'number', integer: true, positive: true, convert: true },
        format: { type: 'enum', values: ['dicom', 'png', 'jpeg'], optional: true },
        series: { type: 'string', max: 64, optional: true },
        instance: { type: 'string', max: 64, optional: true },
        frame: { type: 'number', integer: true, positive: true, convert: true, optional: true },
        windowCenter: { type: 'number', convert: true, optional: true },
        windowWidth: { type: 'number', positive: true, convert: true, optional: true },
      },
      async handler(ctx: CdssContext<Record<string, unknown>>) {
        // The images actor sets the type and file name in ctx.meta (merged back into this call) and
        // answers the bytes, or a stream for a ZIP, which moleculer-web sends as they come.
        return ctx.call('medical-images.mineDownload', ctx.params);
      },
    },

    ...portalChatActions,
    ...portalAiActions,
    ...portalNotificationActions,
  },
};

export default PatientPortalService;
