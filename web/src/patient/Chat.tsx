import { useNavigate, useParams } from '@solidjs/router';
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { useApp } from '../shared/app-context';
import { ChatRoom } from '../shared/chat/ChatRoom';
import { RoomList, type RoomSummary } from '../shared/chat/RoomList';
import { departmentLabel } from '../shared/departments';
import { Panel } from '../shared/ui/AppShell';
import { Field } from '../shared/ui/Field';
import { QueryView } from '../shared/ui/states';
import { t } from './messages';

interface Contact { userId: number; name: string; role: string; department: string | null; relation: string }

/**
 * `/patient/chat[/:roomId]` (seed §4.3.7 담당 의사와 실시간 채팅): my consultations with my own care
 * team — the rooms with unread counts, a new one with someone on the team, and the open one.
 * Answers arrive live (the portal's event stream refreshes ['chat']).
 */
export default function PatientChat() {
  const { api } = useApp();
  const params = useParams<{ roomId?: string }>();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [contact, setContact] = createSignal('');
  const rooms = createQuery(() => ({ queryKey: ['chat', 'rooms'], queryFn: () => api.get<{ items: RoomSummary[] }>('/portal/chat/rooms', { pageSize: 50 }) }));
  const contacts = createQuery(() => ({ queryKey: ['chat', 'contacts'], queryFn: () => api.get<{ items: Contact[] }>('/portal/chat/contacts') }));
  const start = createMutation(() => ({
    mutationFn: (staffUserId: number) => api.post<{ id: number }>('/portal/chat/rooms', { staffUserId }),
    onSuccess: (room) => {
      setContact('');
      void client.invalidateQueries({ queryKey: ['chat', 'rooms'] });
      navigate(`/patient/chat/${room.id}`);
    },
  }));
  const describe = (c: Contact) => `${c.name} · ${c.role === 'doctor' ? t('chatDoctor') : t('chatNurse')}${c.department ? ` · ${departmentLabel(c.department)}` : ''}`;

  return (
    <>
      <h1>{t('chat')}</h1>
      <p class="muted">{t('chatLead')}</p>
      <div class="chat-layout">
        <Panel title={t('chatRooms')}>
          <QueryView query={contacts} empty={(d) => d.items.length === 0} emptyText={t('chatNoTeam')}>
            {(d) => (
              <form class="toolbar" onSubmit={(e) => { e.preventDefault(); if (contact()) start.mutate(Number(contact())); }}>
                <Field label={t('chatWith')}>{(id, described) => (
                  <select id={id} aria-describedby={described} value={contact()} onChange={(e) => setContact(e.currentTarget.value)}>
                    <option value="">{t('chatChoose')}</option>
                    <For each={d.items}>{(c) => <option value={c.userId}>{describe(c)}</option>}</For>
                  </select>
                )}</Field>
                <button type="submit" disabled={!contact() || start.isPending}>{t('chatStart')}</button>
              </form>
            )}
          </QueryView>
          <Show when={start.isError}><p class="field-error" role="alert">{(start.error as Error).message}</p></Show>
          <QueryView query={rooms} empty={(d) => d.items.length === 0} emptyText={t('chatNoRooms')}>
            {(d) => (
              <RoomList rooms={d.items} base="/patient/chat" activeId={params.roomId} title={(r) => r.name ?? `${t('chat')} #${r.id}`} unread={(n) => t('chatUnread', { n })} />
            )}
          </QueryView>
        </Panel>
        <Panel title={t('chatConversation')}>
          <Show when={params.roomId} fallback={<p class="muted">{t('chatPick')}</p>}>
            <ChatRoom roomId={Number(params.roomId)} apiBase="/portal/chat" />
          </Show>
        </Panel>
      </div>
    </>
  );
}
