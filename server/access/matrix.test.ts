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

describe('Z2: ticket fields per role (allow-lists)', () => {
  const IMMUTABLE = ['id', 'createdAt', 'createdBy', 'provisionalNumber'];
  // Field work: the ticket's text, state and links. Milestones and the reopen count follow the
  // lifecycle (probed below); SLA due time, complaint subject, customer and site are managers'.
  const WORK = ['updatedAt', 'title', 'description', 'contact', 'assetId', 'productLine', 'status', 'pendingReason', 'tags', 'problemId'];
  const SPECIALIST = [...WORK, 'assigneeId', 'severity', 'priority', 'teamId', 'functionalLevel', 'managementLevel', 'type', 'problemReport'];
  const allFields = Object.keys(aTicket()).filter((f) => f !== 'number');
  const MANAGER = allFields.filter((f) => !IMMUTABLE.includes(f));
  const allowed: Record<Who, string[]> = {
    tech: WORK,
    peer: WORK,
    eng: SPECIALIST,
    M: MANAGER,
    D: MANAGER,
    admin: allFields,
    tech2: [],
    exp: [],
    M2: [],
    assessor: [],
  };
  const cases = everyone.flatMap((who) => allFields.map((field) => [who, field] as const));
  it.each(cases)('%s changes %s', (who, field) => {
    const old = stored.ticket!;
    const next = { ...old, [field]: another(old[field], newId()) };
    expect(canWrite(who, 'tickets', old, next)).toBe(allowed[who].includes(field));
  });
  it('below managers, milestones are set once and never back-dated; the reopen count only grows on a reopen', () => {
    const base = { ...stored.ticket!, status: 'acknowledged', respondedAt: null, resolvedAt: null };
    const later = '2026-03-02T02:00:00.000Z';
    const before = '2026-03-01T00:00:00.000Z';
    for (const who of ['tech', 'eng'] as const) {
      expect(canWrite(who, 'tickets', base, { ...base, respondedAt: later }), who).toBe(true);
      expect(canWrite(who, 'tickets', base, { ...base, respondedAt: before }), who).toBe(false);
      const responded = { ...base, respondedAt: later };
      expect(canWrite(who, 'tickets', responded, { ...responded, respondedAt: '2026-03-02T01:30:00.000Z' }), who).toBe(false);
      expect(canWrite(who, 'tickets', responded, { ...responded, respondedAt: null }), who).toBe(false);
      const reopened = { ...base, status: 'resolved', resolvedAt: later, reopenCount: 1 };
      expect(canWrite(who, 'tickets', reopened, { ...reopened, reopenCount: 0 }), who).toBe(false);
      expect(canWrite(who, 'tickets', reopened, { ...reopened, status: 'in_progress', resolvedAt: null, reopenCount: 2 }), who).toBe(true);
      expect(canWrite(who, 'tickets', base, { ...base, reopenCount: 1 }), who).toBe(false);
    }
    expect(canWrite('M', 'tickets', { ...base, respondedAt: later }, { ...base, respondedAt: before })).toBe(true);
  });
  it('new tickets: in one’s own team and region; a complaint subject only from managers', () => {
    const mine = aTicket({ teamId: org.id.T1, assigneeId: '', region: 'cn-east', createdBy: org.id.tech });
    expect(canWrite('tech', 'tickets', null, mine)).toBe(true);
    expect(canWrite('tech', 'tickets', null, { ...mine, teamId: org.id.T2, assigneeId: org.id.tech })).toBe(false);
    expect(canWrite('tech', 'tickets', null, { ...mine, assigneeId: org.id.tech, region: 'cn-south' })).toBe(false);
    expect(canWrite('tech', 'tickets', null, { ...mine, subjectPersonId: org.id.peer })).toBe(false);
    expect(canWrite('tech', 'tickets', null, { ...mine, respondedAt: '2026-03-01T00:00:00.000Z' })).toBe(false);
    expect(canWrite('M', 'tickets', null, { ...mine, subjectPersonId: org.id.peer })).toBe(true);
    expect(canWrite('M2', 'tickets', null, mine)).toBe(false);
    expect(canWrite('M2', 'tickets', null, { ...mine, teamId: org.id.T2, region: 'cn-south' })).toBe(true);
    expect(canWrite('assessor', 'tickets', null, mine)).toBe(false);
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
  it('an assessor never creates, scores or deletes their own assessment', () => {
    const own = anAssessment({ personId: org.id.assessor, managerId: org.id.D, phase: 'calibration' }) as unknown as Record<string, unknown>;
    expect(canWrite('assessor', 'assessments', null, own)).toBe(false);
    expect(canWrite('assessor', 'assessments', own, own, true)).toBe(false);
    for (const field of ['calibration', 'total', 'outcome', 'kpis', 'phase', 'managerId']) {
      expect(canWrite('assessor', 'assessments', own, { ...own, [field]: another(own[field], newId()) }), field).toBe(false);
    }
    // While the manager review runs, the KPIs are the manager's and other assessors', never theirs.
    const review: Record<string, unknown> = { ...own, phase: 'manager_review' };
    expect(canWrite('assessor', 'assessments', review, { ...review, kpis: another(review.kpis, newId()) })).toBe(false);
    const selfPhase: Record<string, unknown> = { ...own, phase: 'self_review' };
    expect(canWrite('assessor', 'assessments', selfPhase, { ...selfPhase, selfReview: another(selfPhase.selfReview, newId()) })).toBe(true);
  });
});

describe('assessment content rules on push (bad input changes nothing)', () => {
  const base = () => anAssessment({ personId: org.id.tech, managerId: org.id.M, phase: 'self_review' }) as unknown as Record<string, unknown>;
  const review = (score: number, comment: string, submittedAt: string | null = null) => ({ scores: [{ criterion: 'businessSkill', score, comment }], summary: '', submittedAt });
  it('a 1 or a 5 needs a comment; a submitted review is locked', () => {
    const a = base();
    expect(canWrite('tech', 'assessments', a, { ...a, selfReview: review(5, '') })).toBe(false);
    expect(canWrite('tech', 'assessments', a, { ...a, selfReview: review(5, 'led the outage fix') })).toBe(true);
    const submitted = { ...a, selfReview: review(4, '', '2026-04-01T00:00:00.000Z') };
    expect(canWrite('tech', 'assessments', submitted, { ...submitted, selfReview: review(3, '') })).toBe(false);
  });
  it('a calibration change needs to start from the current score', () => {
    const scores = ['businessSkill', 'serviceAttitude', 'workEfficiency', 'customerSatisfaction'].map((criterion) => ({ criterion, score: 3, comment: '' }));
    const a = { ...base(), phase: 'calibration', managerReview: { scores, summary: '', submittedAt: '2026-04-01T00:00:00.000Z' } };
    const adj = (from: number) => ({ adjustments: [{ criterion: 'businessSkill', from, to: 4, reason: 'peer comparison', byId: org.id.assessor }], note: '' });
    expect(canWrite('assessor', 'assessments', a, { ...a, calibration: adj(2) })).toBe(false);
    expect(canWrite('assessor', 'assessments', a, { ...a, calibration: adj(3) })).toBe(true);
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
