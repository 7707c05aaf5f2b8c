import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BehaviorSubject } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../../shared/api/fieldwork';
import type { Page } from '../../../shared/api/paging';
import type { TimelineEntry } from '../../../shared/api/ticketWork';
import { aCustomer, aPerson, aTeam, aTicket, ids, newId } from '../../../shared/domain/testing/builders';
import type { TicketEvent } from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import { openSettings } from '../../core/settings';
import { openDatabase, type CimsDatabase } from '../../db/open';
import { createTicketWorkQueries } from '../ticketWork/queries';
import { createFolderBlobStore } from './blobs';
import { eventWindow, mergePage, newestFirst } from './timeline';
import { createFieldworkService } from './work';

const item = (at: number, id: string) => ({ at: new Date(Date.UTC(2026, 2, 2, 0, at)).toISOString(), id });

describe('merging visits into timeline pages', () => {
  it('gives every page exactly the slice of the whole merged list, whatever the offsets and ties', () => {
    // Events every 3 minutes; extras at times that fall before, between, on and after them.
    const events = Array.from({ length: 23 }, (_, i) => item(i * 3, `e${String(i).padStart(2, '0')}`)).sort(newestFirst);
    const extras = [-5, 0, 1, 6, 6, 30, 31, 66, 70, 90].map((m, i) => item(m, `x${i}`)).sort(newestFirst);
    const whole = [...events, ...extras].sort(newestFirst).map((e) => e.id);
    for (const limit of [1, 4, 7, 50])
      for (let offset = 0; offset <= whole.length + 2; offset += 1) {
        const window = eventWindow(offset, limit, extras.length);
        const read = events.slice(window.skip, window.skip + window.limit);
        const page = mergePage(read, window, extras, { offset, limit }).map((e) => e.id);
        expect(page, `offset ${offset}, limit ${limit}`).toEqual(whole.slice(offset, offset + limit));
      }
  });

  it('keeps extras alone when there are no events', () => {
    const extras = [item(1, 'a'), item(2, 'b')].sort(newestFirst);
    expect(mergePage([], eventWindow(0, 50, 2), extras, { offset: 0, limit: 50 }).map((e) => e.id)).toEqual(['b', 'a']);
    expect(mergePage([], eventWindow(1, 50, 2), extras, { offset: 1, limit: 50 }).map((e) => e.id)).toEqual(['a']);
  });
});

describe('visits on the ticket timeline, on a real store', () => {
  const tech = aPerson({ id: ids.assignee, username: 'tech', displayName: 'Zhang San', roles: ['technician'] });
  const user: SessionUser = { id: tech.id, username: tech.username, displayName: tech.displayName, roles: tech.roles, teamId: tech.teamId };
  let dir: string;
  let db: CimsDatabase;
  let now = Date.parse('2026-03-02T02:00:00.000Z');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-visit-timeline-'));
    db = await openDatabase({ directory: dir });
    await db.customers.insert(aCustomer());
    await db.teams.insert(aTeam());
    await db.people.insert(tech);
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows check-in, check-out and a correction among the events, newest first, live', async () => {
    const settings = await openSettings(dir);
    const clock = () => new Date(now);
    const work = createFieldworkService(db, settings, createFolderBlobStore(join(dir, 'blobs')), () => user, clock);
    const queries = createTicketWorkQueries(db, settings, () => user, new BehaviorSubject<unknown>(null), clock);
    const ticket = aTicket({ assigneeId: tech.id, createdAt: new Date(now - 3_600_000).toISOString() });
    await db.tickets.insert(ticket);
    const note = (minutes: number, body: string): TicketEvent => {
      const at = new Date(now + minutes * 60_000).toISOString();
      return { id: newId(), ticketId: ticket.id, authorId: tech.id, createdAt: at, updatedAt: at, at, kind: 'note', body };
    };
    await db.ticketEvents.insert(note(-10, 'before'));

    const seen: Page<TimelineEntry>[] = [];
    const stop = queries.watchTimeline({ ticketId: ticket.id, offset: 0, limit: 50 }, (p) => seen.push(p), (e) => {
      throw e;
    });
    await expect.poll(() => seen.at(-1)?.total).toBe(1);

    const visit = await work.checkIn(api.checkInInput.parse({ ticketId: ticket.id, travelMinutes: 35, note: '机房三楼' }));
    await db.ticketEvents.insert(note(5, 'on site'));
    now += 40 * 60_000;
    await work.checkOut(api.checkOutInput.parse({ visitId: visit.id }));
    await expect.poll(() => seen.at(-1)?.rows.map((r) => r.kind)).toEqual(['visit_check_out', 'note', 'visit_check_in', 'note']);
    const page = seen.at(-1)!;
    expect(page.total).toBe(4);
    expect(page.rows[0]).toMatchObject({ kind: 'visit_check_out', onSiteMinutes: 40, visitId: visit.id, authorName: 'Zhang San', mine: true });
    expect(page.rows[2]).toMatchObject({ kind: 'visit_check_in', travelMinutes: 35, note: '机房三楼' });

    // A later page starts after what the first one showed.
    const second: Page<TimelineEntry>[] = [];
    const stop2 = queries.watchTimeline({ ticketId: ticket.id, offset: 2, limit: 2 }, (p) => second.push(p), (e) => {
      throw e;
    });
    await expect.poll(() => second.at(-1)?.rows.map((r) => ('body' in r ? r.body : r.kind))).toEqual(['visit_check_in', 'before']);
    stop2();
    stop();
  });
});
