/**
 * The deployable server: runs the "Deploying the server" commands of server/README.md as
 * written (build, copy, `npm install --omit=dev`, migrate, team and user through the CLI,
 * start with a config file) in a temporary folder outside the repository, so nothing
 * resolves from the repository's node_modules. Then signs in (argon2 loaded from the
 * installed folder), pulls, checks /ready and /metrics, and stops with SIGTERM.
 */
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse, PullResponse } from '../../shared/sync/protocol';
import { bearer, call } from '../../server/testing/harness';
import { createPgDatabase } from '../../server/testing/test-db';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
let pgDb: { url: string; drop: () => Promise<void> };
let work: string;

/** The shell lines of the fenced block after the README's build-test marker. */
function deployCommands(readme: string): string[] {
  const at = readme.indexOf('<!-- The build test');
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at));
  if (at < 0 || !block) throw new Error('server/README.md has no deploy command block');
  return block[1]!.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** Splits a shell line into words: single and double quotes, no expansions. */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

beforeAll(async () => {
  pgDb = await createPgDatabase();
  work = mkdtempSync(join(tmpdir(), 'cims-deploy-'));
});

afterAll(async () => {
  await pgDb?.drop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('deploying the server (README steps, production dependencies only)', () => {
  it('builds, installs, migrates, adds a team and a user, starts from a config file, signs in and pulls', async () => {
    const lines = deployCommands(readFileSync(join(ROOT, 'server', 'README.md'), 'utf8'));
    let dir = ROOT;
    const env: Record<string, string> = { ...(process.env as Record<string, string>), CIMS_ARGON2_MEMORY_KIB: '1024', LOG_LEVEL: 'info' };
    let startArgs: string[] | null = null;
    for (const line of lines) {
      const w = words(line);
      if (line === 'npm run build:server') {
        await run('npm', ['run', 'build:server'], { cwd: ROOT });
      } else if (/^cp -r out\/server (\S+) && cd \1$/.test(line)) {
        dir = join(work, 'cims-server');
        cpSync(join(ROOT, 'out', 'server'), dir, { recursive: true });
      } else if (line === 'npm install --omit=dev') {
        await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund'], { cwd: dir, env });
      } else if (w[0] === 'export') {
        const [name] = w[1]!.split('=');
        expect(name).toBe('DATABASE_URL');
        env.DATABASE_URL = pgDb.url;
      } else if (w[0] === 'node' && w[1] === 'cli.js' && w.at(-1) === 'start') {
        startArgs = w.slice(1);
      } else if (w[0] === 'node' && w[1] === 'cli.js') {
        const r = await run(process.execPath, w.slice(1), { cwd: dir, env });
        expect(r.stdout).not.toBe('');
      } else {
        throw new Error(`The build test does not know how to run this README line: ${line}`);
      }
    }

    // Only the server's packages were installed, and argon2's native binding is there.
    const modules = join(dir, 'node_modules');
    for (const p of ['fastify', 'pg', 'argon2', '@electric-sql/pglite', 'prom-client']) expect(existsSync(join(modules, p)), p).toBe(true);
    for (const p of ['electron', 'react', 'rxdb', 'better-sqlite3', '@mui/material', 'vitest', 'typescript']) expect(existsSync(join(modules, p)), p).toBe(false);

    // A bad config file stops the start with one message per bad value, naming key and file.
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ port: 'eighty', bodyLimit: 10 }));
    const bad = await run(process.execPath, ['cli.js', '--config', 'bad.json', 'start'], { cwd: dir, env }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(bad?.code).toBe(1);
    expect(bad?.stderr).toMatch(/port \(in .*bad\.json\): must be a whole number/);
    expect(bad?.stderr).toMatch(/bodyLimit \(in .*bad\.json\): /);

    expect(startArgs).not.toBeNull();
    const configFile = startArgs![startArgs!.indexOf('--config') + 1]!;
    writeFileSync(join(dir, configFile), JSON.stringify({ host: '127.0.0.1', port: 0, dataDir: join(work, 'data'), slaIntervalMs: 0 }));
    const child = spawn(process.execPath, startArgs!, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
        const onData = (c: Buffer) => {
          out += c.toString();
          const m = /CIMS_SERVER_URL=(\S+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', onData);
        void exited.then((code) => reject(new Error(`server exited ${code}:\n${out}`)));
      });
      const login = await call(url, 'POST', '/auth/login', { username: 'admin', password: 'change me now' });
      expect(login.status).toBe(200);
      const session = login.body as LoginResponse;
      expect(session.user.roles).toEqual(['admin']);
      const pulled = await call(url, 'POST', '/sync/teams/pull', { checkpoint: null, batchSize: 50 }, bearer(session));
      expect(pulled.status).toBe(200);
      expect((pulled.body as PullResponse).documents.map((d) => d.name)).toContain('Field East');
      expect((await call(url, 'GET', '/ready')).body).toMatchObject({ ok: true, ready: true });
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toMatch(/^cims_sync_pulls_total\{collection="teams"\} 1$/m);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, out.slice(-3000)).toBe(0);
  }, 600_000);
});
