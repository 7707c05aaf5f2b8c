/**
 * The installation's facts for support ("copy diagnostics" in the About screen): versions,
 * platform, store size and document counts, sync state. Nothing personal is collected: no
 * names, no server address, no document contents.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppInfo, Diagnostics } from '../../../shared/api/app';
import type { SyncStatusView } from '../../../shared/api/sync';
import { COLLECTION_NAMES } from '../../../shared/schema';
import { SYNC_PROTOCOL_VERSION } from '../../../shared/sync/protocol';
import type { CimsDatabase } from '../../db/open';

export interface DiagnosticsSources {
  version: string;
  shell: AppInfo['shell'];
  dataDir: string;
  db: CimsDatabase;
  syncStatus: () => SyncStatusView;
  signedIn: () => boolean;
  now?: () => Date;
}

/** The store's files: the SQLite database with its journal, whatever their names. */
const STORE_FILE = /\.(sqlite|db)(-wal|-shm|-journal)?$/i;

const storeBytes = async (dir: string): Promise<number> => {
  const names = await readdir(dir).catch(() => [] as string[]);
  const sizes = await Promise.all(names.filter((n) => STORE_FILE.test(n)).map((n) => stat(join(dir, n)).then((s) => s.size, () => 0)));
  return sizes.reduce((a, b) => a + b, 0);
};

export const collectDiagnostics = async (src: DiagnosticsSources): Promise<Diagnostics> => {
  const counts = await Promise.all(
    COLLECTION_NAMES.map(async (name) => [name, await (src.db.collections as unknown as Record<string, { count(): { exec(): Promise<number> } }>)[name]!.count().exec()] as const),
  );
  const status = src.syncStatus();
  return {
    app: { version: src.version, shell: src.shell, syncProtocol: SYNC_PROTOCOL_VERSION },
    platform: { os: process.platform, arch: process.arch, node: process.versions.node, electron: process.versions.electron ?? null },
    store: { bytes: await storeBytes(src.dataDir), documents: Object.fromEntries(counts) },
    sync: {
      state: status.state,
      signedIn: src.signedIn(),
      lastSuccessAt: status.lastSuccessAt,
      pendingLocalChanges: status.pendingLocalChanges,
      lastErrorCode: status.lastError?.code ?? null,
    },
    generatedAt: (src.now ?? (() => new Date()))().toISOString(),
  };
};
