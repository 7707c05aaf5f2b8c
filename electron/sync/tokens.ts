/**
 * Where the session's tokens live. The Electron app supplies a `safeStorage`-backed store from
 * electron/platform/; the browser harness and the tests use the 0600 file store below.
 */
import { mkdir, readFile, rename, rm, writeFile, chmod } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SessionUser } from '../../shared/sync/protocol';

export interface StoredTokens {
  serverUrl: string;
  accessToken: string;
  /** Epoch ms when the access token expires (client clock; only used to refresh early). */
  accessExpiresAt: number;
  refreshToken: string;
  user: SessionUser;
}

export interface TokenStore {
  load(): Promise<StoredTokens | null>;
  save(tokens: StoredTokens): Promise<void>;
  clear(): Promise<void>;
  /** False when the tokens live in memory only (no keychain): the user signs in at each start. */
  persistent?(): boolean;
}

function isStoredTokens(v: unknown): v is StoredTokens {
  if (v === null || typeof v !== 'object') return false;
  const t = v as Record<string, unknown>;
  return (
    typeof t.serverUrl === 'string' &&
    typeof t.accessToken === 'string' &&
    typeof t.refreshToken === 'string' &&
    typeof t.accessExpiresAt === 'number' &&
    t.user !== null &&
    typeof t.user === 'object'
  );
}

/** Plain JSON file readable only by the owner (mode 0600), written atomically. */
export function createFileTokenStore(filePath: string): TokenStore {
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(filePath, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
      try {
        const parsed: unknown = JSON.parse(text);
        return isStoredTokens(parsed) ? parsed : null;
      } catch {
        // A torn or foreign file means "signed out", never a crash at start.
        return null;
      }
    },
    async save(tokens) {
      await mkdir(dirname(filePath), { recursive: true });
      const tmp = `${filePath}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(tokens), { mode: 0o600 });
      await chmod(tmp, 0o600);
      await rename(tmp, filePath);
    },
    async clear() {
      await rm(filePath, { force: true });
    },
  };
}

/** In-memory store, for a session that must not persist (and for unit tests). */
export function createMemoryTokenStore(initial: StoredTokens | null = null): TokenStore {
  let current = initial;
  return {
    load: () => Promise.resolve(current),
    save: (t) => {
      current = t;
      return Promise.resolve();
    },
    clear: () => {
      current = null;
      return Promise.resolve();
    },
  };
}
