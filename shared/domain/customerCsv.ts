/**
 * Customers as CSV rows, one customer per row with its main contact and first site: what an
 * administrator keeps in a spreadsheet. Import checks every row before anything is written
 * (the preview lists each row's errors); export writes the same columns, so an exported file
 * imports again unchanged.
 */
import type { Tier } from '../schema/enums';
import { isValidZone } from '../schema/primitives';

export const CUSTOMER_CSV_COLUMNS = ['code', 'name', 'nameZh', 'tier', 'region', 'timeZone', 'contactName', 'contactPhone', 'contactEmail', 'siteName', 'siteAddress'] as const;
export type CustomerCsvColumn = (typeof CUSTOMER_CSV_COLUMNS)[number];
export type CustomerCsvRow = Record<CustomerCsvColumn, string>;

/** Files larger than this are refused before they are read. */
export const MAX_CUSTOMER_CSV_BYTES = 10 * 1024 * 1024;
export const MAX_CUSTOMER_CSV_ROWS = 20_000;

export const CSV_ROW_ERRORS = ['required', 'tooLong', 'badTier', 'badZone', 'badEmail', 'duplicateCode'] as const;
export type CsvRowErrorCode = (typeof CSV_ROW_ERRORS)[number];
export interface CsvRowError {
  field: CustomerCsvColumn;
  code: CsvRowErrorCode;
}

/** What an import writes for one row: a customer by its code, created or updated. */
export interface CustomerDraft {
  code: string;
  name: string;
  nameZh: string;
  tier: Tier;
  region: string;
  timeZone: string;
  contact: { name: string; phone: string; email: string } | null;
  site: { name: string; address: string } | null;
}

export interface CheckedRow {
  /** 1-based line in the file, the header being line 1. */
  line: number;
  draft: CustomerDraft | null;
  errors: CsvRowError[];
}

const LIMITS: Record<CustomerCsvColumn, number> = {
  code: 40, name: 200, nameZh: 200, tier: 20, region: 40, timeZone: 64, contactName: 120, contactPhone: 40, contactEmail: 200, siteName: 200, siteAddress: 500,
};
const REQUIRED: CustomerCsvColumn[] = ['code', 'name', 'tier', 'region', 'timeZone'];
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Spreadsheets in the seed's offices write the tiers in Chinese as well (关键客户 / 普遍客户).
const TIER_WORDS: Record<string, Tier> = { key: 'key', general: 'general', 关键客户: 'key', 关键: 'key', 普遍客户: 'general', 普遍: 'general' };

/** Checks every row; a code seen twice in the file is an error on its later rows. */
export function checkCustomerRows(rows: readonly Partial<CustomerCsvRow>[]): CheckedRow[] {
  const seen = new Set<string>();
  return rows.map((raw, index) => {
    const v = Object.fromEntries(CUSTOMER_CSV_COLUMNS.map((c) => [c, (raw[c] ?? '').trim()])) as CustomerCsvRow;
    const errors: CsvRowError[] = [];
    for (const c of REQUIRED) if (v[c] === '') errors.push({ field: c, code: 'required' });
    for (const c of CUSTOMER_CSV_COLUMNS) if (v[c].length > LIMITS[c]) errors.push({ field: c, code: 'tooLong' });
    const tier = TIER_WORDS[v.tier.toLowerCase()] ?? TIER_WORDS[v.tier];
    if (v.tier !== '' && !tier) errors.push({ field: 'tier', code: 'badTier' });
    if (v.timeZone !== '' && !isValidZone(v.timeZone)) errors.push({ field: 'timeZone', code: 'badZone' });
    if (v.contactEmail !== '' && !EMAIL_RE.test(v.contactEmail)) errors.push({ field: 'contactEmail', code: 'badEmail' });
    if (v.code !== '' && seen.has(v.code)) errors.push({ field: 'code', code: 'duplicateCode' });
    seen.add(v.code);
    const draft: CustomerDraft | null =
      errors.length > 0
        ? null
        : {
            code: v.code,
            name: v.name,
            nameZh: v.nameZh,
            tier: tier!,
            region: v.region,
            timeZone: v.timeZone,
            contact: v.contactName ? { name: v.contactName, phone: v.contactPhone, email: v.contactEmail } : null,
            site: v.siteName ? { name: v.siteName, address: v.siteAddress } : null,
          };
    return { line: index + 2, draft, errors };
  });
}

export interface CustomerLike {
  code: string;
  name: string;
  nameZh?: string;
  tier: Tier;
  region: string;
  timeZone: string;
  contacts: { name: string; phone?: string; email?: string }[];
  sites: { name: string; address: string }[];
}

/** A customer as a CSV row (main contact and first site), the inverse of the import. */
export function customerCsvRow(c: CustomerLike): CustomerCsvRow {
  const contact = c.contacts[0];
  const site = c.sites[0];
  return {
    code: c.code,
    name: c.name,
    nameZh: c.nameZh ?? '',
    tier: c.tier,
    region: c.region,
    timeZone: c.timeZone,
    contactName: contact?.name ?? '',
    contactPhone: contact?.phone ?? '',
    contactEmail: contact?.email ?? '',
    siteName: site?.name ?? '',
    siteAddress: site?.address ?? '',
  };
}
