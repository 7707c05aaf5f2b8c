import { describe, expect, it } from 'vitest';
import { attachmentMaxBytes, DEFAULT_ORG_SETTINGS, orgSettingsFrom } from './organisation';
import { MAX_BLOB_BYTES } from './attachments';

describe('organisation settings', () => {
  it('are the defaults (12-character passwords, 14-day reopen window, 75 % warning) until saved, then the latest save', () => {
    expect(orgSettingsFrom([])).toEqual(DEFAULT_ORG_SETTINGS);
    expect([DEFAULT_ORG_SETTINGS.passwordMinLength, DEFAULT_ORG_SETTINGS.reopenWindowDays, DEFAULT_ORG_SETTINGS.warningPercent]).toEqual([12, 14, 75]);
    const at = (createdAt: string, reopenWindowDays: number) => ({ id: createdAt, createdAt, body: { ...DEFAULT_ORG_SETTINGS, reopenWindowDays } });
    expect(orgSettingsFrom([at('2026-11-02T00:00:00.000Z', 7), at('2026-11-30T00:00:00.000Z', 3), at('2026-11-10T00:00:00.000Z', 9)]).reopenWindowDays).toBe(3);
  });

  it('never allow a larger attachment than every device accepts', () => {
    expect(attachmentMaxBytes({ ...DEFAULT_ORG_SETTINGS, attachmentMaxMb: 5 })).toBe(5 * 1024 * 1024);
    expect(attachmentMaxBytes({ ...DEFAULT_ORG_SETTINGS, attachmentMaxMb: 25 })).toBe(MAX_BLOB_BYTES);
  });
});
