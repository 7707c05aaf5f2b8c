import { z } from 'zod';
import { contactLogInput } from '../../../../../shared/api/customers';

/** A `datetime-local` value ("2026-11-20T09:30") for an instant, in the viewer's zone. */
export const toLocalInput = (ms: number): string => {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/**
 * The contact form: the command's own rules for channel, summary and next step, and the time
 * as the viewer types it (their local time), not in the future. Messages are keys of the
 * customers namespace.
 */
export const contactFormSchema = (now: () => number) => {
  const { channel, contactName, summary, nextStep } = contactLogInput.shape;
  return z.object({
    channel,
    contactName,
    at: z
      .string()
      .min(1, { error: 'validation.atRequired' })
      .refine((v) => !Number.isNaN(new Date(v).getTime()), { error: 'validation.atRequired' })
      .refine((v) => new Date(v).getTime() <= now() + 60_000, { error: 'validation.atInFuture' }),
    summary,
    nextStep,
  });
};
export type ContactFormValues = z.input<ReturnType<typeof contactFormSchema>>;
