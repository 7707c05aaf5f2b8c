import type { FastifyInstance } from 'fastify';
import type { StreamEvent } from '../../shared/sync/protocol';
import { audit } from '../audit';
import { pull, push } from '../sync/engine';
import type { AccessContext, CollectionSpec } from '../sync/registry';
import { HttpError } from './errors';
import { route, routeBody, type RouteRequest } from './route';

const HEARTBEAT_MS = 15_000;
const REAUTH_MS = 30_000;
/** A stream whose client reads slower than this backlog is cut; it reconnects and resyncs. */
const MAX_STREAM_BACKLOG = 8 * 1024 * 1024;

function collectionOf(app: FastifyInstance, request: RouteRequest<'pull' | 'push' | 'stream'>): CollectionSpec<AccessContext> {
  const name = request.params.collection;
  const spec = app.deps.registry.get(name);
  if (!spec) throw new HttpError(404, 'UNKNOWN_COLLECTION', `Unknown collection ${name.slice(0, 64)}`);
  return spec;
}

export function registerSyncRoutes(app: FastifyInstance): void {
  const { registry, db, hub } = app.deps;

  route(app, 'pull', async (request) => {
    const user = await app.deps.requireUser(request);
    const spec = collectionOf(app, request);
    const body = routeBody('pull', request.body);
    const ctx = await registry.context(db, { id: user.id, username: user.username, roles: user.roles, teamId: user.team_id }, spec.name);
    return pull(db, spec, ctx, body.checkpoint, body.batchSize);
  });

  route(app, 'push', async (request) => {
    const user = await app.deps.requireUser(request);
    const spec = collectionOf(app, request);
    const body = routeBody('push', request.body);
    const ctx = await registry.context(db, { id: user.id, username: user.username, roles: user.roles, teamId: user.team_id }, spec.name);
    const outcome = await push(db, spec, ctx, body.pushId, body.rows, { ip: request.ip });
    for (const r of outcome.refused) {
      await audit(db, {
        action: 'push',
        outcome: 'refused',
        actorId: user.id,
        actor: user.username,
        ip: request.ip,
        target: `${spec.name}/${r.id}`,
        detail: { fields: r.fields, reason: r.reason },
      });
    }
    const seq = outcome.seq === undefined ? {} : { seq: outcome.seq };
    return outcome.stored.length ? { conflicts: outcome.conflicts, stored: outcome.stored, ...seq } : { conflicts: outcome.conflicts, ...seq };
  });

  route(app, 'stream', async (request, reply) => {
    const user = await app.deps.requireUser(request);
    const spec = collectionOf(app, request);
    const ctx = await registry.context(db, { id: user.id, username: user.username, roles: user.roles, teamId: user.team_id }, spec.name);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    let open = true;
    const end = () => {
      if (!open) return;
      open = false;
      clearInterval(heartbeat);
      clearInterval(reauth);
      unsubscribe?.();
      raw.end();
    };
    const send = (event: StreamEvent) => {
      if (!open) return;
      if (raw.writableLength > MAX_STREAM_BACKLOG) return end();
      raw.write(`data: ${JSON.stringify(event)}\n\n`);
    };
    const heartbeat = setInterval(() => open && raw.write(': ping\n\n'), HEARTBEAT_MS);
    // A disabled user or a changed password ends open streams too (Z4).
    const reauth = setInterval(() => {
      app.deps.requireUser(request).catch(() => end());
    }, REAUTH_MS);
    let unsubscribe: (() => void) | null = null;
    raw.on('close', end);
    unsubscribe = await hub.subscribe(spec.name, ctx, send, end);
    if (!open) unsubscribe();
  });
}
