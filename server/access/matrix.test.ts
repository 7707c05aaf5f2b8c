import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, anAssessment, anAsset, anEvent, aPolicy, aProblem, aCycle, aTicket, newId } from '../../shared/domain/testing/builders';
import type { Doc, SyncUser } from '../sync/registry';
import { writeServerDocs } from '../sync/engine';
import { cimsOrg, writeOrg, type CimsOrg } from '../testing/cims-org';
import { createTestDb, type TestDb } from '../testing/test-db';
import { cimsRegistry } from './cims';
import type { CimsContext } from './context';

/**
 * Authorisation matrix (Z1, Z2, Z5): role x collection x field, generated. The expected
 * outcomes are written here independently of rules.ts, as the product rules read in DOMAIN.md.
 */
type Who = 'tech' | 'peer' | 'tech2' | 'eng' | 'exp' | 'M' | 'M2' | 'D' | 'assessor' | 'admin';
const everyone: Who[] = ['tech', 'peer', 'tech2', 'eng', 'exp', 'M', 'M2', 'D', 'assessor', 'admin'];

/** A different value of the same shape, for "change this field" probes. */
function another(v: unknown, fresh: string): unknown {
  if (typeof v === 'string') return /^[0-9a-f-]{36}$/.test(v) || v === '' ? fresh : `${v}x`;
  if (typeof v === 'number') return v + 1;
  if (typeof v === 'boolean') return !v;
  if (v === null) return fresh;
  if (Array.isArray(v)) return [...v, 'x'];
  return { ...(v as object), probe: 1 };
}

const reg = cimsRegistry();
let t: TestDb;
const org: CimsOrg = cimsOrg();
const ctx = new Map<Who, CimsContext>();
const ticket = () => aTicket({ teamId: org.id.T1, assigneeId: org.id.tech, region: 'cn-east', createdBy: org.id.M });
let stored: Record<string, Doc> = {};

beforeAll(async () => {
  t = await createTestDb('pglite');
  const { migrate } = await import('../db/migrate');
  await migrate(t.db);
  await writeOrg(t.db, org);
  stored = { ticket: ticket() as unknown as Doc };
  await t.db.transaction((tx) => writeServerDocs(tx, reg.get('tickets')!, [{ doc: stored.ticket! }]));
  stored.ticket = (await t.db.query<{ doc: Doc }>(`select doc from sync_docs where collection = 'tickets'`)).rows[0]!.doc;
  for (const who of everyone) {
    const person = org.people.find((p) => p.id === org.id[who])!;
    const user: SyncUser = { id: person.id, username: person.username, roles: person.roles, teamId: person.teamId };
    ctx.set(who, await reg.context(t.db, user));
  }
});
afterAll(async () => t.drop());

const canRead = (who: Who, collection: string, doc: object) => reg.get(collection)!.access.canRead(ctx.get(who)!, doc as Doc);
const canWrite = (who: Who, collection: string, old: object | null, next: object, deleted = false) =>
  reg.get(collection)!.access.canWrite(ctx.get(who)!, old as Doc | null, next as Doc, deleted).allowed;

describe('Z1: who reads a ticket of team T1 (region cn-east) assigned to tech', () => {
  const expected: Record<Who, boolean> = { tech: true, peer: true, tech2: false, eng: true, exp: false, M: true, M2: false, D: true, assessor: false, admin: true };
  it.each(everyone)('%s', (who) => {
    expect(canRead(who, 'tickets', stored.ticket!)).toBe(expected[who]);
  });
  it('experts read tickets escalated to L3; the timeline follows its ticket', () => {
    expect(canRead('exp', 'tickets', { ...stored.ticket!, functionalLevel: 'L3' })).toBe(true);
    const ev = anEvent('note', { ticketId: stored.ticket!.id, authorId: org.id.M, body: 'x' });
    for (const who of everyone) expect(canRead(who, 'ticketEvents', ev), who).toBe(canRead(who, 'tickets', stored.ticket!));
  });
});

