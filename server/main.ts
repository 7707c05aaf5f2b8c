import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildServer } from './app';
import type { ServerConfig } from './config';
import type { Db } from './db/db';
import { migrate } from './db/migrate';
import { openDb } from './db/open';
import { startMaintenance } from './maintenance';
import { createLogger } from './ops/log-context';
import { installSignalHandlers as installOpsSignalHandlers } from './ops/shutdown';
import { startSlaScheduler } from './sla/scheduler';
import { startRoundGenerator } from './rounds/generator';
import { smtpMailer } from './reports/mail';
import { startPackScheduler } from './reports/packs';

export { createLogger };

export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  url: string;
  /**
   * Graceful stop: /ready turns 503, streams get a reconnect hint, then the server stops
   * accepting, finishes in-flight requests (pushes commit and are answered), ends the
   * streams and closes the database.
   */
  stop(): Promise<void>;
}

/** Opens and migrates the database, then listens. */
export async function startServer(config: ServerConfig, logger: Logger = createLogger(config), db?: Db): Promise<RunningServer> {
  const database = db ?? (await openDb(config));
  const applied = await migrate(database);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  const app = await buildServer({ db: database, config, logger });
  const scheduler = config.slaIntervalMs > 0 ? startSlaScheduler(database, app.deps.registry, logger, config.slaIntervalMs) : null;
  if (scheduler) app.ops.setSlaLag(() => scheduler.lagSeconds());
  // Maintenance rounds are generated on the same schedule, and once at start.
  const rounds = config.slaIntervalMs > 0 ? startRoundGenerator(database, app.deps.registry, logger, config.slaIntervalMs) : null;
  void rounds?.tick();
  // Monthly report packs too, once at start: a pack missed while the server was down is made now.
  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.smtpFrom) : null;
  const packs = config.slaIntervalMs > 0 ? startPackScheduler(database, app.deps.registry, logger, config.slaIntervalMs, { mailer }) : null;
  void packs?.tick();
  const stopMaintenance = startMaintenance(database, logger, undefined, app.deps.blobs);
  await app.listen({ port: config.port, host: config.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, db: database.kind }, 'server listening');
  let stopping: Promise<void> | null = null;
  return {
    app,
    db: database,
    url,
    stop() {
      stopping ??= (async () => {
        const hinted = app.ops.beginStop(config.reconnectHintMs);
        logger.info({ streams: hinted }, 'stopping: streams told to reconnect');
        stopMaintenance();
        await scheduler?.stop();
        await rounds?.stop();
        await packs?.stop();
        // Stops accepting (new requests on kept-alive sockets get 503), ends the streams in
        // preClose, and resolves once every request in flight has been answered.
        await app.close();
        logger.info('http server closed');
        await database.close();
      })();
      return stopping;
    },
  };
}

/** SIGINT/SIGTERM: graceful stop within the configured timeout; a second signal exits at once. */
export function installSignalHandlers(server: RunningServer, logger: Logger, timeoutMs = 25_000): void {
  installOpsSignalHandlers(server, logger, timeoutMs);
}
