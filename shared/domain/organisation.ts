import type { OrgSettings, OrgSettingsRecord } from '../schema';
import { MAX_BLOB_BYTES } from './attachments';
import { REOPEN_WINDOW_DAYS, WARNING_RATIO } from './defaults';

// Organisation settings: the shipped defaults until an admin saves their own. Periods for
// KPIs and reports are taken in the default time zone (DOMAIN.md: default UTC).
export const DEFAULT_ORG_SETTINGS: OrgSettings = {
  name: 'CIMS',
  defaultLocale: 'zh-CN',
  defaultTimeZone: 'UTC',
  reopenWindowDays: REOPEN_WINDOW_DAYS,
  warningPercent: Math.round(WARNING_RATIO * 100),
  attachmentMaxMb: MAX_BLOB_BYTES / (1024 * 1024),
  attachmentsPerTicket: 100,
  passwordMinLength: 12,
};

/** The settings in force: the latest saved record, else the defaults. */
export function orgSettingsFrom(records: readonly Pick<OrgSettingsRecord, 'createdAt' | 'id' | 'body'>[]): OrgSettings {
  const latest = [...records].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))[0];
  return latest?.body ?? DEFAULT_ORG_SETTINGS;
}

/** Largest attachment in bytes the settings allow (never above what every device accepts). */
export const attachmentMaxBytes = (s: OrgSettings): number => Math.min(MAX_BLOB_BYTES, s.attachmentMaxMb * 1024 * 1024);
