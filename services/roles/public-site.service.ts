import type { ServiceSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DEPARTMENT_CODES, type Department, type Role } from '../../lib/constants.js';
import type { CdssContext, SessionUser } from '../context.js';

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

/**
 * The public hospital site's actor (`/api/v1/public`, no sign-in): the doctors of each department
 * with their specialization and weekly outpatient hours. Owns no tables.
 */
const PublicSiteService: ServiceSchema = {
  name: 'public-site',
  mixins: [RbacMixin],
  settings: { rest: '/' },

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
  },
};

export default PublicSiteService;
