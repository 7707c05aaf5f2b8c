/**
 * Writes of the asset registry on the local store: register and edit an asset, add a
 * lifecycle step or a custody event, import CSV rows. Every rule is checked before anything
 * is written (a refused save leaves the store as it was); the sync pushes the result and the
 * server checks codes, tags and cycles again (server/access/assets.ts).
 */
import type { z } from 'zod';
import type { assetFieldsInput } from '../../../shared/api/assets';
import type { FieldIssue } from '../../../shared/api/result';
import {
  custodyEventError,
  duplicateKeys,
  lifecycleStepError,
  STATUS_OF_LIFECYCLE,
} from '../../../shared/domain/assets';
import { checkAssetRows, type AssetCsvRow, type CheckedAssetRow } from '../../../shared/domain/assetCsv';
import {
  validateDocument,
  type Asset,
  type AssetCustodyEvent,
  type AssetLifecycleState,
  type AssetStatus,
  type Customer,
} from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import { DomainError } from '../../core/errors';
import type { SettingsStore } from '../../core/settings';
import { newId } from '../../core/settings';
import type { CimsDatabase } from '../../db/open';
import { importLookup, keyLookupFor, wouldCycleInStore } from './lookup';
import { createUnknownCodes } from './unknown';

type Fields = z.output<typeof assetFieldsInput>;

/** Roles that register and change assets (the server's rule for the collection). */
export const ASSET_EDITORS = ['admin', 'manager', 'expert', 'engineer', 'technician'];
export const mayEditAssets = (user: SessionUser | null): boolean =>
  user === null || user.roles.some((r) => ASSET_EDITORS.includes(r));

const invalid = (issues: FieldIssue[]) =>
  new DomainError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
const issue = (path: string, code: string): FieldIssue => ({ path, code, message: code });

