import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

const STREAM_ROUTE = '/sync/:collection/stream';

/**
 * Open event streams, so a stopping server can tell each client to reconnect before the
 * stream ends. Tracked here by route rather than inside the stream handler, which stays the
 * sync routes' business.
 */
export function trackStreams(app: FastifyInstance): { hintReconnect(retryMs: number): number } {
  const open = new Set<ServerResponse>();
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== STREAM_ROUTE) return;
    const raw = reply.raw;
    open.add(raw);
    raw.on('close', () => open.delete(raw));
  });
  return {
    /**
     * Sends `event: reconnect` with an SSE `retry:` delay, spread over ±50% so the clients of
     * a stopping process do not all land on the other replicas at once. The event has no
     * data line: clients that do not know it skip it, and all of them reconnect when the
     * stream then ends (and get RESYNC from the server they reach). Returns the count.
     */
    hintReconnect(retryMs: number) {
      let n = 0;
      for (const raw of open) {
        if (!raw.headersSent || raw.writableEnded) continue;
        const retry = Math.round(retryMs * (0.5 + Math.random()));
        raw.write(`event: reconnect\nretry: ${retry}\n\n`);
        n++;
      }
      return n;
    },
  };
}

/**
 * SIGTERM / SIGINT: graceful stop, then exit 0. A stop that outlives `timeoutMs` exits 1
 * (the orchestrator would kill the process anyway; exiting ourselves leaves a log line), and
 * a second signal exits at once.
 */
export function installSignalHandlers(server: { stop(): Promise<void> }, logger: Logger, timeoutMs: number): void {
  let signalled = false;
  const onSignal = (signal: string) => {
    if (signalled) process.exit(1);
    signalled = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'graceful stop timed out');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    server.stop().then(
      () => {
        logger.info('stopped');
        // pino writes asynchronously to stdout: flush before exiting.
        logger.flush(() => process.exit(0));
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}
