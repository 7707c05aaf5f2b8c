import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORG_SETTINGS } from '../../shared/domain/organisation';
import { roundId } from '../../shared/domain/maintenance';
import { aCustomer, anAsset, ids, newId } from '../../shared/domain/testing/builders';
import { aChecklistTemplate, aMaintenancePlan, aMaintenanceReading, SAMPLE_ITEMS } from '../../shared/domain/testing/maintenance';
import type { OrgSettingsRecord } from '../../shared/schema';
import type { MaintenanceRoundRecord } from '../../shared/schema/records/maintenance';
import { cimsRegistry } from '../access/cims';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { openPg } from '../db/pg';
import { writeServerDocs } from '../sync/engine';
import { createTestDb, dbKinds, type TestDb } from '../testing/test-db';
import { generateRounds } from './generator';

describe.each(dbKinds)('maintenance round generator on %s', (kind) => {
  const reg = cimsRegistry();
  let t: TestDb;
  let second: Db;
  const now = Date.parse('2026-03-02T01:00:00.000Z');
  const monthly = aMaintenancePlan({ createdAt: '2026-02-20T00:00:00.000Z', body: { startDate: '2026-03-10' } });
  const weekly = aMaintenancePlan({ createdAt: '2026-02-20T00:00:00.000Z', body: { startDate: '2026-03-03', frequency: { every: 1, unit: 'week' } } });
  const paused = aMaintenancePlan({ status: 'paused', createdAt: '2026-02-20T00:00:00.000Z', body: { startDate: '2026-03-03' } });
  beforeAll(async () => {
    t = await createTestDb(kind);
    await migrate(t.db);
    // A second connection pool plays the second server process (PGlite has one connection).
    second = kind === 'pg' ? await openPg(t.url!) : t.db;
    await t.db.transaction((tx) => writeServerDocs(tx, reg.get('records')!, [{ doc: monthly }, { doc: weekly }, { doc: paused }]));
  });
  afterAll(async () => {
    if (second !== t.db) await second.close();
    await t.drop();
  });

  const rounds = async () =>
    (await t.db.query<{ doc: { id: string; ref: string; body: { dueDate: string } } }>(`select doc from sync_docs where collection = 'records' and doc->>'kind' = 'maintenanceRound' order by doc->'body'->>'dueDate'`)).rows.map((r) => r.doc);

  it('two processes generating together write each round once', async () => {
    const [a, b] = await Promise.all([generateRounds(t.db, reg, now), generateRounds(second, reg, now)]);
    const stored = await rounds();
    // Horizon 42 days from 2 March: monthly on 10 Mar and 10 Apr; weekly from 3 Mar to 7 Apr (6).
    expect(stored.filter((r) => r.ref === monthly.id).map((r) => r.body.dueDate)).toEqual(['2026-03-10', '2026-04-10']);
    expect(stored.filter((r) => r.ref === weekly.id)).toHaveLength(6);
    expect(stored.some((r) => r.ref === paused.id)).toBe(false);
    expect(a + b).toBe(stored.length);
    expect(new Set(stored.map((r) => r.id)).size).toBe(stored.length);
    expect(stored.find((r) => r.body.dueDate === '2026-03-10' && r.ref === monthly.id)!.id).toBe(roundId(monthly.id, '2026-03-10'));
  });

  it('running again writes nothing and leaves a round someone started alone', async () => {
    const id = roundId(monthly.id, '2026-03-10');
    const started = (await t.db.query<{ doc: Record<string, unknown> }>(`select doc from sync_docs where collection = 'records' and id = $1`, [id])).rows[0]!.doc;
    await t.db.transaction((tx) => writeServerDocs(tx, reg.get('records')!, [{ doc: { ...started, status: 'in_progress' } }]));
    expect(await generateRounds(second, reg, now + 3600_000)).toBe(0);
    const after = (await t.db.query<{ doc: { status: string } }>(`select doc from sync_docs where collection = 'records' and id = $1`, [id])).rows[0]!.doc;
    expect(after.status).toBe('in_progress');
  });

  it('a day later the horizon moves by a day', async () => {
    const before = (await rounds()).length;
    // 42 days after 9 March is 20 April: no new monthly, one new weekly (14 Apr).
    expect(await generateRounds(t.db, reg, Date.parse('2026-03-09T01:00:00.000Z'))).toBe(1);
    expect((await rounds()).length).toBe(before + 1);
  });
});

