import { describe, expect, it } from 'vitest';
import { validateDocument } from '../schema';
import { aTrainingRecord, ids } from './testing/builders';
import { checkTrainingRows, expiringCertifications, trainingInPeriod, trainingWriteRefusal, type TrainingActor } from './training';

const self: TrainingActor = { self: true, managerAbove: false, assessor: false };
const manager: TrainingActor = { self: false, managerAbove: true, assessor: false };
const assessor: TrainingActor = { self: false, managerAbove: false, assessor: true };
const peer: TrainingActor = { self: false, managerAbove: false, assessor: false };
const confirmedBy = (r = aTrainingRecord()) => ({ ...r, status: 'confirmed' as const, body: { ...r.body, decidedBy: ids.manager, decidedAt: '2026-02-21T00:00:00.000Z' } });

describe('training record schema', () => {
  it('refuses a record that ends before it starts or expires before it ends, naming the field', () => {
    const r = aTrainingRecord();
    const ends = validateDocument('records', { ...r, body: { ...r.body, startsOn: '2026-03-02', endsOn: '2026-03-01' } });
    expect(ends.ok ? [] : ends.errors).toEqual(['body.endsOn: must not be before startsOn']);
    const expires = validateDocument('records', { ...r, body: { ...r.body, expiresOn: '2026-01-01' } });
    expect(expires.ok ? [] : expires.errors).toEqual(['body.expiresOn: must not be before endsOn']);
  });

  it('carries who decided exactly when it is decided', () => {
    expect(validateDocument('records', confirmedBy()).ok).toBe(true);
    const r = aTrainingRecord();
    const undecided = validateDocument('records', { ...r, status: 'confirmed' });
    expect(undecided.ok).toBe(false);
  });
});

describe('who keeps training records', () => {
  const r = aTrainingRecord();
  it('a person enters and edits their own until it is confirmed, never deciding on it', () => {
    expect(trainingWriteRefusal(self, null, r)).toBeNull();
    expect(trainingWriteRefusal(self, r, { ...r, body: { ...r.body, hours: 6 } })).toBeNull();
    expect(trainingWriteRefusal(self, r, confirmedBy(r))).toBe('selfDecision');
    expect(trainingWriteRefusal(self, null, confirmedBy(r))).toBe('selfDecision');
    const done = confirmedBy(r);
    expect(trainingWriteRefusal(self, done, { ...done, body: { ...done.body, hours: 40 } })).toBe('confirmedLocked');
    expect(trainingWriteRefusal(self, done, null)).toBe('confirmedLocked');
    expect(trainingWriteRefusal(self, r, null)).toBeNull();
  });

  it('a manager above or an assessor decides; a peer is refused; nobody moves a record to another person', () => {
    expect(trainingWriteRefusal(manager, r, confirmedBy(r))).toBeNull();
    expect(trainingWriteRefusal(assessor, r, confirmedBy(r))).toBeNull();
    expect(trainingWriteRefusal(peer, null, r)).toBe('notVisible');
    expect(trainingWriteRefusal(manager, r, { ...r, ref: ids.manager })).toBe('otherPerson');
    // An assessor's own record is still their own: no self-confirmation through the role.
    expect(trainingWriteRefusal({ self: true, managerAbove: false, assessor: true }, r, confirmedBy(r))).toBe('selfDecision');
  });
});

describe('training figures', () => {
  it('counts confirmed training that ended inside the quarter', () => {
    const inQ = confirmedBy(aTrainingRecord({ body: { ...aTrainingRecord().body, endsOn: '2026-03-31', hours: 6 } }));
    const edge = confirmedBy(aTrainingRecord({ body: { ...aTrainingRecord().body, startsOn: '2026-01-01', endsOn: '2026-01-01', hours: 2 } }));
    const after = confirmedBy(aTrainingRecord({ body: { ...aTrainingRecord().body, startsOn: '2026-04-01', endsOn: '2026-04-01' } }));
    const unconfirmed = aTrainingRecord();
    const q = trainingInPeriod([inQ, edge, after, unconfirmed], '2026-01-01', '2026-03-31');
    expect([q.count, q.hours]).toEqual([2, 8]);
  });

  it('lists certifications that lapse soon or lapsed lately, soonest first; a renewal replaces the old one', () => {
    const cert = (title: string, expiresOn: string, ref: string = ids.assignee) =>
      confirmedBy(aTrainingRecord({ ref, body: { ...aTrainingRecord().body, trainingKind: 'certification', title, startsOn: '2024-01-01', endsOn: '2024-01-01', expiresOn } }));
    const soon = cert('Working at height', '2026-12-20');
    const lapsed = cert('Electrical safety', '2026-11-01', ids.manager);
    const far = cert('Fibre', '2027-06-01');
    const renewedOld = cert('Forklift', '2026-12-01');
    const renewedNew = cert('forklift', '2028-12-01');
    const longLapsed = cert('Old', '2026-01-01');
    const list = expiringCertifications([soon, lapsed, far, renewedOld, renewedNew, longLapsed], '2026-11-30');
    expect(list.map((e) => [e.record.body.title, e.daysLeft])).toEqual([
      ['Electrical safety', -29],
      ['Working at height', 20],
    ]);
  });
});

describe('training CSV import', () => {
  const people: Record<string, string | 'notYours'> = { wei: ids.assignee, outsider: 'notYours' };
  const personOf = (u: string) => people[u] ?? null;
  it('turns good rows into drafts (Chinese kinds too) and names every problem of a bad row', () => {
    const rows = checkTrainingRows(
      [
        { username: 'wei', kind: '证书', title: '登高作业证', provider: '安监局', startsOn: '2026-01-05', endsOn: '2026-01-06', hours: '16', result: 'passed', expiresOn: '2028-01-06' },
        { username: 'nobody', kind: 'course', title: 'x', startsOn: '2026-02-02', endsOn: '2026-02-01', hours: '-1' },
        { username: 'outsider', kind: 'seminar', title: '', startsOn: '2026-02-30', endsOn: '2026-03-01', hours: 'many', expiresOn: '2026-01-01' },
      ],
      personOf,
    );
    expect(rows[0]).toEqual({
      line: 2,
      errors: [],
      draft: { personId: ids.assignee, trainingKind: 'certification', title: '登高作业证', provider: '安监局', startsOn: '2026-01-05', endsOn: '2026-01-06', hours: 16, result: 'passed', expiresOn: '2028-01-06' },
    });
    expect(rows[1]!.draft).toBeNull();
    expect(rows[1]!.errors).toEqual([
      { field: 'username', code: 'unknownPerson' },
      { field: 'endsOn', code: 'endsBeforeStart' },
      { field: 'hours', code: 'badHours' },
    ]);
    expect(rows[2]!.errors).toEqual([
      { field: 'title', code: 'required' },
      { field: 'username', code: 'notYours' },
      { field: 'kind', code: 'badKind' },
      { field: 'startsOn', code: 'badDate' },
      { field: 'expiresOn', code: 'expiresBeforeEnd' },
      { field: 'hours', code: 'badHours' },
    ]);
  });
});
