import { z } from 'zod';
import { id, isoTime, text } from '../primitives';
import { recordKind, recordRef, RECORD_REF_LENGTH } from './kind';

// Customer relationship (DOMAIN.md "Customer relationship", seed: 客户关系管理): a log of
// contacts with an account's people and one account plan per customer.

/** How the contact was made (DOMAIN.md: visit, call, meeting, mail). */
export const CONTACT_CHANNELS = ['visit', 'call', 'meeting', 'email'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** Longest cadence target an account plan may set: a year. */
export const MAX_CADENCE_DAYS = 365;

/**
 * One contact with a customer. ref = the customer, ref2 = the contact's key (their name as the
 * customer record spells it, cut to the reference length; '' for the account as a whole).
 * `by` is who made the contact: always the person who logs it (server rule).
 */
export const contactLogRecord = recordKind('contactLog', {
  ref: id(),
  ref2: text(RECORD_REF_LENGTH),
  status: z.literal('done'),
  body: {
    channel: z.enum(CONTACT_CHANNELS),
    contactName: text(120),
    at: isoTime(),
    by: id(),
    summary: z.string().trim().min(1, { error: 'validation.summaryRequired' }).max(2000, { error: 'validation.summaryTooLong' }),
    nextStep: text(1000),
  },
});
export type ContactLogRecord = z.infer<typeof contactLogRecord>;

/**
 * The account plan of one customer: its account manager and its contact cadence. Its record
 * id is the customer's id, so two devices that create a plan for the same customer meet as
 * one record (merged on sync) rather than two plans.
 */
export const accountPlanRecord = recordKind('account', {
  ref: id(),
  ref2: z.literal(''),
  status: z.literal('active'),
  body: {
    managerId: recordRef(),
    /** Days between contacts; null = the tier's default (shared/domain/cadence.ts). */
    cadenceDays: z.number().int().min(1).max(MAX_CADENCE_DAYS).nullable(),
    notes: text(2000),
  },
});
export type AccountPlanRecord = z.infer<typeof accountPlanRecord>;

/** A contact log's key for a contact name: trimmed and cut to fit `ref2`. */
export const contactKey = (name: string): string => name.trim().slice(0, RECORD_REF_LENGTH);
