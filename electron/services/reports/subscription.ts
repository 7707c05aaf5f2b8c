/**
 * The monthly review pack subscription in main (shared/schema/records/reportPacks.ts): written
 * to the local store and synced like any record, so it works offline. The record's id is
 * derived from the person, so subscribing on two devices writes one record. The server makes
 * the packs; the notification service lists them.
 */
import { combineLatest, filter, map, startWith, type Observable } from 'rxjs';
import type { z } from 'zod';
import type { PackSubscriptionView, reportPacksApi, setPackSubscriptionInput } from '../../../shared/api/reportPacks';
import type { Viewer } from '../../../shared/domain/assessment';
import { maySubscribe, packHref, subscriptionId } from '../../../shared/domain/reportPacks';
import { validateDocument, type Locale } from '../../../shared/schema';
import type { ReportPackRecord, ReportSubscriptionRecord } from '../../../shared/schema/records';
import type { CimsDatabase } from '../../db/open';
import { DomainError } from '../../core/errors';
import { liveFrom } from '../../core/live';
import type { SliceHandlers } from '../../core/router';

export interface PackSubscriptionOptions {
  db: CimsDatabase;
  viewer: () => Viewer | null;
  viewer$: Observable<Viewer | null>;
  /** The language a new subscription starts in: the app's. */
  locale: () => Locale;
  clock?: () => number;
}

export const createPackSubscriptions = ({ db, viewer, viewer$, locale, clock = Date.now }: PackSubscriptionOptions) => {
  const viewOf = async (v: Viewer | null): Promise<PackSubscriptionView> => {
    const none: PackSubscriptionView = { allowed: false, active: false, mail: false, locale: locale(), latest: null };
    if (!v) return none;
    const doc = await db.records.findOne(subscriptionId(v.id)).exec();
    const sub = doc ? (doc.toJSON() as ReportSubscriptionRecord) : null;
    const packs = (await db.records.find({ selector: { kind: 'reportPack', ref: v.id } }).exec()).map((d) => d.toJSON() as ReportPackRecord);
    const newest = packs.sort((a, b) => b.body.month.localeCompare(a.body.month))[0];
    return {
      allowed: maySubscribe(v.roles),
      active: sub?.status === 'active',
      mail: sub?.body.mail ?? false,
      locale: sub?.body.locale ?? locale(),
      latest: newest
        ? {
            month: newest.body.month,
            href: packHref(newest.body.month, newest.body.locale),
            mail: { state: newest.body.mail.state, attempts: newest.body.mail.attempts, sentAt: newest.body.mail.sentAt, nextAttemptAt: newest.body.mail.nextAttemptAt },
          }
        : null,
    };
  };

  return {
    /** The viewer again whenever they change or one of the records shown here does. */
    view$: (): Observable<Viewer | null> =>
      combineLatest([
        viewer$,
        db.records.$.pipe(
          filter((c) => {
            const kind = (c.documentData as { kind?: string } | undefined)?.kind;
            return kind === 'reportSubscription' || kind === 'reportPack';
          }),
          startWith(null),
        ),
      ]).pipe(map(([v]) => v)),
    viewOf,
    async set(input: z.output<typeof setPackSubscriptionInput>): Promise<PackSubscriptionView> {
      const v = viewer();
      if (!v) throw new DomainError('UNAUTHORIZED', 'Sign in to subscribe to report packs');
      if (input.active && !maySubscribe(v.roles)) throw new DomainError('FORBIDDEN', 'Report packs are for managers and administrators');
      const id = subscriptionId(v.id);
      const old = await db.records.findOne(id).exec();
      const at = new Date(clock()).toISOString();
      const next: ReportSubscriptionRecord = {
        id,
        createdAt: old ? (old.toJSON() as ReportSubscriptionRecord).createdAt : at,
        updatedAt: at,
        kind: 'reportSubscription',
        ref: v.id,
        ref2: '',
        status: input.active ? 'active' : 'cancelled',
        body: { pack: 'monthlyReview', locale: input.locale, mail: input.mail },
      };
      const checked = validateDocument('records', next);
      if (!checked.ok) throw new DomainError('VALIDATION_FAILED', `report subscription: ${checked.errors.join('; ')}`);
      await db.records.upsert(next);
      return viewOf(v);
    },
  };
};
export type PackSubscriptions = ReturnType<typeof createPackSubscriptions>;

export const reportPacksHandlers = (subs: PackSubscriptions): SliceHandlers<typeof reportPacksApi> => ({
  commands: {
    'reportPacks.setSubscription': (input) => subs.set(input),
  },
  liveQueries: {
    'reportPacks.subscription': (_params, emit, onError) => liveFrom(subs.view$(), (v) => subs.viewOf(v), emit, onError),
  },
});
