/**
 * Starts the core, or, when the local store is damaged (RELIABILITY D4), a recovery core in
 * its place: the same contract and transport, with only the application's own commands and
 * the recovery commands answered, so the renderer can show the recovery screen. Once the
 * user chose "download again", the damaged file is set aside, the full core starts on a fresh
 * store, and the router hands every later command to it.
 */
import { join } from 'node:path';
import type { AppInfo } from '../../shared/api/app';
import { commands as contractCommands, isCommandName, isLiveQueryName } from '../../shared/api/contract';
import type { RecoveryState } from '../../shared/api/recovery';
import { fail, ok, type Result } from '../../shared/api/result';
import { createRecoveryService, type RecoveryService } from '../services/recovery/recovery';
import { createCore, type Core, type CoreOptions } from './core';
import { toResultError } from './errors';
import { checkLiveQuery, zodIssues, type Router } from './router';
import { openSettings } from './settings';

export interface StartOptions extends CoreOptions {
  /** Where "export unsynced work" writes; null when the user cancelled (the desktop app asks). */
  chooseExportFolder: () => Promise<string | null>;
  /** Called with the full core once it runs (at start, or after "download again"). */
  onCore?: (core: Core) => void | Promise<void>;
}

export interface StartedApp {
  /** Hands each command to the core running now. */
  router: Router;
  /** The full core, null while the app is in recovery mode. */
  core(): Core | null;
  /** The recovery service while in recovery mode (tests). */
  recovery(): RecoveryService | null;
  close(): Promise<void>;
}

/** The store file the core opens (electron/db/open.ts: `<dataDir>/cims.sqlite`). */
export const storeFile = (dataDir: string): string => join(dataDir, 'cims.sqlite');

const isDamaged = (error: unknown): error is { code: 'STORAGE_CORRUPT'; path?: string } =>
  (error as { code?: unknown } | null)?.code === 'STORAGE_CORRUPT';

export const startApp = async (options: StartOptions): Promise<StartedApp> => {
  let core: Core | null = null;
  try {
    core = await createCore(options);
  } catch (error) {
    if (!isDamaged(error)) throw error;
    return startRecovery(options, error.path ?? storeFile(options.dataDir), error.code);
  }
  await options.onCore?.(core);
  const running = core;
  return { router: running.router, core: () => running, recovery: () => null, close: () => running.close() };
};

/**
 * A router to hand the window (or the harness's page) before the app has started, so the
 * page loads while the store opens instead of after it. Commands wait for the start; a live
 * query is checked now and attached to the started app's router then. A start that failed
 * answers every command with its error (the shell reports it and quits).
 */
export const routerWhenStarted = (starting: Promise<StartedApp>): Router => {
  let started: Router | null = null;
  let failed: Result<never> | null = null;
  const ready = starting.then(
    (app) => (started = app.router),
    (error: unknown) => {
      failed = { ok: false, error: toResultError(error) };
      return null;
    },
  );
  return {
    async dispatch(name, input) {
      const router = started ?? (await ready);
      return router ? router.dispatch(name, input) : failed!;
    },
    subscribe(name, params, listener) {
      if (started) return started.subscribe(name, params, listener);
      const checked = checkLiveQuery(name, params);
      if (!checked.ok) return checked;
      let stop: (() => void) | null = null;
      let stopped = false;
      void ready.then((router) => {
        if (stopped) return;
        if (!router) return listener(failed!);
        const attached = router.subscribe(name, params, listener);
        if (attached.ok) stop = attached.value;
        else listener(attached);
      });
      return ok(() => {
        stopped = true;
        stop?.();
      });
    },
  };
};

const startRecovery = async (options: StartOptions, file: string, reason: string): Promise<StartedApp> => {
  const settings = await openSettings(options.dataDir);
  const service = createRecoveryService({ dataDir: options.dataDir, file, reason, chooseExportFolder: options.chooseExportFolder });
  let core: Core | null = null;
  let state: RecoveryState = service.state();
  const listeners = new Set<(s: RecoveryState) => void>();
  const publish = (next: RecoveryState) => {
    state = next;
    for (const listener of listeners) listener(state);
  };
  service.watch((s) => {
    if (!core) publish(s);
  });

  const downloadAgain = async (): Promise<{ setAsideAs: string }> => {
    const setAsideAs = await service.setAside();
    publish({ ...state, busy: 'starting' });
    try {
      core = await createCore(options);
    } catch (error) {
      publish({ ...state, busy: null });
      throw error;
    }
    await options.onCore?.(core);
    publish({ ...state, mode: 'normal', busy: null, setAsideAs });
    return { setAsideAs };
  };

  const info = (): AppInfo => ({ version: options.version, shell: options.shell, locale: settings.get().locale });
  const recoveryCommands: Record<string, (input: unknown) => Promise<unknown>> = {
    'app.info': async () => info(),
    'app.setLocale': async (input) => {
      const { locale } = input as { locale: AppInfo['locale'] };
      await settings.update({ locale });
      options.onLocaleChange?.(locale);
      return { locale };
    },
    'recovery.exportUnsynced': () => service.exportUnsynced(),
    'recovery.downloadAgain': () => downloadAgain(),
  };

  const router: Router = {
    async dispatch(name, input) {
      // Once recovered, the full core answers everything (its recovery commands: nothing to recover).
      if (core) return core.router.dispatch(name, input);
      if (!isCommandName(name)) return fail('UNKNOWN_COMMAND', `Unknown command: ${String(name).slice(0, 80)}`);
      const handler = recoveryCommands[name];
      if (!handler) return fail('STORAGE_FAILED', `The local store is damaged: ${name} is not available until it is recovered`);
      const parsed = contractCommands[name].input.safeParse(input);
      if (!parsed.success) return fail('VALIDATION_FAILED', `Invalid input for ${name}`, zodIssues(parsed.error));
      try {
        return ok(await handler(parsed.data));
      } catch (error) {
        return { ok: false, error: toResultError(error) };
      }
    },
    subscribe(name, params, listener) {
      if (name === 'recovery.state') {
        const emit = (s: RecoveryState) => listener(ok(s));
        listeners.add(emit);
        emit(state);
        return ok(() => listeners.delete(emit));
      }
      if (core) return core.router.subscribe(name, params, listener);
      if (!isLiveQueryName(name)) return fail('UNKNOWN_QUERY', `Unknown live query: ${String(name).slice(0, 80)}`);
      return fail('STORAGE_FAILED', `The local store is damaged: ${name} is not available until it is recovered`);
    },
  };

  return {
    router,
    core: () => core,
    recovery: () => (core ? null : service),
    close: async () => {
      listeners.clear();
      await core?.close();
    },
  };
};

