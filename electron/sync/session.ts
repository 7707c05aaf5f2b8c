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
import { createSyncStatus } from './status';
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
  log?: (msg: string, err?: unknown) => void;
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
  signIn(serverUrl: string, username: string, password: string): Promise<SessionUser>;
  /** Stops syncing and forgets the tokens; local documents (synced or not) stay. */
  signOut(): Promise<void>;
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
      identifier: replicationIdentifier(`cims-${c.serverUrl}-${user.id}`, generations.get(`${c.serverUrl}-${user.id}`)),
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
        status.update({ state: 'local-only' });
        return false;
      }
      await stopReplication();
      serverUrl = stored.serverUrl;
      currentUser = stored.user;
      client = makeClient(stored.serverUrl);
      begin(client, stored.user);
      return true;
    },

    async signIn(url, username, password) {
      await stopReplication();
      replication = null;
      const c = makeClient(url);
      status.update({ state: 'connecting', lastError: null });
      let res;
      try {
        res = await c.login(username, password);
      } catch (err) {
        const e = err as { code?: string; message?: string };
        status.update({ state: 'signed-out', lastError: { code: e.code ?? 'INTERNAL', message: e.message ?? String(err) } });
        throw err;
      }
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
      status.update({ state: 'signed-out', lastError: null, initialSync: null });
    },

    async exportUnsynced() {
      const collections = replication ? await replication.pendingDocuments() : {};
      return { format: 'cims-unsynced-v1', exportedAt: new Date().toISOString(), serverUrl, user: currentUser, collections };
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
