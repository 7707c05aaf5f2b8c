/**
 * Site visits on the ticket timeline: each visit's setting off, check-in and check-out, and
 * each correction of a signed visit, as entries ordered with the ticket's events (newest
 * first, by time then id, as the timeline sorts). The timeline pages its events in the store;
 * visits are few per ticket, so they are merged into each page here.
 */
import type { VisitTimelineItem } from '../../../shared/api/fieldwork';
import { onSiteMinutes } from '../../../shared/domain/fieldwork';
import type { VisitCorrectionRecord, VisitRecord } from '../../../shared/schema';

/** Newest first: later time first, then the larger id (the timeline's sort). */
export const newestFirst = (a: { at: string; id: string }, b: { at: string; id: string }): number =>
  b.at.localeCompare(a.at) || b.id.localeCompare(a.id);

/** The timeline entries of a ticket's visits and corrections, newest first. */
export const visitTimelineItems = (
  records: readonly (VisitRecord | VisitCorrectionRecord)[],
): VisitTimelineItem[] => {
  const items: VisitTimelineItem[] = [];
  for (const r of records) {
    const common = { ticketId: r.ref, visitId: r.kind === 'visit' ? r.id : r.ref2 };
    if (r.kind === 'visit_correction') {
      items.push({
        ...common,
        id: r.id,
        kind: 'visit_correction',
        authorId: r.body.authorId,
        at: r.createdAt,
        checkInAt: r.body.checkInAt,
        checkOutAt: r.body.checkOutAt,
        travelMinutes: r.body.travelMinutes,
        reason: r.body.reason,
      });
      continue;
    }
    const authorId = r.body.technicianId;
    if (r.body.travelStartedAt)
      items.push({ ...common, id: `${r.id}:travel`, kind: 'visit_travel', authorId, at: r.body.travelStartedAt });
    items.push({
      ...common,
      id: `${r.id}:in`,
      kind: 'visit_check_in',
      authorId,
      at: r.body.checkInAt,
      travelMinutes: r.body.travelMinutes,
      note: r.body.note,
    });
    if (r.body.checkOutAt)
      items.push({
        ...common,
        id: `${r.id}:out`,
        kind: 'visit_check_out',
        authorId,
        at: r.body.checkOutAt,
        onSiteMinutes: onSiteMinutes(r, r.body.checkOutAt),
      });
  }
  return items.sort(newestFirst);
};

/**
 * Where to read the events for one merged page: events before `offset - extras` cannot reach
 * the page, since at most `extras` other entries stand before them.
 */
export const eventWindow = (offset: number, limit: number, extras: number) => {
  const skip = Math.max(0, offset - extras);
  return { skip, limit: offset + limit - skip };
};

/**
 * One page of the events merged with the extra entries (all of them, newest first).
 * `events` are the store's events from `skip` on, newest first, `limit` asked for: fewer mean
 * the last event is among them. An extra entry newer than every event read stands before
 * the page when events were skipped; one older than every event read stands after it unless
 * the last event was read.
 */
export const mergePage = <E extends { at: string; id: string }, X extends { at: string; id: string }>(
  events: readonly E[],
  window: { skip: number; limit: number },
  extras: readonly X[],
  page: { offset: number; limit: number },
): (E | X)[] => {
  const first = events[0];
  const last = events.at(-1);
  const allRead = events.length < window.limit;
  let before = 0;
  const kept: X[] = [];
  for (const x of extras) {
    if (window.skip > 0 && (!first || newestFirst(x, first) < 0)) before += 1;
    else if (!allRead && (!last || newestFirst(x, last) > 0)) continue;
    else kept.push(x);
  }
  const merged = [...events, ...kept].sort(newestFirst);
  const start = window.skip + before;
  return merged.slice(Math.max(0, page.offset - start), Math.max(0, page.offset - start + page.limit));
};
