import type { ServerConfig } from './config';
import type { Db } from './db/db';
import type { AccessContext, Registry } from './sync/registry';

/** Loads the demo organisation; returns the printable logins. (Generator pending.) */
export async function loadDemo(_db: Db, _registry: Registry<AccessContext>, _config: ServerConfig): Promise<string> {
  return 'demo data: not available yet';
}
