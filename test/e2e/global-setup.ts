/**
 * Prepares the embedded demo server's database once for the whole end-to-end run. Generating
 * and loading the demo organisation takes most of a harness start (35 s against 7 s from a
 * prepared database, on a busy 2-core machine); every harness with an embedded server then
 * starts from a copy, so each spec still has a server of its own.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedServer } from '../../electron/harness/embedded-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The demo server's data folder, cleanly stopped; empty when it could not be made. */
    demoServerDatabase: string;
  }
}

export async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'cims-e2e-demo-'));
  const started = Date.now();
  const server = await startEmbeddedServer({ dataDir: join(dir, 'server'), startTimeoutMs: 480_000 });
  await server.stop();
  console.log(`e2e: the demo server database was prepared in ${Math.round((Date.now() - started) / 1000)} s`);
  provide('demoServerDatabase', join(dir, 'server'));
  return () => rm(dir, { recursive: true, force: true });
}
