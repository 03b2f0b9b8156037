import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show, createEffect, createSignal } from 'solid-js';
import { useApp } from '../app-context';
import { formatDateTime } from '../i18n';
import { QueryView } from '../ui/states';
import { t } from './messages';

interface Member { userId: number; name: string | null; staffRole: string | null }
interface RoomDetail { id: number; room_type: string; name: string | null; members: Member[] }
interface Message { id: number; sender_id: number | null; sender_patient_user_id: number | null; content: string | null; created_at: string }

/**
 * One conversation: messages oldest first, a send box, and a read receipt whenever new ones show.
 * Staff open it under `/chat`, a patient their consultation under `/portal/chat`; who "me" is
 * follows the realm (a patient's own messages carry `sender_patient_user_id`, staff's `sender_id`).
 */
export function ChatRoom(props: { roomId: number; apiBase: '/chat' | '/portal/chat' }) {
  const { api, session } = useApp();
  const client = useQueryClient();
  const [text, setText] = createSignal('');
  const path = () => `${props.apiBase}/rooms/${props.roomId}`;
  const room = createQuery(() => ({ queryKey: ['chat', 'room', props.roomId], queryFn: () => api.get<RoomDetail>(path()) }));
  const messages = createQuery(() => ({
    queryKey: ['chat', 'messages', props.roomId],
    queryFn: () => api.get<{ items: Message[] }>(`${path()}/messages`, { limit: 50 }),
  }));
  const send = createMutation(() => ({
    mutationFn: (content: string) => api.post(`${path()}/messages`, { content }),
    onSuccess: () => {
      setText('');
      void client.invalidateQueries({ queryKey: ['chat'] });
    },
  }));
  // Seen: move the receipt whenever the newest message changes while the room is open.
  createEffect(() => {
    const newest = messages.data?.items[0]?.id;
    if (newest) void api.post(`${path()}/read`).then(() => client.invalidateQueries({ queryKey: ['chat', 'rooms'] }));
  });
  const patientViewer = () => session.me()?.realm === 'patient';
  const mine = (m: Message) => (patientViewer() ? m.sender_patient_user_id === session.me()?.id : m.sender_id === session.me()?.id);
  const senderName = (m: Message) => {
    if (mine(m)) return t('me');
    if (m.sender_patient_user_id) return t('patientSender');
    return room.data?.members.find((x) => x.userId === m.sender_id)?.name ?? '';
  };

  return (
    <div class="chat-room">
      <Show when={room.data}>
        <p class="muted">{t('members')}: {room.data!.members.map((m) => m.name).join(', ')}</p>
      </Show>
      <QueryView query={messages} empty={(d) => d.items.length === 0} emptyText={t('noMessages')}>
        {(d) => (
          <ol class="chat-messages" aria-live="polite">
            <For each={[...d.items].reverse()}>{(m) => (
              <li classList={{ mine: mine(m) }}>
                <span class="chat-meta">{senderName(m)} · {formatDateTime(m.created_at)}</span>
                <span class="chat-text">{m.content}</span>
              </li>
            )}</For>
          </ol>
        )}
      </QueryView>
      <form class="chat-send" onSubmit={(e) => { e.preventDefault(); if (text().trim()) send.mutate(text().trim()); }}>
        <label class="visually-hidden" for={`chat-input-${props.roomId}`}>{t('chatMessage')}</label>
        <input id={`chat-input-${props.roomId}`} value={text()} onInput={(e) => setText(e.currentTarget.value)} maxLength={4000} autocomplete="off" />
        <button type="submit" disabled={send.isPending || !text().trim()}>{send.isPending ? t('sending') : t('send')}</button>
      </form>
      <Show when={send.isError}><p class="field-error" role="alert">{(send.error as Error).message}</p></Show>
    </div>
  );
}
