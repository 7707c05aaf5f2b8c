/**
 * The service report PDF, made on the device: the shell prints the report's print view
 * (`#/tickets/<number>/report`) to PDF — Electron's printToPDF on the desktop, Chromium's
 * page.pdf() in the browser harness — and main stores the bytes by hash and adds an
 * `attachment` event to the ticket, which syncs like any other.
 */
import type { z } from 'zod';
import type { MadeReport, makeReportInput } from '../../../shared/api/fieldwork';
import { canReadTicket } from '../../../shared/domain/ticketAccess';
import { displayTicketNumber } from '../../../shared/domain/ticketNumber';
import { validateDocument, type Ticket, type TicketEvent } from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import { DomainError } from '../../core/errors';
import { newId, type SettingsStore } from '../../core/settings';
import type { CimsDatabase } from '../../db/open';
import { workerOf } from '../ticketWork/viewer';
import type { BlobStore } from './blobs';
import { REPORT_FILE_PREFIX } from './queries';

/** Prints an app route (a hash route such as `/tickets/T-000001/report?lang=en`) to PDF bytes. */
export type PrintToPdf = (route: string) => Promise<Uint8Array>;

/**
 * What a print view sets on `data-report-ready` when it will never be ready: 'error' (a report
 * or the data it needs was refused) or 'missing' (nothing to print). A printer stops waiting at
 * once and refuses with `printViewFailed` instead of waiting out its time limit.
 */
export const PRINT_VIEW_FAILED_STATES: readonly string[] = ['error', 'missing'];
export const printViewFailed = (route: string, state: string) =>
  new DomainError('PRINT_VIEW_FAILED', `the print view of ${route} could not be drawn (${state})`);

/** The route of a ticket's print view. */
export const reportRoute = (number: string, locale: string, photos: boolean) =>
  `/tickets/${encodeURIComponent(number)}/report?lang=${encodeURIComponent(locale)}&photos=${photos ? '1' : '0'}&print=1`;

const stamp = (iso: string) => iso.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');

export const createReportMaker = (
  db: CimsDatabase,
  settings: SettingsStore,
  blobs: BlobStore,
  printToPdf: PrintToPdf | null,
  currentUser: () => SessionUser | null = () => null,
  clock: () => Date = () => new Date(),
) => ({
  async make(input: z.output<typeof makeReportInput>): Promise<MadeReport> {
    const w = await workerOf(db, settings, currentUser());
    const ticket = (await db.tickets.findOne(input.ticketId).exec())?.toJSON() as Ticket | undefined;
    if (!ticket || !canReadTicket(w, ticket))
      throw new DomainError('NOT_FOUND', 'ticket not here', [
        { path: 'ticketId', code: 'ticket_not_found', message: 'ticket_not_found' },
      ]);
    if (!printToPdf)
      throw new DomainError('CONFLICT', 'this shell cannot print', [
        { path: 'ticketId', code: 'pdf_unavailable', message: 'pdf_unavailable' },
      ]);
    const number = displayTicketNumber(ticket);
    const started = performance.now();
    const bytes = await printToPdf(reportRoute(number, input.locale, input.photos));
    const millis = Math.round(performance.now() - started);
    if (bytes.byteLength < 5 || Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') {
      throw new DomainError('INTERNAL', 'the print view did not give a PDF');
    }
    const stored = await blobs.put(bytes, 'application/pdf', ticket.id);
    const at = clock().toISOString();
    const fileName = `${REPORT_FILE_PREFIX}${number}-${stamp(at)}.pdf`;
    const event = {
      id: newId(),
      ticketId: ticket.id,
      authorId: w.me,
      createdAt: at,
      updatedAt: at,
      at,
      kind: 'attachment',
      fileName,
      mimeType: 'application/pdf',
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
    } as TicketEvent;
    const r = validateDocument('ticketEvents', event);
    if (!r.ok) throw new DomainError('VALIDATION_FAILED', `ticketEvents: ${r.errors.join('; ')}`);
    await db.ticketEvents.insert(event);
    return { eventId: event.id, fileName, sizeBytes: stored.sizeBytes, sha256: stored.sha256, millis };
  },
});
