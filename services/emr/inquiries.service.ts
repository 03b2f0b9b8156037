import { Errors, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { audit } from '../../mixins/audit.js';
import { DEPARTMENT_CODES, type Department } from '../../lib/constants.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import { isCalendarDate, kstDateOf } from '../../lib/rules/kst-dates.js';
import { INQUIRY_STATUSES, type AppointmentInquiryAttributes, type InquiryStatus } from '../../models/appointment-inquiry.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';
import { runtimeOf, type Database } from '../runtime.js';

const { MoleculerClientError } = Errors;

export interface InquiryInput {
  name: string;
  phone: string;
  department?: Department;
  preferredDate?: string;
  message?: string;
  consent: true;
  /** A field people never see (the form hides it): only bots fill it in. */
  website?: string;
}

export interface InquiryReceipt {
  reference: string;
  receivedAt: Date;
}

/** How far ahead a visitor may ask for a day: the doctors' schedules are not planned further. */
const PREFERRED_DAYS_AHEAD = 180;
/** Where an inquiry may go next; a closed one is done. */
const NEXT_STATUS: Record<InquiryStatus, InquiryStatus[]> = { NEW: ['CONTACTED', 'CLOSED'], CONTACTED: ['CLOSED'], CLOSED: [] };

/** The public form's fields; the public-site actor routes them, this actor checks them again. */
export const INQUIRY_PARAMS = {
  name: { type: 'string', trim: true, min: 1, max: 50, messages: { stringMin: '이름을 입력하세요 (name is required)' } },
  phone: {
    type: 'string', trim: true, pattern: /^0\d{1,2}[- ]?\d{3,4}[- ]?\d{4}$/,
    messages: { stringPattern: '연락처는 010-1234-5678 형식의 전화번호입니다 (a Korean phone number)' },
  },
  department: { type: 'enum', values: DEPARTMENT_CODES, optional: true },
  preferredDate: { type: 'string', optional: true, pattern: /^\d{4}-\d{2}-\d{2}$/, messages: { stringPattern: '희망일은 YYYY-MM-DD 형식입니다 (preferredDate must be YYYY-MM-DD)' } },
  message: { type: 'string', trim: true, max: 1000, optional: true },
  consent: { type: 'equal', value: true, strict: true, messages: { equalValue: '개인정보 수집·이용에 동의해야 문의를 남길 수 있습니다 (consent is required)' } },
  website: { type: 'string', max: 200, optional: true },
  $$strict: true,
} as const;

const id = { type: 'number', integer: true, positive: true, convert: true } as const;
const reference = (rowId: number) => `Q${String(rowId).padStart(6, '0')}`;

type InquiriesThis = Service & { database: Database };

/**
 * Appointment inquiries (seed §6.2.1 예약 문의): what a visitor leaves on the public site and the
 * front desk's call-back list. The visitor's name and number are personal data: only the front
 * desk reads them, every read is audited, and nothing else of the hospital sees them.
 */
const InquiriesService: ServiceSchema<ServiceSettingSchema, InquiriesThis> = {
  name: 'inquiries',
  mixins: [RbacMixin],
  settings: { rest: '/inquiries' },

  actions: {
    /** Stores one inquiry from the public site (called by the public-site actor, which limits the rate). */
    submit: {
      permission: 'internal',
      visibility: 'public',
      params: INQUIRY_PARAMS,
      async handler(this: InquiriesThis, ctx: CdssContext<InquiryInput>): Promise<InquiryReceipt> {
        const { name, phone, department, preferredDate, message, website } = ctx.params;
        // A bot filled the hidden field: it gets the answer it expects and nothing is stored.
        if (website?.trim()) return { reference: reference(0), receivedAt: new Date() };
        if (preferredDate) checkPreferredDate(preferredDate);
        const row = await this.database.models.AppointmentInquiry.create({
          name, phone: phone.replace(/ /g, '-'), department: department ?? null, preferred_date: preferredDate ?? null,
          message: message?.trim() || null, status: 'NEW', consented_at: new Date(), client_ip: ctx.meta.ip ?? null,
        });
        await audit(ctx, { actionType: 'create', resourceType: 'AppointmentInquiry', resourceId: String(row.id), outcome: 'success', description: 'public site inquiry' });
        return { reference: reference(row.id), receivedAt: row.created_at };
      },
    },

    list: {
      rest: 'GET /',
      permission: 'dashboard.front-desk',
      summary: '예약 문의 목록 (홈페이지, 최근 순; status=NEW: 새 문의) / appointment inquiries from the public site, newest first',
      params: { status: { type: 'enum', values: Object.keys(INQUIRY_STATUSES), optional: true }, ...pagingParams },
      async handler(this: InquiriesThis, ctx: CdssContext<{ status?: InquiryStatus } & PagingParams>) {
        const { status, page, pageSize } = ctx.params;
        const { rows, count } = await this.database.models.AppointmentInquiry.findAndCountAll({
          where: status ? { status } : {}, order: [['id', 'DESC']], limit: pageSize, offset: (page - 1) * pageSize,
          attributes: { exclude: ['client_ip'] },
        });
        if (rows.length) {
          await audit(ctx, {
            actionType: 'read', resourceType: 'AppointmentInquiry', resourceId: rows.map((r) => r.id).join(',').slice(0, 64), outcome: 'success',
            description: `inquiry list (${rows.length})`,
          });
        }
        return { items: rows.map((r) => present(r.get({ plain: true }))), page, pageSize, total: count };
      },
    },

    /** How many inquiries wait in each open status (the front desk's dashboard): counts only, no personal data. */
    counts: {
      permission: 'dashboard.front-desk',
      visibility: 'public',
      async handler(this: InquiriesThis): Promise<Record<'NEW' | 'CONTACTED', number>> {
        const { AppointmentInquiry } = this.database.models;
        const [fresh, contacted] = await Promise.all([AppointmentInquiry.count({ where: { status: 'NEW' } }), AppointmentInquiry.count({ where: { status: 'CONTACTED' } })]);
        return { NEW: fresh, CONTACTED: contacted };
      },
    },

    update: {
      rest: 'PATCH /:id',
      permission: 'dashboard.front-desk',
      summary: '예약 문의 처리 (새 문의 → 연락함 → 종결, 메모) / record the call-back: status and a note',
      params: {
        id,
        status: { type: 'enum', values: Object.keys(INQUIRY_STATUSES), optional: true },
        note: { type: 'string', trim: true, max: 1000, optional: true },
        $$strict: true,
      },
      async handler(this: InquiriesThis, ctx: CdssContext<{ id: number; status?: InquiryStatus; note?: string }>) {
        const { status, note } = ctx.params;
        if (status === undefined && note === undefined) invalidField('body', '바꿀 상태나 메모가 없습니다 (nothing to change)');
        const row = await this.database.models.AppointmentInquiry.findByPk(ctx.params.id);
        if (!row) throw new MoleculerClientError(`예약 문의 ${ctx.params.id}을(를) 찾을 수 없습니다 (not found)`, 404, 'NOT_FOUND');
        if (status && status !== row.status && !NEXT_STATUS[row.status].includes(status)) {
          throw new MoleculerClientError(
            `${INQUIRY_STATUSES[row.status]} 문의는 ${INQUIRY_STATUSES[status]}(으)로 바꿀 수 없습니다 (${row.status} → ${status} not allowed)`,
            409, 'INVALID_TRANSITION', { from: row.status, allowed: NEXT_STATUS[row.status] },
          );
        }
        await row.update({
          ...(status ? { status } : {}), ...(note !== undefined ? { staff_note: note || null } : {}),
          handled_by_id: ctx.meta.user!.id, handled_at: new Date(),
        });
        await audit(ctx, { actionType: 'update', resourceType: 'AppointmentInquiry', resourceId: String(row.id), outcome: 'success', description: `status ${row.status}` });
        return present(row.get({ plain: true }));
      },
    },
  },

  async started(this: InquiriesThis) {
    this.database = await runtimeOf(this.broker).database();
  },
};

/** A preferred day is a real date from today (KST) up to the planning horizon. */
function checkPreferredDate(date: string): void {
  if (!isCalendarDate(date)) invalidField('preferredDate', `없는 날짜입니다: ${date} (not a calendar date)`);
  const today = kstDateOf(new Date());
  const horizon = kstDateOf(new Date(Date.now() + PREFERRED_DAYS_AHEAD * 86_400_000));
  if (date < today) invalidField('preferredDate', '희망일은 오늘 이후여야 합니다 (preferredDate is in the past)');
  if (date > horizon) invalidField('preferredDate', `희망일은 ${PREFERRED_DAYS_AHEAD}일 이내로 고르세요 (preferredDate is too far ahead)`);
}

function present(row: Omit<AppointmentInquiryAttributes, 'client_ip'> & { client_ip?: string | null }) {
  const { client_ip: _ip, ...rest } = row;
  return { ...rest, reference: reference(row.id) };
}

export default InquiriesService;
