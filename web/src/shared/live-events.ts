import { onCleanup } from 'solid-js';
import type { Session } from './session';

export type LiveMessage = { type: string; [key: string]: unknown };

/**
 * The user's live event stream (/ws/events): notifications, chat messages, status changes. One
 * socket per app; reconnects with backoff and a fresh token (the server closes a socket when the
 * token that opened it expires, code 4401). Listeners receive every message.
 */
export function connectLiveEvents(session: Session, onMessage: (message: LiveMessage) => void): () => void {
  let socket: WebSocket | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const open = async () => {
    if (stopped) return;
    let token: string;
    try {
      token = await session.accessToken();
    } catch {
      return; // signed out: the app's guard takes over
    }
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    // The token travels as a subprotocol, so it appears in no URL or proxy log.
    socket = new WebSocket(`${scheme}://${location.host}/ws/events`, ['cdss', token]);
    socket.onopen = () => { attempt = 0; };
    socket.onmessage = (event) => {
      try {
        onMessage(JSON.parse(String(event.data)) as LiveMessage);
      } catch {
        // not JSON: ignore
      }
    };
    socket.onclose = (event) => {
      socket = null;
      if (stopped) return;
      if (event.code === 4401 || event.code === 4001) void session.forceRefresh().catch(() => undefined);
      attempt += 1;
      timer = setTimeout(open, Math.min(30_000, 500 * 2 ** Math.min(attempt, 6)));
    };
  };
  void open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    socket?.close(1000);
  };
}

/** Live events for the lifetime of the calling component. */
export function useLiveEvents(session: Session, onMessage: (message: LiveMessage) => void): void {
  const stop = connectLiveEvents(session, onMessage);
  onCleanup(stop);
}
