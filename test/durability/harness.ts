import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles the writer once into node_modules/.cache (so better-sqlite3 still resolves) and
 * returns the path: starting plain node on a bundle takes a fraction of tsx's start-up,
 * which keeps hundreds of kill cycles affordable.
 */
export async function bundleWriter(): Promise<string> {
  const outDir = join(ROOT, 'node_modules', '.cache', 'cims-durability');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `writer-${process.pid}.mjs`);
  await build({
    entryPoints: [join(ROOT, 'test', 'durability', 'writer.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    // rxdb is bundled (tree-shaken) because importing the whole package doubles start-up;
    // the native binding stays external and is found through node_modules.
    external: ['better-sqlite3'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

// The domain's seeded PRNG (mulberry32), so a failing cycle can be replayed from its seed.
export { seededRandom } from '../../shared/domain/ids';

export type KillCycleResult = { acked: string[]; stderr: string; ready: boolean };

/**
 * Starts the writer, waits until it opened the store, lets it write for `runMs`, then
 * SIGKILLs it and returns the ids it acknowledged (complete lines only).
 */
export function runKillCycle(writer: string, directory: string, databaseName: string, prefix: string, runMs: number): Promise<KillCycleResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [writer, directory, databaseName, prefix], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let ready = false;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (stderr += d));
    child.stdout.on('data', (d: string) => {
      out += d;
      if (!ready && out.includes('ready\n')) {
        ready = true;
        timer = setTimeout(() => child.kill('SIGKILL'), runMs);
      }
    });
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(giveUp);
      if (timer) clearTimeout(timer);
      const lines = out.split('\n');
      lines.pop(); // a line cut by the kill is not an acknowledgement
      const acked = lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4));
      resolvePromise({ acked, stderr, ready });
    });
  });
}
