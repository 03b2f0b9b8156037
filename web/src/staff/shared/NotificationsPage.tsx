import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, Show } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDateTime } from '../../shared/i18n';
import { DataTable } from '../../shared/ui/DataTable';
import { Panel } from '../../shared/ui/AppShell';
import { ErrorState, QueryView } from '../../shared/ui/states';
import { t } from './messages';

export interface Notification {
  id: number;
  notification_type: string;
  title: string;
  message: string;
  is_read: boolean;
  requires_ack: boolean;
  acknowledged_at: string | null;
  related_resource_type: string | null;
  related_resource_id: string | null;
  created_at: string;
}

/** Every staff role's notification list: mark read, acknowledge critical ones (live via the shell). */
export default function NotificationsPage() {
  const { api } = useApp();
  const client = useQueryClient();
  const [unreadOnly, setUnreadOnly] = createSignal(false);
  const list = createQuery(() => ({
    queryKey: ['notifications', 'list', unreadOnly()],
    queryFn: () => api.get<{ items: Notification[] }>('/notifications', { unread: unreadOnly() || undefined }),
  }));
  const act = createMutation(() => ({
    mutationFn: ({ id, action }: { id: number; action: 'read' | 'ack' }) => api.post(`/notifications/${id}/${action}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  }));

  return (
    <>
    <h1>{t('notificationsTitle')}</h1>
    <Panel
      title={t('notificationsTitle')}
      actions={<label><input type="checkbox" checked={unreadOnly()} onChange={(e) => setUnreadOnly(e.currentTarget.checked)} style={{ width: 'auto' }} /> {t('unreadOnly')}</label>}
    >
      <Show when={act.isError}><ErrorState error={act.error} /></Show>
      <QueryView query={list}>
        {(data) => (
          <DataTable
            caption={t('notificationsTitle')}
            rows={data.items}
            rowKey={(n) => n.id}
            emptyText={t('noNotifications')}
            columns={[
              { header: t('when'), cell: (n) => formatDateTime(n.created_at) },
              { header: t('type'), cell: (n) => <span class="badge" classList={{ 'badge-alert': n.requires_ack && !n.acknowledged_at }}>{n.notification_type}</span> },
              { header: t('title'), cell: (n) => <strong classList={{ muted: n.is_read }}>{n.title}</strong> },
              { header: t('message'), cell: (n) => n.message },
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