describe('Z2: ticket fields per role', () => {
  const IMMUTABLE = ['id', 'createdAt', 'createdBy', 'provisionalNumber'];
  const TECH_DENIED = [...IMMUTABLE, 'severity', 'priority', 'teamId', 'assigneeId', 'functionalLevel', 'managementLevel', 'customerId', 'siteId', 'region', 'type', 'problemReport'];
  const SPECIALIST_DENIED = [...IMMUTABLE, 'customerId', 'siteId', 'region'];
  const denied: Record<Who, string[] | 'all'> = {
    tech: TECH_DENIED,
    peer: TECH_DENIED,
    eng: SPECIALIST_DENIED,
    M: IMMUTABLE,
    D: IMMUTABLE,
    admin: [],
    tech2: 'all',
    exp: 'all',
    M2: 'all',
    assessor: 'all',
  };
  const cases = everyone.flatMap((who) => Object.keys(aTicket()).filter((f) => f !== 'number').map((field) => [who, field] as const));
  it.each(cases)('%s changes %s', (who, field) => {
    const old = stored.ticket!;
    const next = { ...old, [field]: another(old[field], newId()) };
    const d = denied[who];
    expect(canWrite(who, 'tickets', old, next)).toBe(d !== 'all' && !d.includes(field));
  });
  it('a technician takes an unassigned ticket or hands back their own, never someone else’s', () => {
    const old = stored.ticket!;
    expect(canWrite('tech', 'tickets', old, { ...old, assigneeId: '' })).toBe(true);
    expect(canWrite('peer', 'tickets', { ...old, assigneeId: '' }, { ...old, assigneeId: org.id.peer })).toBe(true);
    expect(canWrite('peer', 'tickets', old, { ...old, assigneeId: org.id.peer })).toBe(false);
  });
  it('closing, cancelling and reopening follow the role (technicians work and reopen, engineers also close)', () => {
    const base = { ...stored.ticket!, status: 'in_progress' };
    const closers = everyone.filter((w) => canWrite(w, 'tickets', base, { ...base, status: 'closed' }));
    expect(closers.sort()).toEqual(['D', 'M', 'admin', 'eng']);
    const fresh = { ...stored.ticket!, status: 'new' };
    expect(everyone.filter((w) => canWrite(w, 'tickets', fresh, { ...fresh, status: 'closed' })).sort()).toEqual(['D', 'M', 'admin']);
    // Several offline steps at once are fine as long as the role may do the action.
    expect(canWrite('tech', 'tickets', fresh, { ...fresh, status: 'resolved' })).toBe(true);
    const resolved = { ...stored.ticket!, status: 'resolved' };
    expect(canWrite('tech', 'tickets', resolved, { ...resolved, status: 'in_progress' })).toBe(true);
  });
  it('only managers and admins delete tickets', () => {
    const expected = everyone.filter((w) => canWrite(w, 'tickets', stored.ticket!, stored.ticket!, true));
    expect(expected.sort()).toEqual(['D', 'M', 'admin']);
  });
  it('timeline events are created in one’s own name on visible tickets and never changed', () => {
    const ev = anEvent('note', { ticketId: stored.ticket!.id, authorId: org.id.tech, body: 'on site' });
    expect(canWrite('tech', 'ticketEvents', null, ev)).toBe(true);
    expect(canWrite('peer', 'ticketEvents', null, ev)).toBe(false);
    expect(canWrite('tech2', 'ticketEvents', null, { ...ev, authorId: org.id.tech2 })).toBe(false);
    expect(canWrite('tech2', 'ticketEvents', null, { ...ev, authorId: org.id.tech2, ticketId: newId() })).toBe(true);
    for (const who of everyone) expect(canWrite(who, 'ticketEvents', ev, { ...ev, body: 'edited' }), who).toBe(false);
  });
});

describe('Z2: other collections per role (any field change)', () => {
  const writers: Record<string, Who[]> = {
    customers: ['tech', 'peer', 'tech2', 'eng', 'M', 'M2', 'D', 'admin'],
    assets: ['tech', 'peer', 'tech2', 'eng', 'exp', 'M', 'M2', 'D', 'admin'],
    people: ['admin'],
    teams: ['admin'],
    policies: ['admin'],
    assessmentCycles: ['assessor', 'admin'],
    problems: ['eng', 'exp', 'M', 'M2', 'D', 'admin'],
  };
  const docs: Record<string, () => object> = {
    customers: () => aCustomer(),
    assets: () => anAsset(),
    people: () => org.people[3]!,
    teams: () => org.teams[0]!,
    policies: () => aPolicy('general'),
    assessmentCycles: () => aCycle(),
    problems: () => aProblem(),
  };
  const cases = Object.keys(writers).flatMap((c) => {
    const fields = Object.keys(docs[c]!()).filter((f) => f !== 'id' && f !== 'createdAt');
    return everyone.flatMap((who) => fields.map((f) => [c, who, f] as const));
  });
  it.each(cases)('%s: %s changes %s', (collection, who, field) => {
    const old = docs[collection]!() as Record<string, unknown>;
    const next = { ...old, [field]: another(old[field], newId()) };
    expect(canWrite(who, collection, old, next)).toBe(writers[collection]!.includes(who));
  });
  it('everyone reads reference data; assessors alone do not read problems', () => {
    for (const who of everyone) {
      for (const c of ['customers', 'assets', 'people', 'teams', 'policies', 'assessmentCycles']) expect(canRead(who, c, docs[c]!())).toBe(true);
      expect(canRead(who, 'problems', aProblem())).toBe(who !== 'assessor');
    }
  });
});

