import type { FastifyInstance } from 'fastify';
import { route } from '../http/route';
import type { Registry as MetricsRegistry } from 'prom-client';
import type { Db } from '../db/db';
import { registerHealthRoutes } from './health';
import { installRequestContext } from './log-context';
import { installMetrics } from './metrics';
import { trackStreams } from './shutdown';

export interface OpsOptions {
  db: Db;
  collections: ReadonlySet<string>;
  openStreams(): number;
  metrics: boolean;
}

/** The operations side of the app, reachable as `app.ops`. */
export interface Ops {
  /** Set once a graceful stop began: /ready answers 503 so load balancers drain us. */
  readonly stopping: boolean;
  metrics: MetricsRegistry | null;
  /** The SLA scheduler's lag source, set by whoever runs the scheduler. */
  setSlaLag(source: () => number): void;
  /** Marks the process stopping and tells open streams to reconnect; returns the count told. */
  beginStop(reconnectHintMs: number): number;
}

declare module 'fastify' {
  interface FastifyInstance {
    ops: Ops;
  }
}

/** Request ids in the logs, /health, /ready, /metrics and stream tracking for graceful stop. */
export function registerOps(app: FastifyInstance, opts: OpsOptions): Ops {
  installRequestContext(app);
  const state = { stopping: false, openStreams: opts.openStreams };
  let slaLag: (() => number) | null = null;
  const streams = trackStreams(app);
  const metrics = opts.metrics ? installMetrics(app, { db: opts.db, openStreams: opts.openStreams, slaLagSeconds: () => slaLag?.() ?? null }, opts.collections) : null;
  registerHealthRoutes(app, opts.db, state);
  // Node's server.close() drops only the sockets idle at that moment; a request answered
  // after it would leave its kept-alive socket open until the keep-alive timeout and hold
  // the stop. So while stopping, every answer closes its connection.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (state.stopping) void reply.header('connection', 'close');
    return payload;
  });
  if (metrics) {
    route(app, 'metrics', async (_request, reply) => {
      const body = await metrics.metrics();
      return reply.type(metrics.contentType).send(body);
    });
  }
  const ops: Ops = {
    get stopping() {
      return state.stopping;
    },
    metrics,
    setSlaLag(source) {
      slaLag = source;
    },
    beginStop(reconnectHintMs) {
      state.stopping = true;
      return streams.hintReconnect(reconnectHintMs);
    },
  };
  app.decorate('ops', ops);
  return ops;
}
