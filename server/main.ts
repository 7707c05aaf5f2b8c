import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { buildServer } from './app';
import type { ServerConfig } from './config';
import type { Db } from './db/db';
import { migrate } from './db/migrate';
import { openDb } from './db/open';
import { startMaintenance } from './maintenance';
import { startSlaScheduler } from './sla/scheduler';

export function createLogger(config: Pick<ServerConfig, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'cims-server' } });
}

export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  url: string;
  /** Stops accepting, finishes in-flight requests, ends streams, closes the database. */
  stop(): Promise<void>;
}

/** Opens and migrates the database, then listens. */
export async function startServer(config: ServerConfig, logger: Logger = createLogger(config), db?: Db): Promise<RunningServer> {
  const database = db ?? (await openDb(config));
  const applied = await migrate(database);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  const app = await buildServer({ db: database, config, logger });
  const scheduler = config.slaIntervalMs > 0 ? startSlaScheduler(database, app.deps.registry, logger, config.slaIntervalMs) : null;
  const stopMaintenance = startMaintenance(database, logger);
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
        stopMaintenance();
        await scheduler?.stop();
        await app.close();
        await database.close();
      })();
      return stopping;
    },
  };
}

/** SIGINT/SIGTERM: graceful stop; a second signal exits at once. */
export function installSignalHandlers(server: RunningServer, logger: Logger): void {
  let signalled = false;
  const onSignal = (signal: string) => {
    if (signalled) process.exit(1);
    signalled = true;
    logger.info({ signal }, 'shutting down');
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}
