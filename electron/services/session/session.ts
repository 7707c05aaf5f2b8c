/**
 * Sign-in, sign-out and the sync indicator, on top of the sync session. Maps the sync layer's
 * errors to the contract's codes, so the renderer can say what to do next.
 */
import type { RxDatabase } from 'rxdb';
import type { ReportName, ReportQuery, ReportResults } from '../../../shared/api/reports';
import type { SyncStatusView } from '../../../shared/api/sync';
import type { SessionView, UnsyncedExportFile } from '../../../shared/api/session';
import { collections } from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import type { CimsDatabase } from '../../db/open';
import { DomainError } from '../../core/errors';
import { SyncHttpError } from '../../sync/http';
import { createServerClock } from '../../sync/server-clock';
import { createSyncSession, StoreHeldError, type SyncSession } from '../../sync/session';
import type { StoreOwnerFile } from '../../sync/store-owner';
import type { SyncStatusSnapshot } from '../../sync/status';
import type { TokenStore } from '../../sync/tokens';
import type { SettingsStore } from '../../core/settings';

export interface SessionServiceOptions {
  db: CimsDatabase;
  tokenStore: TokenStore;
  device: string;
  /** Keeps the resync generations across restarts. */
  settings: SettingsStore;
  /** Whose data the store holds; signing in as someone else clears it first. */
  storeOwner?: StoreOwnerFile;
  log?: (message: string, error?: unknown) => void;
  /** This computer's clock (default Date.now); what the server's time is measured against. */
  deviceClock?: () => number;
}

const toView = (s: SyncStatusSnapshot): SyncStatusView => ({
  state: s.state,
  pendingLocalChanges: s.pendingLocalChanges,
  lastSuccessAt: s.lastSuccessAt === null ? null : new Date(s.lastSuccessAt).toISOString(),
  lastError: s.lastError,
  initialSync: s.initialSync,
});

const signInError = (error: unknown): DomainError => {
  if (error instanceof StoreHeldError) return new DomainError('STORE_HAS_UNSYNCED', error.message);
  if (error instanceof DomainError) return error;
  if (!(error instanceof SyncHttpError)) return new DomainError('INTERNAL', 'Sign-in failed');
  if (error.isNetwork || error.code === 'TIMEOUT') return new DomainError('SERVER_UNREACHABLE', error.message);
  switch (error.code) {
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
      return new DomainError('SIGN_IN_FAILED', 'Wrong user name or password, or the account is disabled');
    case 'RATE_LIMITED':
      return new DomainError('RATE_LIMITED', error.message);
    case 'PASSWORD_CHANGE_REQUIRED':
      return new DomainError('PASSWORD_CHANGE_REQUIRED', error.message);
    case 'VALIDATION_FAILED':
      // The chosen password: too short for the organisation's policy, or the one handed over.
      return new DomainError('VALIDATION_FAILED', error.message, [{ path: error.field ?? 'newPassword', code: 'server', message: error.message }]);
    case 'SYNC_VERSION_MISMATCH':
      return new DomainError('UPDATE_REQUIRED', error.message);
    case 'OVERLOADED':
      // Still shedding load after the client's own retries (http.ts, LOGIN_BUSY_RETRY).
      return new DomainError('SERVER_BUSY', error.message);
    default:
      return new DomainError('INTERNAL', error.message);
  }
};

