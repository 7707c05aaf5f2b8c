import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../../shared/schema';
import { anEvent, newId } from '../../../shared/domain/testing/builders';
import { openDatabase, type CimsDatabase } from '../../db/open';
import { openSearchIndex, type SearchIndex } from '../../db/search-index';
import { createTimelineReader } from './timelines';

describe('timelines of many tickets on the read connection', () => {
  let dir: string;
  let db: CimsDatabase;
  let search: SearchIndex;
  // 250 tickets (three slices of 100), most with events, some none; one event of each deleted.
  const tickets = Array.from({ length: 250 }, () => newId());
  const at = (i: number) => new Date(Date.UTC(2026, 2, 1) + i * 60_000).toISOString();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-timelines-'));
    db = await openDatabase({ directory: dir });
    search = openSearchIndex(dir);
    const events = tickets.flatMap((ticketId, t) =>
      Array.from({ length: t % 5 }, (_, i) => anEvent('note', { ticketId, body: `note ${t}.${i}`, at: at(100 - i) })),
    );
    await db.ticketEvents.bulkInsert(events);
    for (const ticketId of tickets.filter((_, t) => t % 5 >= 2)) await (await db.ticketEvents.findOne({ selector: { ticketId } }).exec(true)).remove();
  });
  afterAll(async () => {
    search.close();
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("gives each ticket's events as RxDB's own query of that ticket does, deleted ones left out", async () => {
    const read = await createTimelineReader(db, search)([...tickets, newId()]);
    const expected: TicketEvent[] = [];
    for (const ticketId of tickets) expected.push(...(await db.ticketEvents.find({ selector: { ticketId } }).exec()).map((d) => d.toJSON() as TicketEvent));
    expect(expected.length).toBe(tickets.reduce((n, _, t) => n + (t % 5) - (t % 5 >= 2 ? 1 : 0), 0));
    expect(read.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    expect(read).toEqual(expected);
  });

  it('reads nothing for no tickets', async () => {
    expect(await createTimelineReader(db, search)([])).toEqual([]);
  });
});
