import { join } from 'node:path';
import type { ServerConfig } from '../config';
import type { Db } from './db';
import { openPg } from './pg';
import { openPglite } from './pglite';

/** Opens PostgreSQL when DATABASE_URL is set, else PGlite with its data under the data dir. */
export function openDb(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  return config.databaseUrl ? openPg(config.databaseUrl) : openPglite(join(config.dataDir, 'pglite'));
}