describe('Z5: assessments of tech (manager M, director D)', () => {
  const readers: Who[] = ['tech', 'M', 'D', 'assessor'];
  it.each(everyone)('read by %s', (who) => {
    const a = anAssessment({ personId: org.id.tech, managerId: org.id.M });
    expect(canRead(who, 'assessments', a)).toBe(readers.includes(who));
  });
  const phases = ['self_review', 'manager_review', 'calibration', 'acknowledgement', 'closed'] as const;
  const fields = ['selfReview', 'managerReview', 'kpis', 'calibration', 'total', 'outcome', 'acknowledgement', 'phase', 'personId', 'managerId', 'cycleId'] as const;
  // DOMAIN.md: the person writes the self review and the acknowledgement, the direct manager
  // the manager review (and KPIs while reviews run), assessors KPIs, calibration and the
  // cycle's bookkeeping; each only in its phase. The director reads but does not write.
  const allowed = (who: Who, phase: string, field: string): boolean => {
    const reviews = phase === 'self_review' || phase === 'manager_review';
    if (who === 'tech') return (field === 'selfReview' && phase === 'self_review') || (field === 'acknowledgement' && phase === 'acknowledgement');
    if (who === 'M') return (['managerReview', 'total', 'outcome'].includes(field) && phase === 'manager_review') || (field === 'kpis' && reviews);
    if (who === 'assessor') {
      if (['phase', 'personId', 'managerId', 'cycleId'].includes(field)) return true;
      if (field === 'kpis') return reviews;
      return ['calibration', 'total', 'outcome'].includes(field) && phase === 'calibration';
    }
    return false;
  };
  const cases = everyone.flatMap((who) => phases.flatMap((phase) => fields.map((field) => [who, phase, field] as const)));
  it.each(cases)('%s in phase %s changes %s', (who, phase, field) => {
    const old = anAssessment({ personId: org.id.tech, managerId: org.id.M, phase }) as unknown as Record<string, unknown>;
    const next = { ...old, [field]: another(old[field], field === 'personId' ? org.id.peer : newId()) };
    expect(canWrite(who, 'assessments', old, next)).toBe(allowed(who, phase, field));
  });
  it('only assessors create or delete assessments', () => {
    const a = anAssessment({ personId: org.id.tech, managerId: org.id.M });
    expect(everyone.filter((w) => canWrite(w, 'assessments', null, a))).toEqual(['assessor']);
    expect(everyone.filter((w) => canWrite(w, 'assessments', a, a, true))).toEqual(['assessor']);
  });
});

describe('the SQL read filters never hide what the read rules allow', () => {
  it.each(everyone)('%s', async (who) => {
    const variants = [
      ticket(),
      aTicket({ teamId: org.id.T2, assigneeId: org.id.tech2, region: 'cn-south' }),
      aTicket({ teamId: org.id.T2, assigneeId: '', region: 'cn-south', functionalLevel: 'L3' }),
      aTicket({ teamId: org.id.T3, assigneeId: org.id.exp, region: 'cn-east' }),
      aTicket({ teamId: org.id.T2, assigneeId: org.id.tech, region: 'cn-south' }),
    ];
    const assessments = [org.id.tech, org.id.peer, org.id.M, org.id.tech2].map((personId) => anAssessment({ personId, managerId: org.id.M }));
    for (const [collection, docs] of [['tickets', variants], ['assessments', assessments]] as const) {
      const spec = reg.get(collection)!;
      const params: unknown[] = [];
      const sql = spec.access.filterSql!(ctx.get(who)!, 'x.doc', (v) => {
        params.push(v);
        return `$${params.length}`;
      });
      const r = await t.db.query<{ id: string }>(`select x.doc->>'id' as id from (select jsonb_array_elements($${params.length + 1}::jsonb) as doc) x where ${sql}`, [...params, JSON.stringify(docs)]);
      const bySql = new Set(r.rows.map((x) => x.id));
      const byRule = docs.filter((d) => canRead(who, collection, d)).map((d) => d.id);
      for (const id of byRule) expect(bySql.has(id), `${collection} ${id}`).toBe(true);
    }
  });
});
