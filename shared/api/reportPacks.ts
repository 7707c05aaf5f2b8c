import { z } from 'zod';
import { LOCALES, type Locale } from '../schema/enums';
import type { PackMailState } from '../schema/records';
import { command, liveQuery, slice } from './define';

/** The signed-in user's subscription to the monthly review pack, as the reports screens show it. */
export interface PackSubscriptionView {
  /** Whether the user may subscribe (managers and administrators: those who get reports). */
  allowed: boolean;
  active: boolean;
  mail: boolean;
  locale: Locale;
  /**
   * The newest pack received, if any: its month, where its print view opens, and how its mail
   * went (the server's error text stays on the server: it names mail hosts).
   */
  latest: { month: string; href: string; mail: PackMailView } | null;
}

export interface PackMailView {
  state: PackMailState;
  attempts: number;
  sentAt: string | null;
  nextAttemptAt: string | null;
}

export const setPackSubscriptionInput = z.object({ active: z.boolean(), mail: z.boolean(), locale: z.enum(LOCALES) }).strict();

export const reportPacksApi = slice({
  commands: {
    /** Subscribes to (or cancels) the monthly review pack; stored locally and synced (works offline). */
    'reportPacks.setSubscription': command<PackSubscriptionView>()(setPackSubscriptionInput),
  },
  liveQueries: {
    'reportPacks.subscription': liveQuery<PackSubscriptionView>()(z.object({}).strict()),
  },
});
