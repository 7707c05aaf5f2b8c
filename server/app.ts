import underPressure, { type FastifyUnderPressureOptions as UnderPressureOptions } from '@fastify/under-pressure';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { SYNC_PROTOCOL_VERSION, SYNC_VERSION_HEADER, type SyncErrorBody } from '../shared/sync/protocol';
import { AuthService } from './auth/service';
import { blobConfigFrom, type BlobConfig } from './blobs/config';
import { registerBlobRoutes } from './blobs/routes';
import type { ThrottleOptions } from './auth/throttle';
import type { UserRow } from './auth/users';
import type { ServerConfig } from './config';
import type { Db } from './db/db';
import { registerAdminRoutes } from './http/admin-routes';
import { registerAuthRoutes } from './http/auth-routes';
import { clientErrorHandler, frameworkErrors, HttpError, installErrorHandler, sendError } from './http/errors';
import { registerSyncRoutes } from './http/sync-routes';
import { registerReportRoutes } from './reports/routes';
import { childLoggerFactory, genReqId } from './ops/log-context';
import { registerOps } from './ops/ops';
import { registerUpdateFeed } from './ops/updates';
import { StreamHub } from './sync/hub';
import type { AccessContext, Registry } from './sync/registry';
import { unstorablePath, UNSTORABLE_TEXT_MESSAGE } from './sync/storable';

export interface BuildServerOptions {
  db: Db;
  config: ServerConfig;
  logger: Logger;
  /** Replicated collections and their access rules; defaults to the CIMS collections. */
  registry?: Registry<AccessContext>;
  /** Clock for tokens and throttling (tests move it). */
  now?: () => number;
  throttle?: ThrottleOptions;
  /** Where attachment bytes go; defaults to the environment's choice (server/blobs/config.ts). */
  blobs?: BlobConfig;
}

export interface ServerDeps {
  db: Db;
  config: ServerConfig;
  auth: AuthService;
  hub: StreamHub;
  registry: Registry<AccessContext>;
  /** Where attachment bytes are kept; the maintenance run drops abandoned uploads from it. */
  blobs: BlobConfig;
  requireUser(request: FastifyRequest): Promise<UserRow>;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: ServerDeps;
  }
}

/**
 * The HTTP app: operations (/health, /ready, /metrics), /auth, /sync and /admin routes over one database. The caller owns
 * the database (opens, migrates, closes it); `app.close()` ends streams and waits for
 * in-flight requests.
 */
const OPS_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * Load shedding (@fastify/under-pressure): while the event loop lags past the limit, requests
 * are answered 503 OVERLOADED with Retry-After at once instead of queueing; clients retry
 * (pushes carry their push id, so a retry never writes twice). Liveness, readiness and
 * metrics keep answering, so an orchestrator does not kill a busy process.
 */
function overloadOptions(maxEventLoopDelay: number): UnderPressureOptions {
  return {
    maxEventLoopDelay,
    pressureHandler: (request, reply) => {
      if (OPS_PATHS.has(request.url.split('?')[0] ?? '')) return undefined;
      const body: SyncErrorBody = { error: { code: 'OVERLOADED', message: 'The server is busy; try again in a few seconds' } };
      reply.code(503).header('retry-after', '5');
      // A value returned here is sent as the answer (the plugin's contract).
      return body as unknown as void;
    },
  };
}

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
    frameworkErrors,
    clientErrorHandler,
    // Request ids: see ops/log-context.ts (a proxy's x-request-id is kept when well-formed).
    requestIdHeader: false,
    genReqId,
    childLoggerFactory: childLoggerFactory as never,
  });
  installErrorHandler(app);
  if (config.maxEventLoopDelayMs > 0) await app.register(underPressure, overloadOptions(config.maxEventLoopDelayMs));

  const blobs = opts.blobs ?? blobConfigFrom(process.env, config.dataDir);
  const auth = new AuthService(db, {
    secret: config.tokenSecret,
    accessTtlSec: config.accessTokenTtlSec,
    refreshTtlSec: config.refreshTokenTtlSec,
    argon2MemoryKib: config.argon2MemoryKib,
    demo: config.demo,
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
    blobs,
    requireUser: (request) => {
      const q = request.query as Record<string, unknown> | undefined;
      // EventSource cannot set headers: the stream, and only the stream, also takes the token
      // as a query parameter (URLs end up in histories and proxy logs).
      const fromQuery = isStreamRequest(request) && typeof q?.access_token === 'string' ? `Bearer ${q.access_token}` : undefined;
      const header = request.headers.authorization ?? fromQuery;
      return auth.authenticate(header);
    },
  };
  app.decorate('deps', deps);
  // First: its onRequest hook gives every later hook and handler the request id context.
  registerOps(app, { db, collections: new Set(registry.names()), openStreams: () => hub.subscriberCount(), metrics: config.metrics });
  await registerUpdateFeed(app, config.updatesDir);

  app.addHook('onRequest', async (request, reply) => {
    // B3: compressed bodies are refused, so a gzip bomb is never inflated.
    const enc = request.headers['content-encoding'];
    if (enc && enc !== 'identity') return sendError(reply, 415, 'BAD_REQUEST', 'Compressed request bodies are not accepted');
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/sync/') || path.startsWith('/auth/') || path.startsWith('/reports/') || path.startsWith('/blobs/')) {
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

  // Strings PostgreSQL cannot store (NUL, lone surrogates) are refused before any route
  // touches the database, wherever they come: the path, the query or the body. A 400 naming
  // the field, never a 500 the device retries forever. Nesting deeper than any request of the
  // protocol is refused first: the walks that follow recurse, and would overflow the stack.
  app.addHook('preHandler', async (request, reply) => {
    for (const part of [request.params, request.query, request.body]) {
      if (nestsDeeperThan(part, MAX_NESTING)) return sendError(reply, 400, 'BAD_REQUEST', 'The request is nested too deeply');
      const bad = part === undefined ? null : unstorablePath(part);
      if (bad) return sendError(reply, 400, 'VALIDATION_FAILED', `${bad}: ${UNSTORABLE_TEXT_MESSAGE}`, bad);
    }
    return undefined;
  });

  registerAuthRoutes(app);
  registerSyncRoutes(app);
  registerAdminRoutes(app);
  registerReportRoutes(app);
  registerBlobRoutes(app, blobs);

  app.addHook('preClose', async () => {
    await hub.stop();
    if (!opts.blobs) await blobs.store.close?.();
  });
  return app;
}

/** Deeper than any request of the protocol (a pushed document's fields sit about a dozen levels down). */
const MAX_NESTING = 64;

/** Whether arrays and objects nest deeper than `max` in a decoded request part; walked without recursion. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(item) ? (item as unknown[]) : Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

export function assertRole(user: UserRow, role: string): void {
  if (!user.roles.includes(role)) throw new HttpError(403, 'FORBIDDEN', `Requires the ${role} role`);
}

/** The live stream route (`GET /sync/:collection/stream`), whatever registers it. */
export function isStreamRequest(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return request.method === 'GET' && /^\/sync\/[^/]+\/stream$/.test(path);
}

export function redactUrl(url: string): string {
  return url.replace(/([?&]access_token=)[^&]*/g, '$1[redacted]');
}
