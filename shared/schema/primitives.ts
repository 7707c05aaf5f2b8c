import { z } from 'zod';

// Ids are UUID v7 generated on the client, so offline work needs no server round trip.
export const UUID_LENGTH = 36;
export const id = () => z.uuid({ version: 'v7', error: 'must be a UUID v7' }).max(UUID_LENGTH);

// Exactly the shape Date.prototype.toISOString() emits. One fixed shape keeps string order
// equal to time order, which the RxDB indexes (plain string compare) rely on.
export const ISO_LENGTH = 24;
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const isoTime = () =>
  z
    .string()
    .max(ISO_LENGTH)
    .regex(ISO_RE, { error: 'must be an ISO 8601 UTC timestamp like 2026-03-29T08:00:00.000Z' })
    .refine((s) => {
      const t = Date.parse(s);
      return !Number.isNaN(t) && new Date(t).toISOString() === s;
    }, { error: 'must be a real date' });

// Sorts after every real timestamp: used for "no due time" in indexed fields (RxDB indexes
// cannot hold null).
export const NO_DUE = '9999-12-31T23:59:59.999Z';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
export const localDate = () => z.string().max(10).regex(DATE_RE, { error: 'must be a date like 2026-10-01' });
const HHMM_RE = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const hhmm = () => z.string().max(5).regex(HHMM_RE, { error: 'must be a time like 09:00' });

/**
 * Text PostgreSQL can store: no NUL character (jsonb refuses \u0000) and no unpaired UTF-16
 * surrogate (not encodable as UTF-8). Refused here with the field named, instead of a server
 * error on every retry of the device's queue.
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE_RE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const UNSTORABLE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired surrogates';
export function isStorableText(s: string): boolean {
  return !UNSTORABLE_RE.test(s);
}
const storable = (s: z.ZodString) => s.refine(isStorableText, { error: UNSTORABLE_TEXT_MESSAGE });

export const text = (max: number) => storable(z.string().max(max));
export const name = (max = 200) => storable(z.string().trim().min(1).max(max));
export const ianaZone = () =>
  z
    .string()
    .max(64)
    .refine(isValidZone, { error: 'must be an IANA time zone like Asia/Shanghai' });

// Empty string stands for "none" in indexed reference fields (RxDB indexes cannot hold null).
export const NONE = '';
export const refOrNone = () => z.union([id(), z.literal(NONE)]);

export function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timestamps = {
  id: id(),
  createdAt: isoTime(),
  updatedAt: isoTime(),
};
