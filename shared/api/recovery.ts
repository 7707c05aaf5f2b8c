import { z } from 'zod';
import { command, liveQuery, slice } from './define';

/** The outcome of "export unsynced work". */
export interface RecoveryExportResult {
  /** The user closed the folder choice: nothing was written. */
  cancelled: boolean;
  /** The export file written, null when cancelled. */
  file: string | null;
  /** Unsynced documents written to the file. */
  saved: number;
  /** Rows of the damaged file that could not be read. */
  unreadable: number;
  /** Photos and signatures copied beside the file. */
  attachments: number;
}

/**
 * Whether the app started on a damaged local store (RELIABILITY D4). In `recovery` mode only
 * the recovery commands work; after "download again" the app continues in `normal` mode on
 * a fresh store.
 */
export interface RecoveryState {
  mode: 'normal' | 'recovery';
  /** The damaged store file. */
  file: string | null;
  /** Why it could not be opened (a storage error code, e.g. STORAGE_CORRUPT). */
  reason: string | null;
  busy: 'exporting' | 'setting-aside' | 'starting' | null;
  lastExport: RecoveryExportResult | null;
  /** Where the damaged file was moved, once "download again" ran. */
  setAsideAs: string | null;
}

export const NORMAL_START: RecoveryState = { mode: 'normal', file: null, reason: null, busy: null, lastExport: null, setAsideAs: null };

/** Recovery from a damaged local store: export what is unsynced, or download everything again. */
export const recoveryApi = slice({
  commands: {
    'recovery.exportUnsynced': command<RecoveryExportResult>()(z.object({}).strict()),
    'recovery.downloadAgain': command<{ setAsideAs: string }>()(z.object({}).strict()),
  },
  liveQueries: {
    'recovery.state': liveQuery<RecoveryState>()(z.object({}).strict()),
  },
});
