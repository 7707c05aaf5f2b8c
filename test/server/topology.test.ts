/**
 * Scale-out (deploy issue, item 4): two server processes on one PostgreSQL behind a load
 * balancer. With a container engine, deploy/compose.yaml is built and started as written;
 * without one, the same topology runs as processes (two servers, one database, a loopback
 * balancer) with real desktop cores syncing through it. The files themselves are checked
 * for what the deployment relies on.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTicket } from '../../shared/domain/testing/builders';
import type { LoginResponse } from '../../shared/sync/protocol';
import { createUser } from '../../server/auth/users';
import { migrate } from '../../server/db/migrate';
import { openPg } from '../../server/db/pg';
import { call } from '../../server/testing/harness';
import { createPgDatabase } from '../../server/testing/test-db';
import { startClientCore, type ClientCore } from '../sync/cores';
import { eventually } from '../sync/wait';
import { startBalancer, type Balancer } from './balancer';
import { spawnServer, type ServerProcess } from './spawn-server';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const run = promisify(execFile);

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}

/** Why containers cannot run here, or null when a container engine answers. */
const containerEngineMissing = (): string | null => {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'pipe', timeout: 10_000 });
    return null;
  } catch (error) {
    const text = String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim();
    return text.includes('ENOENT') ? 'no docker command on this machine' : `no container engine answers (${text.split('\n').at(-1)})`;
  }
};

describe('deployment files', () => {
  it('the image builds the server in one stage and runs it unprivileged with only its production packages', () => {
    const dockerfile = read('Dockerfile');
    const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)].map((m) => m[2]);
    expect(stages).toEqual(['build', 'runtime']);
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    expect(dockerfile.slice(0, dockerfile.indexOf('AS runtime'))).toContain('RUN npm run build:server');
    expect(runtime).toContain('COPY --from=build /src/out/server ./');
    expect(runtime).toContain('npm install --omit=dev');
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK /m);
    expect(runtime).toContain('HOST=0.0.0.0');
    expect(read('.dockerignore').split('\n')).toEqual(expect.arrayContaining(['node_modules', 'out', '.data']));
  });

  it('compose runs two servers from one image on one database, with one token secret, after one migration', () => {
    const compose = load(read('deploy/compose.yaml')) as { services: Record<string, ComposeService> };
    const { db, migrate: migrateService, proxy, ...rest } = compose.services;
    const servers = Object.entries(rest).filter(([name]) => name.startsWith('server-'));
    expect(servers.map(([name]) => name)).toEqual(['server-1', 'server-2']);
    expect(db!.image).toBe('postgres:15');
    expect(migrateService!.command).toEqual(['node', 'cli.js', 'migrate']);
    for (const [, s] of servers) {
      expect(s.build).toEqual({ context: '..', dockerfile: 'Dockerfile' });
      expect(s.environment!.DATABASE_URL).toMatch(/@db:5432\/cims$/);
      expect(s.environment!.CIMS_TOKEN_SECRET).toMatch(/^\$\{CIMS_TOKEN_SECRET:\?/);
      expect(s.environment!.CIMS_TRUST_PROXY).toBe('1');
      expect(s.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } });
    }
    expect(proxy!.volumes).toContain('./Caddyfile:/etc/caddy/Caddyfile:ro');
    const caddy = read('deploy/Caddyfile');
    expect(caddy).toMatch(/reverse_proxy server-1:8787 server-2:8787 \{/);
    expect(caddy).toMatch(/health_uri \/ready/);
    expect(caddy).toMatch(/flush_interval -1/);
    expect(caddy).toMatch(/respond \/metrics 404/);
  });

  const missing = containerEngineMissing();
  it.skipIf(missing !== null)(`compose builds and serves sign-in through the proxy${missing ? ` (skipped: ${missing})` : ''}`, async () => {
    const env = { ...process.env, CIMS_TOKEN_SECRET: 'compose-secret-compose-secret-compose-1', POSTGRES_PASSWORD: 'compose-db-password', CIMS_SITE: 'http://localhost', CIMS_HTTP_PORT: '18080' };
    const compose = (...args: string[]) => run('docker', ['compose', '-p', 'cims-test', '-f', 'deploy/compose.yaml', ...args], { cwd: ROOT, env, timeout: 1_200_000 });
    try {
      await compose('up', '-d', '--build', '--wait');
      const health = await eventually(() => call('http://127.0.0.1:18080', 'GET', '/health').catch(() => ({ status: 0, body: null })), (r) => r.status === 200, 120_000);
      expect(health.status).toBe(200);
    } finally {
      await compose('down', '-v').catch(() => undefined);
    }
  }, 1_300_000);
});

describe('two servers, one database, a balancer, desktops syncing through it (no containers)', () => {
  const SECRET = 'topology-secret-topology-secret-topo-01';
  let database: Awaited<ReturnType<typeof createPgDatabase>>;
  let servers: ServerProcess[] = [];
  let balancer: Balancer;
  let a: ClientCore;
  let b: ClientCore;

  beforeAll(async () => {
    database = await createPgDatabase();
    const db = await openPg(database.url);
    await migrate(db);
    await createUser(db, { username: 'root', password: 'root-password-1', roles: ['admin'] }, 1024);
    await db.close();
    servers = await Promise.all([0, 1].map(() => spawnServer({ DATABASE_URL: database.url, CIMS_TOKEN_SECRET: SECRET })));
    balancer = await startBalancer(servers.map((s) => s.url));
    [a, b] = await Promise.all([startClientCore(), startClientCore()]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await balancer?.close();
    await Promise.all(servers.map((s) => s.stop()));
    await database?.drop();
  });

  it('a ticket written on one desktop reaches the other live, whichever server each one talks to', async () => {
    const session = (await call(balancer.url, 'POST', '/auth/login', { username: 'root', password: 'root-password-1' })).body as LoginResponse;
    expect(session.user.username).toBe('root');
    await a.call('signIn', balancer.url, 'root', 'root-password-1');
    await b.call('signIn', balancer.url, 'root', 'root-password-1');
    const ticket = aTicket({ title: 'written on desktop A' });
    await a.call('insert', 'tickets', ticket);
    const seen = await eventually(() => b.call<Record<string, unknown> | null>('get', 'tickets', ticket.id), (d) => d !== null);
    expect(seen!.title).toBe('written on desktop A');
    // Both servers carried traffic (round robin over connections).
    expect(balancer.connections().every((n) => n > 0)).toBe(true);
  });

  it('one server stops: the balancer drains it and the desktops carry on through the other, nothing lost', async () => {
    expect(await servers[0]!.stop()).toBe(0);
    const written = Array.from({ length: 5 }, (_, i) => aTicket({ title: `after the stop ${i}` }));
    for (const t of written) await a.call('insert', 'tickets', t);
    for (const t of written) await eventually(() => b.call('get', 'tickets', t.id), (d) => d !== null, 30_000);
    const db = await openPg(database.url);
    try {
      const r = await db.query<{ n: string }>(`select count(*) as n from sync_docs where collection = 'tickets' and id = any($1)`, [written.map((t) => t.id)]);
      expect(Number(r.rows[0]!.n)).toBe(written.length);
    } finally {
      await db.close();
    }
  });
});
