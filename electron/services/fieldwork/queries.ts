/**
 * What the field work panel and the service report read: a ticket's visits (with their
 * corrections), work logs, totals, sign-off and report files, live; and everything the print
 * view shows. Both obey the ticket read rules: an unseen ticket reads as empty / absent.
 */
import { combineLatest, map, merge, startWith, timer, type Observable } from 'rxjs';
import type { MangoQuerySelector } from 'rxdb';
import type { FieldworkPanel, PartLine, ServiceReport } from '../../../shared/api/fieldwork';
import { fieldworkTotals, latestSignOff } from '../../../shared/domain/fieldwork';
import { canReadTicket } from '../../../shared/domain/ticketAccess';
import { parseOfficialTicketNumber, displayTicketNumber } from '../../../shared/domain/ticketNumber';
import {
  CAUSE_CATEGORIES,
  type Asset,
  type Customer,
  type Person,
  type StockMovementRecord,
  type Ticket,
  type TicketEvent,
  type TicketEventOf,
  type VisitCorrectionRecord,
  type VisitRecord,
} from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import { liveFrom, type Emit, type OnError } from '../../core/live';
import type { SettingsStore } from '../../core/settings';
import type { CimsDatabase } from '../../db/open';
import { workerOf } from '../ticketWork/viewer';
import { writesFieldwork } from './work';
import type { BlobStore } from './blobs';
import { visitView, workLogView } from './views';

/** Time on site of an open visit grows: the panel refreshes this often. */
const ON_SITE_REFRESH_MS = 60_000;
export const REPORT_FILE_PREFIX = 'service-report-';
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
const MAX_PHOTOS = 12;