export const createAssetCommands = (
  db: CimsDatabase,
  settings: SettingsStore,
  currentUser: () => SessionUser | null,
  clock: () => Date = () => new Date(),
) => {
  const unknown = createUnknownCodes(db, settings, currentUser, clock);
  const actor = () => currentUser()?.id ?? settings.get().localPersonId;
  const today = () => clock().toISOString().slice(0, 10);
  const guardRole = () => {
    if (!mayEditAssets(currentUser())) throw new DomainError('FORBIDDEN', 'role may not change assets');
  };
  const load = async (id: string): Promise<Asset> => {
    const doc = await db.assets.findOne(id).exec();
    if (!doc) throw new DomainError('NOT_FOUND', `asset ${id} is not here`, [issue('id', 'notFound')]);
    return doc.toJSON() as Asset;
  };

  /** The rules over other documents: customer and site, parent, unique keys, no cycle. */
  const fieldIssues = async (id: string, f: Fields): Promise<FieldIssue[]> => {
    const issues: FieldIssue[] = [];
    const customer = (await db.customers.findOne(f.customerId).exec())?.toJSON() as Customer | undefined;
    if (!customer) issues.push(issue('customerId', 'unknownCustomer'));
    else if (!customer.sites.some((s) => s.id === f.siteId)) issues.push(issue('siteId', 'unknownSite'));
    if (f.parentId) {
      const parent = (await db.assets.findOne(f.parentId).exec())?.toJSON() as Asset | undefined;
      if (f.parentId === id || (await wouldCycleInStore(db, id, f.parentId)))
        issues.push(issue('parentId', 'parentCycle'));
      else if (!parent) issues.push(issue('parentId', 'unknownParent'));
      else if (
        parent.siteId !== f.siteId &&
        !issues.some((i) => i.path === 'siteId' || i.path === 'customerId')
      )
        issues.push(issue('parentId', 'parentElsewhere'));
    }
    for (const d of duplicateKeys(
      { id, assetCode: f.assetCode, rfidTag: f.rfidTag },
      await keyLookupFor(db, f.assetCode, f.rfidTag),
    ))
      issues.push(issue(d.field, d.code));
    if (f.warrantyEnd && f.warrantyEnd < f.installDate) issues.push(issue('warrantyEnd', 'beforeInstall'));
    if (f.contractEnd && f.contractEnd < f.installDate) issues.push(issue('contractEnd', 'beforeInstall'));
    return issues;
  };

  const checked = (doc: Asset): Asset => {
    const v = validateDocument('assets', doc);
    if (!v.ok)
      throw invalid(v.errors.map((e) => ({ path: e.split(':')[0] ?? '', code: 'invalid', message: e })));
    return v.value;
  };

  return {
    async save(input: {
      id?: string | undefined;
      fields: Fields;
      status?: AssetStatus | undefined;
    }): Promise<{ id: string; assetCode: string }> {
      guardRole();
      const now = clock().toISOString();
      const old = input.id ? await load(input.id) : null;
      const id = old?.id ?? newId();
      const issues = await fieldIssues(id, input.fields);
      if (issues.length > 0) throw invalid(issues);
      const status = input.status ?? old?.status ?? 'in_service';
      const doc: Asset = checked({
        ...(old ?? {
          id,
          createdAt: now,
          lifecycle: [
            { state: 'registered', at: today(), by: actor(), note: '' },
            ...(status === 'in_service'
              ? [{ state: 'in_service' as const, at: today(), by: actor(), note: '' }]
              : []),
          ],
          custody: [],
        }),
        ...input.fields,
        updatedAt: now,
        status,
      } as Asset);
      if (old)
        await (await db.assets.findOne(id).exec())!.incrementalPatch({
          ...input.fields,
          status,
          updatedAt: now,
        });
      else await db.assets.insert(doc);
      await unknown.registered(doc.assetCode, id);
      return { id, assetCode: doc.assetCode };
    },

    async addLifecycle(input: {
      id: string;
      state: AssetLifecycleState;
      at: string;
      note: string;
    }): Promise<{ id: string }> {
      guardRole();
      const asset = await load(input.id);
      const step = { state: input.state, at: input.at, by: actor(), note: input.note };
      const error = lifecycleStepError(asset.lifecycle, step);
      if (error) throw invalid([issue(error === 'beforeLast' ? 'at' : 'state', `lifecycle.${error}`)]);
      const next = checked({
        ...asset,
        lifecycle: [...asset.lifecycle, step],
        status: STATUS_OF_LIFECYCLE[input.state],
        updatedAt: clock().toISOString(),
      });
      await (await db.assets.findOne(asset.id).exec())!.incrementalPatch({
        lifecycle: next.lifecycle,
        status: next.status,
        updatedAt: next.updatedAt,
      });
      return { id: asset.id };
    },

    async addCustody(input: {
      id: string;
      event: AssetCustodyEvent;
      at: string;
      note: string;
    }): Promise<{ id: string }> {
      guardRole();
      const asset = await load(input.id);
      const error = custodyEventError(asset.ownership, asset.custody, input);
      if (error) throw invalid([issue(error === 'beforeLast' ? 'at' : 'event', `custody.${error}`)]);
      const next = checked({
        ...asset,
        custody: [...asset.custody, { event: input.event, at: input.at, by: actor(), note: input.note }],
        updatedAt: clock().toISOString(),
      });
      await (await db.assets.findOne(asset.id).exec())!.incrementalPatch({
        custody: next.custody,
        updatedAt: next.updatedAt,
      });
      return { id: asset.id };
    },

    async checkImport(rows: readonly Partial<AssetCsvRow>[]): Promise<CheckedAssetRow[]> {
      return checkAssetRows(rows, await importLookup(db));
    },

    /** Registers the rows without errors in one bulk write; rows with errors are skipped. */
    async importRows(rows: readonly Partial<AssetCsvRow>[]): Promise<{ created: number; skipped: number }> {
      guardRole();
      const lookup = await importLookup(db);
      const good = checkAssetRows(rows, lookup).flatMap((r) => (r.draft ? [r.draft] : []));
      const now = clock().toISOString();
      const idOfCode = new Map(good.map((d) => [d.assetCode.trim().toUpperCase(), newId()]));
      // All documents are built and validated before the one write: a bad one writes none.
      const docs = good.map((d) => {
        const { parentCode, ...fields } = d;
        const id = idOfCode.get(d.assetCode.trim().toUpperCase())!;
        const parentId = parentCode
          ? (idOfCode.get(parentCode) ?? lookup.assetByCode(parentCode)?.id ?? null)
          : null;
        return checked({
          ...fields,
          id,
          createdAt: now,
          updatedAt: now,
          parentId,
          lifecycle: [
            { state: 'registered', at: today(), by: actor(), note: 'CSV import' },
            ...(d.status === 'in_service'
              ? [{ state: 'in_service' as const, at: d.installDate, by: actor(), note: '' }]
              : []),
          ],
          custody: [],
        });
      });
      if (docs.length > 0) {
        const result = await db.assets.bulkInsert(docs);
        if (result.error.length > 0)
          throw new DomainError('STORAGE_FAILED', `${result.error.length} assets could not be written`);
      }
      return { created: docs.length, skipped: rows.length - docs.length };
    },
  };
};
export type AssetCommands = ReturnType<typeof createAssetCommands>;
