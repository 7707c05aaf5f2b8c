import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packId, subscriptionId } from '../../../shared/domain/reportPacks';
import { newId } from '../../../shared/domain/testing/builders';
import type { WireDocument } from '../../../shared/sync/protocol';
import { cimsOrg } from '../../testing/cims-org';
import { writeServerDocs } from '../../sync/engine';
import { emptyFigures } from '../../reports/packs';
import { recordsOverHttp, type RecordsOverHttp } from '../../testing/records-http';

// Report subscriptions and packs on the server (PostgreSQL): a subscription is its person's,
// for report readers only; packs are the server's, read by their subscriber alone.
describe('report subscription and pack records over HTTP (PostgreSQL)', () => {
  const org = cimsOrg();
  let h: RecordsOverHttp;
  const at = new Date().toISOString();
  beforeAll(async () => {
    h = await recordsOverHttp(org, ['M', 'M2', 'tech', 'admin'], 'packs-push');
  });
  afterAll(async () => h.close());

  const push = (who: string, rows: unknown[]) => h.pushOk(who, rows);
  const pull = (who: string) => h.pull(who);
  const subscription = (person: string, over: Record<string, unknown> = {}): WireDocument =>
    ({ id: subscriptionId(person), createdAt: at, updatedAt: at, kind: 'reportSubscription', ref: person, ref2: '', status: 'active', body: { pack: 'monthlyReview', locale: 'zh-CN', mail: true }, _deleted: false, ...over }) as WireDocument;

  it('a manager subscribes themself and reads it back; nobody else but an admin sees it', async () => {
    const mine = subscription(org.id.M);
    expect(await push('M', [{ newDocumentState: mine }])).toMatchObject({ conflicts: [] });
    expect((await pull('M')).map((d) => d.id)).toContain(mine.id);
    expect((await pull('admin')).map((d) => d.id)).toContain(mine.id);
    expect((await pull('M2')).map((d) => d.id)).not.toContain(mine.id);
    expect((await pull('tech')).map((d) => d.id)).not.toContain(mine.id);
  });

  it('refuses a subscription for someone else, one with another id, and one from a role without reports', async () => {
    expect((await push('M2', [{ newDocumentState: subscription(org.id.M, { status: 'cancelled' }) }])).conflicts).toHaveLength(1);
    expect((await push('M2', [{ newDocumentState: subscription(org.id.M2, { id: newId() }) }])).conflicts).toHaveLength(1);
    expect((await push('tech', [{ newDocumentState: subscription(org.id.tech) }])).conflicts).toHaveLength(1);
    expect((await pull('tech')).some((d) => d.kind === 'reportSubscription')).toBe(false);
    // Cancelling one's own is a change like any other.
    const stored = (await pull('M')).find((d) => d.id === subscriptionId(org.id.M))!;
    expect(await push('M', [{ newDocumentState: { ...stored, status: 'cancelled' }, assumedMasterState: stored }])).toMatchObject({ conflicts: [] });
  });

  it('packs are read by their subscriber and admins only, and no device may write one', async () => {
    const sub = subscriptionId(org.id.M);
    const pack = {
      id: packId(sub, '2026-10'),
      createdAt: at,
      updatedAt: at,
      kind: 'reportPack',
      ref: org.id.M,
      ref2: sub,
      status: 'ready',
      body: { pack: 'monthlyReview', month: '2026-10', locale: 'en', scope: { region: 'cn-east', all: false }, figures: emptyFigures(), mail: { state: 'off', to: '', attempts: 0, lastError: '', nextAttemptAt: null, sentAt: null } },
    };
    await h.server.db.transaction(async (tx) => writeServerDocs(tx, h.server.app.deps.registry.get('records')!, [{ doc: pack }]));
    expect((await pull('M')).map((d) => d.id)).toContain(pack.id);
    expect((await pull('admin')).map((d) => d.id)).toContain(pack.id);
    expect((await pull('M2')).map((d) => d.id)).not.toContain(pack.id);
    const forged = { ...pack, id: packId(subscriptionId(org.id.M2), '2026-10'), ref: org.id.M2, ref2: subscriptionId(org.id.M2), _deleted: false } as WireDocument;
    expect((await push('M2', [{ newDocumentState: forged }])).conflicts).toHaveLength(1);
    expect((await push('admin', [{ newDocumentState: forged }])).conflicts).toHaveLength(1);
  });
});
