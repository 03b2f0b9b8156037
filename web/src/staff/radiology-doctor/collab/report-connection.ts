import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { WebsocketProvider } from 'y-websocket';
import * as authProtocol from 'y-protocols/auth';
import * as Y from 'yjs';
import type { Session } from '../../../shared/session';

/** The sections of a report document (lib/realtime/report-document.ts: a Y.Map `report` of Y.Text). */
export const SECTIONS = ['findings', 'impression', 'recommendations'] as const;
export type Section = (typeof SECTIONS)[number] | 'aiFindings';

export interface Peer { clientId: number; name: string; color: string; self: boolean }
export type LinkStatus = 'connecting' | 'connected' | 'disconnected';

export interface ReportConnection {
  status: Accessor<LinkStatus>;
  /** The server's state has arrived: sections exist and may be bound. */
  synced: Accessor<boolean>;
  /** The server's reason when this socket may not edit (read-only role, a finalized report). */
  denied: Accessor<string | null>;
  /** Why the connection ended for good (a 44xx close), if it did. */
  closed: Accessor<string | null>;
  peers: Accessor<Peer[]>;
  /** A section's shared text, once the server's document has it (tracked: re-read when sections appear). */
  section: (name: Section) => Y.Text | null;
  reconnect: () => void;
  /**
   * Connects afresh to learn whether the document is locked now. The server says "locked" when a
   * socket joins and at the moment of locking, but never announces an unlock (an amendment
   * reopening it, a refused signature unlocking it again), so an open editor asks again.
   */
  recheck: () => void;
}

const COLORS = ['#0b5394', '#b42318', '#1a7f37', '#9a6700', '#6f42c1', '#0e7490', '#c2410c'];
const CLOSE_SESSION = 4401;

/**
 * Opens the live document `report:<id>` over /ws/collab (y-websocket) for as long as the calling
 * component lives: token in the URL parameters, refreshed and reconnected once when the server
 * closes the socket for an expired token (4401); the server's "permission denied" auth message
 * turns the editor read-only (README "Who may open what"); presence through the awareness.
 */
export function openReportDocument(reportId: number, session: Session, me: { id: number; name: string }): ReportConnection {
  const doc = new Y.Doc();
  const [status, setStatus] = createSignal<LinkStatus>('connecting');
  const [synced, setSynced] = createSignal(false);
  const [denied, setDenied] = createSignal<string | null>(null);
  const [closed, setClosed] = createSignal<string | null>(null);
  const [peers, setPeers] = createSignal<Peer[]>([]);
  const [sectionsVersion, setSectionsVersion] = createSignal(0);
  const map = doc.getMap<unknown>('report');
  map.observe(() => setSectionsVersion((v) => v + 1));

  let provider: WebsocketProvider | null = null;
  let disposed = false;
  let refreshes = 0;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/collab`;

  const readPeers = () => {
    if (!provider) return;
    const list: Peer[] = [];
    provider.awareness.getStates().forEach((state, clientId) => {
      const user = (state as { user?: { name?: string; color?: string } }).user;
      if (user?.name) list.push({ clientId, name: user.name, color: user.color ?? COLORS[0], self: clientId === doc.clientID });
    });
    setPeers(list.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name)));
  };

  const connect = async () => {
    const token = await session.accessToken();
    if (disposed) return;
    provider = new WebsocketProvider(url, `report:${reportId}`, doc, { params: { token }, disableBc: true });
    provider.messageHandlers[2] = (_encoder, decoder) => authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => setDenied(reason));
    provider.awareness.setLocalStateField('user', { id: me.id, name: me.name, color: COLORS[me.id % COLORS.length] });
    provider.awareness.on('change', readPeers);
    provider.on('status', ({ status: next }) => setStatus(next));
    provider.on('sync', (isSynced: boolean) => setSynced(isSynced));
    provider.on('closed', async ({ code, reason }) => {
      // The socket outlived its access token: refresh it and come back (the document resyncs).
      if (code === CLOSE_SESSION && refreshes++ < 2) {
        try {
          provider!.params = { token: await session.forceRefresh() };
          provider!.connect();
          return;
        } catch { /* signed out: fall through and say so */ }
      }
      setClosed(reason || String(code));
    });
    readPeers();
  };
  void connect();

  onCleanup(() => {
    disposed = true;
    provider?.awareness.setLocalState(null);
    provider?.destroy();
    doc.destroy();
  });

  return {
    status, synced, denied, closed, peers,
    section: (name) => {
      sectionsVersion();
      const value = map.get(name);
      return value instanceof Y.Text ? value : null;
    },
    reconnect: () => {
      setClosed(null);
      refreshes = 0;
      provider?.connect();
    },
    recheck: () => {
      if (!provider) return;
      provider.disconnect();
      setSynced(false);
      setDenied(null);
      provider.connect();
    },
  };
}
