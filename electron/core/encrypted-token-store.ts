/**
 * Tokens at rest, encrypted by the operating system's keychain (Electron's safeStorage in the
 * app). The cipher is passed in so this file runs in plain Node and is tested with a real
 * AES cipher; electron/platform/token-store.ts supplies safeStorage.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { StoredTokens, TokenStore } from '../sync/tokens';

export interface StringCipher {
  /** False where the OS offers no keychain: then nothing is written to disk at all. */
  isAvailable(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(encrypted: Buffer): string;
}

export const createEncryptedTokenStore = (filePath: string, cipher: StringCipher): TokenStore => {
  // Without a keychain the session lives in memory only: the user signs in at each start,
  // rather than leaving a refresh token readable on disk.
  let memory: StoredTokens | null = null;
  return {
    async load() {
      if (!cipher.isAvailable()) return memory;
      let data: Buffer;
      try {
        data = await readFile(filePath);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      try {
        const parsed = JSON.parse(cipher.decrypt(data)) as StoredTokens;
        return typeof parsed.refreshToken === 'string' && typeof parsed.serverUrl === 'string' ? parsed : null;
      } catch {
        // Another user's keychain, a torn write or a foreign file: signed out, not a crash.
        return null;
      }
    },
    async save(tokens) {
      if (!cipher.isAvailable()) {
        memory = tokens;
        return;
      }
      await mkdir(dirname(filePath), { recursive: true });
      const temp = `${filePath}.${process.pid}.tmp`;
      await writeFile(temp, cipher.encrypt(JSON.stringify(tokens)), { mode: 0o600 });
      await rename(temp, filePath);
    },
    async clear() {
      memory = null;
      await rm(filePath, { force: true });
    },
    persistent: () => cipher.isAvailable(),
  };
};
