/**
 * Field work in the main process: check in and out of site visits, the work and travel log,
 * the customer's sign-off (signature image + CSAT, both timeline events) and corrections of
 * signed visits. Visits are `records` of kind `visit`; the rules are shared/domain/fieldwork.ts,
 * the same the server's record rule enforces (a signed visit is never changed).
 */
import type { z } from 'zod';
import type {
  checkInInput,
  checkOutInput,
  correctVisitInput,
  signOffInput,
  VisitView,
  workLogInput,
  WorkLogView,
} from '../../../shared/api/fieldwork';
import {
  checkIn,
  checkOut,
  FieldworkRuleError,
  signVisit,
  effectiveVisit,
} from '../../../shared/domain/fieldwork';
import { canReadTicket } from '../../../shared/domain/ticketAccess';
import {
  recordSchema,
  validateDocument,
  type Ticket,
  type TicketEvent,
  type VisitCorrectionRecord,
  type VisitRecord,
} from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import { DomainError } from '../../core/errors';
import { newId, type SettingsStore } from '../../core/settings';
import type { CimsDatabase } from '../../db/open';
import { workerOf, type Worker } from '../ticketWork/viewer';
import type { BlobStore } from './blobs';
import { visitView, workLogView } from './views';

type Input<S extends z.ZodType> = z.output<S>;

const refusal = (
  code: string,
  path: string,
  top: 'VALIDATION_FAILED' | 'CONFLICT' | 'NOT_FOUND' | 'FORBIDDEN' = 'VALIDATION_FAILED',
) => new DomainError(top, `${path}: ${code}`, [{ path, code, message: code }]);

const fromRule = (error: unknown): never => {
  if (error instanceof FieldworkRuleError) {
    const conflict =
      error.code === 'already_checked_in' || error.code === 'visit_signed' || error.code === 'not_checked_in';
    throw refusal(error.code, error.path, conflict ? 'CONFLICT' : 'VALIDATION_FAILED');
  }
  throw error;
};

/** The PNG inside a data URL from the signature pad. */
export const pngBytes = (dataUrl: string): Uint8Array => {
  const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < PNG.length || PNG.some((b, i) => bytes[i] !== b))
    throw refusal('signature_empty', 'signaturePng');
  return new Uint8Array(bytes);
};

/** Assessors alone only read tickets: everyone else records field work (the server's rule too). */
export const writesFieldwork = (w: Pick<Worker, 'roles'>): boolean =>
  !(w.roles.has('assessor') && w.roles.size === 1);

