import { createSignal } from 'solid-js';

/**
 * A signed-in session of one realm (staff or patient), kept in localStorage so tabs share it. The
 * access token is short-lived; the refresh token rotates on every use and the server revokes the
 * whole session when a rotated one is presented again, so refreshing is single-flight across tabs
 * (a Web Lock) and re-reads storage once it holds the lock: another tab may have refreshed already.
 */
export type Realm = 'staff' | 'patient';

export interface Me {
  realm: Realm;
  role: string;
  id: number;
  name: string;
  username?: string;
  accountId?: string;
  department?: string | null;
  email?: string | null;
  patientId?: number | null;
  patientNumber?: string | null;
}

export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** ms since the epoch. */
  expiresAt: number;
  me: Me;
}

interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const storageKey = (realm: Realm) => `cdss.session.${realm}`;
/** Refresh this long before expiry, so a request never leaves with a token about to lapse. */
const REFRESH_MARGIN_MS = 30_000;

function read(realm: Realm): StoredSession | null {
  try {
    const raw = localStorage.getItem(storageKey(realm));
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

export class SessionExpired extends Error {
  constructor() {
    super('세션이 만료되었습니다. 다시 로그인하세요 (session expired: sign in again)');
  }
}

export function createSession(realm: Realm) {
  const [current, setCurrent] = createSignal<StoredSession | null>(read(realm));

  const store = (session: StoredSession | null) => {
    if (session) localStorage.setItem(storageKey(realm), JSON.stringify(session));
    else localStorage.removeItem(storageKey(realm));
    setCurrent(session);
  };

  // Another tab signed in, refreshed or signed out.
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (event) => { if (event.key === storageKey(realm)) setCurrent(read(realm)); });
  }

  async function postJson<T>(path: string, body: unknown, token?: string): Promise<T> {
    const res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw Object.assign(new Error(data?.error?.message ?? `HTTP ${res.status}`), { status: res.status, type: data?.error?.type });
    return data as T;
  }

  async function adopt(pair: TokenPair): Promise<StoredSession> {
    const res = await fetch('/api/v1/auth/me', { headers: { authorization: `Bearer ${pair.accessToken}` } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const me = (await res.json()) as Me;
    const session = { accessToken: pair.accessToken, refreshToken: pair.refreshToken, expiresAt: Date.now() + pair.expiresIn * 1000, me };
    store(session);
    return session;
  }

  async function refreshNow(): Promise<StoredSession> {
    const run = async () => {
      const latest = read(realm);
      if (!latest) throw new SessionExpired();
      if (latest.expiresAt - Date.now() > REFRESH_MARGIN_MS) {
        setCurrent(latest);
        return latest;
      }
      try {
        return await adopt(await postJson<TokenPair>('/api/v1/auth/refresh', { refreshToken: latest.refreshToken }));
      } catch (err) {
        if ((err as { status?: number }).status === 401) {
          store(null);
          throw new SessionExpired();
        }
        throw err;
      }
    };
    return navigator.locks ? navigator.locks.request(`cdss-refresh-${realm}`, run) : run();
  }

  return {
    realm,
    current,
    me: () => current()?.me ?? null,

    async login(credentials: Record<string, string>): Promise<Me> {
      const path = realm === 'staff' ? '/api/v1/auth/login' : '/api/v1/auth/patient/login';
      const session = await adopt(await postJson<TokenPair>(path, credentials));
      return session.me;
    },

    /** A token good for the next request: refreshed first when it is about to expire. */
    async accessToken(): Promise<string> {
      const session = current() ?? read(realm);
      if (!session) throw new SessionExpired();
      if (session.expiresAt - Date.now() > REFRESH_MARGIN_MS) return session.accessToken;
      return (await refreshNow()).accessToken;
    },

    /** After a 401 on a token that looked valid (revoked, clock skew): one forced refresh. */
    async forceRefresh(): Promise<string> {
      const session = read(realm);
      if (session) store({ ...session, expiresAt: 0 });
      return (await refreshNow()).accessToken;
    },

    async logout(): Promise<void> {
      const session = read(realm);
      store(null);
      if (session) await postJson('/api/v1/auth/logout', {}, session.accessToken).catch(() => undefined);
    },
  };
}

export type Session = ReturnType<typeof createSession>;
