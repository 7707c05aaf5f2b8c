import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/db';

/** What the metrics read at scrape time from parts of the server they do not own. */
export interface MetricSources {
  db: Db;
  openStreams(): number;
  /** Seconds the SLA scheduler is behind its period; null when it does not run. */
  slaLagSeconds(): number | null;
}

const STREAM_ROUTE = '/sync/:collection/stream';
const PULL_ROUTE = '/sync/:collection/pull';
const PUSH_ROUTE = '/sync/:collection/push';
const LOGIN_ROUTE = '/auth/login';

/**
 * Prometheus metrics on a registry of this app's own (not prom-client's global one), so
 * tests that build several apps in one process do not collide. Labels are route templates
 * and registered collection names only: a raw URL would give every document its own series.
 */
export function installMetrics(app: FastifyInstance, sources: MetricSources, collections: ReadonlySet<string>): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cims_' });
  const registers = [registry];

  const latency = new Histogram({
    name: 'cims_http_request_duration_seconds',
    help: 'HTTP request latency by route template',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const pushes = new Counter({ name: 'cims_sync_pushes_total', help: 'Answered pushes', labelNames: ['collection'], registers });
  const pushRows = new Counter({ name: 'cims_sync_push_rows_total', help: 'Rows received in answered pushes', labelNames: ['collection'], registers });
  const conflicts = new Counter({ name: 'cims_sync_conflicts_total', help: 'Rows answered as conflicts (stale or refused)', labelNames: ['collection'], registers });
  const pulls = new Counter({ name: 'cims_sync_pulls_total', help: 'Answered pulls', labelNames: ['collection'], registers });
  const pullRows = new Counter({ name: 'cims_sync_pull_rows_total', help: 'Documents sent in pull answers', labelNames: ['collection'], registers });
  const throttled = new Counter({ name: 'cims_login_throttled_total', help: 'Sign-ins answered 429 by the login throttle', registers });
  new Gauge({
    name: 'cims_sync_open_streams',
    help: 'Open event streams in this process',
    registers,
    collect() {
      this.set(sources.openStreams());
    },
  });
  new Gauge({
    name: 'cims_db_pool_connections',
    help: 'Database pool connections by state (PostgreSQL only)',
    labelNames: ['state'],
    registers,
    collect() {
      const s = sources.db.poolStats?.();
      if (!s) return;
      this.set({ state: 'total' }, s.total);
      this.set({ state: 'idle' }, s.idle);
      this.set({ state: 'waiting' }, s.waiting);
      this.set({ state: 'max' }, s.max);
    },
  });
  new Gauge({
    name: 'cims_sla_scheduler_lag_seconds',
    help: 'How far the SLA scheduler is behind its period (0 = on time)',
    registers,
    collect() {
      const lag = sources.slaLagSeconds();
      if (lag !== null) this.set(lag);
    },
  });

  const collectionOf = (params: unknown): string | null => {
    const name = (params as { collection?: unknown } | undefined)?.collection;
    return typeof name === 'string' && collections.has(name) ? name : null;
  };

  // preSerialization sees the handler's answer as an object: rows are counted without
  // parsing the JSON again. Error answers (status != 200) are not counted.
  app.addHook('preSerialization', async (request, reply, payload) => {
    if (reply.statusCode !== 200) return payload;
    const route = request.routeOptions.url;
    const collection = collectionOf(request.params);
    if (!collection) return payload;
    if (route === PULL_ROUTE) {
      pulls.inc({ collection });
      pullRows.inc({ collection }, (payload as { documents?: unknown[] }).documents?.length ?? 0);
    } else if (route === PUSH_ROUTE) {
      pushes.inc({ collection });
      pushRows.inc({ collection }, (request.body as { rows?: unknown[] } | undefined)?.rows?.length ?? 0);
      conflicts.inc({ collection }, (payload as { conflicts?: unknown[] }).conflicts?.length ?? 0);
    }
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    // A stream's "latency" is its lifetime: it would only blur the histogram.
    if (route === STREAM_ROUTE) return;
    latency.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    if (route === LOGIN_ROUTE && reply.statusCode === 429) throttled.inc();
  });

  return registry;
}
