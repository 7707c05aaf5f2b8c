import { z } from 'zod';
import { TIERS } from './enums';
import { contactSchema } from './tickets';
import { ianaZone, id, name, text, timestamps } from './primitives';

export const siteSchema = z.strictObject({
  id: id(),
  name: name(200),
  region: name(40),
  // The site's zone: SLA business hours are counted in it.
  timeZone: ianaZone(),
  address: text(500),
});

export const customerSchema = z.strictObject({
  ...timestamps,
  code: name(40),
  name: name(200),
  nameZh: text(200).optional(),
  tier: z.enum(TIERS),
  region: name(40),
  timeZone: ianaZone(),
  contacts: z.array(contactSchema).max(50),
  sites: z.array(siteSchema).max(500),
  active: z.boolean(),
});
export type Customer = z.infer<typeof customerSchema>;
export type Site = z.infer<typeof siteSchema>;
