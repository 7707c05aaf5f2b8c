import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredTokens } from '../sync/tokens';
import { createEncryptedTokenStore, type StringCipher } from './encrypted-token-store';

/** A real AES-256-GCM cipher standing in for the OS keychain (safeStorage needs Electron). */
const aesCipher = (key = randomBytes(32)): StringCipher => ({
  isAvailable: () => true,
  encrypt: (plain) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  },
  decrypt: (data) => {
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
    decipher.setAuthTag(data.subarray(12, 28));
    return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
  },
});

const tokens: StoredTokens = {
  serverUrl: 'http://127.0.0.1:8787',
  accessToken: 'access-secret-value',
  accessExpiresAt: 1_800_000_000_000,
  refreshToken: 'refresh-secret-value-0123456789',
  user: { id: 'u1', username: 'li.wei', displayName: '李伟', roles: ['technician'], teamId: 't1' },
};

describe('encrypted token store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-tokens-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps tokens encrypted at rest and reads them back', async () => {
    const file = join(dir, 'session.bin');
    const store = createEncryptedTokenStore(file, aesCipher());
    await store.save(tokens);
    const raw = await readFile(file);
    expect(raw.toString('latin1')).not.toContain('refresh-secret-value');
    expect(((await stat(file)).mode & 0o777).toString(8)).toBe('600');
    expect(await store.load()).toEqual(tokens);
    await store.clear();
    expect(await store.load()).toBeNull();
  });

  it('treats a file it cannot decrypt as signed out', async () => {
    const file = join(dir, 'session.bin');
    await createEncryptedTokenStore(file, aesCipher()).save(tokens);
    expect(await createEncryptedTokenStore(file, aesCipher()).load()).toBeNull();
    await writeFile(file, 'garbage');
    expect(await createEncryptedTokenStore(file, aesCipher()).load()).toBeNull();
  });

  it('writes nothing to disk without a keychain, and keeps the session in memory', async () => {
    const file = join(dir, 'session.bin');
    const store = createEncryptedTokenStore(file, { ...aesCipher(), isAvailable: () => false });
    await store.save(tokens);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await store.load()).toEqual(tokens);
    // The session service tells the user (sign-in dialog) that they will sign in at each start.
    expect([store.persistent?.(), createEncryptedTokenStore(file, aesCipher()).persistent?.()]).toEqual([false, true]);
  });
});
