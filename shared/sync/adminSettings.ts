/**
 * Body of the organisation settings route: every setting at once (the screen sends the whole
 * form). Messages are keys of the admin namespace's `validation.*`.
 */
import { z } from 'zod';
import { LOCALES } from '../schema/enums';
import { isValidZone } from '../schema/primitives';

const whole = (min: number, max: number, message: string) => z.number({ error: message }).int(message).min(min, message).max(max, message);

export const saveSettingsBody = z
  .object({
    name: z.string().trim().min(1, 'validation.orgNameRequired').max(120, 'validation.orgNameTooLong'),
    defaultLocale: z.enum(LOCALES),
    defaultTimeZone: z.string().min(1, 'validation.timeZoneInvalid').max(64, 'validation.timeZoneInvalid').refine(isValidZone, 'validation.timeZoneInvalid'),
    reopenWindowDays: whole(0, 365, 'validation.reopenWindow'),
    warningPercent: whole(1, 99, 'validation.warningRatio'),
    attachmentMaxMb: whole(1, 25, 'validation.attachmentMaxMb'),
    attachmentsPerTicket: whole(1, 500, 'validation.attachmentsPerTicket'),
    passwordMinLength: whole(8, 128, 'validation.passwordMinLength'),
  })
  .strict();
export type SaveSettingsBody = z.input<typeof saveSettingsBody>;

export const settingsReplySchema = z.object({ settings: z.record(z.string(), z.unknown()) });
