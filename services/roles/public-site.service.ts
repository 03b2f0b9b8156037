import { Errors, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DEPARTMENT_CODES, type Department, type Role } from '../../lib/constants.js';
import { FixedWindowLimiter } from '../../lib/security/rate-limiter.js';
import type { CdssContext, SessionUser } from '../context.js';
import { INQUIRY_PARAMS, type InquiryInput, type InquiryReceipt } from '../emr/inquiries.service.js';

/** One doctor as the schedules actor's directory answers it (services/emr/doctor-schedules.service.ts). */
interface DirectoryEntry {
  id: number;
  name: string;
  department: Department | null;
  departmentLabel: string | null;
  specialization: string | null;
  schedule: { slotMinutes: number; days: { weekday: number; label: string; open: string; close: string }[] };
}

/** What the public hospital site may show of a doctor: no account id, no contact details. */
export interface PublicDoctor {
  name: string;
  department: Department | null;
  departmentLabel: string | null;
  specialization: string | null;
  slotMinutes: number;
  hours: { weekday: number; label: string; open: string; close: string }[];
}

/**
 * Who asks the directory for an anonymous visitor. Like the PACS ingest and AI identities it has no
 * account (user id 0, role `system`) and holds no permission: it only passes the directory's
 * `authenticated` check, and this actor answers nothing but the public facts of what it reads.
 */
export const PUBLIC_SITE_USER: SessionUser = {
  id: 0,
  realm: 'staff',
  role: 'system' as Role,
  name: '병원 홈페이지 (public site)',
  department: null,
  patientId: null,
  staffId: null,
  sessionId: 'system:public-site',
};

/** Inquiries one address may leave in INQUIRY_WINDOW_MS: enough for a family, too few for a flood. */
const INQUIRIES_PER_WINDOW = 5;
const INQUIRY_WINDOW_MS = 10 * 60_000;

type PublicSiteThis = Service & { inquiryLimiter: FixedWindowLimiter };

/**
 * The public hospital site's actor (`/api/v1/public`, no sign-in): the doctors of each department
 * with their specialization and weekly outpatient hours, and appointment inquiries for the front
 * desk to call back. Owns no tables.
 */
const PublicSiteService: ServiceSchema<ServiceSettingSchema, PublicSiteThis> = {
  name: 'public-site',
  mixins: [RbacMixin],
  settings: { rest: '/' },

  created(this: PublicSiteThis) {
    this.inquiryLimiter = new FixedWindowLimiter(INQUIRIES_PER_WINDOW, INQUIRY_WINDOW_MS);
  },

  actions: {
    doctors: {
      rest: 'GET /doctors',
      permission: 'public',
      summary: '의료진 소개 (진료과·전문 분야·진료 시간, 로그인 불필요) / our doctors: department, specialization and weekly hours',
      params: { department: { type: 'enum', values: DEPARTMENT_CODES, optional: true } },
      async handler(ctx: CdssContext<{ department?: Department }>): Promise<PublicDoctor[]> {
        // A fresh call rather than ctx.call: the system identity must not flow back into this request's meta.
        const directory = await this.broker.call<DirectoryEntry[], object>('schedules.directory', ctx.params, {
          meta: { user: PUBLIC_SITE_USER, requestId: ctx.meta.requestId },
        });
        return directory.map((d) => ({
          name: d.name,
          department: d.department,
          departmentLabel: d.departmentLabel,
          specialization: d.specialization,
          slotMinutes: d.schedule.slotMinutes,
          hours: d.schedule.days.map((day) => ({ weekday: day.weekday, label: day.label, open: day.open, close: day.close })),
        }));
      },
    },

    inquire: {
      rest: 'POST /inquiries',
      permission: 'public',
      summary: '예약 문의 남기기 (로그인 불필요, 개인정보 수집 동의 필수; 원무과가 연락) / leave an appointment inquiry; the front desk calls back',
      params: INQUIRY_PARAMS,
      async handler(this: PublicSiteThis, ctx: CdssContext<InquiryInput>): Promise<InquiryReceipt> {
        const wait = this.inquiryLimiter.hit(ctx.meta.ip ?? 'unknown');
        if (wait > 0) {
          throw new Errors.MoleculerClientError(`문의가 너무 많습니다. ${Math.ceil(wait / 60)}분 뒤에 다시 시도하거나 전화로 문의하세요 (too many inquiries)`, 429, 'TOO_MANY_REQUESTS', { retryAfter: wait });
        }
        return this.broker.call<InquiryReceipt, InquiryInput>('inquiries.submit', ctx.params, {
          meta: { user: PUBLIC_SITE_USER, requestId: ctx.meta.requestId, ip: ctx.meta.ip },
        });
      },
    },
  },
};

export default PublicSiteService;
