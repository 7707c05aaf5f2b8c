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
import { createSyncSession, type SyncSession } from '../../sync/session';
import type { SyncStatusSnapshot } from '../../sync/status';
import type { TokenStore } from '../../sync/tokens';
import type { SettingsStore } from '../../core/settings';

export interface SessionServiceOptions {
  db: CimsDatabase;
  tokenStore: TokenStore;
  device: string;
  /** Keeps the resync generations across restarts. */
  settings: SettingsStore;
  log?: (message: string, error?: unknown) => void;
}

const toView = (s: SyncStatusSnapshot): SyncStatusView => ({
  state: s.state,
  pendingLocalChanges: s.pendingLocalChanges,
  lastSuccessAt: s.lastSuccessAt === null ? null : new Date(s.lastSuccessAt).toISOString(),
  lastError: s.lastError,
  initialSync: s.initialSync,
});

const signInError = (error: unknown): DomainError => {
  if (!(error instanceof SyncHttpError)) return new DomainError('INTERNAL', 'Sign-in failed');
  if (error.isNetwork || error.code === 'TIMEOUT') return new DomainError('SERVER_UNREACHABLE', error.message);
  switch (error.code) {
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
      return new DomainError('SIGN_IN_FAILED', 'Wrong user name or password, or the account is disabled');
    case 'RATE_LIMITED':
      return new DomainError('RATE_LIMITED', error.message);
    case 'SYNC_VERSION_MISMATCH':
      return new DomainError('UPDATE_REQUIRED', error.message);
    default:
      return new DomainError('INTERNAL', error.message);
  }
};

export const createSessionService = (options: SessionServiceOptions) => {
  const session: SyncSession = createSyncSession({
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
    log: options.log,
  });
  const sessionListeners = new Set<(view: SessionView) => void>();
  let serverUrl: string | null = null;
  let resuming: Promise<boolean> | null = null;
  const view = (): SessionView => ({ user: session.user(), serverUrl });
  const announce = () => {
    const current = view();
    for (const listener of sessionListeners) listener(current);
  };

  return {
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

    async signIn(input: { serverUrl: string; username: string; password: string }): Promise<SessionUser> {
      await resuming?.catch(() => false);
      try {
        const user = await session.signIn(input.serverUrl.replace(/\/+$/, ''), input.username, input.password);
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
