/**
 * What the user can do when the local store is damaged (RELIABILITY D4):
 * - export the unsynced work that can still be read, with the photos and signatures it names
 *   when their bytes are on this device, to a JSON file in a folder of the user's choice;
 * - set the damaged file aside (renamed with a time stamp, never deleted) so that the next
 *   start creates a fresh store and the replication downloads everything again. The session
 *   and the server address live outside the store (session file or keychain, settings), so
 *   the user stays signed in.
 */
import { copyFile, mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { RecoveryExportResult, RecoveryState } from '../../../shared/api/recovery';
import { DomainError } from '../../core/errors';
import { salvageUnsynced } from './salvage';

export const EXPORT_FORMAT = 'cims-unsynced-export';

export interface RecoveryServiceOptions {
  /** The client data folder (the store, attachments and settings are in it). */
  dataDir: string;
  /** The damaged store file. */
  file: string;
  /** Why the store could not be opened (a StorageError code). */
  reason: string;
  /** The folder the export goes to; null when the user cancelled the choice. */
  chooseExportFolder: () => Promise<string | null>;
  now?: () => Date;
}

export interface RecoveryService {
  state(): RecoveryState;
  watch(emit: (state: RecoveryState) => void): () => void;
  exportUnsynced(): Promise<RecoveryExportResult>;
  /** Renames the damaged file (and its WAL) aside; returns the new name. */
  setAside(): Promise<string>;
}

const stamp = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** Every `sha256` value in a document (photos and signatures name their bytes so). */
const blobsOf = (value: unknown, out: Set<string>): Set<string> => {
  if (Array.isArray(value)) for (const v of value) blobsOf(v, out);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'sha256' && typeof v === 'string' && /^[0-9a-f]{64}$/.test(v)) out.add(v);
      else blobsOf(v, out);
    }
  }
  return out;
};

export const createRecoveryService = (options: RecoveryServiceOptions): RecoveryService => {
  const now = options.now ?? (() => new Date());
  let current: RecoveryState = { mode: 'recovery', file: options.file, reason: options.reason, busy: null, lastExport: null, setAsideAs: null };
  const listeners = new Set<(state: RecoveryState) => void>();
  const update = (patch: Partial<RecoveryState>) => {
    current = { ...current, ...patch };
    for (const listener of listeners) listener(current);
  };
  const guard = async <T>(busy: NonNullable<RecoveryState['busy']>, run: () => Promise<T>): Promise<T> => {
    if (current.busy) throw new DomainError('CONFLICT', `Recovery is busy: ${current.busy}`);
    if (current.setAsideAs) throw new DomainError('CONFLICT', 'The damaged file was already set aside');
    update({ busy });
    try {
      return await run();
    } finally {
      update({ busy: null });
    }
  };

  return {
    state: () => current,
    watch(emit) {
      listeners.add(emit);
      emit(current);
      return () => listeners.delete(emit);
    },

    exportUnsynced: () =>
      guard('exporting', async () => {
        const folder = await options.chooseExportFolder();
        if (!folder) return { cancelled: true, file: null, saved: 0, unreadable: 0, attachments: 0 } satisfies RecoveryExportResult;
        const { unsynced, unreadable, bookkeeping } = salvageUnsynced(options.file);
        const name = `cims-unsynced-${stamp(now())}`;
        await mkdir(folder, { recursive: true });
        const blobs = blobsOf(unsynced, new Set());
        let attachments = 0;
        if (blobs.size > 0) {
          const blobDir = join(folder, `${name}-attachments`);
          await mkdir(blobDir, { recursive: true });
          for (const sha of blobs) {
            const source = join(options.dataDir, 'attachments', sha.slice(0, 2), sha);
            if (!existsSync(source)) continue;
            await copyFile(source, join(blobDir, sha));
            attachments++;
          }
        }
        const file = join(folder, `${name}.json`);
        const body = {
          format: EXPORT_FORMAT,
          version: 1,
          exportedAt: now().toISOString(),
          source: basename(options.file),
          // False: the replication's records were unreadable or absent, so every readable document is included.
          syncRecordsRead: bookkeeping,
          unreadableRows: unreadable,
          documents: unsynced,
        };
        await writeFile(file, `${JSON.stringify(body, null, 2)}\n`, { flag: 'wx' });
        const result: RecoveryExportResult = { cancelled: false, file, saved: unsynced.length, unreadable, attachments };
        update({ lastExport: result });
        return result;
      }),

    setAside: () =>
      guard('setting-aside', async () => {
        const target = join(dirname(options.file), `${basename(options.file)}.damaged-${stamp(now())}`);
        if (existsSync(target)) throw new DomainError('CONFLICT', `A file named ${target} already exists`);
        await stat(options.file);
        // The WAL and shared-memory files belong to the damaged file: they go with it.
        for (const suffix of ['-wal', '-shm']) {
          if (existsSync(options.file + suffix)) await rename(options.file + suffix, target + suffix);
        }
        await rename(options.file, target);
        // The clean-close record describes the old file; the new one must be checked when opened.
        if (existsSync(`${options.file}-closed`)) await rename(`${options.file}-closed`, `${target}-closed`);
        update({ setAsideAs: target });
        return target;
      }),
  };
};

/** The export folder of the browser harness, which has no file dialog. */
export const defaultExportFolder = (dataDir: string): string => join(dataDir, 'exports');
