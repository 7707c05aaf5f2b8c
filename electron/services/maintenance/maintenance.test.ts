import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BehaviorSubject } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readingInput, savePlanInput, saveTemplateInput, type RoundView } from '../../../shared/api/maintenance';
import { dueRounds, roundDraft } from '../../../shared/domain/maintenance';
import { aCustomer, anAsset, aPerson, aTeam, newId } from '../../../shared/domain/testing/builders';
import { SAMPLE_ITEMS } from '../../../shared/domain/testing/maintenance';
import type { Ticket } from '../../../shared/schema';
import type { MaintenancePlanRecord, MaintenanceReadingRecord } from '../../../shared/schema/records';
import type { SessionUser } from '../../../shared/sync/protocol';
import { DomainError } from '../../core/errors';
import { openSettings } from '../../core/settings';
import { openDatabase, type CimsDatabase } from '../../db/open';
import { createCustomerService } from '../customers/customers';
import { createFolderBlobStore } from '../fieldwork/blobs';
import { createTicketService } from '../tickets/tickets';
import { createMaintenanceCommands } from './commands';
import { createMaintenanceQueries } from './queries';
import { createMaintenanceStore, type MaintenanceViewer } from './store';

/**
 * Maintenance in main on a real SQLite store: a manager defines a template and a plan for five
 * assets, the round the server would generate is stored, a technician opens it, records
 * readings (two out of range raise two fault tickets), pauses, resumes on a second "device"
 * (a second store over the same file after closing the first), and the customer signs.
 */
const site = newId();
const team = aTeam({ id: newId(), name: 'East field', region: 'cn-east', managerId: null, leadId: null });
const customer = aCustomer({ id: newId(), name: 'Zhejiang Mobile', sites: [{ id: site, name: 'Hangzhou 机房 1', region: 'cn-east', timeZone: 'Asia/Shanghai', address: 'Hangzhou' }] });
const assets = Array.from({ length: 5 }, (_, i) => anAsset({ id: newId(), assetCode: `OLT-${String(i + 1).padStart(4, '0')}`, serial: `SN${i + 1}`, customerId: customer.id, siteId: site, model: 'MA5800' }));
const manager = aPerson({ id: newId(), username: 'mgr', displayName: 'Manager Li', roles: ['manager'], region: 'cn-east', teamId: team.id });
const tech = aPerson({ id: newId(), username: 'tech', displayName: 'Tech Zhang', roles: ['technician'], region: 'cn-east', teamId: team.id });
const outsider = aPerson({ id: newId(), username: 'south', displayName: 'Tech South', roles: ['technician'], region: 'cn-south', teamId: newId() });
const as = (p: typeof tech): MaintenanceViewer => ({ id: p.id, displayName: p.displayName, roles: p.roles, teamId: p.teamId, managedTeams: [] });
const PNG = `data:image/png;base64,${Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(120, 1)]).toString('base64')}`;
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]).toString('base64');