export const createFieldworkService = (
  db: CimsDatabase,
  settings: SettingsStore,
  blobs: BlobStore,
  currentUser: () => SessionUser | null = () => null,
  clock: () => Date = () => new Date(),
) => {
  const worker = () => workerOf(db, settings, currentUser());
  const now = () => clock().toISOString();

  /** The ticket, if here and visible; assessors only read tickets. */
  const ticketFor = async (w: Worker, ticketId: string): Promise<Ticket> => {
    const ticket = (await db.tickets.findOne(ticketId).exec())?.toJSON() as Ticket | undefined;
    if (!ticket || !canReadTicket(w, ticket)) throw refusal('ticket_not_found', 'ticketId', 'NOT_FOUND');
    if (!writesFieldwork(w)) throw refusal('role_forbidden', 'ticketId', 'FORBIDDEN');
    return ticket;
  };

  const visitsOf = async (ticketId: string): Promise<VisitRecord[]> =>
    (await db.records.find({ selector: { kind: 'visit', ref: ticketId } }).exec()).map(
      (d) => d.toJSON() as VisitRecord,
    );

  const visitFor = async (w: Worker, visitId: string): Promise<{ visit: VisitRecord; ticket: Ticket }> => {
    const doc = await db.records.findOne(visitId).exec();
    const visit = doc?.toJSON() as VisitRecord | undefined;
    if (!visit || visit.kind !== 'visit') throw refusal('visit_not_found', 'visitId', 'NOT_FOUND');
    return { visit, ticket: await ticketFor(w, visit.ref) };
  };

  const checked = <T>(record: T): T => {
    const parsed = recordSchema.safeParse(record);
    if (!parsed.success)
      throw new DomainError(
        'VALIDATION_FAILED',
        `records: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
    return record;
  };

  const saveVisit = async (visit: VisitRecord) => {
    await db.records.upsert(checked(visit));
  };

  const writeEvents = async (events: TicketEvent[]) => {
    for (const e of events) {
      const r = validateDocument('ticketEvents', e);
      if (!r.ok) throw new DomainError('VALIDATION_FAILED', `ticketEvents: ${r.errors.join('; ')}`);
    }
    const result = await db.ticketEvents.bulkInsert(events);
    if (result.error.length > 0)
      throw new DomainError('STORAGE_FAILED', `ticketEvents: ${result.error.length} not written`);
  };

  const event = <E extends Partial<TicketEvent>>(w: Worker, ticketId: string, at: string, fields: E) =>
    ({
      id: newId(),
      ticketId,
      authorId: w.me,
      createdAt: at,
      updatedAt: at,
      at,
      ...fields,
    }) as unknown as TicketEvent;

  const nameOf = async (w: Worker, personId: string): Promise<string> =>
    ((await db.people.findOne(personId).exec())?.toJSON() as { displayName?: string } | undefined)
      ?.displayName ?? (personId === w.me ? (currentUser()?.displayName ?? '') : '');

  const view = async (
    w: Worker,
    visit: VisitRecord,
    corrections: readonly VisitCorrectionRecord[] = [],
  ): Promise<VisitView> => {
    const names = new Map<string, string>();
    for (const id of [visit.body.technicianId, ...corrections.map((c) => c.body.authorId)])
      if (!names.has(id)) names.set(id, await nameOf(w, id));
    return visitView(visit, corrections, {
      technicianName: names.get(visit.body.technicianId) ?? '',
      siteName: null,
      me: w.me,
      now: now(),
      nameOf: (id) => names.get(id) ?? '',
      writes: writesFieldwork(w),
    });
  };

  return {
    async checkIn(input: Input<typeof checkInInput>): Promise<VisitView> {
      const w = await worker();
      const ticket = await ticketFor(w, input.ticketId);
      const at = now();
      let visit: VisitRecord;
      try {
        visit = checkIn(
          {
            ticketId: ticket.id,
            siteId: ticket.siteId,
            technicianId: w.me,
            id: newId(),
            now: at,
            travelStartedAt: input.travelStartedAt,
            travelMinutes: input.travelMinutes,
            note: input.note,
          },
          await visitsOf(ticket.id),
        );
      } catch (error) {
        return fromRule(error);
      }
      await db.records.insert(checked(visit));
      return view(w, visit);
    },

    async checkOut(input: Input<typeof checkOutInput>): Promise<VisitView> {
      const w = await worker();
      const { visit } = await visitFor(w, input.visitId);
      if (visit.body.technicianId !== w.me) throw refusal('not_your_visit', 'visitId', 'FORBIDDEN');
      const at = now();
      let next: VisitRecord;
      try {
        next = checkOut(visit, at, at, input.note);
      } catch (error) {
        return fromRule(error);
      }
      await saveVisit(next);
      return view(w, next);
    },

    async logWork(input: Input<typeof workLogInput>): Promise<WorkLogView> {
      const w = await worker();
      const ticket = await ticketFor(w, input.ticketId);
      const e = event(w, ticket.id, now(), {
        kind: 'work_log',
        workMinutes: input.workMinutes,
        travelMinutes: input.travelMinutes,
        body: input.activity,
      });
      await writeEvents([e]);
      return workLogView(e as Extract<TicketEvent, { kind: 'work_log' }>, await nameOf(w, w.me));
    },

    /**
     * The customer signs: the signature image is stored by hash, a `signature` and a `csat`
     * event are written with the technician and the time, and the technician's visit (the open
     * one, else their latest) is signed and frozen. Nothing is stored if anything is refused.
     */
    async signOff(
      input: Input<typeof signOffInput>,
    ): Promise<{ signatureEventId: string; csatEventId: string; visitId: string | null }> {
      const w = await worker();
      const ticket = await ticketFor(w, input.ticketId);
      const png = pngBytes(input.signaturePng);
      const at = now();
      const mine = (await visitsOf(ticket.id))
        .filter((v) => v.body.technicianId === w.me)
        .sort((a, b) => a.body.checkInAt.localeCompare(b.body.checkInAt));
      const target =
        mine.find((v) => v.status === 'open') ?? mine.filter((v) => v.status === 'closed').at(-1) ?? null;
      let signed: VisitRecord | null = null;
      try {
        signed = target ? checked(signVisit(target, at)) : null;
      } catch (error) {
        return fromRule(error);
      }
      const signatureEvent = event(w, ticket.id, at, {
        kind: 'signature',
        signerName: input.signerName.trim(),
        sha256: '0'.repeat(64),
      });
      const csatEvent = event(w, ticket.id, at, {
        kind: 'csat',
        score: input.score,
        ...(input.reason.trim() ? { reason: input.reason.trim() } : {}),
      });
      // Judged before anything is stored: a refused sign-off leaves no blob, event or lock.
      for (const e of [signatureEvent, csatEvent]) {
        const r = validateDocument('ticketEvents', e);
        if (!r.ok) throw new DomainError('VALIDATION_FAILED', `ticketEvents: ${r.errors.join('; ')}`);
      }
      const stored = await blobs.put(png, 'image/png', ticket.id);
      (signatureEvent as Extract<TicketEvent, { kind: 'signature' }>).sha256 = stored.sha256;
      await writeEvents([signatureEvent, csatEvent]);
      if (signed) await saveVisit(signed);
      return { signatureEventId: signatureEvent.id, csatEventId: csatEvent.id, visitId: signed?.id ?? null };
    },

    /** A signed visit's times corrected by a new record; the signed one stays as it was. */
    async correctVisit(input: Input<typeof correctVisitInput>): Promise<VisitView> {
      const w = await worker();
      const { visit } = await visitFor(w, input.visitId);
      if (visit.status !== 'signed') throw refusal('visit_not_signed', 'visitId', 'CONFLICT');
      const at = now();
      const correction: VisitCorrectionRecord = {
        id: newId(),
        createdAt: at,
        updatedAt: at,
        kind: 'visit_correction',
        ref: visit.ref,
        ref2: visit.id,
        status: 'recorded',
        body: {
          authorId: w.me,
          checkInAt: input.checkInAt,
          checkOutAt: input.checkOutAt,
          travelMinutes: input.travelMinutes,
          reason: input.reason,
        },
      };
      const corrections = (
        await db.records.find({ selector: { kind: 'visit_correction', ref: visit.ref } }).exec()
      ).map((d) => d.toJSON() as VisitCorrectionRecord);
      const effective = effectiveVisit(visit, [...corrections, correction]);
      const { checkInAt, checkOutAt } = effective.body;
      if (checkOutAt !== null && checkOutAt < checkInAt)
        throw refusal('check_out_before_check_in', 'checkOutAt');
      if ([checkInAt, checkOutAt].some((t) => t !== null && t > at)) throw refusal('time_in_future', 'checkOutAt');
      await db.records.insert(checked(correction));
      return view(w, visit, [...corrections, correction]);
    },

    blobs,
  };
};

export type FieldworkService = ReturnType<typeof createFieldworkService>;
