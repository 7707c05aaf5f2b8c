/**
 * Errors the storage raises for conditions a caller must handle differently from a bug:
 * the UI offers "free disk space", "choose another folder" or "re-sync from server"
 * depending on `code`. The SQLite error is kept as `cause`.
 */
export type StorageErrorCode =
  | 'STORAGE_CORRUPT'
  | 'STORAGE_DISK_FULL'
  | 'STORAGE_DIR_UNAVAILABLE'
  | 'STORAGE_IO_ERROR'
  | 'STORAGE_SCHEMA_MISMATCH';

export class StorageError extends Error {
  readonly code: StorageErrorCode;
  readonly path: string | undefined;

  constructor(code: StorageErrorCode, message: string, options: { path?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StorageError';
    this.code = code;
    this.path = options.path;
  }
}

export function sqliteCodeOf(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return '';
}

/**
 * Maps an error thrown by the driver to a StorageError when it is one of the conditions
 * above; anything else (a bug, a constraint) is returned unchanged.
 */
export function toStorageError(err: unknown, path: string, action: string): unknown {
  if (err instanceof StorageError) return err;
  const code = sqliteCodeOf(err);
  const detail = err instanceof Error ? err.message : String(err);
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_') || code === 'SQLITE_NOTADB') {
    return new StorageError('STORAGE_CORRUPT', `Database file is corrupt (${action}): ${path}: ${detail}`, { path, cause: err });
  }
  if (code === 'SQLITE_FULL') {
    return new StorageError('STORAGE_DISK_FULL', `Disk full, nothing was written (${action}): ${path}`, { path, cause: err });
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new StorageError('STORAGE_IO_ERROR', `Disk I/O error (${action}): ${path}: ${detail}`, { path, cause: err });
  }
  if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_CANTOPEN_') || code.startsWith('SQLITE_READONLY')) {
    return new StorageError('STORAGE_DIR_UNAVAILABLE', `Database folder cannot be written (${action}): ${path}: ${detail}`, {
      path,
      cause: err,
    });
  }
  return err;
}
