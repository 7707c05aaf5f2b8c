/**
 * One customer account as the admin form edits it: who the customer is, its contacts and its
 * sites. The renderer validates the form with this schema and main checks the command's body
 * with it again, so a message reads the same either way (keys of the admin namespace's
 * `validation.*`). `customerFromForm` turns the checked values into the stored document.
 */
import { z } from 'zod';
import type { Customer } from '../schema';
import { TIERS } from '../schema/enums';
import { isValidZone } from '../schema/primitives';

export const MAX_CUSTOMER_CONTACTS = 50;
export const MAX_CUSTOMER_SITES = 500;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const required = (max: number, missing: string, tooLong: string) => z.string().trim().min(1, missing).max(max, tooLong);
const zone = z.string().trim().max(64, 'validation.timeZoneInvalid').refine(isValidZone, 'validation.timeZoneInvalid');
const region = required(40, 'validation.regionRequired', 'validation.regionTooLong');

const contact = z
  .object({
    name: required(120, 'validation.contactNameRequired', 'validation.contactNameTooLong'),
    phone: z.string().trim().max(40, 'validation.phoneTooLong'),
    email: z
      .string()
      .trim()
      .max(200, 'validation.emailInvalid')
      .refine((v) => v === '' || EMAIL_RE.test(v), 'validation.emailInvalid'),
  })
  .strict();

const site = z
  .object({
    /** '' for a site added in the form; kept for an existing one (assets and rounds name it). */
    id: z.string().max(64),
    name: required(200, 'validation.siteNameRequired', 'validation.siteNameTooLong'),
    region,
    timeZone: zone,
    address: z.string().trim().max(500, 'validation.addressTooLong'),
  })
  .strict();

export const customerForm = z
  .object({
    code: required(40, 'validation.customerCodeRequired', 'validation.customerCodeTooLong'),
    name: required(200, 'validation.customerNameRequired', 'validation.customerNameTooLong'),
    nameZh: z.string().trim().max(200, 'validation.customerNameTooLong'),
    tier: z.enum(TIERS),
    region,
    timeZone: zone,
    active: z.boolean(),
    contacts: z.array(contact).max(MAX_CUSTOMER_CONTACTS, 'validation.tooManyContacts'),
    sites: z.array(site).max(MAX_CUSTOMER_SITES, 'validation.tooManySites'),
  })
  .strict();
export type CustomerFormInput = z.input<typeof customerForm>;
export type CustomerFormValues = z.output<typeof customerForm>;

/** The form's values of a stored customer (and of a new one, with the organisation's zone). */
export const customerFormValues = (c: Customer | null, defaultZone: string): CustomerFormInput => ({
  code: c?.code ?? '',
  name: c?.name ?? '',
  nameZh: c?.nameZh ?? '',
  tier: c?.tier ?? 'general',
  region: c?.region ?? '',
  timeZone: c?.timeZone ?? defaultZone,
  active: c?.active ?? true,
  contacts: (c?.contacts ?? []).map((k) => ({ name: k.name, phone: k.phone ?? '', email: k.email ?? '' })),
  sites: (c?.sites ?? []).map((s) => ({ id: s.id, name: s.name, region: s.region, timeZone: s.timeZone, address: s.address })),
});

/**
 * The stored document for checked form values: the account's id and creation time are kept,
 * a site keeps its id (a new one gets `newId()`), and empty optional texts are left out.
 */
export const customerFromForm = (
  values: CustomerFormValues,
  old: Pick<Customer, 'id' | 'createdAt'> | null,
  ids: { newId: () => string; now: string },
): Customer => ({
  id: old?.id ?? ids.newId(),
  createdAt: old?.createdAt ?? ids.now,
  updatedAt: ids.now,
  code: values.code,
  name: values.name,
  ...(values.nameZh ? { nameZh: values.nameZh } : {}),
  tier: values.tier,
  region: values.region,
  timeZone: values.timeZone,
  contacts: values.contacts.map((k) => ({ name: k.name, ...(k.phone ? { phone: k.phone } : {}), ...(k.email ? { email: k.email } : {}) })),
  sites: values.sites.map((s) => ({ id: s.id || ids.newId(), name: s.name, region: s.region, timeZone: s.timeZone, address: s.address })),
  active: values.active,
});
