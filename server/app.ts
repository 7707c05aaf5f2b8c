import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { SYNC_PROTOCOL_VERSION, SYNC_VERSION_HEADER } from '../shared/sync/protocol';
import { AuthService } from './auth/service';
import type { ThrottleOptions } from './auth/throttle';
import type { UserRow } from './auth/users';
import type { ServerConfig } from './config';
import type { Db } from './db/db';
import { registerAdminRoutes } from './http/admin-routes';
import { registerAuthRoutes } from './http/auth-routes';
import { HttpError, installErrorHandler, sendError } from './http/errors';
import { route } from './http/route';
import { registerSyncRoutes } from './http/sync-routes';
import { StreamHub } from './sync/hub';
import type { AccessContext, Registry } from './sync/registry';

export interface BuildServerOptions {
  db: Db;
  config: ServerConfig;
  logger: Logger;
  /** Replicated collections and their access rules; defaults to the CIMS collections. */
  registry?: Registry<AccessContext>;
  /** Clock for tokens and throttling (tests move it). */
  now?: () => number;
  throttle?: ThrottleOptions;
}

export interface ServerDeps {
  db: Db;
  config: ServerConfig;
  auth: AuthService;
  hub: StreamHub;
  registry: Registry<AccessContext>;
  requireUser(request: FastifyRequest): Promise<UserRow>;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: ServerDeps;
  }
}

/**
 * The HTTP app: health, /auth, /sync and /admin routes over one database. The caller owns
 * the database (opens, migrates, closes it); `app.close()` ends streams and waits for
 * in-flight requests.
 */
export async function buildServer(opts: BuildServerOptions): Promise<FastifyInstance> {
  const { db, config, logger } = opts;
  const registry = opts.registry ?? (await import('./access/cims')).cimsRegistry();
  // Stream URLs may carry `access_token`: never let it reach the logs.
  const log = logger.child({}, {
    serializers: {
      req: (req: { method?: string; url?: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url ?? ''), remoteAddress: req.ip }),
    },
  });
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    // Streams are hijacked and closed by the hub; idle keep-alive sockets close at shutdown.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  installErrorHandler(app);

  const auth = new AuthService(db, {
    secret: config.tokenSecret,
    accessTtlSec: config.accessTokenTtlSec,
    refreshTtlSec: config.refreshTokenTtlSec,
    argon2MemoryKib: config.argon2MemoryKib,
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.throttle ? { throttle: opts.throttle } : {}),
  });
  const hub = new StreamHub(db, registry, logger);
  await hub.start();

  const deps: ServerDeps = {
    db,
    config,
    auth,
    hub,
    registry,
    requireUser: (request) => {
      const q = request.query as Record<string, unknown> | undefined;
      // EventSource cannot set headers: the stream also takes the token as a query parameter.
      const header = request.headers.authorization ?? (typeof q?.access_token === 'string' ? `Bearer ${q.access_token}` : undefined);
      return auth.authenticate(header);
    },
  };
  app.decorate('deps', deps);

  app.addHook('onRequest', async (request, reply) => {
    // B3: compressed bodies are refused, so a gzip bomb is never inflated.
    const enc = request.headers['content-encoding'];
    if (enc && enc !== 'identity') return sendError(reply, 415, 'BAD_REQUEST', 'Compressed request bodies are not accepted');
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/sync/') || path.startsWith('/auth/')) {
      const q = request.query as Record<string, unknown> | undefined;
      const given = request.headers[SYNC_VERSION_HEADER] ?? q?.v;
      if (String(given) !== String(SYNC_PROTOCOL_VERSION)) {
        return sendError(
          reply,
          426,
          'SYNC_VERSION_MISMATCH',
          `Update required: this server speaks sync protocol ${SYNC_PROTOCOL_VERSION}, the client sent ${given === undefined ? 'none' : String(given)}`,
        );
      }
    }
    return undefined;
  });

  route(app, 'health', async () => {
    await db.query('select 1');
    return { ok: true as const, protocol: SYNC_PROTOCOL_VERSION, db: db.kind, streams: hub.subscriberCount() };
  });

  registerAuthRoutes(app);
  registerSyncRoutes(app);
  registerAdminRoutes(app);

  app.addHook('preClose', async () => {
    await hub.stop();
  });
  return app;
}

export function assertRole(user: UserRow, role: string): void {
  if (!user.roles.includes(role)) throw new HttpError(403, 'FORBIDDEN', `Requires the ${role} role`);
}

export function redactUrl(url: string): string {
  return url.replace(/([?&]access_token=)[^&]*/g, '$1[redacted]');
}
