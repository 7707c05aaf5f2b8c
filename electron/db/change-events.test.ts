import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { RxChangeEventBulk } from 'rxdb';
import { afterEach, describe, expect, it } from 'vitest';
import { aTicket, newId } from '../../shared/domain/testing/builders';
import { openDatabase, type CimsDatabase } from './open';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let db: CimsDatabase | undefined;
let dir: string | undefined;
afterEach(async () => {
  await db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Collects garbage once the current tasks are over (a WeakRef's target lives to the end of its task). */
async function collect(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 10));
    gc();
  }
}

describe('collection.$', () => {
  it('emits each change once to every subscriber, and does not keep a change once it was seen', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-events-'));
    db = await openDatabase({ directory: dir });
    const teamId = newId();
    const seenA: string[] = [];
    const seenB: unknown[] = [];
    const bulks: WeakRef<RxChangeEventBulk<unknown>>[] = [];
    const subs = [
      db.tickets.$.subscribe((e) => seenA.push(`${e.operation} ${e.documentId} ${(e.documentData as { title?: string }).title}`)),
      db.tickets.$.subscribe((e) => seenB.push(e)),
      db.tickets.eventBulks$.subscribe((bulk) => bulks.push(new WeakRef(bulk))),
    ];
    const tickets = Array.from({ length: 3 }, (_, i) => aTicket({ teamId, title: `Ticket ${i}` }));
    await db.tickets.bulkInsert(tickets);
    await db.tickets.findOne(tickets[0]!.id).incrementalPatch({ title: 'Renamed' });

    expect(seenA).toEqual([...tickets.map((t) => `INSERT ${t.id} ${t.title}`), `UPDATE ${tickets[0]!.id} Renamed`]);
    expect(seenB).toHaveLength(4);
    const update = seenB[3] as { previousDocumentData: { title: string }; collectionName: string; isLocal: boolean };
    expect([update.previousDocumentData.title, update.collectionName, update.isLocal]).toEqual(['Ticket 0', 'tickets', false]);

    // RxDB's own `$` kept every bulk it turned into events in a Map nobody empties.
    seenB.length = 0;
    expect(bulks.length).toBeGreaterThanOrEqual(2);
    await collect();
    expect(bulks.filter((b) => b.deref() !== undefined)).toEqual([]);
    subs.forEach((s) => s.unsubscribe());
  });
});
