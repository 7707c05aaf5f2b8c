import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingForm } from '../../../shared/api/training';
import type { Viewer } from '../../../shared/domain/assessment';
import { BehaviorSubject } from 'rxjs';
import { aContactLog, aPerson, aTeam, newId } from '../../../shared/domain/testing/builders';
import type { TrainingRecord } from '../../../shared/schema';
import { DomainError } from '../../core/errors';
import { openDatabase, type CimsDatabase } from '../../db/open';
import { trainingHandlers } from './handlers';
import { createTrainingService } from './service';

// Training records in the main process on a real SQLite store: the person enters, a manager
// above decides, peers see nothing, CSV imports are all or nothing.
const team = aTeam({ id: newId(), name: 'Field East' });
const director = aPerson({ id: newId(), username: 'dir', displayName: 'Director Wu', managerId: null, roles: ['manager'], teamId: null });
const manager = aPerson({ id: newId(), username: 'mgr', displayName: 'Manager Li', managerId: director.id, roles: ['manager'], teamId: team.id });
const tech = aPerson({ id: newId(), username: 'tech', displayName: 'Tech Zhang', managerId: manager.id, teamId: team.id });
const peer = aPerson({ id: newId(), username: 'peer', displayName: 'Peer Chen', managerId: manager.id, teamId: team.id });
const as = (p: typeof tech): Viewer => ({ id: p.id, roles: p.roles });

const form = (over: Partial<TrainingForm> = {}) => ({
  trainingKind: 'course' as const,
  title: '光纤熔接 OTDR',
  provider: 'CIMS Academy',
  startsOn: '2026-02-02',
  endsOn: '2026-02-03',
  hours: 12,
  result: 'passed',
  expiresOn: '',
  note: '',
  ...over,
});

