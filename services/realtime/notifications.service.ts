import { Errors, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { Op } from 'sequelize';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import { NOTIFICATION_TYPES, keysOf } from '../../lib/constants.js';
import type { Realm } from '../../lib/constants.js';
import type { NotificationType } from '../../lib/constants-clinical.js';
import type { NotificationAttributes } from '../../models/notification.js';
import type { CdssContext } from '../context.js';
import { runtimeOf, type Database } from '../runtime.js';
import { audit } from '../../mixins/audit.js';
import type { RealtimePush } from '../gateway/events-hub.js';
import { notificationEvents } from './notification-events.js';

const { MoleculerClientError } = Errors;

export interface NotifyParams {
  userIds: number[];
  /** Whose ids: staff accounts (default) or patient portal accounts. */
  realm?: Realm;
  type: NotificationType;
  title: string;
  message?: string;
  resourceType?: string;
  resourceId?: string | number;
  /** Needs an explicit acknowledgement (`POST /notifications/:id/ack`); by default critical lab values do. */
  requiresAck?: boolean;
}

/** Badge counts of one user. */
export interface UnreadCounts {
  unread: number;
  /** Critical notifications not yet acknowledged (read or not). */
  unacknowledged: number;
}

/** What `/ws/events` and the SSE stream carry about notifications. */
export interface NotificationPush {
  /** `notification`: a new one; the others: one of mine changed (read or acknowledged elsewhere, e.g. another tab). */
  type: 'notification' | 'notification.read' | 'notification.acknowledged';
  notification: NotificationAttributes;
  /** The recipient's unread count after the change, for the badge. */
  unread: number;
}

/** A patient notice: to the portal account linked to the chart, if the patient has one. */
export type NotifyPatientParams = Omit<NotifyParams, 'userIds' | 'realm' | 'requiresAck'> & { patientId: number };

type NotificationsThis = Service & {
  database: Database;
  store(realm: Realm): Database['models']['Notification'];
  counts(realm: Realm, userId: number): Promise<UnreadCounts>;
  pushRows(ctx: CdssContext, realm: Realm, type: NotificationPush['type'], rows: NotificationAttributes[]): Promise<void>;
  notMine(ctx: CdssContext, id: number): Promise<never>;
};

const id = { type: 'number', integer: true, positive: true, convert: true } as const;
const resourceRef = { resourceType: { type: 'string', max: 64 }, resourceId: [{ type: 'string', max: 64 }, { type: 'number' }] } as const;

/**
 * A critical lab value (LIS sends it as an ALERT about the LabResult) must be acknowledged, not
 * only seen: the notification stays on the unacknowledged count until its recipient acknowledges
 * it or the result itself is acknowledged in the LIS (markReadFor).
 */
function defaultRequiresAck(type: NotificationType, resourceType?: string): boolean {
  return type === 'ALERT' && resourceType === 'LabResult';
}

/**
 * Notifications (seed §3.5.2) to staff — order status changes, results, critical values,
 * appointments — and to patients on the portal (§4.3.1: appointments changed by the hospital,
 * released results, signed records). Rows are the record; each new or changed row is also pushed
 * live to the recipient's open streams (`realtime.push`, delivered by the gateway over
 * `/ws/events` and SSE). A user only ever sees their own, so no patient row scope applies: the
 * recipient is the scope. Staff and patient accounts number apart, so each realm has its table
 * (`store`), chosen from the caller's token, never from a parameter.
 */
const NotificationsService: ServiceSchema<ServiceSettingSchema, NotificationsThis> = {
  name: 'notifications',
  mixins: [RbacMixin],
  settings: { rest: '/notifications' },

  actions: {
    mine: {
      rest: 'GET /',
      permission: 'authenticated',
      summary: '내 알림 (최근 순, unread=true: 읽지 않은 알림, unacknowledged=true: 확인 필요) / my notifications, newest first',
      params: { unread: { type: 'boolean', convert: true, optional: true }, unacknowledged: { type: 'boolean', convert: true, optional: true }, ...pagingParams },
      async handler(this: NotificationsThis, ctx: CdssContext<{ unread?: boolean; unacknowledged?: boolean } & PagingParams>) {
        const { unread, unacknowledged, page, pageSize } = ctx.params;
        const { id: userId, realm } = ctx.meta.user!;
        const where = {
          user_id: userId, ...(unread ? { is_read: false } : {}), ...(unacknowledged ? { requires_ack: true, acknowledged_at: null } : {}),
        };
        const { rows, count } = await this.store(realm).findAndCountAll({
          where, order: [['id', 'DESC']], limit: pageSize, offset: (page - 1) * pageSize,
        });
        return { items: rows.map((r) => r.get({ plain: true })), page, pageSize, total: count, ...await this.counts(realm, userId) };
      },
    },

    unreadCount: {
      rest: 'GET /unread-count',
      permission: 'authenticated',
      summary: '읽지 않은 알림 수와 확인이 필요한 위급 알림 수 / my unread and unacknowledged counts',
      async handler(this: NotificationsThis, ctx: CdssContext): Promise<UnreadCounts> {
        return this.counts(ctx.meta.user!.realm, ctx.meta.user!.id);
      },
    },

    markRead: {
      rest: 'POST /:id/read',
      permission: 'authenticated',
      summary: '알림 읽음 표시 / mark one of my notifications read',
      params: { id },
      async handler(this: NotificationsThis, ctx: CdssContext<{ id: number }>) {
        const { id: userId, realm } = ctx.meta.user!;
        const row = await this.store(realm).findOne({ where: { id: ctx.params.id, user_id: userId } });
        if (!row) return this.notMine(ctx, ctx.params.id);
        if (!row.is_read) {
          await row.update({ is_read: true });
          await this.pushRows(ctx, realm, 'notification.read', [row.get({ plain: true })]);
        }
        return row.get({ plain: true });
      },
    },

    markAllRead: {
      rest: 'POST /read-all',
      permission: 'authenticated',
      summary: '내 알림 모두 읽음 (확인이 필요한 위급 알림은 그대로) / mark all my notifications read; critical ones still need their acknowledgement',
      async handler(this: NotificationsThis, ctx: CdssContext): Promise<{ updated: number } & UnreadCounts> {
        const { id: userId, realm } = ctx.meta.user!;
        const [updated] = await this.store(realm).update({ is_read: true }, { where: { user_id: userId, is_read: false } });
        const counts = await this.counts(realm, userId);
        // One message for the recipient's other tabs: their badge and lists re-read.
        if (updated > 0) {
          await ctx.broadcast('realtime.push', { userIds: [userId], realm, payload: { type: 'notification.read-all', unread: counts.unread } } satisfies RealtimePush);
        }
        return { updated, ...counts };
      },
    },

    acknowledge: {
      rest: 'POST /:id/ack',
      permission: 'authenticated',
      summary: '위급 알림 확인 (확인 시각 기록, 읽음 처리; 다시 보내도 같은 답) / acknowledge one of my critical notifications',
      params: { id },
      async handler(this: NotificationsThis, ctx: CdssContext<{ id: number }>) {
        const { id: userId, realm } = ctx.meta.user!;
        const row = await this.store(realm).findOne({ where: { id: ctx.params.id, user_id: userId } });
        if (!row) return this.notMine(ctx, ctx.params.id);
        if (!row.requires_ack) throw new MoleculerClientError('확인이 필요한 알림이 아닙니다 (this notification needs no acknowledgement)', 409, 'ACK_NOT_REQUIRED');
        if (row.acknowledged_at) return row.get({ plain: true });
        await row.update({ acknowledged_at: new Date(), is_read: true });
        await audit(ctx, {
          actionType: 'update', resourceType: 'Notification', resourceId: String(row.id), outcome: 'success',
          description: `acknowledged ${row.notification_type} about ${row.related_resource_type ?? '-'} ${row.related_resource_id ?? ''}`.trim(),
        });
        await this.pushRows(ctx, realm, 'notification.acknowledged', [row.get({ plain: true })]);
        return row.get({ plain: true });
      },
    },

    /** Writes one notification per recipient; answers their ids. */
    notify: {
      permission: 'internal',
      visibility: 'public',
      params: {
        userIds: { type: 'array', min: 1, max: 100, items: { type: 'number', integer: true, positive: true } },
        type: { type: 'enum', values: keysOf(NOTIFICATION_TYPES) },
        title: { type: 'string', min: 1, max: 200 },
        message: { type: 'string', max: 2000, optional: true },
        resourceType: { ...resourceRef.resourceType, optional: true },
        resourceId: { type: 'multi', rules: resourceRef.resourceId, optional: true },
        requiresAck: { type: 'boolean', optional: true },
        realm: { type: 'enum', values: ['staff', 'patient'], default: 'staff' },
      },
      async handler(this: NotificationsThis, ctx: CdssContext<NotifyParams>): Promise<{ ids: number[] }> {
        const { userIds, type, title, message, resourceType, resourceId, realm = 'staff' } = ctx.params;
        const requiresAck = ctx.params.requiresAck ?? defaultRequiresAck(type, resourceType);
        const rows = await this.store(realm).bulkCreate([...new Set(userIds)].map((userId) => ({
          user_id: userId, notification_type: type, title, message: message ?? null, requires_ack: requiresAck, acknowledged_at: null,
          related_resource_type: resourceType ?? null, related_resource_id: resourceId === undefined ? null : String(resourceId),
        })));
        // After the rows are written: a client told of a notification can always read it back.
        await this.pushRows(ctx, realm, 'notification', rows.map((r) => r.get({ plain: true })));
        return { ids: rows.map((r) => r.id) };
      },
    },

    /**
     * Tells a patient, on the portal, about something of theirs (an appointment the hospital
     * changed, a released result, a signed record). A patient without a portal account is not an
     * error: the notice has nobody to go to.
     */
    notifyPatient: {
      permission: 'internal',
      visibility: 'public',
      params: {
        patientId: id,
        type: { type: 'enum', values: keysOf(NOTIFICATION_TYPES) },
        title: { type: 'string', min: 1, max: 200 },
        message: { type: 'string', max: 2000, optional: true },
        resourceType: { ...resourceRef.resourceType, optional: true },
        resourceId: { type: 'multi', rules: resourceRef.resourceId, optional: true },
      },
      async handler(this: NotificationsThis, ctx: CdssContext<NotifyPatientParams>): Promise<{ ids: number[] }> {
        const { patientId, ...notice } = ctx.params;
        const account = await ctx.call<{ userId: number | null }, { patientId: number }>('auth.portalAccountOf', { patientId });
        if (!account.userId) return { ids: [] };
        return ctx.call('notifications.notify', { ...notice, userIds: [account.userId], realm: 'patient', requiresAck: false } satisfies NotifyParams);
      },
    },

    /**
     * Marks read every notification about one resource (once a critical result is acknowledged in
     * the LIS, or corrected to a non-critical value): its critical notices count as acknowledged too.
     */
    markReadFor: {
      permission: 'internal',
      visibility: 'public',
      params: { resourceType: resourceRef.resourceType, resourceId: { type: 'multi', rules: resourceRef.resourceId } },
      async handler(this: NotificationsThis, ctx: CdssContext<{ resourceType: string; resourceId: string | number }>) {
        const { Notification } = this.database.models;
        const about = { related_resource_type: ctx.params.resourceType, related_resource_id: String(ctx.params.resourceId) };
        const open = { [Op.or]: [{ is_read: false }, { requires_ack: true, acknowledged_at: null }] };
        const rows = await Notification.findAll({ where: { ...about, ...open }, attributes: ['id'] });
        if (rows.length === 0) return { updated: 0 };
        const ids = rows.map((r) => r.id);
        await Notification.update({ is_read: true }, { where: { id: { [Op.in]: ids } } });
        await Notification.update({ acknowledged_at: new Date() }, { where: { id: { [Op.in]: ids }, requires_ack: true, acknowledged_at: null } });
        const changed = await Notification.findAll({ where: { id: { [Op.in]: ids } } });
        await this.pushRows(ctx, 'staff', 'notification.read', changed.map((r) => r.get({ plain: true })));
        return { updated: ids.length };
      },
    },

    /** Unread notifications of some users about one kind of resource, for dashboards. */
    unreadAbout: {
      permission: 'internal',
      visibility: 'public',
      params: { userId: id, resourceTypes: { type: 'array', items: 'string', min: 1, max: 10 } },
      async handler(this: NotificationsThis, ctx: CdssContext<{ userId: number; resourceTypes: string[] }>): Promise<NotificationAttributes[]> {
        const rows = await this.database.models.Notification.findAll({
          where: { user_id: ctx.params.userId, is_read: false, related_resource_type: { [Op.in]: ctx.params.resourceTypes } },
          order: [['id', 'DESC']], limit: 50,
        });
        return rows.map((r) => r.get({ plain: true }));
      },
    },
  },

  events: notificationEvents,

  methods: {
    /** Someone else's notification (or none): 404 either way, and the attempt is audited. */
    async notMine(this: NotificationsThis, ctx: CdssContext, notificationId: number): Promise<never> {
      await audit(ctx, { actionType: 'update', resourceType: 'Notification', resourceId: String(notificationId), outcome: 'denied', description: 'not a notification of the caller' });
      throw new MoleculerClientError(`알림 ${notificationId}을(를) 찾을 수 없습니다 (not found)`, 404, 'NOT_FOUND');
    },

    /** Each realm's table: a staff id and a patient id may be the same number. */
    store(this: NotificationsThis, realm: Realm) {
      return realm === 'patient' ? this.database.models.PatientNotification : this.database.models.Notification;
    },

    async counts(this: NotificationsThis, realm: Realm, userId: number): Promise<UnreadCounts> {
      const store = this.store(realm);
      const [unread, unacknowledged] = await Promise.all([
        store.count({ where: { user_id: userId, is_read: false } }),
        store.count({ where: { user_id: userId, requires_ack: true, acknowledged_at: null } }),
      ]);
      return { unread, unacknowledged };
    },

    /**
     * Each row to its recipient's open streams on every gateway node, with their new unread count.
     * Best effort: the row is the record, so a failed push is logged, never the caller's failure.
     */
    async pushRows(this: NotificationsThis, ctx: CdssContext, realm: Realm, type: NotificationPush['type'], rows: NotificationAttributes[]): Promise<void> {
      try {
        const unread = new Map<number, number>();
        for (const userId of new Set(rows.map((r) => r.user_id))) {
          unread.set(userId, await this.store(realm).count({ where: { user_id: userId, is_read: false } }));
        }
        await Promise.all(rows.map((notification) => ctx.broadcast('realtime.push', {
          userIds: [notification.user_id], realm, payload: { type, notification, unread: unread.get(notification.user_id)! } satisfies NotificationPush,
        } satisfies RealtimePush)));
      } catch (err) {
        this.logger.warn('Notification push failed:', (err as Error).message);
      }
    },
  },

  async started(this: NotificationsThis) {
    this.database = await runtimeOf(this.broker).database();
  },
};

export default NotificationsService;
