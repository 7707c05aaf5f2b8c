import { describe, expect, it } from 'vitest';
import { visitRecord, visitCorrectionRecord } from '../schema/records/fieldwork';
import type { VisitCorrectionRecord } from '../schema';
import { anEvent, aVisit, BASE_TIME, ids, iso, newId } from './testing/builders';
import {
  checkIn,
  checkOut,
  effectiveVisit,
  fieldworkTotals,
  FieldworkRuleError,
  latestSignOff,
  signOffIssues,
  signVisit,
} from './fieldwork';

const at = (minutes: number) => iso(Date.parse(BASE_TIME) + minutes * 60_000);
const ticketId = newId();
const arrive = (over: Partial<Parameters<typeof checkIn>[0]> = {}) =>
  checkIn(
    {
      ticketId,
      siteId: ids.site,
      technicianId: ids.assignee,
      id: newId(),
      now: at(60),
      travelStartedAt: null,
      travelMinutes: 0,
      note: '',
      ...over,
    },
    [],
  );
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof FieldworkRuleError) return e.code;
    throw e;
  }
  return null;
};

describe('visits', () => {
  it('checks in with the travel minutes since setting off, and the record passes its schema', () => {
    const visit = arrive({ travelStartedAt: at(15) });
    expect(visit.status).toBe('open');
    expect(visit.body.travelMinutes).toBe(45);
    expect(visit.body.checkInAt).toBe(at(60));
    expect(visitRecord.safeParse(visit).success).toBe(true);
  });

  it('refuses a second open visit of the same technician on the ticket, and travel after arrival', () => {
    const open = arrive();
    expect(
      code(() =>
        checkIn(
          {
            ticketId,
            siteId: ids.site,
            technicianId: ids.assignee,
            id: newId(),
            now: at(70),
            travelStartedAt: null,
            travelMinutes: 5,
            note: '',
          },
          [open],
        ),
      ),
    ).toBe('already_checked_in');
    expect(code(() => arrive({ travelStartedAt: at(61) }))).toBe('travel_after_check_in');
    // Another technician on the same ticket may be there too.
    expect(
      checkIn(
        {
          ticketId,
          siteId: ids.site,
          technicianId: ids.manager,
          id: newId(),
          now: at(70),
          travelStartedAt: null,
          travelMinutes: 5,
          note: '',
        },
        [open],
      ).body.travelMinutes,
    ).toBe(5);
  });

  it('checks out not before check-in and not in the future', () => {
    const open = arrive();
    expect(code(() => checkOut(open, at(59), at(120)))).toBe('check_out_before_check_in');
    expect(code(() => checkOut(open, at(121), at(120)))).toBe('time_in_future');
    const closed = checkOut(open, at(150), at(150), 'replaced the board');
    expect(closed.status).toBe('closed');
    expect(closed.body.note).toBe('replaced the board');
    expect(code(() => checkOut(closed, at(160), at(160)))).toBe('not_checked_in');
  });

  it('locks a visit once signed; an open visit is checked out at the signature', () => {
    const signed = signVisit(arrive(), at(100));
    expect(signed.status).toBe('signed');
    expect(signed.body.checkOutAt).toBe(at(100));
    expect(signed.body.signedAt).toBe(at(100));
    expect(code(() => signVisit(signed, at(110)))).toBe('visit_signed');
    expect(code(() => checkOut({ ...signed }, at(110), at(110)))).toBe('visit_signed');
  });

  it('applies corrections of a signed visit in the order they were made', () => {
    const visit = aVisit({ status: 'signed' });
    const correction = (
      minutes: number,
      body: Partial<VisitCorrectionRecord['body']>,
    ): VisitCorrectionRecord => ({
      id: newId(),
      createdAt: at(minutes),
      updatedAt: at(minutes),
      kind: 'visit_correction',
      ref: visit.ref,
      ref2: visit.id,
      status: 'recorded',
      body: {
        authorId: ids.assignee,
        checkInAt: null,
        checkOutAt: null,
        travelMinutes: null,
        reason: 'wrong time',
        ...body,
      },
    });
    const later = correction(300, { travelMinutes: 20 });
    const earlier = correction(200, { travelMinutes: 10, checkOutAt: at(120) });
    expect(visitCorrectionRecord.safeParse(later).success).toBe(true);
    const effective = effectiveVisit(visit, [later, earlier]);
    expect(effective.body.travelMinutes).toBe(20);
    expect(effective.body.checkOutAt).toBe(at(120));
    expect(effective.body.checkInAt).toBe(visit.body.checkInAt);
  });
});

describe('totals', () => {
  it('sums logged work and travel, travel before visits and time on site, per person', () => {
    const visits = [
      aVisit({ ref: ticketId }),
      aVisit({ ref: ticketId, status: 'open', body: { checkOutAt: null, travelMinutes: 10 } }),
    ];
    const events = [
      anEvent('work_log', { ticketId, authorId: ids.assignee, workMinutes: 45, travelMinutes: 20 }),
      anEvent('work_log', { ticketId, authorId: ids.manager, workMinutes: 15, travelMinutes: 0 }),
      anEvent('note', { ticketId, body: 'not counted' }),
    ];
    const totals = fieldworkTotals(visits, [], events, at(30));
    expect(totals).toMatchObject({ visits: 2, workMinutes: 60, travelMinutes: 60, onSiteMinutes: 120 });
    expect(totals.byPerson.find((p) => p.personId === ids.manager)).toEqual({
      personId: ids.manager,
      workMinutes: 15,
      travelMinutes: 0,
      onSiteMinutes: 0,
    });
    expect(totals.byPerson.find((p) => p.personId === ids.assignee)?.onSiteMinutes).toBe(120);
  });
});

describe('sign-off', () => {
  const good = { signerName: '王经理', strokePoints: 40, score: 4, reason: '' };
  it('accepts a signature with a name and a score of 3-5 without a reason', () => {
    expect(signOffIssues(good)).toEqual([]);
  });
  it('refuses a pad without strokes, a missing name, a score of 0 or 6, and 1-2 without a reason', () => {
    expect(signOffIssues({ ...good, strokePoints: 0 })).toEqual([
      { path: 'signature', code: 'signature_empty' },
    ]);
    expect(signOffIssues({ ...good, signerName: '  ' })).toEqual([
      { path: 'signerName', code: 'signer_required' },
    ]);
    expect(signOffIssues({ ...good, score: 0 })).toEqual([{ path: 'score', code: 'score_out_of_range' }]);
    expect(signOffIssues({ ...good, score: 6 })).toEqual([{ path: 'score', code: 'score_out_of_range' }]);
    expect(signOffIssues({ ...good, score: 2, reason: ' ' })).toEqual([
      { path: 'reason', code: 'reason_required' },
    ]);
    expect(signOffIssues({ ...good, score: 2, reason: '等待备件时间太长' })).toEqual([]);
  });
  it('takes the newest signature and score of the ticket', () => {
    const first = anEvent('csat', { ticketId, score: 2, reason: 'slow', at: at(10) });
    const second = anEvent('csat', { ticketId, score: 4, at: at(20) });
    const sig = anEvent('signature', { ticketId, signerName: 'Li', sha256: 'a'.repeat(64) });
    expect(latestSignOff([second, sig, first])).toEqual({ signature: sig, csat: second });
  });
});
