import type { ServiceActionsSchema } from 'moleculer';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import type { CdssContext } from '../context.js';

/**
 * `/api/v1/portal/notifications/*` (seed §4.3.1 대시보드 알림): what the hospital told the patient —
 * appointments it booked, moved or cancelled, results and records that are ready. The
 * notifications actor keeps them apart from staff notices by the caller's realm.
 */
export const portalNotificationActions: ServiceActionsSchema = {
  notifications: {
    rest: 'GET /notifications',
    permission: 'portal.self',
    summary: '내 알림 (최근 순, unread=true: 읽지 않은 알림) / my notifications, newest first',
    params: { unread: { type: 'boolean', convert: true, optional: true }, ...pagingParams },
    handler(ctx: CdssContext<{ unread?: boolean } & PagingParams>) {
      return ctx.call('notifications.mine', { unread: ctx.params.unread, page: ctx.params.page, pageSize: ctx.params.pageSize });
    },
  },

  notificationCounts: {
    rest: 'GET /notifications/unread-count',
    permission: 'portal.self',
    summary: '읽지 않은 알림 수 / my unread count',
    handler(ctx: CdssContext) {
      return ctx.call('notifications.unreadCount', {});
    },
  },

  notificationRead: {
    rest: 'POST /notifications/:id/read',
    permission: 'portal.self',
    summary: '알림 읽음 표시 / mark one of my notifications read',
    params: { id: { type: 'number', integer: true, positive: true, convert: true } },
    handler(ctx: CdssContext<{ id: number }>) {
      return ctx.call('notifications.markRead', { id: ctx.params.id });
    },
  },

  notificationsReadAll: {
    rest: 'POST /notifications/read-all',
    permission: 'portal.self',
    summary: '내 알림 모두 읽음 / mark all my notifications read',
    handler(ctx: CdssContext) {
      return ctx.call('notifications.markAllRead', {});
    },
  },
};
