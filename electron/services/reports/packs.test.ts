import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom, of, skipWhile } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopNotification, NotificationList } from '../../../shared/api/notifications';
import type { Result } from '../../../shared/api/result';
import type { Viewer } from '../../../shared/domain/assessment';
import { packId, subscriptionId } from '../../../shared/domain/reportPacks';
import { newId } from '../../../shared/domain/testing/builders';
import type { ReportPackRecord, ReportSubscriptionRecord } from '../../../shared/schema/records';
import { createCore, type Core } from '../../core/core';
import { createPackSubscriptions } from './subscription';

const latest = <T>(seen: Result<unknown>[]): T => (seen.at(-1) as { ok: true; value: T }).value;

// Monthly review packs in the app: a pack synced from the server is a notification (listed,
// shown on the desktop once, opening the pack's print view); the subscription is written to
// the local store for sync, by managers only.
describe('report packs on a real store', () => {
  let dir: string;
  let core: Core;
  let shown: DesktopNotification[];
  const start = async () => {
    shown = [];
    core = await createCore({ dataDir: dir, shell: 'electron', version: '1.0.0', desktopNotifier: (n) => shown.push(n) });
  };
  const me = () => core.settings.get().localPersonId;
  const pack = (month: string, ref: string, createdAt = new Date().toISOString()): ReportPackRecord => {
    const sub = subscriptionId(ref);
    return {
      id: packId(sub, month),
      createdAt,
      updatedAt: createdAt,
      kind: 'reportPack',
      ref,
      ref2: sub,
      status: 'ready',
      body: {
        pack: 'monthlyReview',
        month,
        locale: 'zh-CN',
        scope: { region: 'cn-east', all: false },
        figures: {
          tl9000: [],
          sla: { firstResponse: { measured: 0, met: 0, percent: null }, restore: { measured: 0, met: 0, percent: null }, fix: { measured: 0, met: 0, percent: null } },
          backlog: { open: 3, byStatus: { new: 3 } },
          escalations: { tickets: 0, escalated: 0, percent: null, raised: 0, acknowledged: 0, averageAckMinutes: null },
          csat: { responses: 0, average: null },
          problems: { byStatus: {}, overdueActions: 0, effectivePercent: null },
        },
        mail: { state: 'off', to: '', attempts: 0, lastError: '', nextAttemptAt: null, sentAt: null },
      },
    };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-report-packs-'));
    await start();
  });
  afterAll(async () => {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("lists the user's new pack, shows it on the desktop once, and opens its month's print view", async () => {
    const mine = pack('2026-11', me());
    // Someone else's pack (an admin's store holds others') never notifies this user.
    const theirs = pack('2026-11', newId());
    await core.db.records.bulkInsert([mine, theirs]);
    const id = `report_pack:${mine.id}`;
    const href = '/reports/review-pack?from=2026-11&to=2026-11&lang=zh-CN';
    await expect.poll(() => shown.map((n) => n.id), { timeout: 10_000 }).toEqual([id]);
    expect(shown[0]).toEqual({ id, kind: 'report_pack', ticketNumber: '2026-11', ticketTitle: '', clock: null, href });
    const seen: Result<unknown>[] = [];
    core.router.subscribe('notifications.list', { limit: 50 }, (r) => seen.push(r));
    await expect.poll(() => (seen.length ? latest<NotificationList>(seen).rows.map((r) => r.id) : [])).toEqual([id]);
    expect(latest<NotificationList>(seen).rows[0]).toMatchObject({ kind: 'report_pack', read: false, href });

    // After a restart on the same store it is listed, not shown again.
    await core.close();
    await start();
    const again: Result<unknown>[] = [];
    core.router.subscribe('notifications.list', { limit: 50 }, (r) => again.push(r));
    await expect.poll(() => (again.length ? latest<NotificationList>(again).rows.map((r) => r.id) : []), { timeout: 10_000 }).toEqual([id]);
    expect(shown).toEqual([]);
  });

  it('a manager subscribes offline: one record with the id derived from them, for sync; others are refused', async () => {
    const manager: Viewer = { id: me(), roles: ['manager'] };
    let viewer: Viewer | null = manager;
    const subs = createPackSubscriptions({ db: core.db, viewer: () => viewer, viewer$: of(manager), locale: () => 'en' });
    const view = await subs.set({ active: true, mail: true, locale: 'zh-CN' });
    // The pack of the first test is this user's: the newest one is offered.
    const href = '/reports/review-pack?from=2026-11&to=2026-11&lang=zh-CN';
    expect(view).toEqual({ allowed: true, active: true, mail: true, locale: 'zh-CN', latest: { month: '2026-11', href, mail: { state: 'off', attempts: 0, sentAt: null, nextAttemptAt: null } } });
    const stored = (await core.db.records.findOne(subscriptionId(me())).exec())!.toJSON() as ReportSubscriptionRecord;
    expect(stored).toMatchObject({ kind: 'reportSubscription', ref: me(), status: 'active', body: { pack: 'monthlyReview', locale: 'zh-CN', mail: true } });

    await subs.set({ active: false, mail: false, locale: 'zh-CN' });
    expect(await core.db.records.find({ selector: { kind: 'reportSubscription' } }).exec()).toHaveLength(1);
    const live = await firstValueFrom(subs.view$().pipe(skipWhile((v) => v === null)));
    expect(await subs.viewOf(live)).toMatchObject({ allowed: true, active: false, mail: false });

    // The server's mail bookkeeping, synced down: its state shows, its error text (mail hosts) does not.
    const failed = { state: 'failed' as const, to: 'li.wei@example.com', attempts: 3, lastError: 'smtp.internal.example:587 refused', nextAttemptAt: '2026-12-01T10:00:00.000Z', sentAt: null };
    const packRecord = (await core.db.records.findOne({ selector: { kind: 'reportPack', ref: me() } }).exec())!.toJSON() as ReportPackRecord;
    const failedPack: ReportPackRecord = { ...packRecord, body: { ...packRecord.body, mail: failed } };
    await core.db.records.upsert(failedPack);
    const withMail = await subs.viewOf(manager);
    expect(withMail.latest).toEqual({ month: '2026-11', href, mail: { state: 'failed', attempts: 3, sentAt: null, nextAttemptAt: '2026-12-01T10:00:00.000Z' } });
    expect(JSON.stringify(withMail)).not.toContain('smtp');

    viewer = { id: newId(), roles: ['technician'] };
    await expect(subs.set({ active: true, mail: false, locale: 'en' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await subs.viewOf(viewer)).toMatchObject({ allowed: false, active: false });
    viewer = null;
    await expect(subs.set({ active: true, mail: false, locale: 'en' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await core.db.records.find({ selector: { kind: 'reportSubscription' } }).exec()).toHaveLength(1);
  });
});
