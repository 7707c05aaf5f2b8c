import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { tempDir } from '../../electron/db/sqlite-storage/test-builders';
import { bundleWriter, runKillCycle, seededRandom } from './harness';
import { openDurableTickets } from './ticket-schema';

const SEED = Number(process.env.DURABILITY_SEED ?? 7);
const CYCLES = Number(process.env.DURABILITY_CYCLES ?? 100);
const LANES = 2; // two writers at a time: the machine has two cores

async function missingAfterReopen(directory: string, databaseName: string, acked: string[]): Promise<string[]> {
  const instance = await openDurableTickets(directory, databaseName);
  try {
    const found = new Set((await instance.findDocumentsById(acked, false)).map((d) => d.id));
    return acked.filter((id) => !found.has(id));
  } finally {
    await instance.close();
  }
}

function integrity(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  } finally {
    db.close();
  }
}

/**
 * Read before the store is opened again (opening repairs what it finds): the index and its
 * group table have a row for exactly every stored ticket, and FTS5's own check of its
 * structures passes.
 */
function fullTextInStep(path: string): { tickets: number; indexed: number; grouped: number; orphans: number; check: string } {
  const db = new Database(path);
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const tickets = n(`SELECT COUNT(*) AS n FROM "docs:tickets:v0" WHERE deleted = 0`);
    const indexed = n(`SELECT COUNT(*) AS n FROM "fts:tickets:v0"`);
    const grouped = n(`SELECT COUNT(*) AS n FROM "ftsgroup:tickets:v0" g JOIN "docs:tickets:v0" d ON d.rowid = g.rowid AND d.deleted = 0 AND g.grp = d.id`);
    const orphans =
      n(`SELECT COUNT(*) AS n FROM "fts:tickets:v0" WHERE rowid NOT IN (SELECT rowid FROM "docs:tickets:v0" WHERE deleted = 0)`) +
      n(`SELECT COUNT(*) AS n FROM "ftsgroup:tickets:v0" WHERE rowid NOT IN (SELECT rowid FROM "docs:tickets:v0" WHERE deleted = 0)`);
    let check = 'ok';
    try {
      db.exec(`INSERT INTO "fts:tickets:v0" ("fts:tickets:v0") VALUES ('integrity-check')`);
    } catch (error) {
      check = String(error);
    }
    return { tickets, indexed, grouped, orphans, check };
  } finally {
    db.close();
  }
}

describe('D1: writer SIGKILLed at random moments', () => {
  let writer: string;
  let dir: string;
  let cleanup: () => void;
  beforeAll(async () => {
    writer = await bundleWriter();
    ({ dir, cleanup } = tempDir('cims-d1-'));
  });
  afterAll(() => {
    cleanup();
    rmSync(writer, { force: true });
  });

  it(`D1: every acknowledged write (and its full-text index row) survives ${CYCLES} kill -9 cycles (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const plans = Array.from({ length: CYCLES }, (_, i) => ({ cycle: i, lane: i % LANES, runMs: Math.floor(random() * 120) }));
    const ackedByLane: string[][] = Array.from({ length: LANES }, () => []);
    let killedWhileWriting = 0;
    await Promise.all(
      Array.from({ length: LANES }, async (_, lane) => {
        const db = `lane${lane}`;
        for (const plan of plans.filter((p) => p.lane === lane)) {
          const res = await runKillCycle(writer, dir, db, `c${plan.cycle}`, plan.runMs);
          expect(res.ready, `cycle ${plan.cycle} never opened the store: ${res.stderr}`).toBe(true);
          expect(res.stderr, `cycle ${plan.cycle}`).toBe('');
          if (res.acked.length > 0) killedWhileWriting++;
          const index = fullTextInStep(join(dir, `${db}.sqlite`));
          expect(index, `cycle ${plan.cycle}: full-text index out of step`).toEqual({ tickets: index.tickets, indexed: index.tickets, grouped: index.tickets, orphans: 0, check: 'ok' });
          ackedByLane[lane]!.push(...res.acked);
          const missing = await missingAfterReopen(dir, db, ackedByLane[lane]!);
          expect(missing, `cycle ${plan.cycle} (runMs ${plan.runMs}, seed ${SEED}) lost acknowledged writes`).toEqual([]);
          expect(integrity(join(dir, `${db}.sqlite`)), `cycle ${plan.cycle}`).toEqual(['ok']);
        }
      }),
    );
    // The test is only meaningful if most kills landed while the writer was writing.
    expect(killedWhileWriting).toBeGreaterThan(CYCLES * 0.7);
    expect(ackedByLane.flat().length).toBeGreaterThan(CYCLES);
  }, 180_000);
});