export const createSessionService = (options: SessionServiceOptions) => {
  // The server's time, for SLA clocks on a computer whose clock is off (RELIABILITY S5); the
  // offset is kept so days offline still count from it.
  const clock = createServerClock({
    deviceNow: options.deviceClock,
    initialOffsetMs: options.settings.get().serverClockOffsetMs,
    onChange: (offsetMs) => {
      options.settings.update({ serverClockOffsetMs: offsetMs }).catch((error: unknown) => options.log?.('could not keep the server clock offset', error));
      announce();
    },
  });
  const session: SyncSession = createSyncSession({
    serverClock: clock,
    db: options.db as unknown as RxDatabase,
    collections,
    tokenStore: options.tokenStore,
    device: options.device,
    resyncGenerations: {
      get: (key) => options.settings.get().resyncGenerations[key] ?? 0,
      bump: async (key) => {
        const generations = options.settings.get().resyncGenerations;
        const next = (generations[key] ?? 0) + 1;
        await options.settings.update({ resyncGenerations: { ...generations, [key]: next } });
        return next;
      },
    },
    storeOwner: options.storeOwner,
    log: options.log,
  });
  /** What the user last exported of the owner's unsynced work: it may then be discarded. */
  let lastExport: string | null = null;
  const sessionListeners = new Set<(view: SessionView) => void>();
  let serverUrl: string | null = null;
  let resuming: Promise<boolean> | null = null;
  const view = (): SessionView => {
    const owner = session.storeOwner();
    return {
      user: session.user(),
      serverUrl,
      storeOwner: owner ? { username: owner.username, serverUrl: owner.serverUrl } : null,
      signInInMemoryOnly: options.tokenStore.persistent?.() === false,
      clockOffsetMs: clock.offsetMs(),
    };
  };
  const announce = () => {
    const current = view();
    for (const listener of sessionListeners) listener(current);
  };

  const pendingFingerprint = async () => JSON.stringify((await session.exportUnsynced()).collections);

  return {
    /** The server's time as this computer knows it: what SLA clocks count against. */
    serverNow: clock.now,

    /**
     * Picks up a stored session; the app works locally whether or not this succeeds. Called
     * once per start: later callers share the first call's outcome, so two starters cannot
     * leave two replications running.
     */
    resume(): Promise<boolean> {
      resuming ??= (async () => {
        const stored = await options.tokenStore.load();
        serverUrl = stored?.serverUrl ?? null;
        const resumed = await session.resume();
        announce();
        return resumed;
      })();
      return resuming;
    },

    async signIn(input: { serverUrl: string; username: string; password: string; newPassword?: string; discardUnsynced?: boolean }): Promise<SessionUser> {
      await resuming?.catch(() => false);
      try {
        // Only what the user exported may go: a change made after the export keeps the store.
        const discardUnsynced = input.discardUnsynced === true && lastExport !== null && lastExport === (await pendingFingerprint());
        if (input.discardUnsynced && !discardUnsynced) throw new DomainError('STORE_HAS_UNSYNCED', 'Export the unsynced changes first');
        const user = await session.signIn(input.serverUrl.replace(/\/+$/, ''), input.username, input.password, { discardUnsynced, ...(input.newPassword ? { newPassword: input.newPassword } : {}) });
        serverUrl = input.serverUrl;
        announce();
        return user;
      } catch (error) {
        throw signInError(error);
      }
    },

    async signOut(): Promise<null> {
      await resuming?.catch(() => false);
      await session.signOut();
      announce();
      return null;
    },

    async exportUnsynced(now = new Date()): Promise<UnsyncedExportFile> {
      const data = await session.exportUnsynced();
      lastExport = JSON.stringify(data.collections);
      const documents = Object.values(data.collections).reduce((sum, docs) => sum + docs.length, 0);
      const stamp = now.toISOString().replace(/[:.]/g, '-');
      return { fileName: `cims-unsynced-${stamp}.json`, json: JSON.stringify(data, null, 2), documents };
    },

    user: () => session.user(),
    /** The signed-in HTTP client, for commands that go to the server (administration). */
    client: () => session.client(),

    /** The running replication, if any (diagnostics and tests: wait until in sync). */
    replication: () => session.replication(),

    /** The sync indicator's state now. */
    statusView: (): SyncStatusView => toView(session.status.get()),
    /** A quality report from the server (reports fall back to local data when it fails). */
    report: <N extends ReportName>(name: N, query: ReportQuery): Promise<ReportResults[N]> => session.report(name, query),

    watchStatus(emit: (value: SyncStatusView) => void) {
      emit(toView(session.status.get()));
      return session.status.subscribe((s) => emit(toView(s)));
    },

    watchSession(emit: (value: SessionView) => void) {
      sessionListeners.add(emit);
      emit(view());
      return () => sessionListeners.delete(emit);
    },

    close: () => session.close(),
  };
};
export type SessionService = ReturnType<typeof createSessionService>;
