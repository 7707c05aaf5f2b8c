import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecoveryState } from '../../../shared/api/recovery';
import { createCore } from '../../core/core';
import { startApp, storeFile, type StartedApp } from '../../core/start';
import { EXPORT_FORMAT } from './recovery';
import { salvageUnsynced } from './salvage';

/** Overwrites the pages SQLite holds for the named tables and indexes with garbage. */
export const damagePagesOf = async (file: string, match: (name: string) => boolean): Promise<number> => {
  const db = new Database(file, { readonly: true });
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  const pages = (db.prepare('SELECT name, pageno FROM dbstat').all() as { name: string; pageno: number }[]).filter((p) => match(p.name)).map((p) => p.pageno);
  db.close();
  const bytes = await readFile(file);
  for (const page of pages) bytes.fill(0x5a, (page - 1) * pageSize, page * pageSize);
  await writeFile(file, bytes);
  return pages.length;
};

const ticketInput = (title: string) => ({ title, severity: 'minor', type: 'fault', channel: 'phone', newCustomerName: 'Acme', contact: { name: 'A' }, problemReport: true });
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

// RELIABILITY D4 in the app: a damaged store offers "export unsynced work" and "download again".
describe('recovery from a damaged local store', () => {
  let dir: string;
  let exportDir: string;
  let app: StartedApp | null = null;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-recovery-'));
    exportDir = join(dir, 'chosen');
  });
  afterEach(async () => {
    await app?.close();
    app = null;
    await rm(dir, { recursive: true, force: true });
  });

  const options = (choose: () => Promise<string | null> = async () => exportDir) => ({
    dataDir: dir,
    shell: 'harness' as const,
    version: '0',
    chooseExportFolder: choose,
  });

  const storeWithTickets = async (titles: string[]) => {
    const core = await createCore({ dataDir: dir, shell: 'harness', version: '0' });
    for (const title of titles) {
      const r = await core.router.dispatch('tickets.create', ticketInput(title));
      expect(r.ok).toBe(true);
    }
    await core.close();
  };

  it('starts in recovery mode, exports the unsynced tickets, keeps the file unchanged, then downloads again on a fresh store', async () => {
    await storeWithTickets(['Pump leaks', 'Fan noise']);
    // Damage everything but the tickets and customers tables (people, indexes, search ...).
    expect(await damagePagesOf(storeFile(dir), (n) => n.includes(':v') && !/^docs:(tickets|customers):v\d+$/.test(n))).toBeGreaterThan(0);
    const before = sha(await readFile(storeFile(dir)));

    app = await startApp(options());
    expect(app.core()).toBeNull();
    const states: RecoveryState[] = [];
    const sub = app.router.subscribe('recovery.state', {}, (r) => r.ok && states.push(r.value as RecoveryState));
    expect(sub.ok).toBe(true);
    expect(states.at(-1)).toMatchObject({ mode: 'recovery', file: storeFile(dir), reason: 'STORAGE_CORRUPT' });
    // The rest of the contract is refused with a coded error, not a crash.
    expect(await app.router.dispatch('tickets.create', ticketInput('x'))).toMatchObject({ ok: false, error: { code: 'STORAGE_FAILED' } });
    expect(app.router.subscribe('sync.status', {}, () => undefined)).toMatchObject({ ok: false, error: { code: 'STORAGE_FAILED' } });
    expect(await app.router.dispatch('recovery.exportUnsynced', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await app.router.dispatch('app.info', {})).toMatchObject({ ok: true, value: { shell: 'harness' } });

    const exported = await app.router.dispatch('recovery.exportUnsynced', {});
    if (!exported.ok) throw new Error(exported.error.message);
    const result = exported.value as { file: string; saved: number; unreadable: number; cancelled: boolean };
    expect(result.cancelled).toBe(false);
    expect(result.file.startsWith(exportDir)).toBe(true);
    const body = JSON.parse(await readFile(result.file, 'utf8')) as { format: string; documents: { collection: string; doc: { title?: string } }[] };
    expect(body.format).toBe(EXPORT_FORMAT);
    const titles = body.documents.filter((d) => d.collection === 'tickets').map((d) => d.doc.title).sort();
    expect(titles).toEqual(['Fan noise', 'Pump leaks']);
    expect(body.documents.some((d) => d.collection === 'customers')).toBe(true);
    expect(result.saved).toBe(body.documents.length);
    expect(states.at(-1)?.lastExport).toMatchObject({ file: result.file, saved: result.saved });
    expect(sha(await readFile(storeFile(dir)))).toBe(before);

    const again = await app.router.dispatch('recovery.downloadAgain', {});
    if (!again.ok) throw new Error(again.error.message);
    const { setAsideAs } = again.value as { setAsideAs: string };
    expect(setAsideAs).toMatch(/cims\.sqlite\.damaged-\d{8}T\d{6}Z$/);
    expect(sha(await readFile(setAsideAs))).toBe(before);
    expect(app.core()).not.toBeNull();
    expect(states.at(-1)).toMatchObject({ mode: 'normal', setAsideAs, busy: null });
    // The app continues on a fresh store through the same router.
    expect(await app.router.dispatch('tickets.create', ticketInput('After recovery'))).toMatchObject({ ok: true });
    expect(await app.router.dispatch('recovery.downloadAgain', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (sub.ok) sub.value();
  });

  it('counts rows on damaged pages as unreadable and saves the rest', async () => {
    await storeWithTickets(Array.from({ length: 80 }, (_, i) => `Ticket ${i}: the pump at the north site leaks again`));
    const db = new Database(storeFile(dir), { readonly: true });
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    // The table's own leaves: an index small enough for one page is a leaf too.
    const table = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'docs:tickets:v%'`).pluck().get() as string;
    const leaves = (db.prepare(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno`).all(table) as { pageno: number }[]).map((p) => p.pageno);
    db.close();
    expect(leaves.length).toBeGreaterThan(2);
    const damaged = leaves[1]!;
    const bytes = await readFile(storeFile(dir));
    bytes.fill(0x5a, (damaged - 1) * pageSize, damaged * pageSize);
    await writeFile(storeFile(dir), bytes);

    const { unsynced, unreadable, bookkeeping } = salvageUnsynced(storeFile(dir));
    const tickets = unsynced.filter((d) => d.collection === 'tickets');
    expect(bookkeeping).toBe(false);
    expect(unreadable).toBeGreaterThan(0);
    expect(tickets.length).toBeGreaterThan(0);
    expect(tickets.length).toBeLessThan(80);
    expect(tickets.length + unreadable).toBe(80);
  });

  it('writes nothing when the user cancels the folder choice', async () => {
    await storeWithTickets(['Only one']);
    await damagePagesOf(storeFile(dir), (n) => n.startsWith('docs:people'));
    app = await startApp(options(async () => null));
    const r = await app.router.dispatch('recovery.exportUnsynced', {});
    expect(r).toMatchObject({ ok: true, value: { cancelled: true, file: null, saved: 0 } });
    expect(existsSync(exportDir)).toBe(false);
    expect((await readdir(dir)).some((f) => f.includes('damaged'))).toBe(false);
  });

  it('reports a store that opens normally as nothing to recover', async () => {
    app = await startApp(options());
    expect(app.core()).not.toBeNull();
    expect(await app.router.dispatch('recovery.downloadAgain', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    let state: unknown = null;
    app.router.subscribe('recovery.state', {}, (r) => (state = r.ok ? r.value : null));
    expect(state).toMatchObject({ mode: 'normal' });
  });
});
