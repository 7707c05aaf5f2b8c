import { describe, expect, it } from 'vitest';
import type { RxCollection } from 'rxdb';
import { createPushSide } from './push';
import type { PushAnswer, PushRow } from './http';

const ticket = (title: string, updatedAt: string) => ({ id: 't1', title, updatedAt, _deleted: false });

/** A push side whose server answers each push with `answer(rows)`. */
const pushSide = (answer: (rows: PushRow[]) => PushAnswer) =>
  createPushSide({
    // Only the primary path is read when every row has a base and nothing is stored otherwise.
    collection: { schema: { primaryPath: 'id' } } as unknown as RxCollection,
    conflict: 'merge',
    send: (rows) => Promise.resolve(answer(rows)),
  });

describe('stale echoes of this device pushes', () => {
  it('an echo of an earlier push the server took is stale once a later push was taken; the latest is not', async () => {
    const side = pushSide(() => ({ conflicts: [], stored: [] }));
    const s0 = ticket('live 0', '2026-03-01T10:00:00.000Z');
    const s1 = ticket('live 1', '2026-03-01T10:00:01.000Z');
    const s2 = ticket('live 2', '2026-03-01T10:00:02.000Z');
    await side.handler([{ newDocumentState: s1, assumedMasterState: s0 }]);
    expect(side.isStaleEcho(s1)).toBe(false);
    await side.handler([{ newDocumentState: s2, assumedMasterState: s1 }]);
    expect(side.isStaleEcho(s1)).toBe(true);
    expect(side.isStaleEcho(s2)).toBe(false);
    // Another device's state, or one never pushed from here, always goes through.
    expect(side.isStaleEcho(ticket('live 1', '2026-03-01T10:00:05.000Z'))).toBe(false);
    expect(side.isStaleEcho({ ...s1, id: 't2' })).toBe(false);
  });

  it('an echo held back over a burst of later pushes of the document is still stale', async () => {
    const side = pushSide(() => ({ conflicts: [], stored: [] }));
    const at = (i: number) => ticket(`burst ${i}`, new Date(Date.UTC(2026, 2, 1, 10, 0, i)).toISOString());
    for (let i = 1; i <= 40; i++) await side.handler([{ newDocumentState: at(i), assumedMasterState: at(i - 1) }]);
    expect(side.isStaleEcho(at(1))).toBe(true);
    expect(side.isStaleEcho(at(39))).toBe(true);
    expect(side.isStaleEcho(at(40))).toBe(false);
  });

  it('a push the server refused is not remembered as taken', async () => {
    const s0 = ticket('live 0', '2026-03-01T10:00:00.000Z');
    const s1 = ticket('live 1', '2026-03-01T10:00:01.000Z');
    const other = ticket('their title', '2026-03-01T10:00:03.000Z');
    let refuse = false;
    const side = pushSide(() => ({ conflicts: refuse ? [other] : [], stored: [] }));
    await side.handler([{ newDocumentState: s1, assumedMasterState: s0 }]);
    refuse = true;
    await side.handler([{ newDocumentState: ticket('live 2', '2026-03-01T10:00:02.000Z'), assumedMasterState: s1 }]);
    expect(side.isStaleEcho(s1)).toBe(false);
  });
});