describe.each(dbKinds)('round generator: plan scopes, running hours, windows and the organisation zone on %s', (kind) => {
  const reg = cimsRegistry();
  let t: TestDb;
  const logged: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  const logger = { info: (obj: Record<string, unknown>, msg: string) => logged.push({ level: 'info', obj, msg }), warn: (obj: Record<string, unknown>, msg: string) => logged.push({ level: 'warn', obj, msg }) } as never;
  const otherSite = newId();
  const customer = aCustomer({
    timeZone: 'Asia/Shanghai',
    sites: [
      { id: ids.site, name: 'Pudong DC', region: 'cn-east', timeZone: 'Asia/Urumqi', address: 'Shanghai' },
      { id: otherSite, name: 'Minhang', region: 'cn-east', timeZone: 'Asia/Shanghai', address: 'Shanghai' },
    ],
  });
  const inService = [anAsset({ model: 'MA5800', siteId: ids.site }), anAsset({ model: 'MA5800', siteId: otherSite })];
  const others = [anAsset({ model: 'MA5800', status: 'spare' }), anAsset({ model: 'OSN-9800' }), anAsset({ model: 'MA5800', customerId: newId() })];
  const created = '2026-02-20T00:00:00.000Z';
  const weekdays = { weekdays: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' };
  const byModel = aMaintenancePlan({ createdAt: created, body: { scope: 'model', model: 'MA5800', siteId: null, assetIds: [], startDate: '2026-03-07', workWindow: weekdays } });
  const noneOfModel = aMaintenancePlan({ createdAt: created, body: { scope: 'model', model: 'NE40E', siteId: null, assetIds: [], startDate: '2026-03-10' } });
  const bySite = aMaintenancePlan({ createdAt: created, body: { scope: 'site', siteId: ids.site, assetIds: [], startDate: '2026-03-10', workWindow: weekdays } });
  const meterTemplate = aChecklistTemplate({ body: { items: [...SAMPLE_ITEMS, { key: 'hours', type: 'number', label: { en: 'Running hours', 'zh-CN': '运行小时' }, unit: 'h', low: null, high: null, photoRequired: false, meter: 'running_hours' }] } });
  const meterAsset = inService[0]!.id;
  const byHours = aMaintenancePlan({ ref: meterTemplate.id, createdAt: created, body: { assetIds: [meterAsset], frequency: { every: 500, unit: 'running_hours' }, startDate: '2026-03-05' } });
  // Made at 23:30 UTC on 9 March: 07:30 on 10 March in Shanghai.
  const lateNight = aMaintenancePlan({ createdAt: '2026-03-09T23:30:00.000Z', body: { startDate: '2026-03-01', frequency: { every: 1, unit: 'day' }, windowDays: 0 } });
  const settings: OrgSettingsRecord = { id: newId(), createdAt: created, updatedAt: created, kind: 'orgSettings', ref: '', ref2: '', status: 'saved', body: { ...DEFAULT_ORG_SETTINGS, defaultTimeZone: 'Asia/Shanghai' } };
  const write = (collection: string, docs: object[]) => t.db.transaction((tx) => writeServerDocs(tx, reg.get(collection)!, docs.map((doc) => ({ doc: doc as Record<string, unknown> }))));

  beforeAll(async () => {
    t = await createTestDb(kind);
    await migrate(t.db);
    await write('customers', [customer]);
    await write('assets', [...inService, ...others]);
    await write('records', [settings, meterTemplate, byModel, noneOfModel, bySite, byHours]);
  });
  afterAll(async () => {
    await t.drop();
  });
  const roundsOf = async (planId: string) =>
    (await t.db.query<{ doc: MaintenanceRoundRecord }>(`select doc from sync_docs where collection = 'records' and doc->>'kind' = 'maintenanceRound' and doc->>'ref' = $1 order by doc->'body'->>'dueDate'`, [planId])).rows.map((r) => r.doc);
  const now = Date.parse('2026-03-02T01:00:00.000Z');

  it('a model plan takes the customer’s assets of that model in service; one with none writes nothing and says so', async () => {
    await generateRounds(t.db, reg, now, { logger });
    const model = await roundsOf(byModel.id);
    // 7 Mar and 7 Apr: the Saturday moves to Monday 9 March (Mon-Fri window); 7 Apr is a Tuesday.
    expect(model.map((r) => r.body.dueDate)).toEqual(['2026-03-09', '2026-04-07']);
    expect(model[0]!.id).toBe(roundId(byModel.id, '2026-03-09'));
    expect(model[0]!.body.assetIds).toEqual(inService.map((a) => a.id).sort());
    // No site: the window's hours are in the customer's zone.
    expect(model[0]!.body.workWindow).toEqual({ ...weekdays, timeZone: 'Asia/Shanghai' });
    expect(await roundsOf(noneOfModel.id)).toEqual([]);
    expect(logged.some((l) => l.level === 'info' && l.obj.planId === noneOfModel.id && l.msg.includes('no asset in service'))).toBe(true);
    // A site plan: the site's assets in service whatever their model, its window in the site's zone.
    const site = await roundsOf(bySite.id);
    expect(site[0]!.body.assetIds).toEqual([inService[0]!.id, others[1]!.id].sort());
    expect(site[0]!.body.workWindow?.timeZone).toBe('Asia/Urumqi');
  });

  it('a running-hours plan: first round on its start date, then none while it is open, then the projected one', async () => {
    const first = await roundsOf(byHours.id);
    expect(first.map((r) => r.body.dueDate)).toEqual(['2026-03-05']);
    expect(await generateRounds(t.db, reg, now + 86_400_000, { logger })).toBe(0);
    // Done on 5 March at 1,000 h; 1,100 h on 10 March (20 h a day); a reading of 50 h is ignored.
    const round = first[0]!;
    await write('records', [{ ...round, status: 'done', body: { ...round.body, signedAt: '2026-03-05T03:00:00.000Z', signedBy: ids.assignee } }]);
    const reading = (at: string, value: number) => aMaintenanceReading({ ref: round.id, ref2: meterAsset, body: { itemKey: 'hours', value, at } });
    const backwards = reading('2026-03-11T02:00:00.000Z', 50);
    await write('records', [reading('2026-03-05T02:00:00.000Z', 1000), reading('2026-03-10T02:00:00.000Z', 1100), backwards]);
    expect(await generateRounds(t.db, reg, Date.parse('2026-03-11T04:00:00.000Z'), { logger })).toBe(1);
    // 400 h to go at 20 h a day: 20 days after 10 March.
    expect((await roundsOf(byHours.id)).map((r) => r.body.dueDate)).toEqual(['2026-03-05', '2026-03-30']);
    const warned = logged.find((l) => l.level === 'warn' && l.obj.planId === byHours.id);
    expect(warned?.obj.ignored).toEqual([{ readingId: backwards.id, assetId: meterAsset, hours: 50, reason: 'meter_backwards' }]);
  });

  it('days are the organisation’s: a plan made at 23:30 UTC is made the next day in Shanghai', async () => {
    await write('records', [lateNight]);
    const at = Date.parse(lateNight.createdAt);
    await generateRounds(t.db, reg, at);
    const days = (await roundsOf(lateNight.id)).map((r) => r.body.dueDate);
    // In UTC the plan was made on 9 March and its round of that day would be written, and the
    // horizon would end on 20 April; in Shanghai it is 10 March, and 42 days on is 21 April.
    expect(days[0]).toBe('2026-03-10');
    expect(days.at(-1)).toBe('2026-04-21');
    expect(days).toHaveLength(43);
  });
});
