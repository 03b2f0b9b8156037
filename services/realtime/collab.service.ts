import * as Y from 'yjs';
import { Errors, type Service, type ServiceSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { audit } from '../../mixins/audit.js';
import { fromBase64, toBase64 } from '../../lib/realtime/yjs-protocol.js';
import type { CollabLimits } from '../../lib/realtime/collab-room.js';
import type { CdssContext } from '../context.js';
import { runtimeOf } from '../runtime.js';
import { resolveDocument } from './collab-documents.js';
import { CollabCompactor } from './collab-compaction.js';
import { CollabStore } from './collab-store.js';

const { MoleculerClientError } = Errors;

export interface CollabSettings extends CollabLimits {
  /** Compact a document once this many updates wait (the load then reads one row, not thousands). */
  compactEvery: number;
}

/** What `collab.load` and `collab.lock` answer: the whole document as one base64 Yjs update. */
export interface CollabLoadResult {
  docName: string;
  state: string;
  version: number;
  locked: boolean;
  limits: CollabLimits;
}

/** Broker events (broadcast to every gateway node; `origin` is the node that stored or saw it). */
export interface CollabUpdateEvent { docName: string; update: string; origin: string; version?: number }
export interface CollabLockEvent { docName: string; locked: boolean; origin: string }

type CollabThis = Service<CollabSettings> & {
  store: CollabStore;
  compactor: CollabCompactor;
  answer(name: string, stored: { state: Uint8Array; version: number; locked: boolean }): CollabLoadResult;
};

const docName = { type: 'string', min: 3, max: 100 } as const;

function userOf(ctx: CdssContext) {
  const user = ctx.meta.user;
  if (!user) throw new MoleculerClientError('로그인이 필요합니다 (authentication required)', 401, 'UNAUTHORIZED');
  return user;
}

/**
 * The `collab` actor: who may open a collaborative document, and its storage (append, compaction,
 * lock). Sockets live in the gateway (services/gateway/ws-upgrade.ts); every action here is
 * internal, called by the gateway with the socket's user in meta, or by the document's owner
 * (e.g. the report actor locks a finalized report).
 */
const CollabService: ServiceSchema<CollabSettings, CollabThis> = {
  name: 'collab',
  mixins: [RbacMixin],
  settings: {
    maxDocBytes: 2 * 1024 * 1024,
    maxUpdateBytes: 512 * 1024,
    updatesPerSecond: 30,
    updateBurst: 120,
    compactEvery: 200,
  },

  actions: {
    /** The caller's mode on a document, decided by its type; audited either way. */
    authorize: {
      permission: 'internal',
      visibility: 'public',
      params: { docName },
      async handler(this: CollabThis, ctx: CdssContext<{ docName: string }>): Promise<{ mode: 'edit' | 'read' }> {
        const facts = { actionType: 'read' as const, resourceType: 'CollabDocument', resourceId: ctx.params.docName.slice(0, 100) };
        try {
          userOf(ctx);
          const { type, id } = resolveDocument(ctx.params.docName);
          const mode = await type.authorize(ctx, id);
          await audit(ctx, { ...facts, outcome: 'success', description: `collaboration opened (${mode})` });
          return { mode };
        } catch (err) {
          const client = err instanceof MoleculerClientError;
          await audit(ctx, { ...facts, outcome: client && err.code !== 404 ? 'denied' : 'error', description: String((err as Error).message).slice(0, 500) });
          throw err;
        }
      },
    },

    /** The stored document; an empty one is first filled by its type's `initialize` (once, cluster-wide). */
    load: {
      permission: 'internal',
      visibility: 'public',
      params: { docName },
      async handler(this: CollabThis, ctx: CdssContext<{ docName: string }>): Promise<CollabLoadResult> {
        const { type, id } = resolveDocument(ctx.params.docName);
        await this.store.ensure(ctx.params.docName);
        let stored = await this.store.load(ctx.params.docName);
        if (!stored.initialized) {
          const doc = new Y.Doc();
          Y.applyUpdate(doc, stored.state);
          const initial = type.initialize ? await type.initialize(ctx, id, doc) : undefined;
          // Whether this node's content won or another's, the stored row is the truth.
          const won = await this.store.initialize(ctx.params.docName, Y.encodeStateAsUpdate(doc));
          doc.destroy();
          if (won && initial?.locked) await this.store.setLocked(ctx.params.docName, true, null);
          stored = await this.store.load(ctx.params.docName);
        }
        return this.answer(ctx.params.docName, stored);
      },
    },

    /** Stores one update by the caller; resolves once it is durable (the gateway fans out only then). */
    append: {
      permission: 'internal',
      visibility: 'public',
      params: { docName, update: { type: 'string', min: 1, max: 4 * 1024 * 1024 }, announce: { type: 'boolean', optional: true } },
      async handler(this: CollabThis, ctx: CdssContext<{ docName: string; update: string; announce?: boolean }>): Promise<{ version: number }> {
        const user = userOf(ctx);
        const update = fromBase64(ctx.params.update);
        if (update.byteLength > this.settings.maxUpdateBytes) {
          throw new MoleculerClientError('변경 크기 제한 초과 (update too large)', 413, 'UPDATE_TOO_LARGE', { maxUpdateBytes: this.settings.maxUpdateBytes });
        }
        const { version, pending } = await this.store.append(ctx.params.docName, update, user.id, this.settings.maxDocBytes);
        if (pending >= this.settings.compactEvery) this.compactor.request(ctx.params.docName);
        // An update written by a service rather than a socket (an amended report) reaches the open
        // sockets too. The gateways' rooms skip events from their own node (their sockets' edits,
        // already applied); this origin names no gateway, so every room applies it.
        if (ctx.params.announce) {
          await ctx.broadcast('collab.update', { docName: ctx.params.docName, update: ctx.params.update, origin: `collab@${this.broker.nodeID}`, version } satisfies CollabUpdateEvent);
        }
        return { version };
      },
    },

    /** Makes a document read-only everywhere (e.g. a finalized report) and answers its final state. */
    lock: {
      permission: 'internal',
      visibility: 'public',
      params: { docName },
      async handler(this: CollabThis, ctx: CdssContext<{ docName: string }>): Promise<CollabLoadResult> {
        await this.store.setLocked(ctx.params.docName, true, ctx.meta.user?.id ?? null);
        await this.broker.broadcast('collab.locked', { docName: ctx.params.docName, locked: true, origin: this.broker.nodeID } satisfies CollabLockEvent);
        return this.answer(ctx.params.docName, await this.store.load(ctx.params.docName));
      },
    },

    unlock: {
      permission: 'internal',
      visibility: 'public',
      params: { docName },
      async handler(this: CollabThis, ctx: CdssContext<{ docName: string }>): Promise<{ locked: false }> {
        await this.store.setLocked(ctx.params.docName, false, null);
        await this.broker.broadcast('collab.locked', { docName: ctx.params.docName, locked: false, origin: this.broker.nodeID } satisfies CollabLockEvent);
        return { locked: false };
      },
    },

    /** Who wrote: user ids with their update counts and bytes, most active first. */
    contributors: {
      permission: 'internal',
      visibility: 'public',
      params: { docName },
      handler(this: CollabThis, ctx: CdssContext<{ docName: string }>) {
        return this.store.contributors(ctx.params.docName);
      },
    },
  },

  methods: {
    answer(this: CollabThis, name: string, stored: { state: Uint8Array; version: number; locked: boolean }): CollabLoadResult {
      const { maxDocBytes, maxUpdateBytes, updatesPerSecond, updateBurst } = this.settings;
      return { docName: name, state: toBase64(stored.state), version: stored.version, locked: stored.locked, limits: { maxDocBytes, maxUpdateBytes, updatesPerSecond, updateBurst } };
    },
  },

  async started(this: CollabThis) {
    const database = await runtimeOf(this.broker).database();
    this.store = new CollabStore(database);
    this.compactor = new CollabCompactor(database.sequelize, (name, err) => this.logger.warn(`Compaction of ${name} failed:`, err.message));
  },

  async stopped(this: CollabThis) {
    await this.compactor?.idle();
  },
};

export default CollabService;
