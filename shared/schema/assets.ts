import { z } from 'zod';
import type { MigrationStrategies } from './builder';
import { ASSET_CUSTODY_EVENTS, ASSET_KINDS, ASSET_LIFECYCLE_STATES, ASSET_OWNERSHIPS, ASSET_STATUSES, type AssetLifecycleState, type AssetStatus } from './enums';
import { id, localDate, name, refOrNone, text, timestamps } from './primitives';

/** The fields of schema version 0, kept so that its migration and its tests can name them. */
const assetFieldsV0 = {
  ...timestamps,
  assetCode: name(40),
  serial: name(80),
  rfidTag: text(64),
  model: name(80),
  productLine: name(60),
  kind: z.enum(ASSET_KINDS),
  customerId: id(),
  siteId: id(),
  parentId: id().nullable(),
  installDate: localDate(),
  warrantyEnd: localDate().nullable(),
  status: z.enum(ASSET_STATUSES),
};

// Installed base (seed: 资产管理, 资产编码, RFID): rack -> shelf -> board at a customer site.
/** Version 0, as released before lifecycle and custody (history.ts keeps its definition). */
export const assetSchemaV0 = z.strictObject(assetFieldsV0);
export type AssetV0 = z.infer<typeof assetSchemaV0>;

/** One step of an asset's life: when (a date), who (a person id, '' when not known) and why. */
export const lifecycleEntrySchema = z.strictObject({
  state: z.enum(ASSET_LIFECYCLE_STATES),
  at: localDate(),
  by: refOrNone(),
  note: text(500),
});
export type AssetLifecycleEntry = z.infer<typeof lifecycleEntrySchema>;

/** A custody event of customer property in our hands (received, moved, returned). */
export const custodyEntrySchema = z.strictObject({
  event: z.enum(ASSET_CUSTODY_EVENTS),
  at: localDate(),
  by: refOrNone(),
  note: text(500),
});
export type AssetCustodyEntry = z.infer<typeof custodyEntrySchema>;

/** The current version (1). */
export const ASSET_SCHEMA_VERSION = 1;
export const assetSchema = z.strictObject({
  ...assetFieldsV0,
  // v1: whose property it is; 'customer' assets in our custody carry custody events.
  ownership: z.enum(ASSET_OWNERSHIPS),
  // v1: end of the service contract covering the asset (warrantyEnd is the vendor's).
  contractEnd: localDate().nullable(),
  // v1: the history of lifecycle states, oldest first; `status` stays the current
  // operational state that queries and reports filter on.
  lifecycle: z.array(lifecycleEntrySchema).max(200),
  custody: z.array(custodyEntrySchema).max(200),
});
export type Asset = z.infer<typeof assetSchema>;

/** The lifecycle state an operational status stands for when no history is known. */
const LIFECYCLE_OF_STATUS: Record<AssetStatus, AssetLifecycleState | null> = {
  in_service: 'in_service',
  under_repair: 'under_maintenance',
  retired: 'retired',
  spare: null,
};

/**
 * v0 -> v1. Pure, no lookups. Spares are ours, everything else is the customer's installed
 * base; the history is "registered" on the creation date, then the state the status stands
 * for (in service from the install date; under maintenance or retired from the last change).
 * The server's migration 9 (server/db/migrations.ts) computes the same values in SQL, so a
 * synced asset migrated here still equals the server's copy.
 */
export const migrateAssetV0ToV1 = (doc: AssetV0): Asset => {
  const lifecycle: Asset['lifecycle'] = [{ state: 'registered', at: doc.createdAt.slice(0, 10), by: '', note: '' }];
  const current = LIFECYCLE_OF_STATUS[doc.status];
  if (current) lifecycle.push({ state: current, at: current === 'in_service' ? doc.installDate : doc.updatedAt.slice(0, 10), by: '', note: '' });
  return { ...doc, ownership: doc.status === 'spare' ? 'ours' : 'customer', contractEnd: null, lifecycle, custody: [] };
};

/** Keyed by the version each strategy produces (RxDB's `migrationStrategies`). */
export const assetMigrations: MigrationStrategies = {
  1: (doc) => migrateAssetV0ToV1(doc as AssetV0),
};
