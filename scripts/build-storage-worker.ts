/**
 * The local store's worker thread as one self-contained file: RxDB, RxJS and our storage code
 * bundled in, only better-sqlite3 (native) left to load from node_modules. The packed app
 * starts it from app.asar.unpacked (electron-builder.yml, asarUnpack), where the only
 * packages beside it are better-sqlite3 and what that loads, so nothing else may stay external.
 *
 * Run by electron.vite.config.ts after each main build; the packaging test builds it the same way.
 */
import { join } from 'node:path';
import { build } from 'esbuild';

/** File name of the worker beside main.js; worker-storage.ts looks for it there. */
export const STORAGE_WORKER_FILE = 'storage-worker.mjs';

/** The packages the worker loads at run time: the native module only. */
export const STORAGE_WORKER_EXTERNALS = ['better-sqlite3'];

/**
 * Writes the worker into `outDir`; `root` is the repository (passed in: bundled into the
 * electron-vite config, this module's own location is the config's).
 */
export async function buildStorageWorker(outDir: string, root: string): Promise<string> {
  const outfile = join(outDir, STORAGE_WORKER_FILE);
  await build({
    entryPoints: [join(root, 'electron', 'db', 'storage-worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: STORAGE_WORKER_EXTERNALS,
    // Bundled CommonJS code may call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __cimsRequire } from 'node:module'; const require = __cimsRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return outfile;
}
