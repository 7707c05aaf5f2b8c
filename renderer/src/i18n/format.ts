import { useTranslation } from 'react-i18next';

/**
 * The one place dates, times and numbers are formatted, in the user's language. Times are
 * shown in the viewer's zone unless a zone is given (a customer site's SLA, for example),
 * and then the zone is named.
 */
export const createFormat = (locale: string) => {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const dateTimeLong = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  // Intl formatters are costly to build (a countdown chip formats every second, a grid page
  // has dozens): one per unit, built once.
  const units = new Map<string, Intl.NumberFormat>();
  const unitFormat = (unit: 'day' | 'hour' | 'minute') => {
    let f = units.get(unit);
    if (!f) units.set(unit, (f = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'narrow' })));
    return f;
  };
  const toDate = (value: string | number | Date) => (value instanceof Date ? value : new Date(value));
  return {
    dateTime: (value: string | number | Date) => dateTime.format(toDate(value)),
    dateTimeLong: (value: string | number | Date) => dateTimeLong.format(toDate(value)),
    date: (value: string | number | Date) => date.format(toDate(value)),
    /** A time in another zone, with the zone's name (e.g. "2026/11/30 09:00 GMT+8"). */
    dateTimeIn: (value: string | number | Date, timeZone: string) =>
      // Intl refuses timeZoneName beside dateStyle / timeStyle: the parts are spelt out.
      new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(
        toDate(value),
      ),
    integer: (value: number) => integer.format(value),
    /** Exact values are kept; two decimals are for display only (DOMAIN.md). */
    decimal: (value: number, digits = 2) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value),
    /** A span of time at minute precision, its two largest units ("1 d 3 h", "2 h 5 min"); from two days on, days only. */
    duration: (ms: number) => {
      const minutes = Math.floor(Math.abs(ms) / 60_000);
      const parts: [number, 'day' | 'hour' | 'minute'][] = [
        [Math.floor(minutes / 1440), 'day'],
        [Math.floor((minutes % 1440) / 60), 'hour'],
        [minutes % 60, 'minute'],
      ];
      const first = parts.findIndex(([n]) => n > 0);
      const units = first === 0 && parts[0]![0] >= 2 ? 1 : 2;
      const shown = first === -1 ? [parts[2]!] : parts.slice(first, first + units).filter(([n], i) => i === 0 || n > 0);
      return shown.map(([n, unit]) => unitFormat(unit).format(n)).join(' ');
    },
    percent: (ratio: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio),
  };
};
export type Format = ReturnType<typeof createFormat>;

/** One per language for the whole app: every cell that formats would otherwise build its own. */
const formats = new Map<string, Format>();
export const formatFor = (locale: string): Format => {
  let f = formats.get(locale);
  if (!f) formats.set(locale, (f = createFormat(locale)));
  return f;
};

export const useFormat = (): Format => {
  const { i18n } = useTranslation();
  return formatFor(i18n.language);
};
