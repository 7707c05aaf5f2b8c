import { z } from 'zod';
import { LOCALES } from '../enums';
import { ianaZone, name, NONE } from '../primitives';
import { recordKind } from './kind';

// Organisation settings, written only by the server's admin route (audited). Every save is a
// new record, so earlier settings stay as history; the latest one is in force.
export const orgSettingsRecord = recordKind('orgSettings', {
  ref: z.literal(NONE),
  ref2: z.literal(NONE),
  status: z.literal('saved'),
  body: {
    name: name(120),
    defaultLocale: z.enum(LOCALES),
    defaultTimeZone: ianaZone(),
    reopenWindowDays: z.number().int().min(0).max(365),
    // Percent of a target at which a ticket's clock turns to "warning" (DOMAIN.md: 75 %).
    warningPercent: z.number().int().min(1).max(99),
    attachmentMaxMb: z.number().int().min(1).max(25),
    attachmentsPerTicket: z.number().int().min(1).max(500),
    passwordMinLength: z.number().int().min(8).max(128),
  },
});
export type OrgSettingsRecord = z.infer<typeof orgSettingsRecord>;
export type OrgSettings = OrgSettingsRecord['body'];
