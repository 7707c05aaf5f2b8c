/**
 * First start and the server address: which server this computer works with, whether the
 * welcome screen is due, and changing the server later. Changing it signs out of the old one
 * and keeps every local record: the store belongs to one (server, user) (sync/store-owner.ts),
 * so work not yet on the old server stays counted, exportable and waiting for its owner; a
 * sign-in to the new server is then refused with STORE_HAS_UNSYNCED until that work is synced
 * or exported, as for another user on the same computer.
 */
import type { ServerChange, SetupView } from '../../../shared/api/setup';
import type { SessionView } from '../../../shared/api/session';
import type { SettingsStore } from '../../core/settings';
import type { SessionService } from '../session/session';

/** One spelling per server, as the sign-in stores it. */
export const normalServerUrl = (url: string): string => url.trim().replace(/\/+$/, '');

export const isFirstRun = (settings: { setupDone: boolean; serverUrl: string | null }, session: Pick<SessionView, 'user' | 'storeOwner'> | null): boolean =>
  !settings.setupDone && settings.serverUrl === null && !session?.user && !session?.storeOwner;

export interface SetupService {
  view(): SetupView;
  watch(emit: (value: SetupView) => void): () => void;
  chooseServer(serverUrl: string): Promise<SetupView>;
  changeServer(serverUrl: string): Promise<ServerChange>;
  close(): void;
}

export const createSetupService = (settings: SettingsStore, session: SessionService): SetupService => {
  const listeners = new Set<(value: SetupView) => void>();
  let sessionView: SessionView | null = null;
  const view = (): SetupView => {
    const s = settings.get();
    return { firstRun: isFirstRun(s, sessionView), serverUrl: s.serverUrl ?? sessionView?.serverUrl ?? null };
  };
  let last = '';
  const announce = () => {
    const current = view();
    const json = JSON.stringify(current);
    if (json === last) return;
    last = json;
    for (const listener of [...listeners]) listener(current);
  };
  const stopSession = session.watchSession((v) => {
    sessionView = v;
    // A sign-in through the account menu to another address makes that the server of record.
    const signedInTo = v.user && v.serverUrl ? normalServerUrl(v.serverUrl) : null;
    const s = settings.get();
    if (signedInTo && (signedInTo !== s.serverUrl || !s.setupDone)) {
      void settings.update({ serverUrl: signedInTo, setupDone: true }).then(announce, () => undefined);
    }
    announce();
  });

  return {
    view,
    watch(emit) {
      listeners.add(emit);
      emit(view());
      return () => listeners.delete(emit);
    },
    async chooseServer(serverUrl) {
      await settings.update({ serverUrl: normalServerUrl(serverUrl), setupDone: true });
      announce();
      return view();
    },
    async changeServer(serverUrl) {
      const next = normalServerUrl(serverUrl);
      const current = session.user() && sessionView?.serverUrl ? normalServerUrl(sessionView.serverUrl) : null;
      // The same server: nothing to end.
      const signedOut = current !== null && current !== next;
      if (signedOut) await session.signOut();
      await settings.update({ serverUrl: next, setupDone: true });
      announce();
      const pendingLocalChanges = (await session.replication()?.refreshPending()) ?? session.statusView().pendingLocalChanges;
      return { serverUrl: next, signedOut, pendingLocalChanges };
    },
    close() {
      stopSession();
      listeners.clear();
    },
  };
};
