import { readdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BehaviorSubject } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../../shared/api/fieldwork';
import {
  aCustomer,
  anEvent,
  aPerson,
  aTeam,
  aTicket,
  ids,
  newId,
} from '../../../shared/domain/testing/builders';
import { provisionalTicketNumber } from '../../../shared/domain/ticketNumber';
import {
  recordSchema,
  type StockMovementRecord,
  type Ticket,
  type TicketEvent,
  type VisitRecord,
} from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import { DomainError } from '../../core/errors';
import { openSettings } from '../../core/settings';
import { openDatabase, type CimsDatabase } from '../../db/open';
import { createFolderBlobStore } from './blobs';
import { createFieldworkQueries } from './queries';
import { createReportMaker } from './report';
import { createFieldworkService, type FieldworkService } from './work';

const T0 = Date.parse('2026-03-02T02:00:00.000Z');
const MIN = 60_000;
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const tech = aPerson({ id: ids.assignee, username: 'tech', displayName: 'Zhang San', roles: ['technician'] });
const peer = aPerson({ id: newId(), username: 'peer', displayName: 'Wang Wu', roles: ['technician'] });
const asUser = (p: typeof tech): SessionUser => ({
  id: p.id,
  username: p.username,
  displayName: p.displayName,
  roles: p.roles,
  teamId: p.teamId,
});

