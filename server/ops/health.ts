import type { FastifyInstance } from 'fastify';
import { route } from '../http/route';
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import type { Db } from '../db/db';
import { schemaVersion } from '../db/migrate';
import { migrations } from '../db/migrations';

const READY_DB_TIMEOUT_MS = 2000;
export const LATEST_SCHEMA = Math.max(...migrations.map((m) => m.version));

export type Readiness =
  | { ready: true; schema: number }
  | { ready: false; reason: 'stopping' | 'database unreachable' | 'migrations pending' | 'schema newer than this server'; schema?: number; expected: number };

/** Whether this process should get traffic: not stopping, database answers, schema current. */
export async function readiness(db: Db, stopping: boolean): Promise<Readiness> {
  if (stopping) return { ready: false, reason: 'stopping', expected: LATEST_SCHEMA };
  let schema: number;
  try {
    schema = await withTimeout(schemaVersion(db), READY_DB_TIMEOUT_MS);
  } catch {
    return { ready: false, reason: 'database unreachable', expected: LATEST_SCHEMA };
  }
  if (schema < LATEST_SCHEMA) return { ready: false, reason: 'migrations pending', schema, expected: LATEST_SCHEMA };
  // An older binary on a newer schema (a rollback): the other replicas may write what it cannot read.
  if (schema > LATEST_SCHEMA) return { ready: false, reason: 'schema newer than this server', schema, expected: LATEST_SCHEMA };
  return { ready: true, schema };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * /health answers while the process lives (a liveness probe must not restart a server whose
 * database is briefly away); /ready is what a load balancer routes by.
 */
export function registerHealthRoutes(app: FastifyInstance, db: Db, state: { stopping: boolean; openStreams(): number }): void {
  route(app, 'health', async () => ({ ok: true as const, protocol: SYNC_PROTOCOL_VERSION, db: db.kind, streams: state.openStreams() }));
  route(app, 'ready', async (_request, reply) => {
    const r = await readiness(db, state.stopping);
    if (!r.ready) return reply.code(503).send({ ok: false, ...r });
    return { ok: true, ...r };
  });
}
