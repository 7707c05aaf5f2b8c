import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { buildServer, redactUrl } from './app';
import { testConfig } from './config';
import { testRegistry } from './testing/test-registry';
import { migrate } from './db/migrate';
import { pruneOnce } from './maintenance';
import { createTestDb, type TestDb } from './testing/test-db';

describe('maintenance', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb('pglite');
    await migrate(t.db);
  });
  afterAll(async () => t.drop());

  it('drops old push answers and dead refresh tokens, keeps recent ones', async () => {
    await t.db.query(`insert into sync_pushes (user_id, push_id, collection, created_at) values ('u', 'old-push-1', 'c', now() - interval '31 days'), ('u', 'new-push-1', 'c', now())`);
    await t.db.query(`insert into users (id, username, display_name, password_hash, roles) values ('u', 'ann', 'Ann', 'x', '{technician}')`);
    await t.db.query(
      `insert into refresh_tokens (user_id, token_hash, expires_at, revoked_at) values
       ('u', 'expired', now() - interval '1 hour', null), ('u', 'revoked', now() + interval '1 day', now() - interval '8 days'), ('u', 'live', now() + interval '1 day', null)`,
    );
    expect(await pruneOnce(t.db)).toEqual({ pushes: 1, tokens: 2 });
    expect((await t.db.query<{ push_id: string }>('select push_id from sync_pushes')).rows.map((r) => r.push_id)).toEqual(['new-push-1']);
    expect((await t.db.query<{ token_hash: string }>('select token_hash from refresh_tokens')).rows.map((r) => r.token_hash)).toEqual(['live']);
  });

  it('redacts access tokens from logged URLs', async () => {
    expect(redactUrl('/sync/tickets/stream?v=1&access_token=abc.def.ghi')).toBe('/sync/tickets/stream?v=1&access_token=[redacted]');
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) });
    const app = await buildServer({ db: t.db, config: testConfig(), logger, registry: testRegistry() });
    await app.inject({ method: 'GET', url: '/sync/items/stream?v=1&access_token=very-secret-token' });
    await app.close();
    expect(lines.join('')).toContain('access_token=[redacted]');
    expect(lines.join('')).not.toContain('very-secret-token');
  });
});
