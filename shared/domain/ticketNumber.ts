/**
 * Human-readable ticket numbers. The server assigns the official number (a per-collection
 * counter, server/sync/registry.ts `assignNumberOnCreate`) when a ticket first syncs; until
 * then a ticket created offline carries a provisional number made from the device id and a
 * device-local counter, so two offline desktops never show the same one (ARCHITECTURE, data
 * model). Everything that writes or recognises either form goes through this module.
 */

/** Marks a provisional number; an official number never starts with it. */
export const PROVISIONAL_PREFIX = '~';
const OFFICIAL_PREFIX = 'T-';
const OFFICIAL_DIGITS = 6;
const COUNTER_DIGITS = 4;

/** `~3F9A-0042`: device id and the device's own counter (never reused on that device). */
export const provisionalTicketNumber = (deviceId: string, counter: number): string => {
  if (!/^[0-9A-Za-z]{1,32}$/.test(deviceId)) throw new RangeError(`Invalid device id for a ticket number: ${deviceId.slice(0, 40)}`);
  if (!Number.isSafeInteger(counter) || counter < 1) throw new RangeError(`Invalid ticket counter: ${counter}`);
  return `${PROVISIONAL_PREFIX}${deviceId}-${String(counter).padStart(COUNTER_DIGITS, '0')}`;
};

/** True for a number shown before the server assigned the official one. */
export const isProvisionalNumber = (text: string): boolean => text.length > PROVISIONAL_PREFIX.length && text.startsWith(PROVISIONAL_PREFIX);

/** `T-000123` from the server-assigned counter value. */
export const officialTicketNumber = (n: number): string => `${OFFICIAL_PREFIX}${String(n).padStart(OFFICIAL_DIGITS, '0')}`;

/** The counter value of an official number (`T-000123` -> 123), null for anything else (deep links). */
export const parseOfficialTicketNumber = (text: string): number | null => {
  const m = /^T-(\d{6,15})$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && officialTicketNumber(n) === text ? n : null;
};

/** What the UI shows: the official number once assigned, the provisional one until then. */
export const displayTicketNumber = (ticket: { number: number | null; provisionalNumber: string }): string =>
  ticket.number === null ? ticket.provisionalNumber : officialTicketNumber(ticket.number);
