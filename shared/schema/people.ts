import { z } from 'zod';
import { LOCALES, ROLES, SUPPORT_LEVELS, TEAM_FUNCTIONS } from './enums';
import { id, name, text, timestamps } from './primitives';

export const personSchema = z.strictObject({
  ...timestamps,
  // Login name; passwords live on the server only.
  username: z.string().max(40).regex(/^[a-z][a-z0-9._-]{1,39}$/, { error: 'must be 2-40 lowercase letters, digits, . _ -' }),
  displayName: name(120),
  displayNameZh: text(120).optional(),
  email: z.email().max(200),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  // Job title on the hierarchical axis (team lead, service manager, regional director).
  title: z.enum(['staff', 'team_lead', 'service_manager', 'regional_director']),
  teamId: id().nullable(),
  managerId: id().nullable(),
  skills: z.array(text(60)).max(50),
  region: name(40),
  locale: z.enum(LOCALES),
  active: z.boolean(),
});
export type Person = z.infer<typeof personSchema>;

export const teamSchema = z.strictObject({
  ...timestamps,
  name: name(120),
  nameZh: text(120).optional(),
  level: z.enum(SUPPORT_LEVELS).nullable(),
  function: z.enum(TEAM_FUNCTIONS),
  region: name(40),
  // Product lines an L3 team answers for; empty means all.
  productLines: z.array(name(60)).max(50),
  leadId: id().nullable(),
  managerId: id().nullable(),
  active: z.boolean(),
});
export type Team = z.infer<typeof teamSchema>;
