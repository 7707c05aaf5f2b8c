/**
 * The browser harness built the way the desktop's main process is: one ESM bundle of our code
 * with the packages left external (electron-vite's default for main), and the storage worker
 * beside it as the packed app has it. Run from TypeScript source through tsx instead, start-up
 * time and memory would include compiling hundreds of files and keeping their source maps,
 * which the installed app never does.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildStorageWorker } from '../../scripts/build-storage-worker';

const ROOT = join(import.meta.dirname, '..', '..');

/** Writes `<outDir>/harness.mjs` and the storage worker; returns the harness file. */
export async function buildHarness(outDir = join(ROOT, 'out', 'bench-harness')): Promise<string> {
  const outfile = join(outDir, 'harness.mjs');
  await build({
    entryPoints: [join(ROOT, 'electron', 'harness', 'cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  await buildStorageWorker(outDir, ROOT);
  return outfile;
}
