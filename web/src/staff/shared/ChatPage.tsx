import { useParams, useNavigate } from '@solidjs/router';
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show, createSignal } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { Panel } from '../../shared/ui/AppShell';
import { TextField } from '../../shared/ui/Field';
import { QueryView } from '../../shared/ui/states';
import { roleLabel } from '../messages';
import { ChatRoom } from '../../shared/chat/ChatRoom';
import { RoomList, type RoomSummary } from '../../shared/chat/RoomList';
import { t } from './messages';

interface Contact { id: number; name: string; role: string }

/**
 * Staff chat (seed §4.1.6, §7.8) for every clinical role app at `<app>/chat[/:roomId]`: my rooms with
 * unread counts, a new one-to-one conversation with a colleague, and the open conversation. New
 * messages arrive live (the shell refreshes ['chat'] on chat.* events).
 */
export default function ChatPage() {
  const { api } = useApp();
  const params = useParams<{ roomId?: string }>();
  const navigate = useNavigate();
  const client = useQueryClient();
  const base = () => location.pathname.replace(/\/chat(\/\d+)?$/, '/chat');
  const [q, setQ] = createSignal('');
  const rooms = createQuery(() => ({ queryKey: ['chat', 'rooms'], queryFn: () => api.get<{ items: RoomSummary[] }>('/chat/rooms', { pageSize: 50 }) }));
  const contacts = createQuery(() => ({
    queryKey: ['chat', 'contacts', q()],
    queryFn: () => api.get<{ items: Contact[] }>('/chat/contacts', { q: q() || undefined }),
    enabled: q().trim().length > 0,
  }));
  const start = createMutation(() => ({
    mutationFn: (contact: Contact) => api.post<{ id: number }>('/chat/rooms', { roomType: 'DIRECT', memberIds: [contact.id] }),
    onSuccess: (room) => {
      setQ('');
      void client.invalidateQueries({ queryKey: ['chat', 'rooms'] });
      navigate(`${base()}/${room.id}`);
    },
  }));
  const title = (r: RoomSummary) => r.name ?? `${t(r.room_type === 'DIRECT' ? 'direct' : r.room_type === 'GROUP' ? 'group' : 'consultation')} #${r.id}`;

  return (
    <>
      <h1>{t('chat')}</h1>
      <div class="chat-layout">
        <Panel title={t('rooms')}>
          <TextField label={t('findColleague')} value={q()} onInput={(e) => setQ(e.currentTarget.value)} />
          <Show when={q().trim() && contacts.data}>
            <ul class="chat-contacts">
              <For each={contacts.data!.items}>{(c) => (
                <li><button type="button" class="secondary" onClick={() => start.mutate(c)}>{t('start')}: {c.name} · {roleLabel(c.role)}</button></li>
              )}</For>
            </ul>
          </Show>
          <Show when={start.isError}><p class="field-error" role="alert">{(start.error as Error).message}</p></Show>
          <QueryView query={rooms} empty={(d) => d.items.length === 0} emptyText={t('noRooms')}>
            {(d) => <RoomList rooms={d.items} base={base()} activeId={params.roomId} title={title} unread={(n) => t('unread', { n })} />}
          </QueryView>
        </Panel>
        <Panel title={t('chatMessage')}>
          <Show when={params.roomId} fallback={<p class="muted">{t('chooseRoom')}</p>}>
            <ChatRoom roomId={Number(params.roomId)} apiBase="/chat" />
          </Show>
        </Panel>
      </div>
    </>
  );
}
