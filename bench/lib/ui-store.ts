/**
 * Makes a seeded local store ready for the UI benchmark's "open a ticket" measurement: the
 * device's local identity becomes a technician of the team with the longest open queue (a
 * device that never signed in only sees its own team's tickets), and the first tickets of
 * that team's queue get timelines of `events` entries each. Done once per store (a marker).
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openDatabase } from '../../electron/db/open';
import { openSettings } from '../../electron/core/settings';
import { OPEN_STATUSES } from '../../electron/services/queue/filters';
import { anEvent } from '../../shared/domain/testing/builders';
import type { Person, Ticket } from '../../shared/schema';

const MARKER = 'bench-ui-prepared-v1';

export const prepareForDetail = async (client: string, tickets: number, events: number): Promise<void> => {
  if (existsSync(join(client, MARKER))) return;
  const db = await openDatabase({ directory: client });
  try {
    const people = (await db.people.find().exec()).map((d) => d.toJSON() as Person);
    const technicians = people.filter((p) => p.teamId && p.roles.includes('technician') && p.active);
    const open = { $in: [...OPEN_STATUSES] };
    let best: { person: Person; count: number } | undefined;
    for (const person of technicians) {
      const count = await db.tickets.count({ selector: { teamId: person.teamId!, status: open } }).exec();
      if (!best || count > best.count) best = { person, count };
    }
    if (!best) throw new Error('no technician with a team in the demo data');
    const { person } = best;
    // The team queue's order: SLA due first, then id.
    const first = await db.tickets.find({ selector: { teamId: person.teamId!, status: open }, sort: [{ slaDueAt: 'asc' }, { id: 'asc' }], limit: tickets }).exec();
    for (const doc of first) {
      const ticket = doc.toJSON() as Ticket;
      const have = await db.ticketEvents.count({ selector: { ticketId: ticket.id } }).exec();
      const start = Date.parse(ticket.createdAt);
      const notes = Array.from({ length: Math.max(0, events - have) }, (_, i) =>
        anEvent('note', { ticketId: ticket.id, authorId: person.id, at: new Date(start + (i + 1) * 60_000).toISOString(), body: `Check ${i + 1}: 光功率 normal, traffic restored` }),
      );
      if (notes.length) await db.ticketEvents.bulkInsert(notes);
    }
    const settings = await openSettings(client);
    await settings.update({ localPersonId: person.id, localTeamId: person.teamId!, region: person.region });
  } finally {
    await db.close();
  }
  await writeFile(join(client, MARKER), new Date().toISOString());
};