const dataUrl = (bytes: Uint8Array, mime: string) =>
  `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;

export const createFieldworkQueries = (
  db: CimsDatabase,
  settings: SettingsStore,
  blobs: BlobStore,
  currentUser: () => SessionUser | null,
  identity$: Observable<unknown>,
  clock: () => Date = () => new Date(),
) => {
  const ping = <T>(source: Observable<T>) =>
    source.pipe(
      map(() => null),
      startWith(null),
    );

  const panelOf = async (
    ticketId: string,
  ): Promise<{ panel: FieldworkPanel; ticket: Ticket; events: TicketEvent[] } | null> => {
    const w = await workerOf(db, settings, currentUser());
    const ticket = (await db.tickets.findOne(ticketId).exec())?.toJSON() as Ticket | undefined;
    if (!ticket || !canReadTicket(w, ticket)) return null;
    const [events, records, people] = await Promise.all([
      db.ticketEvents.find({ selector: { ticketId } }).exec(),
      db.records
        .find({
          selector: {
            kind: { $in: ['visit', 'visit_correction'] },
            ref: ticketId,
          } as MangoQuerySelector<never>,
        })
        .exec(),
      db.people.find().exec(),
    ]);
    const names = new Map(people.map((p) => [p.id, (p.toJSON() as Person).displayName]));
    const nameOf = (id: string) => names.get(id) ?? (id === w.me ? (currentUser()?.displayName ?? '') : '');
    const all = events
      .map((e) => e.toJSON() as TicketEvent)
      .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
    const recs = records.map((r) => r.toJSON() as VisitRecord | VisitCorrectionRecord);
    const visits = recs
      .filter((r): r is VisitRecord => r.kind === 'visit')
      .sort((a, b) => a.body.checkInAt.localeCompare(b.body.checkInAt));
    const corrections = recs.filter((r): r is VisitCorrectionRecord => r.kind === 'visit_correction');
    const now = clock().toISOString();
    const customer = (await db.customers.findOne(ticket.customerId).exec())?.toJSON() as Customer | undefined;
    const siteName = customer?.sites.find((s) => s.id === ticket.siteId)?.name ?? null;
    const totals = fieldworkTotals(visits, corrections, all, now);
    const { signature, csat } = latestSignOff(all);
    const panel: FieldworkPanel = {
      ticketId,
      visits: visits.map((v) =>
        visitView(v, corrections, {
          technicianName: nameOf(v.body.technicianId),
          siteName,
          me: w.me,
          now,
          nameOf,
          writes: writesFieldwork(w),
        }),
      ),
      workLogs: all
        .filter((e): e is TicketEventOf<'work_log'> => e.kind === 'work_log')
        .map((e) => workLogView(e, nameOf(e.authorId))),
      totals: { ...totals, byPerson: totals.byPerson.map((p) => ({ ...p, name: nameOf(p.personId) })) },
      signOff: signature
        ? {
            signerName: signature.signerName,
            signatureSha256: signature.sha256,
            at: signature.at,
            technicianName: nameOf(signature.authorId),
            score: csat?.score ?? null,
            reason: csat?.reason ?? null,
          }
        : null,
      myOpenVisitId: visits.find((v) => v.status === 'open' && v.body.technicianId === w.me)?.id ?? null,
      reports: all
        .filter(
          (e): e is TicketEventOf<'attachment'> =>
            e.kind === 'attachment' &&
            e.mimeType === 'application/pdf' &&
            e.fileName.startsWith(REPORT_FILE_PREFIX),
        )
        .map((e) => ({
          eventId: e.id,
          fileName: e.fileName,
          at: e.at,
          sizeBytes: e.sizeBytes,
          sha256: e.sha256,
        })),
    };
    return { panel, ticket, events: all };
  };

  const ticketByNumber = async (number: string): Promise<Ticket | null> => {
    const serverNumber = parseOfficialTicketNumber(number);
    const selector: MangoQuerySelector<Ticket> =
      serverNumber === null ? { provisionalNumber: number } : { number: serverNumber };
    return ((await db.tickets.findOne({ selector }).exec())?.toJSON() as Ticket | undefined) ?? null;
  };

  /** Everything the service report prints, with the signature and photos inlined (the print view is offline). */
  const reportOf = async (number: string, photos: boolean): Promise<ServiceReport | null> => {
    const found = await ticketByNumber(number);
    const data = found ? await panelOf(found.id) : null;
    if (!data) return null;
    const { panel, ticket, events } = data;
    const customer = (await db.customers.findOne(ticket.customerId).exec())?.toJSON() as Customer | undefined;
    const site = customer?.sites.find((s) => s.id === ticket.siteId);
    const asset = ticket.assetId
      ? ((await db.assets.findOne(ticket.assetId).exec())?.toJSON() as Asset | undefined)
      : undefined;
    const resolution = events
      .filter(
        (e): e is TicketEventOf<'status_change'> =>
          e.kind === 'status_change' && (e.to === 'resolved' || e.to === 'restored'),
      )
      .at(-1);
    // The removed unit's serial and the defective flag are on the booking's stock movement.
    const movements = new Map(
      (await db.records.find({ selector: { kind: 'stockMovement' } }).exec())
        .map((d) => d.toJSON() as unknown as StockMovementRecord)
        .filter((m) => m.body.ticketId === ticket.id && m.body.eventId !== null)
        .map((m) => [m.body.eventId, m.body]),
    );
    const parts: PartLine[] = events
      .filter((e): e is TicketEventOf<'part'> => e.kind === 'part')
      .map((e) => {
        const moved = movements.get(e.id);
        const used = e.partAction === 'used';
        return {
          action: e.partAction,
          partNumber: e.partNumber,
          serialIn: used ? e.serial : '',
          serialOut: used ? (moved?.serialOut ?? '') : e.serial || (moved?.serialOut ?? ''),
          defective: moved?.defective ?? false,
          quantity: e.quantity,
          at: e.at,
        };
      });
    const pictures = photos
      ? await Promise.all(
          events
            .filter(
              (e): e is TicketEventOf<'attachment'> =>
                e.kind === 'attachment' && IMAGE_TYPES.includes(e.mimeType),
            )
            .slice(0, MAX_PHOTOS)
            .map(async (e) => {
              const bytes = await blobs.get(e.sha256);
              return {
                fileName: e.fileName,
                caption: e.caption ?? null,
                dataUrl: bytes ? dataUrl(bytes, e.mimeType) : null,
              };
            }),
        )
      : [];
    const signatureBytes = panel.signOff ? await blobs.get(panel.signOff.signatureSha256) : null;
    const tagged = ticket.tags.find((t) => t.startsWith('cause:'))?.slice('cause:'.length);
    const cause = CAUSE_CATEGORIES.find((c) => c === tagged) ?? null;
    return {
      ticket: {
        id: ticket.id,
        number: displayTicketNumber(ticket),
        title: ticket.title,
        description: ticket.description,
        status: ticket.status,
        severity: ticket.severity,
        createdAt: ticket.createdAt,
        resolvedAt: ticket.resolvedAt ?? ticket.restoredAt,
        cause,
        resolution: resolution?.reason ?? null,
      },
      customer: {
        name: customer?.name ?? ticket.customerName,
        nameZh: customer?.nameZh || null,
        code: customer?.code ?? null,
      },
      site: { name: site?.name ?? null, address: site?.address ?? null },
      asset: asset ? { code: asset.assetCode, model: asset.model, serial: asset.serial } : null,
      contact: {
        name: ticket.contact.name,
        ...(ticket.contact.phone ? { phone: ticket.contact.phone } : {}),
      },
      visits: panel.visits,
      workLogs: panel.workLogs,
      totals: panel.totals,
      parts,
      photos: pictures,
      signOff: panel.signOff
        ? { ...panel.signOff, imageDataUrl: signatureBytes ? dataUrl(signatureBytes, 'image/png') : null }
        : null,
      generatedAt: clock().toISOString(),
    };
  };

  return {
    panelOf,
    reportOf,
    ticketByNumber,
    watchPanel(params: { ticketId: string }, emit: Emit<FieldworkPanel>, onError: OnError) {
      const source = combineLatest([
        identity$,
        ping(db.tickets.findOne(params.ticketId).$),
        ping(db.ticketEvents.find({ selector: { ticketId: params.ticketId } }).$),
        ping(db.records.find({ selector: { ref: params.ticketId } }).$),
        ping(merge(db.people.$, db.customers.$)),
        timer(0, ON_SITE_REFRESH_MS),
      ]);
      const empty: FieldworkPanel = {
        ticketId: params.ticketId,
        visits: [],
        workLogs: [],
        totals: { visits: 0, workMinutes: 0, travelMinutes: 0, onSiteMinutes: 0, byPerson: [] },
        signOff: null,
        myOpenVisitId: null,
        reports: [],
      };
      return liveFrom(source, async () => (await panelOf(params.ticketId))?.panel ?? empty, emit, onError);
    },
    watchReport(
      params: { number: string; photos: boolean },
      emit: Emit<ServiceReport | null>,
      onError: OnError,
    ) {
      const source = combineLatest([identity$, ping(merge(db.tickets.$, db.ticketEvents.$, db.records.$))]);
      return liveFrom(source, () => reportOf(params.number, params.photos), emit, onError);
    },
  };
};