describe('field work on a real store', () => {
  let dir: string;
  let db: CimsDatabase;
  let work: FieldworkService;
  let queries: ReturnType<typeof createFieldworkQueries>;
  let reports: ReturnType<typeof createReportMaker>;
  const printed: string[] = [];
  let user: SessionUser = asUser(tech);
  let now = T0;
  let counter = 0;
  const put = async (over: Partial<Ticket> = {}): Promise<Ticket> => {
    const t = aTicket({
      provisionalNumber: provisionalTicketNumber('TEST', ++counter),
      assigneeId: tech.id,
      ...over,
    });
    await db.tickets.insert(t);
    return t;
  };
  const events = async (id: string) =>
    (await db.ticketEvents.find({ selector: { ticketId: id } }).exec()).map((d) => d.toJSON() as TicketEvent);
  const visits = async (id: string) =>
    (await db.records.find({ selector: { kind: 'visit', ref: id } }).exec()).map(
      (d) => d.toJSON() as VisitRecord,
    );
  const refused = async (p: Promise<unknown>, code: string, fieldCode: string) => {
    const error = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    expect((error as DomainError).fields?.map((f) => f.code)).toContain(fieldCode);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-fieldwork-'));
    db = await openDatabase({ directory: dir });
    const settings = await openSettings(dir);
    await db.customers.insert(aCustomer({ name: 'China Mobile Jiangsu', nameZh: '中国移动江苏公司' }));
    await db.teams.insert(aTeam());
    await db.people.bulkInsert([tech, peer]);
    const blobs = createFolderBlobStore(join(dir, 'blobs'));
    const clock = () => new Date(now);
    work = createFieldworkService(db, settings, blobs, () => user, clock);
    queries = createFieldworkQueries(
      db,
      settings,
      blobs,
      () => user,
      new BehaviorSubject<unknown>(null),
      clock,
    );
    // The shell's printer (Electron or the harness's Chromium) is not here: a stand-in gives PDF bytes.
    const printToPdf = async (route: string) => {
      printed.push(route);
      return new TextEncoder().encode('%PDF-1.7\n% test\n');
    };
    reports = createReportMaker(db, settings, blobs, printToPdf, () => user, clock);
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('checks in with the travel before, refuses a second check-in, checks out; several visits per ticket', async () => {
    user = asUser(tech);
    const t = await put();
    now = T0;
    const first = await work.checkIn(
      api.checkInInput.parse({ ticketId: t.id, travelMinutes: 35, note: '机房三楼' }),
    );
    expect(first).toMatchObject({
      status: 'open',
      travelMinutes: 35,
      technicianName: 'Zhang San',
      mine: true,
      checkOutAt: null,
    });
    await refused(work.checkIn(api.checkInInput.parse({ ticketId: t.id })), 'CONFLICT', 'already_checked_in');
    now = T0 + 95 * MIN;
    const out = await work.checkOut(api.checkOutInput.parse({ visitId: first.id }));
    expect(out).toMatchObject({
      status: 'closed',
      onSiteMinutes: 95,
      checkOutAt: new Date(now).toISOString(),
    });
    now = T0 + 24 * 60 * MIN;
    await work.checkIn(api.checkInInput.parse({ ticketId: t.id, travelMinutes: 20 }));
    const stored = await visits(t.id);
    expect(stored).toHaveLength(2);
    for (const v of stored) expect(recordSchema.safeParse(v).success).toBe(true);
    // Another technician may not check out someone else's visit.
    user = asUser(peer);
    await refused(
      work.checkOut({ visitId: stored.find((v) => v.status === 'open')!.id }),
      'FORBIDDEN',
      'not_your_visit',
    );
  });

  it('logs work and travel and totals them per ticket and per person', async () => {
    user = asUser(tech);
    const t = await put();
    now = T0;
    const v = await work.checkIn(api.checkInInput.parse({ ticketId: t.id, travelMinutes: 30 }));
    now = T0 + 60 * MIN;
    await work.checkOut({ visitId: v.id });
    await work.logWork(
      api.workLogInput.parse({
        ticketId: t.id,
        workMinutes: 50,
        travelMinutes: 0,
        activity: '更换光模块 replaced the SFP',
      }),
    );
    user = asUser(peer);
    await work.logWork(
      api.workLogInput.parse({
        ticketId: t.id,
        workMinutes: 15,
        travelMinutes: 40,
        activity: 'remote check',
      }),
    );
    expect(
      api.workLogInput.safeParse({ ticketId: t.id, workMinutes: 0, travelMinutes: 0, activity: 'x' }).error
        ?.issues[0]?.message,
    ).toBe('nothing_logged');
    const panel = (await queries.panelOf(t.id))!.panel;
    expect(panel.totals).toMatchObject({ visits: 1, workMinutes: 65, travelMinutes: 70, onSiteMinutes: 60 });
    expect(panel.totals.byPerson.map((p) => [p.name, p.workMinutes, p.travelMinutes])).toEqual(
      expect.arrayContaining([
        ['Zhang San', 50, 30],
        ['Wang Wu', 15, 40],
      ]),
    );
    expect(panel.workLogs.map((l) => [l.authorName, l.activity])).toContainEqual([
      'Zhang San',
      '更换光模块 replaced the SFP',
    ]);
  });

  it('refuses an empty signature, a score of 0 or 6 and 1-2 without a reason, storing nothing', async () => {
    user = asUser(tech);
    const t = await put();
    const base = {
      ticketId: t.id,
      signerName: '王经理',
      signaturePng: PNG,
      strokePoints: 25,
      score: 4,
      reason: '',
    };
    const codes = (input: object) =>
      api.signOffInput.safeParse(input).error?.issues.map((i) => i.message) ?? [];
    expect(codes({ ...base, signaturePng: '', strokePoints: 0 })).toEqual(['signature_empty']);
    expect(codes({ ...base, score: 0 })).toEqual(['score_out_of_range']);
    expect(codes({ ...base, score: 6 })).toEqual(['score_out_of_range']);
    expect(codes({ ...base, score: 2, reason: '  ' })).toEqual(['reason_required']);
    expect(codes({ ...base, signerName: '' })).toEqual(['signer_required']);
    // Past the schema (a caller that skipped it), bytes that are not a PNG are refused by main too.
    await refused(
      work.signOff({ ...base, signaturePng: 'data:image/png;base64,AAAA' }),
      'VALIDATION_FAILED',
      'signature_empty',
    );
    expect(await events(t.id)).toEqual([]);
    expect(await readdir(join(dir, 'blobs')).catch(() => [])).toEqual([]);
  });

  it('signs off: signature and CSAT events with the time and technician, the visit frozen, corrected only by a new record', async () => {
    user = asUser(tech);
    const t = await put();
    now = T0;
    const v = await work.checkIn(api.checkInInput.parse({ ticketId: t.id, travelMinutes: 10 }));
    now = T0 + 45 * MIN;
    const signed = await work.signOff(
      api.signOffInput.parse({
        ticketId: t.id,
        signerName: ' 王经理 ',
        signaturePng: PNG,
        strokePoints: 25,
        score: 2,
        reason: '等待备件两天',
      }),
    );
    const written = await events(t.id);
    const signature = written.find((e) => e.kind === 'signature')!;
    const csat = written.find((e) => e.kind === 'csat')!;
    expect(signature).toMatchObject({
      signerName: '王经理',
      authorId: tech.id,
      at: new Date(now).toISOString(),
    });
    expect(csat).toMatchObject({
      score: 2,
      reason: '等待备件两天',
      authorId: tech.id,
      at: new Date(now).toISOString(),
    });
    expect(signed).toEqual({ signatureEventId: signature.id, csatEventId: csat.id, visitId: v.id });
    // The image is stored under the hash the event names.
    expect(await readdir(join(dir, 'blobs'))).toContain((signature as { sha256: string }).sha256);
    const [visit] = await visits(t.id);
    expect(visit).toMatchObject({
      status: 'signed',
      body: { checkOutAt: new Date(now).toISOString(), signedAt: new Date(now).toISOString() },
    });

    now = T0 + 50 * MIN;
    await refused(work.checkOut({ visitId: v.id }), 'CONFLICT', 'visit_signed');
    const corrected = await work.correctVisit(
      api.correctVisitInput.parse({ visitId: v.id, travelMinutes: 25, reason: '路途时间记错' }),
    );
    expect(corrected).toMatchObject({ travelMinutes: 25, corrected: true, status: 'signed' });
    expect((await visits(t.id))[0]).toEqual(visit);
    const panel = (await queries.panelOf(t.id))!.panel;
    expect(panel.signOff).toMatchObject({
      signerName: '王经理',
      score: 2,
      reason: '等待备件两天',
      technicianName: 'Zhang San',
    });
    expect(panel.visits[0]).toMatchObject({ travelMinutes: 25, corrected: true });
  });

  it('files corrections of a signed visit beside it, in the corrector’s name, refusing bad ones with nothing stored', async () => {
    user = asUser(tech);
    const t = await put();
    now = T0;
    const v = await work.checkIn(api.checkInInput.parse({ ticketId: t.id, travelMinutes: 10 }));
    const open = (await queries.panelOf(t.id))!.panel.visits[0]!;
    expect(open).toMatchObject({ status: 'open', mayCorrect: false, corrections: [], signedValues: null });
    await refused(
      work.correctVisit(api.correctVisitInput.parse({ visitId: v.id, travelMinutes: 5, reason: 'x' })),
      'CONFLICT',
      'visit_not_signed',
    );
    now = T0 + 40 * MIN;
    await work.signOff(
      api.signOffInput.parse({ ticketId: t.id, signerName: '李工', signaturePng: PNG, strokePoints: 9, score: 4 }),
    );
    const signedAt = new Date(now).toISOString();
    const corrections = async () =>
      (await db.records.find({ selector: { kind: 'visit_correction', ref: t.id } }).exec()).length;

    // What the dialog's schema refuses: nothing changed, no reason.
    const codes = (input: object) =>
      api.correctVisitInput.safeParse({ visitId: v.id, ...input }).error?.issues.map((i) => i.message) ?? [];
    expect(codes({ reason: 'left later' })).toEqual(['nothing_corrected']);
    expect(codes({ travelMinutes: 20, reason: '  ' })).toEqual(['correction_reason_required']);
    expect(codes({ travelMinutes: -1, reason: 'x' })).toEqual(['minutes_invalid']);
    // What main refuses: a check-out before the check-in, a time still to come.
    now = T0 + 60 * MIN;
    await refused(
      work.correctVisit(
        api.correctVisitInput.parse({ visitId: v.id, checkOutAt: new Date(T0 - MIN).toISOString(), reason: 'x' }),
      ),
      'VALIDATION_FAILED',
      'check_out_before_check_in',
    );
    await refused(
      work.correctVisit(
        api.correctVisitInput.parse({ visitId: v.id, checkOutAt: new Date(T0 + 90 * MIN).toISOString(), reason: 'x' }),
      ),
      'VALIDATION_FAILED',
      'time_in_future',
    );
    expect(await corrections()).toBe(0);

    // The technician corrects the check-out, a teammate the travel: both stand beside the signed values.
    const leftAt = new Date(T0 + 50 * MIN).toISOString();
    const byTech = await work.correctVisit(
      api.correctVisitInput.parse({ visitId: v.id, checkOutAt: leftAt, reason: '签退点早了' }),
    );
    expect(byTech).toMatchObject({ checkOutAt: leftAt, onSiteMinutes: 50, corrected: true, mayCorrect: true });
    user = asUser(peer);
    now = T0 + 70 * MIN;
    await work.correctVisit(api.correctVisitInput.parse({ visitId: v.id, travelMinutes: 30, reason: 'drove round' }));
    const visit = (await queries.panelOf(t.id))!.panel.visits[0]!;
    expect(visit).toMatchObject({
      status: 'signed',
      checkInAt: new Date(T0).toISOString(),
      checkOutAt: leftAt,
      travelMinutes: 30,
      mine: false,
      mayCorrect: true,
      signedValues: { checkInAt: new Date(T0).toISOString(), checkOutAt: signedAt, travelMinutes: 10 },
    });
    expect(visit.corrections.map((c) => [c.authorName, c.checkOutAt, c.travelMinutes, c.reason])).toEqual([
      ['Zhang San', leftAt, null, '签退点早了'],
      ['Wang Wu', null, 30, 'drove round'],
    ]);
    // The signed record itself is as the customer signed it.
    expect((await visits(t.id))[0]).toMatchObject({ status: 'signed', body: { checkOutAt: signedAt, travelMinutes: 10 } });
  });

  it('makes the service report: prints the route in the language asked, stores the PDF and adds an attachment event', async () => {
    user = asUser(tech);
    const t = await put({ title: 'OTN 光功率告警' });
    const fitted = anEvent('part', {
      ticketId: t.id,
      authorId: tech.id,
      partAction: 'used',
      partNumber: 'TN12OBU1',
      serial: '210305123456',
      quantity: 1,
    });
    // The booking's stock movement carries the removed unit's serial and the defective flag.
    const at = new Date(now).toISOString();
    const movement: StockMovementRecord = {
      id: newId(),
      createdAt: at,
      updatedAt: at,
      kind: 'stockMovement',
      ref: newId(),
      ref2: tech.id,
      status: 'use',
      body: {
        quantity: 1,
        delta: -1,
        ticketId: t.id,
        eventId: fitted.id,
        serialIn: '210305123456',
        serialOut: '210301000042',
        defective: true,
        source: 'van',
        sourceNote: '',
        by: tech.id,
        at,
        note: '',
      },
    };
    await db.records.insert(recordSchema.parse(movement));
    await db.ticketEvents.bulkInsert([
      fitted,
      anEvent('part', {
        ticketId: t.id,
        authorId: tech.id,
        partAction: 'returned',
        partNumber: 'TN12OBU1',
        serial: '210301999999',
        quantity: 1,
      }),
    ]);
    await work.signOff(
      api.signOffInput.parse({
        ticketId: t.id,
        signerName: '李工',
        signaturePng: PNG,
        strokePoints: 9,
        score: 5,
      }),
    );
    const report = await queries.reportOf(t.provisionalNumber, true);
    expect(report?.customer).toEqual({
      name: 'China Mobile Jiangsu',
      nameZh: '中国移动江苏公司',
      code: 'CU-0001',
    });
    expect(
      report?.parts.map((p) => [p.action, p.partNumber, p.serialIn, p.serialOut, p.defective]),
    ).toEqual([
      ['used', 'TN12OBU1', '210305123456', '210301000042', true],
      ['returned', 'TN12OBU1', '', '210301999999', false],
    ]);
    expect(report?.signOff?.imageDataUrl).toBe(PNG);

    now = T0 + 3 * 60 * MIN;
    const made = await reports.make(api.makeReportInput.parse({ ticketId: t.id, locale: 'zh-CN' }));
    expect(printed.at(-1)).toBe(`/tickets/${t.provisionalNumber}/report?lang=zh-CN&photos=1&print=1`);
    expect(made.fileName).toBe(`service-report-${t.provisionalNumber}-20260302-0500.pdf`);
    const attachment = (await events(t.id)).find((e) => e.kind === 'attachment');
    expect(attachment).toMatchObject({
      fileName: made.fileName,
      mimeType: 'application/pdf',
      sha256: made.sha256,
      sizeBytes: made.sizeBytes,
      authorId: tech.id,
    });
    expect((await queries.panelOf(t.id))!.panel.reports.map((r) => r.fileName)).toEqual([made.fileName]);
  });
});
