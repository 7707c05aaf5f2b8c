/**
 * Reads of the local store that the asset rules need: codes and tags in use, parents, the
 * customers and sites an import names. Codes compare trimmed and case-blind (normalizeCode).
 */
import { MAX_ASSET_DEPTH, normalizeCode, type AssetKeyLookup } from '../../../shared/domain/assets';
import type { AssetImportLookup } from '../../../shared/domain/assetCsv';
import type { Asset, Customer } from '../../../shared/schema';
import type { CimsDatabase } from '../../db/open';

export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (s: string) => ({ $regex: `^${escapeRegex(s.trim())}$`, $options: 'i' });

/** The asset a code, serial or RFID tag names (code first: a serial may equal another's code). */
export async function findByCode(db: CimsDatabase, code: string): Promise<Asset | null> {
  const c = code.trim();
  if (!c) return null;
  const exact = await db.assets.findOne({ selector: { assetCode: c } }).exec();
  const doc =
    exact ??
    (await db.assets.findOne({ selector: { assetCode: exactly(c) } }).exec()) ??
    (await db.assets
      .findOne({ selector: { $or: [{ serial: exactly(c) }, { rfidTag: exactly(c) }] } })
      .exec());
  return doc ? (doc.toJSON() as Asset) : null;
}

/** Ids of assets using a code or tag, for one asset being saved. */
export async function keyLookupFor(
  db: CimsDatabase,
  assetCode: string,
  rfidTag: string,
): Promise<AssetKeyLookup> {
  const ors: object[] = [{ assetCode: exactly(assetCode) }];
  if (rfidTag.trim()) ors.push({ rfidTag: exactly(rfidTag) });
  const docs = (await db.assets.find({ selector: { $or: ors } }).exec()).map((d) => d.toJSON() as Asset);
  return {
    idsWithCode: (c) => docs.filter((d) => normalizeCode(d.assetCode) === c).map((d) => d.id),
    idsWithTag: (t) => docs.filter((d) => normalizeCode(d.rfidTag) === t).map((d) => d.id),
  };
}

/** Parent of an asset in the store (undefined when unknown). */
export const parentLookup = (db: CimsDatabase) => {
  const cache = new Map<string, string | null>();
  return async (id: string): Promise<string | null | undefined> => {
    if (cache.has(id)) return cache.get(id);
    const doc = await db.assets.findOne(id).exec();
    const parent = doc ? ((doc.toJSON() as Asset).parentId ?? null) : undefined;
    if (parent !== undefined) cache.set(id, parent);
    return parent;
  };
};

/** Async twin of wouldCycle (shared/domain/assets.ts) over the store. */
export async function wouldCycleInStore(
  db: CimsDatabase,
  id: string,
  parentId: string | null,
): Promise<boolean> {
  const parentOf = parentLookup(db);
  let at = parentId;
  for (let depth = 0; at; depth++) {
    if (at === id || depth >= MAX_ASSET_DEPTH) return true;
    at = (await parentOf(at)) ?? null;
  }
  return false;
}

/** Everything an import is checked against, read once. */
export async function importLookup(db: CimsDatabase): Promise<AssetImportLookup> {
  const [customers, assets] = await Promise.all([db.customers.find().exec(), db.assets.find().exec()]);
  const byCode = new Map(
    customers.map((d) => d.toJSON() as Customer).map((c) => [c.code.trim().toLowerCase(), c]),
  );
  const all = assets.map((d) => d.toJSON() as Asset);
  const assetByCode = new Map(all.map((a) => [normalizeCode(a.assetCode), a]));
  const codes = new Map<string, string[]>();
  const tags = new Map<string, string[]>();
  for (const a of all) {
    codes.set(normalizeCode(a.assetCode), [...(codes.get(normalizeCode(a.assetCode)) ?? []), a.id]);
    if (a.rfidTag.trim())
      tags.set(normalizeCode(a.rfidTag), [...(tags.get(normalizeCode(a.rfidTag)) ?? []), a.id]);
  }
  return {
    customerByCode: (c) => byCode.get(c.trim().toLowerCase()),
    assetByCode: (c) => assetByCode.get(c),
    keys: { idsWithCode: (c) => codes.get(c) ?? [], idsWithTag: (t) => tags.get(t) ?? [] },
  };
}