describe('training records in main', () => {
  let dir: string;
  let db: CimsDatabase;
  let viewer: Viewer | null = null;
  const clock = () => new Date('2026-11-30T08:00:00.000Z');
  const service = () => createTrainingService({ db, viewer: () => viewer, clock });
  const code = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof DomainError ? e.code : String(e)));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-training-'));
    db = await openDatabase({ directory: dir });
    await db.people.bulkInsert([director, manager, tech, peer]);
    await db.teams.insert(team);
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a technician enters a course; the manager confirms it; it counts in the quarter; then only a manager changes it', async () => {
    viewer = as(tech);
    const { id } = await service().save({ id: null, personId: tech.id, form: form() });
    const mine = await service().person(null);
    expect(mine?.own).toBe(true);
    expect(mine?.rows.map((r) => [r.title, r.status, r.can.decide, r.can.edit])).toEqual([['光纤熔接 OTDR', 'submitted', false, true]]);
    expect(await code(service().decide({ id, decision: 'confirm' }))).toBe('FORBIDDEN');

    viewer = as(peer);
    expect(await service().person(tech.id)).toBeNull();
    expect(await code(service().decide({ id, decision: 'confirm' }))).toBe('FORBIDDEN');

    viewer = as(manager);
    expect((await service().person(tech.id))?.own).toBe(false);
    expect((await service().team()).pending.map((r) => r.id)).toEqual([id]);
    await service().decide({ id, decision: 'confirm' });
    expect((await service().team()).pending).toEqual([]);
    expect(await service().period(tech.id, '2026-01-01', '2026-03-31')).toEqual({ count: 1, hours: 12, titles: ['光纤熔接 OTDR'] });

    viewer = as(tech);
    expect(await code(service().save({ id, personId: tech.id, form: form({ hours: 80 }) }))).toBe('FORBIDDEN');
    expect(await code(service().remove({ id }))).toBe('FORBIDDEN');
    const doc = (await db.records.findOne(id).exec())!.toJSON() as TrainingRecord;
    expect([doc.status, doc.body.hours, doc.body.decidedBy]).toEqual(['confirmed', 12, manager.id]);
  });

  it('lists certifications of the team that lapse soon for the managers above', async () => {
    viewer = as(manager);
    await service().save({ id: null, personId: peer.id, form: form({ trainingKind: 'certification', title: 'Working at height', startsOn: '2024-12-01', endsOn: '2024-12-01', expiresOn: '2026-12-15' }) });
    const pending = (await service().team()).pending[0]!;
    await service().decide({ id: pending.id, decision: 'confirm' });
    viewer = as(director);
    const expiring = (await service().team()).expiring;
    expect(expiring.map((e) => [e.row.person.name, e.row.title, e.daysLeft])).toEqual([['Peer Chen', 'Working at height', 15]]);
    viewer = as(peer);
    expect((await service().team()).expiring).toEqual([]);
  });

  it('imports a CSV only when every row is good, and names each bad row', async () => {
    viewer = as(manager);
    const before = await db.records.count().exec();
    const bad = 'username,kind,title,provider,startsOn,endsOn,hours,result,expiresOn\ntech,证书,登高作业证,安监局,2026-01-05,2026-01-06,16,passed,2028-01-06\nmgr,course,Self,,2026-01-05,2026-01-04,4,,\nghost,course,X,,2026-01-05,2026-01-05,4,,\n';
    const preview = await service().previewCsv(bad);
    expect([preview.valid, preview.invalid]).toEqual([1, 2]);
    expect(preview.rows.map((r) => [r.line, r.errors.map((e) => e.code)])).toEqual([
      [2, []],
      [3, ['notYours', 'endsBeforeStart']],
      [4, ['unknownPerson']],
    ]);
    expect(await code(service().importCsv(bad))).toBe('VALIDATION_FAILED');
    expect(await db.records.count().exec()).toBe(before);

    const good = '\uFEFFusername,kind,title,startsOn,endsOn,hours\ntech,证书,登高作业证,2026-01-05,2026-01-06,16\npeer,course,Customer communication,2026-03-01,2026-03-01,4\n';
    expect(await service().importCsv(good)).toEqual({ imported: 2 });
    expect(await db.records.count().exec()).toBe(before + 2);
    viewer = as(tech);
    const rows = (await service().person(null))!.rows;
    expect(rows.find((r) => r.title === '登高作业证')).toMatchObject({ status: 'confirmed', trainingKind: 'certification', decidedBy: { name: 'Manager Li' } });

    expect(await code(service().previewCsv('name,when\nx,y\n'))).toBe('VALIDATION_FAILED');
  });

  it('refuses bad input before anything is stored', async () => {
    viewer = as(tech);
    const before = await db.records.count().exec();
    expect(await code(service().save({ id: null, personId: tech.id, form: form({ startsOn: '2026-03-02', endsOn: '2026-03-01' }) }))).toBe('VALIDATION_FAILED');
    expect(await code(service().save({ id: null, personId: peer.id, form: form() }))).toBe('FORBIDDEN');
    viewer = null;
    expect(await code(service().save({ id: null, personId: tech.id, form: form() }))).toBe('UNAUTHORIZED');
    expect(await db.records.count().exec()).toBe(before);
  });

  it('answers live: a training change re-runs the team view, another kind of record does not', async () => {
    viewer = as(manager);
    const viewer$ = new BehaviorSubject<Viewer | null>(as(manager));
    const seen: number[] = [];
    const stop = trainingHandlers(service(), db, viewer$).liveQueries['training.team']({}, (v) => seen.push(v.pending.length), (e) => {
      throw e;
    });
    const settle = () => new Promise((r) => setTimeout(r, 300));
    await settle();
    const first = seen.length;
    expect(first).toBeGreaterThan(0);
    await db.records.insert(aContactLog());
    await settle();
    expect(seen.length).toBe(first);
    viewer = as(tech);
    await service().save({ id: null, personId: tech.id, form: form({ title: 'Router basics' }) });
    viewer = as(manager);
    await settle();
    expect(seen.length).toBe(first + 1);
    expect(seen.at(-1)).toBe(seen[first - 1]! + 1);
    stop();
  });
});
