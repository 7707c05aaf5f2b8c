/** Parent side of client-core.ts: one forked process per client core. */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ClientCore {
  call<T = unknown>(cmd: string, ...args: unknown[]): Promise<T>;
  dir: string;
  stop(): Promise<void>;
  /** Orderly shutdown, keeping the data folder (a restart of the app). */
  close(): Promise<void>;
  /** SIGKILL, keeping the data folder (D2). */
  kill(): Promise<void>;
}

const script = fileURLToPath(new URL('./client-core.ts', import.meta.url));

/** Starts a core; with `dir`, on the data folder a killed core left behind. */
export interface ClientCoreOptions {
  clockSkewMs?: number;
  /** S10: the protocol version this core sends instead of the current one. */
  syncVersion?: string;
  /** Further environment (e.g. CIMS_TEST_PULL_BATCH) and node flags (e.g. --cpu-prof). */
  env?: Record<string, string>;
  execArgv?: string[];
  /**
   * 'sync' (default): the store and the sync session only, driven by raw RxDB writes.
   * 'core': the whole main-process core, driven through its contract commands (`dispatch`).
   */
  mode?: 'sync' | 'core';
}

export async function startClientCore(existingDir?: string, opts: ClientCoreOptions = {}): Promise<ClientCore> {
  const dir = existingDir ?? mkdtempSync(join(tmpdir(), 'cims-core-'));
  const env: NodeJS.ProcessEnv = { ...process.env, CIMS_TEST_CLOCK_SKEW_MS: String(opts.clockSkewMs ?? 0), ...opts.env };
  if (opts.syncVersion !== undefined) env.CIMS_TEST_SYNC_VERSION = opts.syncVersion;
  else delete env.CIMS_TEST_SYNC_VERSION;
  const execArgv = ['--import', 'tsx', ...(opts.execArgv ?? [])];
  const child: ChildProcess = fork(script, [], { execArgv, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let next = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let ready!: () => void;
  const readyP = new Promise<void>((r) => (ready = r));
  child.on('message', (m: { ready?: boolean; id?: number; ok?: boolean; value?: unknown; error?: { code: string; message: string } }) => {
    if (m.ready) return ready();
    const w = waiting.get(m.id!);
    if (!w) return;
    waiting.delete(m.id!);
    if (m.ok) w.resolve(m.value);
    else w.reject(Object.assign(new Error(m.error!.message), { code: m.error!.code }));
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.once('exit', () => {
    for (const w of waiting.values()) w.reject(new Error('client core exited'));
    waiting.clear();
  });
  await readyP;
  const core: ClientCore = {
    dir,
    call<T>(cmd: string, ...args: unknown[]) {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, cmd, args });
      });
    },
    async close() {
      if (child.exitCode === null) {
        await core.call('shutdown').catch(() => undefined);
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
    async stop() {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
  await core.call(opts.mode === 'core' ? 'openCore' : 'open', dir);
  return core;
}
