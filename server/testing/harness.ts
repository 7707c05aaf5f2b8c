import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { SYNC_PROTOCOL_VERSION, SYNC_VERSION_HEADER, type LoginResponse } from '../../shared/sync/protocol';
import { routePath, routes } from '../../shared/sync/routes';
import { buildServer, type BuildServerOptions } from '../app';
import { createUser } from '../auth/users';
import { testConfig, type ServerConfig } from '../config';
import { migrate } from '../db/migrate';
import type { Registry } from '../sync/registry';
import { createTestDb, type DbKind, type TestDb } from './test-db';

export interface TestServer extends TestDb {
  app: FastifyInstance;
  url: string;
  config: ServerConfig;
  /** Creates a user (cheap argon2 settings) and signs them in. */
  userSession(username: string, roles: string[], opts?: { id?: string; teamId?: string | null; password?: string }): Promise<LoginResponse>;
  close(): Promise<void>;
}

export async function startTestServer(
  kind: DbKind,
  opts: { registry?: Registry; config?: Partial<ServerConfig>; now?: () => number; throttle?: BuildServerOptions['throttle']; blobs?: BuildServerOptions['blobs'] } = {},
): Promise<TestServer> {
  const t = await createTestDb(kind);
  await migrate(t.db);
  const config = testConfig(opts.config);
  const app = await buildServer({
    db: t.db,
    config,
    logger: pino({ level: 'silent' }),
    ...(opts.registry ? { registry: opts.registry } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.throttle ? { throttle: opts.throttle } : {}),
    ...(opts.blobs ? { blobs: opts.blobs } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  let closed = false;
  return {
    ...t,
    app,
    url,
    config,
    async userSession(username, roles, o = {}) {
      const password = o.password ?? 'correct horse battery';
      await createUser(t.db, { ...(o.id ? { id: o.id } : {}), username, password, roles, teamId: o.teamId ?? null }, config.argon2MemoryKib);
      const r = await call(url, routes.login.method, routePath('login'), { username, password });
      if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body as LoginResponse;
    },
    async close() {
      if (closed) return;
      closed = true;
      // Tests need no grace: drop the HTTP client's spare keep-alive sockets at once.
      const closing = app.close();
      app.server.closeAllConnections();
      await closing;
      await t.drop();
    },
  };
}

export interface CallResult {
  status: number;
  body: unknown;
  headers: Headers;
}

/** One JSON request with the protocol version header (unless overridden). */
export async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<CallResult> {
  const res = await fetch(base + path, {
    method,
    headers: {
      [SYNC_VERSION_HEADER]: String(SYNC_PROTOCOL_VERSION),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export const bearer = (s: LoginResponse | string) => ({ authorization: `Bearer ${typeof s === 'string' ? s : s.accessToken}` });

export function errorCode(r: CallResult): string | undefined {
  return (r.body as { error?: { code?: string } } | null)?.error?.code;
}
