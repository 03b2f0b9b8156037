import { Errors, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { Op } from 'sequelize';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import { NOTIFICATION_TYPES, keysOf } from '../../lib/constants.js';
import type { NotificationType } from '../../lib/constants-clinical.js';
import type { NotificationAttributes } from '../../models/notification.js';
import type { CdssContext } from '../context.js';
import { runtimeOf, type Database } from '../runtime.js';

const { MoleculerClientError } = Errors;

export interface NotifyParams {
  userIds: number[];
  type: NotificationType;
  title: string;
  message?: string;
  resourceType?: string;
  resourceId?: string | number;
}

type NotificationsThis = Service & { database: Database };

const id = { type: 'number', integer: true, positive: true, convert: true } as const;
const resourceRef = { resourceType: { type: 'string', max: 64 }, resourceId: [{ type: 'string', max: 64 }, { type: 'number' }] } as const;

/**
 * Notifications to staff (seed §3.5.2): order status changes, results, critical values. Rows are
 * written now; live push over `/ws/events` comes with the realtime issue. A user only ever sees
 * their own, so no patient row scope applies: the recipient is the scope.
 */
const NotificationsService: ServiceSchema<ServiceSettingSchema, NotificationsThis> = {
  name: 'notifications',
  mixins: [RbacMixin],
  settings: { rest: '/notifications' },

  actions: {
    mine: {
      rest: 'GET /',
      permission: 'authenticated',
      summary: '내 알림 (최근 순, unread=true: 읽지 않은 알림) / my notifications, newest first',
      params: { unread: { type: 'boolean', convert: true, optional: true }, ...pagingParams },
      async handler(this: NotificationsThis, ctx: CdssContext<{ unread?: boolean } & PagingParams>) {
        const { unread, page, pageSize } = ctx.params;
        const where = { user_id: ctx.meta.user!.id, ...(unread ? { is_read: false } : {}) };
        const { rows, count } = await this.database.models.Notification.findAndCountAll({
          where, order: [['id', 'DESC']], limit: pageSize, offset: (page - 1) * pageSize,
        });
        const unreadCount = await this.database.models.Notification.count({ where: { user_id: ctx.meta.user!.id, is_read: false } });
        return { items: rows.map((r) => r.get({ plain: true })), page, pageSize, total: count, unread: unreadCount };
      },
    },

    markRead: {
      rest: 'POST /:id/read',
      permission: 'authenticated',
      summary: '알림 읽음 표시 / mark one of my notifications read',
      params: { id },
      async handler(this: NotificationsThis, ctx: CdssContext<{ id: number }>) {
        const row = await this.database.models.Notification.findOne({ where: { id: ctx.params.id, user_id: ctx.meta.user!.id } });
        if (!row) throw new MoleculerClientError(`알림 ${ctx.params.id}을(를) 찾을 수 없습니다 (not found)`, 404, 'NOT_FOUND');
        if (!row.is_read) await row.update({ is_read: true });
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
      },
      async handler(this: NotificationsThis, ctx: CdssContext<NotifyParams>): Promise<{ ids: number[] }> {
        const { userIds, type, title, message, resourceType, resourceId } = ctx.params;
        const rows = await this.database.models.Notification.bulkCreate([...new Set(userIds)].map((userId) => ({
          user_id: userId, notification_type: type, title, message: message ?? null,
          related_resource_type: resourceType ?? null, related_resource_id: resourceId === undefined ? null : String(resourceId),
        })));
        return { ids: rows.map((r) => r.id) };
      },
    },

    /** Marks read every notification about one resource (e.g. once a critical result is acknowledged). */
    markReadFor: {
      permission: 'internal',
      visibility: 'public',
      params: { resourceType: resourceRef.resourceType, resourceId: { type: 'multi', rules: resourceRef.resourceId } },
      async handler(this: NotificationsThis, ctx: CdssContext<{ resourceType: string; resourceId: string | number }>) {
        const [updated] = await this.database.models.Notification.update({ is_read: true }, {
          where: { related_resource_type: ctx.params.resourceType, related_resource_id: String(ctx.params.resourceId), is_read: false },
        });
        return { updated };
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

  async started(this: NotificationsThis) {
    this.database = await runtimeOf(this.broker).database();
  },
};

export default NotificationsService;
