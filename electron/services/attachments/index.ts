/**
 * Wires the attachment feature in main: the local store, the upload queue (kicked at start
 * and whenever the sync comes online) and the service behind the contract's commands.
 */
import type { SyncStatusView } from '../../../shared/api/sync';
import type { SessionUser } from '../../../shared/sync/protocol';
import type { SettingsStore } from '../../core/settings';
import type { CimsDatabase } from '../../db/open';
import type { SyncHttpClient } from '../../sync/http';
import { openLocalBlobStore } from './local-store';
import { createAttachmentService, type AttachmentService } from './service';
import { createUploader } from './uploader';

export interface AttachmentsFeature {
  service: AttachmentService;
  close(): Promise<void>;
}

export const openAttachments = async (o: {
  dataDir: string;
  db: CimsDatabase;
  settings: SettingsStore;
  user: () => SessionUser | null;
  client: () => SyncHttpClient | null;
  watchStatus: (emit: (status: SyncStatusView) => void) => () => void;
  log?: (message: string, error?: unknown) => void;
}): Promise<AttachmentsFeature> => {
  const store = await openLocalBlobStore(o.dataDir);
  const uploader = createUploader({ store, client: o.client, ...(o.log ? { log: o.log } : {}) });
  const service = createAttachmentService({ db: o.db, settings: o.settings, store, uploader, user: o.user, client: o.client });
  let last: SyncStatusView['state'] | null = null;
  const stop = o.watchStatus((status) => {
    // Online again (or first sync done): whatever waits goes now.
    if (status.state === 'online' && last !== 'online') uploader.kick();
    last = status.state;
  });
  uploader.kick();
  return {
    service,
    async close() {
      stop();
      await uploader.close();
      await store.close();
    },
  };
};
