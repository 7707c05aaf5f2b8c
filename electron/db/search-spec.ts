/**
 * What the local store's full-text index holds for CIMS (fulltext.ts in the storage): a
 * ticket's number, title and customer as its heading and its description as body; each
 * public reply and internal note as more body of its ticket. Asset codes are looked up in
 * the assets collection's own index at search time (an asset's code can change without its
 * tickets being written).
 */
import type { FullTextSpecs } from './sqlite-storage';
import { displayTicketNumber } from '../../shared/domain/ticketNumber';

/** The collections whose hits stand for tickets. */
export const TICKET_SEARCH_COLLECTIONS = ['tickets', 'ticketEvents'] as const;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export const cimsFullText: FullTextSpecs = {
  tickets: (doc) => {
    const number = typeof doc.number === 'number' ? doc.number : null;
    const shown = displayTicketNumber({ number, provisionalNumber: str(doc.provisionalNumber) });
    // The bare counter too, so "123" finds T-000123.
    const head = [shown, number === null ? '' : String(number), str(doc.title), str(doc.customerName)].join(' ');
    const tags = Array.isArray(doc.tags) ? doc.tags.map(str).join(' ') : '';
    return { group: str(doc.id), head, body: `${str(doc.description)} ${tags}` };
  },
  ticketEvents: (doc) => (doc.kind === 'reply' || doc.kind === 'note' ? { group: str(doc.ticketId), head: '', body: str(doc.body) } : null),
};
