/**
 * One maintenance round on the demo organisation, and desktops to work it: a real SQLite
 * store with settings and attachments (local blob store, attachment service, upload queue).
 * Shared by the round blob tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dueRounds, roundDraft } from '../../shared/domain/maintenance';
import { aCustomer, anAsset, newId } from '../../shared/domain/testing/builders';
import { aChecklistTemplate, aMaintenancePlan, SAMPLE_ITEMS } from '../../shared/domain/testing/maintenance';
import type { Person } from '../../shared/schema';
import type { SessionUser } from '../../shared/sync/protocol';
import { cimsOrg } from '../../server/testing/cims-org';
import type { TestServer } from '../../server/testing/harness';
import { openSettings, type SettingsStore } from '../../electron/core/settings';
import { openDatabase, type CimsDatabase } from '../../electron/db/open';
import { createSyncHttpClient, type SyncHttpClient } from '../../electron/sync/http';
import { createMemoryTokenStore } from '../../electron/sync/tokens';
import { openLocalBlobStore, type LocalBlobStore } from '../../electron/services/attachments/local-store';
import { createAttachmentService, type AttachmentService } from '../../electron/services/attachments/service';
import { createUploader, type Uploader } from '../../electron/services/attachments/uploader';
import { createFolderBlobStore, type BlobStore } from '../../electron/services/fieldwork/blobs';
import { roundBlobStore } from '../../electron/services/maintenance/blobs';
import type { MaintenanceViewer } from '../../electron/services/maintenance/store';

export const PASSWORD = 'a good password 1';
export const org = cimsOrg();
export const person = (key: 'tech' | 'M' | 'tech2'): Person => org.people.find((p) => p.id === org.id[key])!;
export const sessionUser = (p: Person): SessionUser => ({
  id: p.id,
  username: p.username,
  displayName: p.displayName,
  roles: p.roles,
  teamId: p.teamId,
});
export const viewerOf = (p: Person): MaintenanceViewer => ({
  id: p.id,
  displayName: p.displayName,
  roles: p.roles,
  teamId: p.teamId,
  managedTeams: [],
});
export const dataUrl = (bytes: Uint8Array) =>
  `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;
export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export const site = newId();
export const customer = aCustomer({
  id: newId(),
  sites: [
    { id: site, name: 'Hangzhou 机房 1', region: 'cn-east', timeZone: 'Asia/Shanghai', address: 'Hangzhou' },
  ],
});
export const asset = anAsset({ id: newId(), assetCode: 'OLT-0001', customerId: customer.id, siteId: site });
export const template = aChecklistTemplate({ body: { items: [SAMPLE_ITEMS[0]!], updatedBy: org.id.M } });
export const plan = aMaintenancePlan({
  ref: template.id,
  ref2: org.id.T1,
  body: {
    customerId: customer.id,
    siteId: site,
    assetIds: [asset.id],
    startDate: '2026-03-10',
    updatedBy: org.id.M,
  },
});
export const round = roundDraft(
  plan,
  dueRounds(plan.body, '2026-03-01', '2026-03-31')[0]!,
  '2026-03-01T00:00:00.000Z',
);

/** One desktop: its SQLite store, settings, attachments (local store, service, upload queue). */
export interface Device {
  dir: string;
  db: CimsDatabase;
  settings: SettingsStore;
  local: LocalBlobStore;
  uploader: Uploader;
  attachments: AttachmentService;
  folder: BlobStore;
  blobs: BlobStore;
  client: SyncHttpClient | null;
}

export const openAttachmentsOf = async (
  d: Pick<Device, 'dir' | 'db' | 'settings'> & { client: SyncHttpClient | null },
  user: Person,
) => {
  const local = await openLocalBlobStore(d.dir);
  const device = d as Device;
  const uploader = createUploader({ store: local, client: () => device.client, retryMs: 60_000 });
  const attachments = createAttachmentService({
    db: d.db,
    settings: d.settings,
    store: local,
    uploader,
    user: () => sessionUser(user),
    client: () => device.client,
  });
  const folder = createFolderBlobStore(join(d.dir, 'maintenance-blobs'));
  Object.assign(device, { local, uploader, attachments, folder, blobs: roundBlobStore(attachments, folder) });
  return device;
};

export const openDevice = async (user: Person): Promise<Device> => {
  const dir = await mkdtemp(join(tmpdir(), 'cims-round-blobs-'));
  const db = await openDatabase({ directory: dir });
  const settings = await openSettings(dir);
  await db.teams.bulkInsert(org.teams);
  await db.people.bulkInsert(org.people);
  await db.customers.insert(customer);
  await db.assets.insert(asset);
  await db.records.bulkInsert([template, plan, round]);
  return openAttachmentsOf({ dir, db, settings, client: null }, user);
};

export const closeAttachments = async (d: Device) => {
  await d.uploader.close();
  await d.local.close();
};
export const closeDevice = async (d: Device) => {
  await closeAttachments(d);
  await d.db.close();
  await rm(d.dir, { recursive: true, force: true });
};

export const signedIn = async (server: TestServer, user: Person): Promise<SyncHttpClient> => {
  const client = createSyncHttpClient({
    serverUrl: server.url,
    tokenStore: createMemoryTokenStore(),
    timeoutMs: 5000,
  });
  await client.login(user.username, PASSWORD);
  return client;
};