describe('maintenance in main', () => {
  let dir: string;
  let db: CimsDatabase;
  const viewer = new BehaviorSubject<MaintenanceViewer | null>(null);
  let user: SessionUser | null = null;
  let now = Date.parse('2026-03-09T01:00:00.000Z');
  const clock = () => new Date(now);
  let commands: ReturnType<typeof createMaintenanceCommands>;
  let queries: ReturnType<typeof createMaintenanceQueries>;
  let templateId = '';
  let plan: MaintenancePlanRecord;
  let roundId = '';

  const open = async () => {
    db = await openDatabase({ directory: dir });
    const settings = await openSettings(dir);
    const store = createMaintenanceStore(db);
    const tickets = createTicketService(db, settings, createCustomerService(db, settings), () => user, clock);
    commands = createMaintenanceCommands({
      db,
      store,
      viewer: async () => viewer.value,
      blobs: createFolderBlobStore(join(dir, 'blobs')),
      createTicket: (input) => tickets.create(input as Parameters<typeof tickets.create>[0]),
      printToPdf: null,
      deviceId: () => 'TEST',
      clock,
    });
    queries = createMaintenanceQueries(db, store, viewer, clock);
  };
  const signIn = (p: typeof tech) => {
    viewer.next(as(p));
    user = { id: p.id, username: p.username, displayName: p.displayName, roles: p.roles, teamId: p.teamId };
  };
  const refused = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
    } catch (e) {
      if (e instanceof DomainError) return e.fields?.[0]?.code ?? e.code;
      throw e;
    }
    return 'accepted';
  };
  const round = async (): Promise<RoundView> => (await queries.round(viewer.value, roundId))!;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-maintenance-'));
    await open();
    await db.customers.insert(customer);
    await db.teams.insert(team);
    await db.assets.bulkInsert(assets);
    await db.people.bulkInsert([manager, tech, outsider]);
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a manager defines a template and a plan; bad input is refused with a code and nothing is written', async () => {
    signIn(manager);
    const before = await db.records.count().exec();
    const input = (over: object) => saveTemplateInput.parse({ name: { en: 'OLT monthly check', 'zh-CN': 'OLT 月度巡检' }, items: SAMPLE_ITEMS.slice(0, 3), ...over });
    expect(await refused(commands.saveTemplate(input({ items: [{ ...SAMPLE_ITEMS[0]!, low: -8, high: -28 }] })))).toBe('range_low_above_high');
    const planInput = (over: object) =>
      savePlanInput.parse({ name: 'Hangzhou OLTs monthly', templateId: newId(), teamId: team.id, customerId: customer.id, siteId: site, assetIds: assets.map((a) => a.id), frequency: { every: 1, unit: 'month' }, startDate: '2026-03-10', ...over });
    expect(await refused(commands.savePlan(planInput({ assetIds: [] })))).toBe('plan_without_assets');
    expect(await refused(commands.savePlan(planInput({ frequency: { every: 0, unit: 'week' } })))).toBe('frequency_zero');
    expect(await db.records.count().exec()).toBe(before);

    const t = await commands.saveTemplate(input({}));
    expect(t).toMatchObject({ version: 1, openRoundsOnOlderVersion: 0 });
    templateId = t.id;
    const p = await commands.savePlan(planInput({ templateId }));
    expect(p).toMatchObject({ windowDays: 7, nextDue: '2026-03-10', teamName: 'East field', customerName: 'Zhejiang Mobile' });
    plan = (await db.records.findOne(p.id).exec())!.toJSON() as MaintenancePlanRecord;
    // A technician may not keep templates.
    signIn(tech);
    expect(await refused(commands.saveTemplate(input({})))).toBe('FORBIDDEN');
  });

  it('the generated round shows in the technician’s today list; another team cannot open it', async () => {
    // As the server generates it (server/rounds/generator.ts), arriving by sync.
    const draft = roundDraft(plan, dueRounds(plan.body, '2026-03-01', '2026-03-31')[0]!, '2026-03-01T00:00:00.000Z');
    await db.records.insert(draft);
    roundId = draft.id;
    const home = await queries.home(viewer.value);
    expect(home.today.map((r) => r.id)).toEqual([roundId]);
    expect(home.today[0]).toMatchObject({ timing: 'due', total: 15, done: 0, assets: 5, siteName: 'Hangzhou 机房 1' });
    signIn(outsider);
    expect(await refused(commands.openRound({ roundId }))).toBe('FORBIDDEN');
    expect((await queries.home(viewer.value)).today).toEqual([]);
  });

  it('opening keeps the template version; a template change meanwhile does not alter it', async () => {
    signIn(tech);
    const opened = await commands.openRound({ roundId });
    expect(opened.status).toBe('in_progress');
    signIn(manager);
    const changed = await commands.saveTemplate(saveTemplateInput.parse({ templateId, baseVersion: 1, name: { en: 'OLT monthly check', 'zh-CN': 'OLT 月度巡检' }, items: SAMPLE_ITEMS }));
    expect(changed).toMatchObject({ version: 2, openRoundsOnOlderVersion: 1 });
    // A save from an editor still on version 1 is refused.
    expect(await refused(commands.saveTemplate(saveTemplateInput.parse({ templateId, baseVersion: 1, name: { en: 'x', 'zh-CN': 'x' }, items: SAMPLE_ITEMS })))).toBe('template_stale');
    signIn(tech);
    const view = await round();
    expect(view.template!.version).toBe(1);
    expect(view.template!.items.map((i) => i.key)).toEqual(['rx', 'temp', 'fan']);
    expect(view.newerTemplateVersion).toBe(2);
    // An item only the newer version has is not part of this round.
    expect(await refused(commands.recordReading(readingInput.parse({ roundId, assetId: assets[0]!.id, itemKey: 'ground', value: true })))).toBe('item_not_in_round');
  });

  it('readings: not a number refused; out of range flagged at once; two faults raise two tickets linked to round, asset and reading', async () => {
    const read = (i: number, itemKey: string, value: string) => commands.recordReading(readingInput.parse({ roundId, assetId: assets[i]!.id, itemKey, value }));
    expect(await refused(read(0, 'rx', 'abc'))).toBe('reading_not_a_number');
    expect(await refused(commands.recordReading(readingInput.parse({ roundId, assetId: newId(), itemKey: 'rx', value: '-12' })))).toBe('asset_not_in_round');
    const low = await read(0, 'rx', '-31.5');
    expect(low.outOfRange).toBe(true);
    expect(low.fault).toBeNull();
    const hot = await read(1, 'temp', '52');
    expect(hot.outOfRange).toBe(true);
    expect((await read(0, 'temp', '31')).outOfRange).toBe(false);
    const photo = await commands.addPhoto({ roundId, mimeType: 'image/jpeg', dataBase64: JPEG });
    expect(photo.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await refused(commands.addPhoto({ roundId, mimeType: 'image/png', dataBase64: JPEG }))).toBe('type');

    const first = await commands.raiseFault({ readingId: low.readingId, locale: 'en' });
    const second = await commands.raiseFault({ readingId: hot.readingId, locale: 'zh-CN' });
    expect(first.severity).toBe('minor');
    expect(await refused(commands.raiseFault({ readingId: low.readingId, locale: 'en' }))).toBe('fault_already_raised');
    const normal = (await db.records.find({ selector: { kind: 'maintenanceReading' } }).exec()).map((d) => d.toJSON() as MaintenanceReadingRecord).find((r) => !r.body.outOfRange)!;
    expect(await refused(commands.raiseFault({ readingId: normal.id, locale: 'en' }))).toBe('not_out_of_range');
    const t1 = (await db.tickets.findOne(first.ticketId).exec())!.toJSON() as Ticket;
    expect(t1).toMatchObject({ assetId: assets[0]!.id, customerId: customer.id, siteId: site, severity: 'minor', type: 'fault', title: 'Inspection fault: OLT-0001 Optical receive power = -31.5 dBm' });
    expect(t1.description).toContain(roundId);
    expect(t1.description).toContain(low.readingId);
    const t2 = (await db.tickets.findOne(second.ticketId).exec())!.toJSON() as Ticket;
    expect(t2.title).toBe('巡检异常：OLT-0002 温度 = 52 °C');
    const view = await round();
    expect(view.summary.faults).toBe(2);
    expect(view.assets[0]!.readings.rx).toMatchObject({ outOfRange: true, ticketId: first.ticketId, byName: 'Tech Zhang' });
  });

  it('pause, then resume after a restart on the same store: nothing lost; a corrected reading keeps the old one as history', async () => {
    await commands.pauseRound({ roundId });
    const readingsBefore = await db.records.find({ selector: { kind: 'maintenanceReading' } }).exec();
    await db.close();
    now += 86_400_000;
    await open();
    signIn(tech);
    expect((await round()).summary.status).toBe('paused');
    expect((await db.records.find({ selector: { kind: 'maintenanceReading' } }).exec()).length).toBe(readingsBefore.length);
    await commands.openRound({ roundId });
    await commands.recordReading(readingInput.parse({ roundId, assetId: assets[0]!.id, itemKey: 'temp', value: '33' }));
    const a0 = (await round()).assets[0]!;
    expect(a0.readings.temp!.value).toBe(33);
    expect(a0.history.map((h) => h.value)).toEqual([31]);
  });

  it('sign-off needs every reading and a signature; then the round is done on time and counted in compliance', async () => {
    expect(await refused(commands.signOff({ roundId, signerName: 'Customer Wu', signaturePng: PNG }))).toBe('readings_missing');
    for (const [i, a] of assets.entries()) {
      for (const key of ['rx', 'temp', 'fan']) {
        const has = (await round()).assets[i]!.readings[key];
        if (!has) await commands.recordReading(readingInput.parse({ roundId, assetId: a.id, itemKey: key, value: key === 'rx' ? '-15' : key === 'temp' ? '30' : '5000' }));
      }
    }
    expect(await refused(commands.signOff({ roundId, signerName: 'Customer Wu', signaturePng: 'data:image/png;base64,AAAA' }))).toBe('signature_empty');
    const done = await commands.signOff({ roundId, signerName: 'Customer Wu', signaturePng: PNG });
    expect(done).toMatchObject({ status: 'done', timing: 'on_time', done: 15, total: 15, faults: 2 });
    expect(await refused(commands.recordReading(readingInput.parse({ roundId, assetId: assets[0]!.id, itemKey: 'rx', value: '-10' })))).toBe('round_done');
    signIn(manager);
    const c = await queries.compliance(viewer.value);
    expect(c.byTeam).toEqual([{ key: team.id, label: 'East field', onTime: 1, late: 0, missed: 0, open: 0, rate: 1 }]);
    expect(c.byMonth[0]).toMatchObject({ key: '2026-03', onTime: 1 });
    // Two faults of different checks at one site: nothing repeats.
    expect(c.repeatedFaults).toEqual([]);
    const series = await queries.assetReadings(viewer.value, assets[0]!.id);
    expect(series.find((s) => s.itemKey === 'temp')!.points.map((p) => p.value)).toEqual([31, 33]);
    expect(series.find((s) => s.itemKey === 'rx')).toMatchObject({ low: -28, high: -8, unit: 'dBm' });
    // Today's round is done: the next one is due next month.
    expect((await queries.home(viewer.value)).plans[0]!.nextDue).toBe('2026-04-10');
  });

  it('a template set to "create" raises the fault ticket with the reading itself; a "no" on a safety item is major', async () => {
    signIn(manager);
    const t = await commands.saveTemplate(saveTemplateInput.parse({ name: { en: 'Safety walk', 'zh-CN': '安全巡查' }, items: [SAMPLE_ITEMS[3]!], faults: 'create' }));
    const p = await commands.savePlan(savePlanInput.parse({ name: 'Safety weekly', templateId: t.id, teamId: team.id, customerId: customer.id, siteId: site, assetIds: [assets[2]!.id], frequency: { every: 1, unit: 'week' }, startDate: '2026-03-12' }));
    const weekly = (await db.records.findOne(p.id).exec())!.toJSON() as MaintenancePlanRecord;
    const draft = roundDraft(weekly, dueRounds(weekly.body, '2026-03-12', '2026-03-12')[0]!, '2026-03-10T00:00:00.000Z');
    await db.records.insert(draft);
    signIn(tech);
    await commands.openRound({ roundId: draft.id });
    const r = await commands.recordReading(readingInput.parse({ roundId: draft.id, assetId: assets[2]!.id, itemKey: 'ground', value: false, locale: 'zh-CN' }));
    expect(r.outOfRange).toBe(true);
    expect(r.fault).toMatchObject({ severity: 'major' });
    const ticket = (await db.tickets.findOne(r.fault!.ticketId).exec())!.toJSON() as Ticket;
    expect(ticket).toMatchObject({ severity: 'major', assetId: assets[2]!.id, title: '巡检异常：OLT-0003 接地完好 = 否' });
  });

  it('plans of a model, by running hours, in a window, assigned to a technician of the team; each refusal coded, nothing written', async () => {
    signIn(manager);
    const planInput = (over: object) =>
      savePlanInput.parse({ name: 'MA5800 by hours', templateId, teamId: team.id, customerId: customer.id, siteId: null, scope: 'model', model: 'MA5800', assetIds: [], frequency: { every: 1, unit: 'month' }, startDate: '2026-04-01', ...over });
    const before = await db.records.count().exec();
    expect(await refused(commands.savePlan(planInput({ model: '' })))).toBe('plan_without_model');
    expect(await refused(commands.savePlan(planInput({ workWindow: { weekdays: [], from: '09:00', to: '17:00' } })))).toBe('window_no_days');
    expect(await refused(commands.savePlan(planInput({ workWindow: { weekdays: [1], from: '17:00', to: '09:00' } })))).toBe('window_end_before_start');
    expect(await refused(commands.savePlan(planInput({ frequency: { every: 500, unit: 'running_hours' } })))).toBe('plan_template_without_meter');
    expect(await refused(commands.savePlan(planInput({ assigneeId: outsider.id })))).toBe('assignee_not_in_team');
    expect(await refused(commands.savePlan(planInput({ assigneeId: manager.id })))).toBe('assignee_not_in_team');
    expect(await db.records.count().exec()).toBe(before);

    const meter = { key: 'hours', type: 'number', label: { en: 'Running hours', 'zh-CN': '运行小时' }, unit: 'h', low: null, high: null, photoRequired: false, meter: 'running_hours' };
    const hoursTemplate = await commands.saveTemplate(saveTemplateInput.parse({ name: { en: 'Generator service', 'zh-CN': '发电机保养' }, items: [meter] }));
    const window = { weekdays: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' };
    const saved = await commands.savePlan(planInput({ templateId: hoursTemplate.id, frequency: { every: 500, unit: 'running_hours' }, workWindow: window, assigneeId: tech.id, assetIds: [assets[0]!.id] }));
    expect(saved).toMatchObject({ scope: 'model', model: 'MA5800', assetIds: [], workWindow: window, assigneeId: tech.id, frequency: { every: 500, unit: 'running_hours' } });
    const stored = (await db.records.findOne(saved.id).exec())!.toJSON() as MaintenancePlanRecord;
    expect(stored.body).toMatchObject({ scope: 'model', model: 'MA5800', assetIds: [], workWindow: window, assigneeId: tech.id });
    // A list plan keeps its assets and no model.
    const list = await commands.savePlan(planInput({ scope: 'assets', model: 'ignored', siteId: site, assetIds: [assets[1]!.id] }));
    expect(list).toMatchObject({ scope: 'assets', model: '', assetIds: [assets[1]!.id], workWindow: null });
  });
});
