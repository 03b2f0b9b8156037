import { A } from '@solidjs/router';
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, Show } from 'solid-js';
import { useApp } from '../app-context';
import { formatDateTime } from '../i18n';
import { DataTable } from '../ui/DataTable';
import { Panel } from '../ui/AppShell';
import { ErrorState, QueryView } from '../ui/states';
import { t } from './messages';
import type { Notification, UnreadCount } from './types';

const TYPES = ['APPOINTMENT', 'ANALYSIS_DONE', 'RESULT', 'ALERT', 'MESSAGE'] as const;
const typeLabel = (code: string) => ((TYPES as readonly string[]).includes(code) ? t(code as (typeof TYPES)[number]) : code);

/**
 * The signed-in user's notifications: newest first, unread only on request, mark one or all read,
 * acknowledge a critical one (staff). `apiBase` is `/notifications` for staff and
 * `/portal/notifications` for patients; `linkFor` says where a notice's subject is shown.
 * The list stays current through the app's live events (they invalidate `['notifications']`).
 */
export function NotificationsPage(props: { apiBase: string; linkFor?: (n: Notification) => string | null }) {
  const { api } = useApp();
  const client = useQueryClient();
  const [unreadOnly, setUnreadOnly] = createSignal(false);
  const list = createQuery(() => ({
    queryKey: ['notifications', 'list', unreadOnly()],
    queryFn: () => api.get<{ items: Notification[] } & UnreadCount>(props.apiBase, { unread: unreadOnly() || undefined, pageSize: 100 }),
  }));
  const refresh = () => client.invalidateQueries({ queryKey: ['notifications'] });
  const act = createMutation(() => ({
    mutationFn: ({ id, action }: { id: number; action: 'read' | 'ack' }) => api.post(`${props.apiBase}/${id}/${action}`),
    onSuccess: refresh,
  }));
  const readAll = createMutation(() => ({ mutationFn: () => api.post(`${props.apiBase}/read-all`), onSuccess: refresh }));

  return (
    <>
      <h1>{t('notifications')}</h1>
      <Panel
        title={t('notifications')}
        actions={
          <>
            <label><input type="checkbox" checked={unreadOnly()} onChange={(e) => setUnreadOnly(e.currentTarget.checked)} style={{ width: 'auto' }} /> {t('unreadOnly')}</label>
            <button type="button" class="secondary" disabled={readAll.isPending || (list.data?.unread ?? 0) === 0} onClick={() => readAll.mutate()}>{t('markAllRead')}</button>
          </>
        }
      >
        <Show when={act.isError || readAll.isError}><ErrorState error={act.error ?? readAll.error} /></Show>
        <QueryView query={list}>
          {(data) => (
            <DataTable
              caption={t('notifications')}
              rows={data.items}
              rowKey={(n) => n.id}
              emptyText={t('noNotifications')}
              columns={[
                { header: t('when'), cell: (n) => formatDateTime(n.created_at) },
                { header: t('type'), cell: (n) => <span class="badge" classList={{ 'badge-alert': n.requires_ack && !n.acknowledged_at }}>{typeLabel(n.notification_type)}</span> },
                {
                  header: t('title'),
                  cell: (n) => (
                    <Show when={props.linkFor?.(n)} fallback={<strong classList={{ muted: n.is_read }}>{n.title}</strong>}>
                      {(href) => <A href={href()} onClick={() => { if (!n.is_read) act.mutate({ id: n.id, action: 'read' }); }}><strong classList={{ muted: n.is_read }}>{n.title}</strong></A>}
                    </Show>
                  ),
                },
                { header: t('message'), cell: (n) => n.message ?? '' },
                {
                  header: t('actions'),
                  cell: (n) => (
                    <Show when={n.requires_ack && !n.acknowledged_at} fallback={
                      <Show when={!n.is_read} fallback={<span class="muted">{n.acknowledged_at ? t('acknowledged') : ''}</span>}>
                        <button type="button" class="secondary" onClick={() => act.mutate({ id: n.id, action: 'read' })}>{t('markRead')}</button>
                      </Show>
                    }>
                      <button type="button" class="danger" onClick={() => act.mutate({ id: n.id, action: 'ack' })}>{t('acknowledge')}</button>
                    </Show>
                  ),
                },
              ]}
            />
          )}
        </QueryView>
      </Panel>
    </>
  );
}
