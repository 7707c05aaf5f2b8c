/**
 * Live reads of the asset registry: search, the asset page (tree, history, custody, tickets
 * and problems) and the form's choices. Each answers again when a change (a local edit or
 * the sync) touches assets, customers, tickets or problems.
 */
import { map, merge, of, type Observable } from 'rxjs';
import type {
  AssetDetail,
  AssetFormOptions,
  AssetRow,
  AssetSearchResult,
  AssetTreeNode,
} from '../../../shared/api/assets';
import { ancestorsOf, inOurCustody } from '../../../shared/domain/assets';
import { isOpen } from '../../../shared/domain/lifecycle';
import { displayTicketNumber } from '../../../shared/domain/ticketNumber';
import type { Asset, Customer, Person, Problem, Ticket } from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import { liveFrom, type Emit, type OnError } from '../../core/live';
import type { CimsDatabase } from '../../db/open';
import { mayEditAssets } from './commands';
import { escapeRegex, findByCode } from './lookup';

const changes = (...sources: { $: Observable<unknown> }[]) =>
  merge(of(null), ...sources.map((s) => s.$.pipe(map(() => null))));
const MAX_TREE = 2_000;

export const createAssetQueries = (db: CimsDatabase, currentUser: () => SessionUser | null) => {
  const customersById = async (ids: readonly string[]): Promise<Map<string, Customer>> => {
    const found = await db.customers.findByIds([...new Set(ids)]).exec();
    return new Map([...found.values()].map((d) => [d.id, d.toJSON() as Customer]));
  };

  const rowsOf = async (assets: Asset[]): Promise<AssetRow[]> => {
    const customers = await customersById(assets.map((a) => a.customerId));
    return assets.map((a) => {
      const c = customers.get(a.customerId);
      return {
        id: a.id,
        assetCode: a.assetCode,
        serial: a.serial,
        rfidTag: a.rfidTag,
        model: a.model,
        kind: a.kind,
        status: a.status,
        ownership: a.ownership,
        customerName: c?.name ?? '',
        siteName: c?.sites.find((s) => s.id === a.siteId)?.name ?? '',
      };
    });
  };

  const search = async (text: string, limit: number): Promise<AssetSearchResult> => {
    const t = text.trim();
    let selector: object = {};
    if (t) {
      const like = { $regex: escapeRegex(t), $options: 'i' };
      // Customers and sites match by name or code; their assets are found by id.
      const customers = (await db.customers.find().exec()).map((d) => d.toJSON() as Customer);
      const lower = t.toLowerCase();
      const customerIds = customers
        .filter(
          (c) =>
            c.name.toLowerCase().includes(lower) ||
            c.code.toLowerCase().includes(lower) ||
            (c.nameZh ?? '').includes(t),
        )
        .map((c) => c.id);
      const siteIds = customers.flatMap((c) =>
        c.sites.filter((s) => s.name.toLowerCase().includes(lower)).map((s) => s.id),
      );
      selector = {
        $or: [
          { assetCode: like },
          { serial: like },
          { rfidTag: like },
          { model: like },
          ...(customerIds.length ? [{ customerId: { $in: customerIds } }] : []),
          ...(siteIds.length ? [{ siteId: { $in: siteIds } }] : []),
        ],
      };
    }
    const docs = await db.assets.find({ selector, sort: [{ assetCode: 'asc' }], limit: limit + 1 }).exec();
    const assets = docs.map((d) => d.toJSON() as Asset);
    return { rows: await rowsOf(assets.slice(0, limit)), more: assets.length > limit };
  };

  const treeOf = (rootId: string, siteAssets: Asset[]): AssetTreeNode | null => {
    const children = new Map<string, Asset[]>();
    for (const a of siteAssets)
      if (a.parentId) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a]);
    const byId = new Map(siteAssets.map((a) => [a.id, a]));
    let count = 0;
    const seen = new Set<string>();
    const build = (a: Asset): AssetTreeNode => {
      seen.add(a.id);
      count++;
      const kids = (children.get(a.id) ?? [])
        .filter((c) => !seen.has(c.id) && count < MAX_TREE)
        .sort((x, y) => x.assetCode.localeCompare(y.assetCode));
      return {
        id: a.id,
        assetCode: a.assetCode,
        model: a.model,
        kind: a.kind,
        status: a.status,
        children: kids.map(build),
      };
    };
    const root = byId.get(rootId);
    return root ? build(root) : null;
  };

  const detail = async (code: string): Promise<AssetDetail | null> => {
    const asset = await findByCode(db, code);
    if (!asset) return null;
    const siteAssets = (await db.assets.find({ selector: { siteId: asset.siteId } }).exec()).map(
      (d) => d.toJSON() as Asset,
    );
    const byId = new Map(siteAssets.map((a) => [a.id, a]));
    const ancestors = ancestorsOf(asset, (id) => byId.get(id));
    const tree = treeOf(ancestors[0]?.id ?? asset.id, siteAssets) ?? {
      id: asset.id,
      assetCode: asset.assetCode,
      model: asset.model,
      kind: asset.kind,
      status: asset.status,
      children: [],
    };
    const customer = (await customersById([asset.customerId])).get(asset.customerId);
    const tickets = (await db.tickets.find({ selector: { assetId: asset.id } }).exec())
      .map((d) => d.toJSON() as Ticket)
      // Open tickets first (what a scan is for), then newest first.
      .sort(
        (a, b) =>
          Number(isOpen(b.status)) - Number(isOpen(a.status)) || b.createdAt.localeCompare(a.createdAt),
      );
    const problemIds = [...new Set(tickets.flatMap((t) => (t.problemId ? [t.problemId] : [])))];
    const problems = [...(await db.problems.findByIds(problemIds).exec()).values()].map(
      (d) => d.toJSON() as Problem,
    );
    const peopleIds = [...asset.lifecycle.map((s) => s.by), ...asset.custody.map((s) => s.by)].filter(
      (id) => id !== '',
    );
    const people = await db.people.findByIds([...new Set(peopleIds)]).exec();
    const nameOf = (id: string) =>
      id ? ((people.get(id)?.toJSON() as Person | undefined)?.displayName ?? '') : '';
    return {
      id: asset.id,
      updatedAt: asset.updatedAt,
      fields: {
        assetCode: asset.assetCode,
        serial: asset.serial,
        rfidTag: asset.rfidTag,
        model: asset.model,
        productLine: asset.productLine,
        kind: asset.kind,
        customerId: asset.customerId,
        siteId: asset.siteId,
        parentId: asset.parentId,
        installDate: asset.installDate,
        warrantyEnd: asset.warrantyEnd,
        contractEnd: asset.contractEnd,
        ownership: asset.ownership,
      },
      status: asset.status,
      customerCode: customer?.code ?? '',
      customerName: customer?.name ?? '',
      siteName: customer?.sites.find((s) => s.id === asset.siteId)?.name ?? '',
      ancestors: ancestors.map((a) => ({ id: a.id, assetCode: a.assetCode, kind: a.kind })),
      tree,
      lifecycle: asset.lifecycle.map((s) => ({
        state: s.state,
        at: s.at,
        byName: nameOf(s.by),
        note: s.note,
      })),
      custody: asset.custody.map((s) => ({ event: s.event, at: s.at, byName: nameOf(s.by), note: s.note })),
      inOurCustody: inOurCustody(asset.custody),
      tickets: tickets.map((t) => ({
        id: t.id,
        number: displayTicketNumber(t),
        title: t.title,
        status: t.status,
        createdAt: t.createdAt,
        open: isOpen(t.status),
        problemId: t.problemId,
      })),
      problems: problems.map((p) => ({ id: p.id, title: p.title, status: p.status })),
      canEdit: mayEditAssets(currentUser()),
    };
  };

  const formOptions = async (siteId: string, excludeId: string): Promise<AssetFormOptions> => {
    const customers = (await db.customers.find({ sort: [{ code: 'asc' }] }).exec()).map(
      (d) => d.toJSON() as Customer,
    );
    const parents = siteId
      ? (await db.assets.find({ selector: { siteId }, sort: [{ assetCode: 'asc' }] }).exec()).map(
          (d) => d.toJSON() as Asset,
        )
      : [];
    return {
      customers: customers.map((c) => ({
        id: c.id,
        code: c.code,
        name: c.name,
        sites: c.sites.map((s) => ({ id: s.id, name: s.name })),
      })),
      parents: parents
        .filter((a) => a.id !== excludeId && a.kind !== 'board')
        .map((a) => ({ id: a.id, assetCode: a.assetCode, kind: a.kind, model: a.model })),
    };
  };

  return {
    watchSearch: (
      params: { search: string; limit: number },
      emit: Emit<AssetSearchResult>,
      onError: OnError,
    ) => liveFrom(changes(db.assets, db.customers), () => search(params.search, params.limit), emit, onError),
    watchDetail: (params: { code: string }, emit: Emit<AssetDetail | null>, onError: OnError) =>
      liveFrom(
        changes(db.assets, db.customers, db.tickets, db.problems),
        () => detail(params.code),
        emit,
        onError,
      ),
    watchFormOptions: (
      params: { siteId: string; excludeId: string },
      emit: Emit<AssetFormOptions>,
      onError: OnError,
    ) =>
      liveFrom(
        changes(db.assets, db.customers),
        () => formOptions(params.siteId, params.excludeId),
        emit,
        onError,
      ),
  };
};
export type AssetQueries = ReturnType<typeof createAssetQueries>;
