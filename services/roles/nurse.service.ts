import type { Service, ServiceSchema, ServiceSettingSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import type { Page } from '../../mixins/db.mixin.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import { kstDateOf } from '../../lib/rules/kst-dates.js';
import type { VitalFlag } from '../../lib/rules/vitals.js';
import type { OcsOrderAttributes } from '../../models/ocs-order.js';
import type { PatientStatusAttributes } from '../../models/patient-status.js';
import type { CriticalResult } from '../lis/lis.service.js';
import type { PatientLabel } from '../emr/patients.service.js';
import type { DueDose } from '../emr/mar-day.js';
import type { CdssContext } from '../context.js';
import { countBy, today } from './today.js';

type Row = Record<string, unknown>;

/**
 * The admitted patients one ward overview gathers (its counts and filters cover them all); past
 * this the answer says `truncated`, and the ward filter asks the database for that ward alone.
 */
const WARD_BOUND = 200;

export interface WardParams extends PagingParams {
  ward?: string;
  abnormalOnly?: boolean;
}

/** One admitted patient on the ward overview. */
export interface WardPatient {
  patientId: number;
  patientNumber: string | null;
  name: string | null;
  gender: string | null;
  age: number | null;
  ward: string;
  roomNumber: string | null;
  admissionDate: Date | null;
  /** Day of the stay in KST calendar days, the admission day being day 1 (입원 N일째). */
  hospitalDay: number | null;
  currentCondition: string | null;
  attendingDoctors: string[];
  latestVitals: { recordedAt: Date; abnormal: VitalFlag[] } | null;
  /** Today's scheduled doses not charted yet, and those of them overdue (the MAR's rule). */
  doses: { uncharted: number; overdue: number };
  statSpecimenPending: boolean;
}

export interface WardOverview extends Page<WardPatient> {
  date: string;
  /**
   * Over the admitted patients in scope whatever the filters: `admitted` counts them all; the
   * other figures cover the first `counted` of them (all, unless `truncated`).
   */
  summary: { admitted: number; counted: number; abnormal: number; wards: { ward: string; patients: number; rooms: number }[]; truncated: boolean };
}

type LatestVitals = { patient_id: number; record_date: Date; abnormal: VitalFlag[] };

type NurseThis = Service & {
  describeStays(ctx: CdssContext, stays: PatientStatusAttributes[], latest: Map<number, LatestVitals>, date: string): Promise<WardPatient[]>;
};

/** Rooms in the order a ward walks them: 701, 702, …, 710 (numbers compared as numbers). */
const byWardAndRoom = (a: PatientStatusAttributes, b: PatientStatusAttributes) => (a.ward ?? '').localeCompare(b.ward ?? '', 'ko', { numeric: true })
  || (a.room_number ?? '').localeCompare(b.room_number ?? '', 'ko', { numeric: true }) || a.patient_id - b.patient_id;

/** KST calendar days from the admission to today, the admission day counted as day 1. */
function hospitalDayOf(admission: Date | null, now = new Date()): number | null {
  if (!admission) return null;
  return Math.round((Date.parse(kstDateOf(now)) - Date.parse(kstDateOf(new Date(admission)))) / 86_400_000) + 1;
}

/**
 * The nurse role actor (seed §4.2.1): owns no tables; gathers today's appointments of the ward's
 * department, the patients in the nurse's care, doses due and abnormal vitals, and the ward's
 * admitted patients room by room.
 */
const NurseService: ServiceSchema<ServiceSettingSchema, NurseThis> = {
  name: 'nurse',
  mixins: [RbacMixin],
  settings: { rest: '/nurse' },

  actions: {
    dashboard: {
      rest: 'GET /dashboard',
      permission: 'dashboard.nurse',
      summary: '간호사 대시보드 (오늘 예약, 담당 환자, 투약 예정, 이상 활력징후, 입원 환자 수) / the nurse\'s shift at a glance',
      async handler(ctx: CdssContext) {
        const user = ctx.meta.user!;
        const day = today();
        const [appointments, patients, doses, abnormal, collections, criticals, admitted] = await Promise.all([
          ctx.call<Page<Row>, object>('appointments.list', { ...(user.department ? { department: user.department } : {}), from: day.from, to: day.to, pageSize: 500 }),
          ctx.call<Page<Row>, object>('patients.list', { pageSize: 20, sort: 'name' }),
          ctx.call<Row, object>('mar.due', { date: day.date }),
          ctx.call<Row[], object>('nursing.recentAbnormal', { hours: 24 }),
          ctx.call<Page<OcsOrderAttributes>, object>('ocs.list', { type: 'LAB', status: 'PENDING', sort: 'worklist', pageSize: 100 }),
          ctx.call<{ total: number; items: CriticalResult[] }, object>('lis.unacknowledgedCriticals', { limit: 20 }),
          ctx.call<Page<PatientStatusAttributes>, object>('patient-status.admitted', { limit: 1 }),
        ]);
        return {
          date: day.date,
          todayAppointments: { total: appointments.total, byStatus: countBy(appointments.items, (a) => String(a.status)), items: appointments.items },
          assignedPatients: { total: patients.total, items: patients.items },
          medicationsDue: doses,
          abnormalVitals: { total: abnormal.length, critical: abnormal.filter((r) => (r.abnormal as { critical: boolean }[]).some((f) => f.critical)).length, items: abnormal },
          specimensToCollect: { total: collections.total, stat: collections.items.filter((o) => o.priority === 'STAT').length },
          unacknowledgedCriticals: criticals,
          admittedPatients: { total: admitted.total },
        };
      },
    },

    ward: {
      rest: 'GET /ward',
      permission: 'dashboard.nurse',
      summary: '병동 현황 (입원 환자: 병동·병실, 입원일·재원일, 주치의, 최근 활력징후 이상, 오늘 미기록·지연 투약, STAT 채혈 대기; 필터: 병동, 이상 소견만) / the ward at a glance: admitted patients by ward and room',
      params: {
        ward: { type: 'string', min: 1, max: 32, optional: true },
        abnormalOnly: { type: 'boolean', convert: true, optional: true },
        ...pagingParams,
        pageSize: { ...pagingParams.pageSize, default: 50 },
      },
      async handler(this: NurseThis, ctx: CdssContext<WardParams>): Promise<WardOverview> {
        const { ward, abnormalOnly, page, pageSize } = ctx.params;
        const day = today();
        const admitted = await ctx.call<Page<PatientStatusAttributes>, object>('patient-status.admitted', { limit: WARD_BOUND });
        const truncated = admitted.total > admitted.items.length;
        let stays = admitted.items;
        if (ward) {
          stays = truncated
            ? (await ctx.call<Page<PatientStatusAttributes>, object>('patient-status.admitted', { ward, limit: WARD_BOUND })).items
            : stays.filter((s) => s.ward === ward);
        }
        const everyone = [...new Set([...admitted.items, ...stays].map((s) => s.patient_id))];
        const vitals = await ctx.call<LatestVitals[], object>('nursing.latestVitals', { patientIds: everyone });
        const latest = new Map(vitals.map((v) => [v.patient_id, v]));
        const isAbnormal = (patientId: number) => (latest.get(patientId)?.abnormal.length ?? 0) > 0;

        const shown = stays.filter((s) => !abnormalOnly || isAbnormal(s.patient_id)).sort(byWardAndRoom);
        const pageStays = shown.slice((page - 1) * pageSize, page * pageSize);
        const items = await this.describeStays(ctx, pageStays, latest, day.date);

        const wards = new Map<string, { patients: number; rooms: Set<string> }>();
        for (const s of admitted.items) {
          const entry = wards.get(s.ward ?? '') ?? { patients: 0, rooms: new Set<string>() };
          entry.patients += 1;
          if (s.room_number) entry.rooms.add(s.room_number);
          wards.set(s.ward ?? '', entry);
        }
        return {
          date: day.date,
          summary: {
            admitted: admitted.total,
            counted: admitted.items.length,
            abnormal: admitted.items.filter((s) => isAbnormal(s.patient_id)).length,
            wards: [...wards].map(([name, w]) => ({ ward: name, patients: w.patients, rooms: w.rooms.size }))
              .sort((a, b) => a.ward.localeCompare(b.ward, 'ko', { numeric: true })),
            truncated,
          },
          items, page, pageSize, total: shown.length,
        };
      },
    },

    tasks: {
      rest: 'GET /tasks',
      permission: 'dashboard.nurse',
      summary: '간호 업무 (오더에서 온 채혈, 투약 예정, 위급 검사값) / the shift\'s tasks from orders: specimens to collect (STAT first), doses due, critical results',
      async handler(ctx: CdssContext) {
        const day = today();
        const [collections, doses, criticals] = await Promise.all([
          ctx.call<Row, object>('lis.collections', {}),
          ctx.call<Row, object>('mar.due', { date: day.date }),
          ctx.call<{ total: number; items: CriticalResult[] }, object>('lis.unacknowledgedCriticals', { limit: 50 }),
        ]);
        return { date: day.date, specimenCollection: collections, medicationsDue: doses, criticalResults: criticals };
      },
    },
  },

  methods: {
    /**
     * The ward rows of one page: who each patient is, the attending doctors, today's doses and a
     * STAT draw waiting — gathered from the actors that own them, each read in the nurse's scope.
     */
    async describeStays(this: NurseThis, ctx: CdssContext, stays: PatientStatusAttributes[], latest: Map<number, LatestVitals>, date: string): Promise<WardPatient[]> {
      if (stays.length === 0) return [];
      const ids = stays.map((s) => s.patient_id);
      const [labels, teams, doses, stat] = await Promise.all([
        ctx.call<PatientLabel[], object>('patients.labels', { ids }),
        // One indexed read per patient: the care team has no batch action, and a page is at most 100.
        Promise.all(ids.map((patientId) => ctx.call<{ userId: number | null; relation: string }[], object>('patients.careTeam', { patientId }))),
        ctx.call<{ items: DueDose[] }, object>('mar.dueSummary', { patientIds: ids, date }),
        // A ward has far fewer STAT draws waiting than this at any moment.
        ctx.call<Page<OcsOrderAttributes>, object>('ocs.list', { type: 'LAB', status: 'PENDING', priority: 'STAT', sort: 'worklist', pageSize: 100 }),
      ]);
      const attendingIds = teams.map((team) => team.filter((m) => m.relation === 'attending' && m.userId).map((m) => m.userId!));
      const allDoctors = [...new Set(attendingIds.flat())];
      const names = allDoctors.length ? await ctx.call<Record<number, { name: string }>, object>('staff.namesByIds', { ids: allDoctors }) : {};
      const labelOf = new Map(labels.map((l) => [l.id, l]));
      const statFor = new Set(stat.items.map((o) => o.patient_id));
      return stays.map((s, i) => {
        const label = labelOf.get(s.patient_id);
        const own = doses.items.filter((d) => d.patientId === s.patient_id && d.status === null);
        const vitals = latest.get(s.patient_id);
        return {
          patientId: s.patient_id, patientNumber: label?.patient_id ?? null, name: label?.name ?? null, gender: label?.gender ?? null, age: label?.age ?? null,
          ward: s.ward ?? '', roomNumber: s.room_number, admissionDate: s.admission_date, hospitalDay: hospitalDayOf(s.admission_date),
          currentCondition: s.current_condition,
          attendingDoctors: attendingIds[i].map((id) => names[id]?.name).filter((n): n is string => !!n),
          latestVitals: vitals ? { recordedAt: vitals.record_date, abnormal: vitals.abnormal } : null,
          doses: { uncharted: own.length, overdue: own.filter((d) => d.overdue).length },
          statSpecimenPending: statFor.has(s.patient_id),
        };
      });
    },
  },
};

export default NurseService;
