import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileTokenStore } from './tokens';
import type { StoredTokens } from './tokens';

function someTokens(overrides: Partial<StoredTokens> = {}): StoredTokens {
  return {
    serverUrl: 'http://127.0.0.1:1',
    accessToken: 'access',
    accessExpiresAt: 123,
    refreshToken: 'refresh-token-0123456789',
    user: { id: 'u1', username: 'li.wei', displayName: 'Li Wei', roles: ['technician'], teamId: null },
    ...overrides,
  };
}

describe('createFileTokenStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-tokens-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('saves with mode 0600, loads back, clears', async () => {
    const file = join(dir, 'nested', 'session.json');
    const store = createFileTokenStore(file);
    expect(await store.load()).toBeNull();
    await store.save(someTokens());
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await store.load()).toEqual(someTokens());
    await store.save(someTokens({ accessToken: 'next' }));
    expect((await store.load())?.accessToken).toBe('next');
    await store.clear();
    expect(await store.load()).toBeNull();
    await store.clear();
  });

  it('treats a torn or foreign file as signed out', async () => {
    const file = join(dir, 'session.json');
    await writeFile(file, '{"serverUrl": "x", "accessTo');
    expect(await createFileTokenStore(file).load()).toBeNull();
    await writeFile(file, JSON.stringify({ hello: 'world' }));
    expect(await createFileTokenStore(file).load()).toBeNull();
    expect(await readFile(file, 'utf8')).toContain('hello');
  });
});
