/**
 * The default blob store: files in a folder under the server's data directory. Writes go to
 * a temporary file, are flushed to disk and renamed into place, so a crash never leaves a
 * half-written blob under its final name.
 */
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { assertKey, type BlobStore } from './store';

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

export const folderBlobStore = (root: string): BlobStore => {
  const pathOf = (key: string) => join(root, ...assertKey(key).split('/').filter(Boolean));
  return {
    kind: 'folder',
    async put(key, bytes) {
      const file = pathOf(key);
      await mkdir(dirname(file), { recursive: true });
      const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await open(temp, 'w', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async size(key) {
      try {
        return (await stat(pathOf(key))).size;
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async list(prefix) {
      const out: { key: string; size: number; modifiedAt: number }[] = [];
      const walk = async (dir: string, keyPrefix: string): Promise<void> => {
        let names: string[];
        try {
          names = await readdir(dir);
        } catch (error) {
          if (missing(error)) return;
          throw error;
        }
        for (const name of names) {
          if (name.endsWith('.tmp')) continue;
          const info = await stat(join(dir, name)).catch(() => null);
          if (info?.isFile()) out.push({ key: `${keyPrefix}${name}`, size: info.size, modifiedAt: info.mtimeMs });
          else if (info?.isDirectory()) await walk(join(dir, name), `${keyPrefix}${name}/`);
        }
      };
      await walk(pathOf(prefix), prefix);
      return out;
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
};
