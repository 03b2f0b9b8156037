import { useNavigate } from '@solidjs/router';
import { For, Show } from 'solid-js';

export interface RoomSummary { id: number; room_type?: string; name: string | null; unread: number; lastMessage?: { content: string | null } | null }

/** The rooms of one person, newest first: title, unread badge, the last message; the open one marked. */
export function RoomList(props: { rooms: RoomSummary[]; base: string; activeId?: string; title: (room: RoomSummary) => string; unread: (n: number) => string }) {
  const navigate = useNavigate();
  return (
    <ul class="chat-rooms">
      <For each={props.rooms}>{(r) => (
        <li>
          <a href={`${props.base}/${r.id}`} classList={{ active: props.activeId === String(r.id) }} onClick={(e) => { e.preventDefault(); navigate(`${props.base}/${r.id}`); }}>
            <strong>{props.title(r)}</strong>
            <Show when={r.unread > 0}> <span class="badge badge-alert">{props.unread(r.unread)}</span></Show>
            <span class="muted chat-preview">{r.lastMessage?.content ?? ''}</span>
          </a>
        </li>
      )}</For>
    </ul>
  );
}
