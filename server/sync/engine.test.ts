import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse, PullResponse, PushResponse, WireDocument } from '../../shared/sync/protocol';
import { bearer, call, startTestServer, type TestServer } from '../testing/harness';
import { dbKinds } from '../testing/test-db';
import { itemsSpec, testRegistry } from '../testing/test-registry';
import { writeServerDocs } from './engine';

describe.each(dbKinds)('replication engine on %s', (kind) => {
  let s: TestServer;
  let ann: LoginResponse;
  let bob: LoginResponse;
  let root: LoginResponse;
  let n = 0;
  const pushId = () => `push-${kind}-${++n}-${Date.now()}`;
  beforeAll(async () => {
    s = await startTestServer(kind, { registry: testRegistry() });
    ann = await s.userSession('ann', ['technician']);
    bob = await s.userSession('bob', ['technician']);
    root = await s.userSession('root', ['admin']);
  });
  afterAll(async () => s.close());

  const item = (id: string, owner: string, extra: Record<string, unknown> = {}): WireDocument => ({ id, name: id, owner, _deleted: false, ...extra });
  async function push(who: LoginResponse, rows: unknown[], id = pushId(), collection = 'items'): Promise<PushResponse> {
    const r = await call(s.url, 'POST', `/sync/${collection}/push`, { pushId: id, rows }, bearer(who));
    expect(r.status).toBe(200);
    return r.body as PushResponse;
  }
  async function pull(who: LoginResponse, checkpoint: PullResponse['checkpoint'], batchSize = 100, collection = 'items'): Promise<PullResponse> {
    const r = await call(s.url, 'POST', `/sync/${collection}/pull`, { checkpoint, batchSize }, bearer(who));
    expect(r.status).toBe(200);
    return r.body as PullResponse;
  }
  async function pullAll(who: LoginResponse, batchSize = 3): Promise<WireDocument[]> {
    let cp: PullResponse['checkpoint'] = null;
    const out: WireDocument[] = [];
    for (;;) {
      const r = await pull(who, cp, batchSize);
      if (r.documents.length === 0) return out;
      out.push(...r.documents);
      cp = r.checkpoint;
    }
  }

  it('pushes, then pulls in batches with monotonic checkpoints, filtered per user (Z1)', async () => {
    const a = ann.user.id;
    const annPush = await push(ann, [1, 2, 3, 4, 5].map((i) => ({ newDocumentState: item(`a${i}`, a) })));
    expect(annPush).toEqual({ conflicts: [], seq: expect.any(Number) });
    expect(await push(bob, [{ newDocumentState: item('b1', bob.user.id) }])).toEqual({ conflicts: [], seq: annPush.seq! + 1 });
    const annDocs = await pullAll(ann, 2);
    expect(annDocs.map((d) => d.id)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    const bobDocs = await pullAll(bob, 2);
    expect(bobDocs.map((d) => d.id)).toEqual(['b1']);
    expect((await pullAll(root, 4)).length).toBe(6);
    const first = await pull(ann, null, 2);
    const second = await pull(ann, first.checkpoint, 2);
    expect(second.checkpoint!.seq).toBeGreaterThan(first.checkpoint!.seq);
  });

  it('returns the master state on a conflict and writes nothing for it', async () => {
    const base = item('c1', ann.user.id, { value: 1 });
    await push(ann, [{ newDocumentState: base }]);
    await push(ann, [{ newDocumentState: { ...base, value: 2 }, assumedMasterState: base }]);
    const stale = await push(ann, [{ newDocumentState: { ...base, value: 3 }, assumedMasterState: base }]);
    expect(stale.conflicts).toEqual([{ ...base, value: 2 }]);
    const missingAssumed = await push(ann, [{ newDocumentState: { ...base, value: 4 } }]);
    expect(missingAssumed.conflicts).toEqual([{ ...base, value: 2 }]);
    const docs = await pullAll(ann, 50);
    expect(docs.find((d) => d.id === 'c1')?.value).toBe(2);
  });

  it('S2: a replayed push returns the same answer and writes nothing', async () => {
    const id = pushId();
    const d = item('r1', ann.user.id);
    const first = await push(ann, [{ newDocumentState: d }], id);
    const seqAfterFirst = (await s.db.query<{ seq: number }>(`select seq from sync_docs where id = 'r1'`)).rows[0]!.seq;
    const again = await push(ann, [{ newDocumentState: d }], id);
    const third = await push(ann, [{ newDocumentState: d }], id);
    expect(again).toEqual(first);
    expect(third).toEqual(first);
    const after = (await s.db.query<{ seq: number }>(`select seq from sync_docs where id = 'r1'`)).rows[0]!.seq;
    expect(Number(after)).toBe(Number(seqAfterFirst));
    // A new push of a state equal to the master is no conflict and no write either.
    expect(await push(ann, [{ newDocumentState: d, assumedMasterState: { ...d, name: 'old' } }])).toEqual({ conflicts: [], seq: expect.any(Number) });
    const still = (await s.db.query<{ seq: number }>(`select seq from sync_docs where id = 'r1'`)).rows[0]!.seq;
    expect(Number(still)).toBe(Number(seqAfterFirst));
  });

  it('refuses writes outside the access rules as conflicts with the master state (a tombstone when unreadable), and audits them (Z2)', async () => {
    const mine = item('z1', ann.user.id);
    await push(ann, [{ newDocumentState: mine }]);
    // Bob may not read Ann's doc: the answer is a bare tombstone, never her document.
    const byBob = await push(bob, [{ newDocumentState: { ...mine, name: 'hijack' }, assumedMasterState: mine }]);
    expect(byBob.conflicts).toEqual([{ id: 'z1', _deleted: true }]);
    const lock = await push(ann, [{ newDocumentState: { ...mine, locked: true }, assumedMasterState: mine }]);
    expect(lock.conflicts).toEqual([mine]);
    const create = await push(bob, [{ newDocumentState: item('z2', ann.user.id) }]);
    expect(create.conflicts).toEqual([{ ...item('z2', ann.user.id), _deleted: true }]);
    const audit = await s.db.query<{ target: string; actor: string }>(`select target, actor from audit_log where action = 'push' and outcome = 'refused' order by id`);
    expect(audit.rows.map((r) => [r.actor, r.target])).toEqual([
      ['bob', 'items/z1'],
      ['ann', 'items/z1'],
      ['bob', 'items/z2'],
    ]);
  });

  it('Z1: a doc moved out of a user’s sight comes back to them as a tombstone', async () => {
    const d = item('m1', ann.user.id);
    await push(ann, [{ newDocumentState: d }]);
    const before = await pull(bob, null, 1000);
    await push(root, [{ newDocumentState: { ...d, owner: bob.user.id }, assumedMasterState: d }]);
    const annView = await pullAll(ann, 1000);
    expect(annView.filter((x) => x.id === 'm1')).toEqual([{ ...d, _deleted: true }]);
    const bobView = await pull(bob, before.checkpoint, 1000);
    expect(bobView.documents).toEqual([{ ...d, owner: bob.user.id }]);
  });

  it('assigns server fields (numbers) once and ignores client values for them', async () => {
    const a = { id: 'n1', title: 'first', number: null, _deleted: false };
    const b = { id: 'n2', title: 'second', number: 999, _deleted: false };
    // The answer carries the rows as stored, numbers included: the pusher need not pull them.
    expect(await push(ann, [{ newDocumentState: a }, { newDocumentState: b }], pushId(), 'numbered')).toEqual({
      conflicts: [],
      stored: [
        { ...a, number: 1 },
        { ...b, number: 2 },
      ],
      seq: expect.any(Number),
    });
    const docs = (await pull(ann, null, 10, 'numbered')).documents;
    expect(docs.map((d) => d.number)).toEqual([1, 2]);
    // The client's copy lacks the number: no false conflict, and the number stays.
    const upd = await push(ann, [{ newDocumentState: { ...a, title: 'renamed' }, assumedMasterState: a }], pushId(), 'numbered');
    expect(upd).toEqual({ conflicts: [], stored: [{ ...a, title: 'renamed', number: 1 }], seq: expect.any(Number) });
    const again = (await pull(ann, null, 10, 'numbered')).documents.find((d) => d.id === 'n1');
    expect(again).toMatchObject({ title: 'renamed', number: 1 });
    // Stored as pushed: nothing to carry back.
    const same = await push(ann, [{ newDocumentState: { ...a, title: 'again', number: 1 }, assumedMasterState: { ...a, title: 'renamed', number: 1 } }], pushId(), 'numbered');
    expect(same).toEqual({ conflicts: [], seq: expect.any(Number) });
  });

  it('answers a push with the sequence its rows lie at or below, the pull past it holding them', async () => {
    const seqOf = async (ids: string[]) => (await s.db.query<{ seq: string }>(`select seq from sync_docs where collection = 'items' and id = any($1) order by seq`, [ids])).rows.map((r) => Number(r.seq));
    const rows = ['q1', 'q2', 'q3'].map((id) => item(id, ann.user.id));
    const id = pushId();
    const first = await push(ann, rows.map((d) => ({ newDocumentState: d })), id);
    const stored = await seqOf(['q1', 'q2', 'q3']);
    expect(first.seq).toBe(Math.max(...stored));
    // A replay answers the same sequence; a push that writes nothing answers the counter as it is.
    expect((await push(ann, rows.map((d) => ({ newDocumentState: d })), id)).seq).toBe(first.seq);
    await push(bob, [{ newDocumentState: item('q4', bob.user.id) }]);
    const counter = Math.max(...(await seqOf(['q4'])));
    expect((await push(ann, [{ newDocumentState: rows[0]!, assumedMasterState: rows[0] }])).seq).toBe(counter);
    // A pull from just below the push's sequence still returns its last row.
    const below = await pull(ann, { seq: first.seq! - 1, id: 'q2' }, 10);
    expect(below.documents.map((d) => d.id)).toEqual(['q3']);
  });

  it('deletes as tombstones that replicate', async () => {
    const d = item('d1', ann.user.id);
    await push(ann, [{ newDocumentState: d }]);
    await push(ann, [{ newDocumentState: { ...d, _deleted: true }, assumedMasterState: d }]);
    const docs = await pullAll(ann, 1000);
    expect(docs.find((x) => x.id === 'd1')).toEqual({ ...d, _deleted: true });
  });

  it('S4: a transaction held open blocks later sequences, so the next pull still returns its row', async () => {
    const start = await pull(root, null, 1000);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inTx!: () => void;
    const entered = new Promise<void>((r) => (inTx = r));
    const slow = s.db.transaction(async (tx) => {
      await writeServerDocs(tx, itemsSpec, [{ doc: { id: 's4-first', name: 'held', owner: ann.user.id } }]);
      inTx();
      await held;
    });
    await entered;
    const fast = push(ann, [{ newDocumentState: item('s4-second', ann.user.id) }]);
    await new Promise((r) => setTimeout(r, 150));
    if (kind === 'pg') {
      // The held row is invisible and the later push cannot take a sequence past it.
      const during = await pull(root, start.checkpoint, 1000);
      expect(during.documents.map((d) => d.id)).toEqual([]);
      expect(during.checkpoint).toEqual(start.checkpoint);
    }
    release();
    await slow;
    await fast;
    const after = await pull(root, start.checkpoint, 1000);
    expect(after.documents.map((d) => d.id)).toEqual(['s4-first', 's4-second']);
  });
});
