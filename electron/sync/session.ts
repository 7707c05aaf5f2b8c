/**
 * The signed-in state of this desktop: tokens (through the platform TokenStore), the HTTP
 * client and the running replication. Z4: when the server refuses the refresh token (user
 * disabled, password changed) the replication stops, the status says 'session-ended', every
 * local document stays, and `exportUnsynced()` hands the unacknowledged ones to the user.
 */
import type { SessionUser, WireDocument } from '../../shared/sync/protocol';
import { createTicketCollisionRecorder } from './collisions';
import type { OnFieldCollision } from './conflict';
import type { ReportName, ReportQuery, ReportResults } from '../../shared/api/reports';
import { createSyncHttpClient, SyncHttpError } from './http';
import type { SyncHttpClient } from './http';
import { startReplication } from './replication';
import type { ReplicatedCollectionDef, SyncDatabase, SyncReplication } from './replication';
import { clearReplicatedCollections } from './clear-store';
import { createSyncStatus } from './status';
import { memoryStoreOwner, sameOwner, type StoreOwner, type StoreOwnerFile } from './store-owner';
import type { ServerClock } from './server-clock';
import type { SyncStatus, SyncStatusController } from './status';
import type { TokenStore } from './tokens';

export interface SyncSessionOptions {
  db: SyncDatabase;
  collections: Record<string, ReplicatedCollectionDef>;
  tokenStore: TokenStore;
  status?: SyncStatusController;
  fetch?: typeof fetch;
  timeoutMs?: number;
  retryTimeMs?: number;
  maxRetryTimeMs?: number;
  pullBatchSize?: number;
  device?: string;
  /**
   * How many times this device replicated again from the start with a server and user (after
   * the server was restored from a backup); part of the replication identifier, so it must
   * survive restarts. Default: kept in memory.
   */
  resyncGenerations?: ResyncGenerations;
  /** Default: lost ticket values become `field_conflict` ticket events. */
  onFieldCollision?: OnFieldCollision;
  /** Whose data the store holds (store-owner.ts). Default: kept in memory. */
  storeOwner?: StoreOwnerFile;
  /** Learns the server's time from its answers (server-clock.ts). */
  serverClock?: Pick<ServerClock, 'deviceNow' | 'observe'>;
  log?: (msg: string, err?: unknown) => void;
}

/**
 * Signing in as another (server, user) than the store's owner while the owner's work is not
 * on the server yet: refused, so it is neither lost nor pushed under someone else's name.
 */
export class StoreHeldError extends Error {
  constructor(
    readonly owner: StoreOwner,
    readonly pending: number,
  ) {
    super(`This computer holds ${pending} unsynced changes of ${owner.username}`);
    this.name = 'StoreHeldError';
  }
}

export interface SignInOptions {
  /** Clear the previous owner's store even with unsynced work (the user exported it). */
  discardUnsynced?: boolean;
  /** A new password chosen at sign-in (after an admin's reset the server asks for one). */
  newPassword?: string;
}

export interface ResyncGenerations {
  get(key: string): number;
  bump(key: string): Promise<number>;
}

export const memoryResyncGenerations = (): ResyncGenerations => {
  const counts = new Map<string, number>();
  return {
    get: (key) => counts.get(key) ?? 0,
    bump: async (key) => {
      const next = (counts.get(key) ?? 0) + 1;
      counts.set(key, next);
      return next;
    },
  };
};

export interface UnsyncedExport {
  format: 'cims-unsynced-v1';
  exportedAt: string;
  serverUrl: string | null;
  user: SessionUser | null;
  collections: Record<string, WireDocument[]>;
}

export interface SyncSession {
  readonly status: SyncStatus;
  /** Starts replicating with the stored tokens, if any; false when there are none. */
  resume(): Promise<boolean>;
  /** Throws SyncHttpError (UNAUTHENTICATED, RATE_LIMITED, NETWORK ...) on failure. */
  signIn(serverUrl: string, username: string, password: string, opts?: SignInOptions): Promise<SessionUser>;
  /**
   * Stops syncing and forgets the tokens; local documents (synced or not) stay, and the
   * owner's unsynced changes are still counted (and exportable) until they sign in again.
   */
  signOut(): Promise<void>;
  /** Whose data the local store holds. */
  storeOwner(): StoreOwner | null;
  exportUnsynced(): Promise<UnsyncedExport>;
  user(): SessionUser | null;
  replication(): SyncReplication | null;
  /** A quality report from the server; SIGNED_OUT when there is no session. */
  report<N extends ReportName>(name: N, query: ReportQuery): Promise<ReportResults[N]>;
  /** The signed-in HTTP client (admin commands go to the server with it); null when signed out. */
  client(): SyncHttpClient | null;
  /** Stops the replication without signing out (app shutdown). */
  close(): Promise<void>;
}

