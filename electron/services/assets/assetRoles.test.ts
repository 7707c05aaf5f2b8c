/**
 * Who may change the asset registry, on a real store (SQLite in a temp folder): the commands
 * answer FORBIDDEN to a role outside ASSET_EDITORS (the server's rule for the collection,
 * server/access/cims.ts) before anything is read or written, so a refused create, edit,
 * lifecycle step, custody event or import leaves the store as it was; an allowed role succeeds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom, Observable, filter } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetDetail } from '../../../shared/api/assets';
import { aCustomer, anAsset, aPerson, newId } from '../../../shared/domain/testing/builders';
import type { Asset } from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import { DomainError } from '../../core/errors';
import { openSettings } from '../../core/settings';
import { openDatabase, type CimsDatabase } from '../../db/open';
import { ASSET_EDITORS, createAssetCommands, type AssetCommands } from './commands';
import { createAssetQueries } from './queries';

const customer = aCustomer({ id: newId(), code: 'CU-ROLE' });
const site = customer.sites[0]!;
const rack = anAsset({ id: newId(), assetCode: 'AS-ROLE-RACK', serial: 'SN-RR', rfidTag: '', customerId: customer.id, siteId: site.id, ownership: 'customer' });
const people = {
  assessor: aPerson({ id: newId(), username: 'assessor', displayName: 'Assessor Xu', roles: ['assessor'] }),
  tech: aPerson({ id: newId(), username: 'tech', displayName: 'Tech Zhang', roles: ['technician'] }),
  eng: aPerson({ id: newId(), username: 'eng', displayName: 'Engineer Wang', roles: ['engineer'] }),
};
const asUser = (p: (typeof people)[keyof typeof people]): SessionUser => ({ id: p.id, username: p.username, displayName: p.displayName, roles: p.roles, teamId: null });

const fields = (assetCode: string) => ({
  assetCode,
  serial: `SN-${assetCode}`,
  rfidTag: '',
  model: 'TN52ND2',
  productLine: 'transport',
  kind: 'board' as const,
  customerId: customer.id,
  siteId: site.id,
  parentId: rack.id,
  installDate: '2025-01-01',
  warrantyEnd: null,
  contractEnd: null,
  ownership: 'ours' as const,
});

describe('asset registry: create and edit only for the roles allowed to change assets', () => {
  let dir: string;
  let db: CimsDatabase;
  let commands: AssetCommands;
  let queries: ReturnType<typeof createAssetQueries>;
  let user: SessionUser | null = null;

  const stored = async () => (await db.assets.find().exec()).map((d) => d.toJSON() as Asset).sort((a, b) => a.id.localeCompare(b.id));
  const records = async () => (await db.records.find().exec()).map((d) => d.toJSON());
  const forbidden = async (p: Promise<unknown>) => {
    const error = await p.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('FORBIDDEN');
  };
  const detail = (code: string) =>
    firstValueFrom(new Observable<AssetDetail | null>((s) => queries.watchDetail({ code }, (v) => s.next(v), (e) => s.error(e))).pipe(filter((v) => v !== null)));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-asset-roles-'));
    db = await openDatabase({ directory: dir });
    const settings = await openSettings(dir);
    await db.customers.insert(customer);
    await db.assets.insert(rack);
    await db.people.bulkInsert(Object.values(people));
    commands = createAssetCommands(db, settings, () => user);
    queries = createAssetQueries(db, () => user);
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('the rule: every role but the assessor may change assets', () => {
    expect([...ASSET_EDITORS].sort()).toEqual(['admin', 'engineer', 'expert', 'manager', 'technician']);
  });

  it('an assessor (and a user with no role) is refused create, edit, lifecycle, custody and import with FORBIDDEN; nothing is written', async () => {
    const assetsBefore = await stored();
    const recordsBefore = await records();
    for (const who of [asUser(people.assessor), { ...asUser(people.assessor), roles: [] }]) {
      user = who;
      await forbidden(commands.save({ fields: fields('AS-ROLE-NEW') }));
      await forbidden(commands.save({ id: rack.id, fields: { ...fields(rack.assetCode), kind: 'rack', parentId: null, model: 'CHANGED' } }));
      // Refused before any rule is checked: an invalid edit still answers FORBIDDEN, not a field error.
      await forbidden(commands.save({ id: rack.id, fields: { ...fields(rack.assetCode), parentId: rack.id } }));
      await forbidden(commands.addLifecycle({ id: rack.id, state: 'under_maintenance', at: '2026-03-01', note: '' }));
      await forbidden(commands.addCustody({ id: rack.id, event: 'received', at: '2026-03-01', note: '' }));
      await forbidden(commands.importRows([{ assetCode: 'AS-ROLE-CSV', serial: 'SN-CSV', model: 'TN52', productLine: 'transport', kind: 'board', customerCode: customer.code, siteName: site.name, installDate: '2025-05-01' }]));
    }
    expect(await stored()).toEqual(assetsBefore);
    expect(await records()).toEqual(recordsBefore);
    user = asUser(people.assessor);
    expect((await detail(rack.assetCode)).canEdit).toBe(false);
  });

  it('a technician registers an asset and an engineer edits it; both are recorded as the actor', async () => {
    user = asUser(people.tech);
    expect((await detail(rack.assetCode)).canEdit).toBe(true);
    const created = await commands.save({ fields: fields('AS-ROLE-NEW') });
    expect(created.assetCode).toBe('AS-ROLE-NEW');
    const doc = (await db.assets.findOne(created.id).exec())!.toJSON() as Asset;
    expect(doc).toMatchObject({ parentId: rack.id, model: 'TN52ND2', status: 'in_service' });
    expect(doc.lifecycle.map((s) => [s.state, s.by])).toEqual([
      ['registered', people.tech.id],
      ['in_service', people.tech.id],
    ]);

    user = asUser(people.eng);
    await commands.save({ id: created.id, fields: { ...fields('AS-ROLE-NEW'), model: 'TN52ND2-B' } });
    await commands.addLifecycle({ id: created.id, state: 'under_maintenance', at: '2099-01-01', note: 'RMA' });
    const edited = (await db.assets.findOne(created.id).exec())!.toJSON() as Asset;
    expect(edited).toMatchObject({ model: 'TN52ND2-B', status: 'under_repair' });
    expect(edited.lifecycle.at(-1)).toMatchObject({ state: 'under_maintenance', by: people.eng.id, note: 'RMA' });
    expect((await stored()).map((a) => a.assetCode).sort()).toEqual(['AS-ROLE-NEW', 'AS-ROLE-RACK']);
  });
});
