import { DEMO_PASSWORD, generateDemoData, type DemoOptions } from '../shared/domain/demo';
import { hashPassword } from './auth/passwords';
import { createUser, findUserByName } from './auth/users';
import type { ServerConfig } from './config';
import type { Db } from './db/db';
import { writeServerDocs } from './sync/engine';
import type { AccessContext, Registry } from './sync/registry';

export { DEMO_PASSWORD };

const COLLECTION_ORDER = ['policies', 'teams', 'people', 'customers', 'assets', 'problems', 'tickets', 'ticketEvents', 'assessmentCycles', 'assessments', 'records'] as const;
const BATCH = 1000;

/**
 * Loads the domain generator's demo organisation (skipped when already loaded) and gives
 * every demo person a login with DEMO_PASSWORD. Returns the printable logins, per role.
 */
export async function loadDemo(
  db: Db,
  registry: Registry<AccessContext>,
  config: Pick<ServerConfig, 'argon2MemoryKib'>,
  options: DemoOptions = {},
): Promise<string> {
  const data = generateDemoData(options);
  const marker = data.logins[0]?.username;
  if (!marker || !(await findUserByName(db, marker))) {
    for (const name of COLLECTION_ORDER) {
      const spec = registry.get(name);
      const docs = data[name] as unknown as Record<string, unknown>[];
      if (!spec) continue;
      for (let i = 0; i < docs.length; i += BATCH) {
        await db.transaction((tx) => writeServerDocs(tx, spec, docs.slice(i, i + BATCH).map((doc) => ({ doc }))));
      }
    }
    // One hash for the shared demo password: 40 argon2id runs would only slow the start.
    const passwordHash = await hashPassword(DEMO_PASSWORD, config.argon2MemoryKib);
    for (const p of data.people) {
      if (await findUserByName(db, p.username)) continue;
      await createUser(db, { id: p.id, username: p.username, password: DEMO_PASSWORD, passwordHash, displayName: p.displayName, roles: p.roles, teamId: p.teamId }, config.argon2MemoryKib);
    }
  }
  const lines = [...data.logins]
    .sort((a, b) => a.role.localeCompare(b.role) || a.username.localeCompare(b.username))
    .map((l) => `  ${l.role.padEnd(11)} ${l.username.padEnd(20)} ${l.displayName}`);
  return [`Demo logins (password for every demo person: ${DEMO_PASSWORD}):`, ...lines].join('\n');
}