/** Generation 0 keeps the identifier of earlier releases, so an update does not resync. */
const replicationIdentifier = (base: string, generation: number): string => (generation === 0 ? base : `${base}-r${generation}`);

/** A client for a signed-out owner: every request fails as SIGNED_OUT, nothing leaves. */
const signedOutClient = (serverUrl: string): SyncHttpClient => {
  const refuse = () => new SyncHttpError('SIGNED_OUT', 'Not signed in', 0);
  return new Proxy({ serverUrl } as SyncHttpClient, {
    get: (target, prop) => {
      if (prop === 'serverUrl') return target.serverUrl;
      if (prop === 'then') return undefined;
      // The pull stream iterates its events.
      // eslint-disable-next-line require-yield -- it only ever fails
      if (prop === 'stream') return async function* () { throw refuse(); };
      return () => Promise.reject(refuse());
    },
  });
};

export function createSyncSession(options: SyncSessionOptions): SyncSession {
  const status = options.status ?? createSyncStatus();
  let client: SyncHttpClient | null = null;
  let replication: SyncReplication | null = null;
  let currentUser: SessionUser | null = null;
  let serverUrl: string | null = null;

  function makeClient(url: string): SyncHttpClient {
    return createSyncHttpClient({
      serverUrl: url,
      tokenStore: options.tokenStore,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      device: options.device,
      serverClock: options.serverClock,
    });
  }

  async function stopReplication(): Promise<void> {
    const r = replication;
    if (r) await r.stop();
  }

  const generations = options.resyncGenerations ?? memoryResyncGenerations();

  /**
   * The server's data is older than what this device saw (restored from a backup): start a
   * new replication under the next identifier. It pulls everything again and pushes every
   * local document, so what the server lost since the backup comes back from this device and
   * nothing is stored twice (the server keeps one row per id).
   */
  async function restartFromScratch(c: SyncHttpClient, user: SessionUser): Promise<void> {
    const key = `${c.serverUrl}-${user.id}`;
    const old = replication;
    await generations.bump(key);
    if (old) await old.stop();
    if (replication !== old || client !== c) return; // signed out or in elsewhere meanwhile
    begin(c, user);
  }

  const owners = options.storeOwner ?? memoryStoreOwner();

  /** The owner's identifier; a store cleared for another user starts a new epoch. */
  function identifierOf(url: string, userId: string): string {
    const base = replicationIdentifier(`cims-${url}-${userId}`, generations.get(`${url}-${userId}`));
    const owner = owners.get();
    const epoch = owner && sameOwner(owner, url, userId) ? owner.epoch : 0;
    return epoch === 0 ? base : `${base}-s${epoch}`;
  }

  /**
   * While signed out, the owner's replication stays in place but halted (its client refuses
   * everything): RxDB's bookkeeping then counts their unsynced work, a ticket written now
   * included, and exports it; nothing is pushed until the owner signs in again.
   */
  function beginSignedOut(owner: StoreOwner): void {
    const own = createSyncStatus();
    own.subscribe((s) => status.update({ pendingLocalChanges: s.pendingLocalChanges }));
    replication = startReplication({
      db: options.db,
      collections: options.collections,
      client: signedOutClient(owner.serverUrl),
      status: own,
      identifier: identifierOf(owner.serverUrl, owner.userId),
      retryTimeMs: options.retryTimeMs,
      maxRetryTimeMs: options.maxRetryTimeMs,
      log: () => undefined,
    });
    status.update({ state: 'signed-out', lastError: null, initialSync: null });
  }

  /**
   * Makes `user` the store's owner. Another (server, user) than the current owner finds the
   * store emptied first, unless the owner has unsynced work (StoreHeldError).
   */
  async function claimStore(url: string, user: SessionUser, opts: SignInOptions): Promise<void> {
    const owner = owners.get();
    if (owner && sameOwner(owner, url, user.id)) {
      if (owner.username !== user.username) await owners.set({ ...owner, username: user.username });
      return;
    }
    if (owner) {
      const pending = replication ? await replication.refreshPending() : 0;
      if (pending > 0 && !opts.discardUnsynced) throw new StoreHeldError(owner, pending);
      await stopReplication();
      replication = null;
      const removed = await clearReplicatedCollections(options.db, Object.keys(options.collections));
      options.log?.(`cleared ${removed} documents of the previous user before signing in as another user`);
      status.update({ pendingLocalChanges: 0 });
      await owners.set({ serverUrl: url, userId: user.id, username: user.username, epoch: owners.nextEpoch() });
      return;
    }
    // A store of an earlier release (no owner recorded) is taken over as it is.
    await owners.set({ serverUrl: url, userId: user.id, username: user.username, epoch: 0 });
  }

  function begin(c: SyncHttpClient, user: SessionUser): void {
    const onFieldCollision =
      options.onFieldCollision ??
      createTicketCollisionRecorder({
        db: options.db,
        userId: () => currentUser?.id ?? null,
        onOther: (e) => options.log?.(`conflict on ${e.collection}/${e.id}.${e.field}: kept the server value`),
      });
    replication = startReplication({
      db: options.db,
      collections: options.collections,
      client: c,
      status,
      identifier: identifierOf(c.serverUrl, user.id),
      onFieldCollision,
      onCheckpointAhead: () => void restartFromScratch(c, user).catch((err: unknown) => options.log?.('replicating again from the start failed', err)),
      retryTimeMs: options.retryTimeMs,
      maxRetryTimeMs: options.maxRetryTimeMs,
      pullBatchSize: options.pullBatchSize,
      log: options.log,
    });
  }

  return {
    status,

    async resume() {
      const stored = await options.tokenStore.load();
      if (!stored) {
        await stopReplication();
        replication = null;
        const owner = owners.get();
        if (owner) beginSignedOut(owner);
        else status.update({ state: 'local-only' });
        return false;
      }
      await stopReplication();
      serverUrl = stored.serverUrl;
      currentUser = stored.user;
      client = makeClient(stored.serverUrl);
      begin(client, stored.user);
      return true;
    },

    async signIn(url, username, password, opts = {}) {
      // The running (or signed-out) replication stays until the store's owner is settled:
      // it counts the owner's unsynced work.
      if (client) {
        await stopReplication();
        replication = null;
        const owner = owners.get();
        if (owner) beginSignedOut(owner);
      }
      const c = makeClient(url);
      status.update({ state: 'connecting', lastError: null });
      let res;
      try {
        res = await c.login(username, password, opts.newPassword);
      } catch (err) {
        const e = err as { code?: string; message?: string };
        status.update({ state: 'signed-out', lastError: { code: e.code ?? 'INTERNAL', message: e.message ?? String(err) } });
        throw err;
      }
      try {
        await claimStore(c.serverUrl, res.user, opts);
      } catch (err) {
        await c.logout().catch(() => undefined);
        status.update({ state: 'signed-out', lastError: null });
        throw err;
      }
      await stopReplication();
      client = c;
      serverUrl = c.serverUrl;
      currentUser = res.user;
      begin(c, res.user);
      return res.user;
    },

    async signOut() {
      await stopReplication();
      replication = null;
      if (client) await client.logout();
      else await options.tokenStore.clear();
      client = null;
      currentUser = null;
      replication = null;
      const owner = owners.get();
      if (owner) beginSignedOut(owner);
      else status.update({ state: 'signed-out', lastError: null, initialSync: null });
    },

    storeOwner: () => owners.get(),

    async exportUnsynced() {
      const collections = replication ? await replication.pendingDocuments() : {};
      return { format: 'cims-unsynced-v1', exportedAt: new Date().toISOString(), serverUrl: serverUrl ?? owners.get()?.serverUrl ?? null, user: currentUser, collections };
    },

    user: () => currentUser,
    replication: () => replication,
    client: () => client,

    report(name, query) {
      if (!client) return Promise.reject(new SyncHttpError('SIGNED_OUT', 'Not signed in', 0));
      return client.report(name, query);
    },

    async close() {
      await stopReplication();
    },
  };
}
