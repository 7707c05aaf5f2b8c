/**
 * The administration screens: people, teams and the audit log. Commands are sent on to the
 * central server (it owns logins and enforces the admin role); the results come back through
 * the synced people and teams collections, which the live queries read.
 */
import { z } from 'zod';
import type { CustomerCsvRow } from '../domain/customerCsv';
import { TIERS, type Role, type SupportLevel, type TeamFunction, type Tier } from '../schema/enums';
import { auditQuerySchema, createUserBody, teamBody, updateTeamBody, updateUserBody, type AdminUser, type AuditLogEntry, type PERSON_TITLES } from '../sync/admin';
import { command, liveQuery, slice } from './define';
import { pageParams, type Page } from './paging';

export type { AdminUser, AuditLogEntry };

const ref = z.string().min(1).max(64);

export interface PersonRow {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  title: (typeof PERSON_TITLES)[number];
  teamId: string | null;
  teamName: string | null;
  managerId: string | null;
  managerName: string | null;
  region: string;
  active: boolean;
}

export interface TeamRow {
  id: string;
  name: string;
  level: SupportLevel | null;
  function: TeamFunction;
  region: string;
  managerId: string | null;
  managerName: string | null;
  leadId: string | null;
  leadName: string | null;
  members: number;
  active: boolean;
}

export interface CustomerRow {
  id: string;
  code: string;
  name: string;
  nameZh: string | null;
  tier: Tier;
  region: string;
  timeZone: string;
  contacts: number;
  sites: number;
}

export const customerPageParams = pageParams(['code'] as const, z.object({ search: z.string().trim().max(100).optional() }).strict());
export type CustomerPageParams = z.output<typeof customerPageParams>;

/** One checked CSV row (shared/domain/customerCsv.ts), checked again by main before writing. */
const customerDraft = z
  .object({
    code: z.string().trim().min(1).max(40),
    name: z.string().trim().min(1).max(200),
    nameZh: z.string().max(200),
    tier: z.enum(TIERS),
    region: z.string().trim().min(1).max(40),
    timeZone: z.string().min(1).max(64),
    contact: z.object({ name: z.string().min(1).max(120), phone: z.string().max(40), email: z.string().max(200) }).strict().nullable(),
    site: z.object({ name: z.string().min(1).max(200), address: z.string().max(500) }).strict().nullable(),
  })
  .strict();
/** The screen sends an import in chunks of at most this many rows, showing progress between them. */
export const IMPORT_CHUNK = 100;

export const adminApi = slice({
  commands: {
    'admin.people.create': command<AdminUser>()(createUserBody),
    'admin.people.update': command<AdminUser>()(z.object({ id: ref, change: updateUserBody }).strict()),
    'admin.teams.create': command<{ id: string }>()(teamBody),
    'admin.teams.update': command<{ id: string }>()(z.object({ id: ref, change: updateTeamBody }).strict()),
    'admin.audit.query': command<AuditLogEntry[]>()(auditQuerySchema),
    'admin.customers.import': command<{ created: number; updated: number }>()(z.object({ drafts: z.array(customerDraft).min(1).max(IMPORT_CHUNK) }).strict()),
    'admin.customers.export': command<CustomerCsvRow[]>()(z.object({}).strict()),
  },
  liveQueries: {
    'admin.people': liveQuery<PersonRow[]>()(z.object({}).strict()),
    'admin.teams': liveQuery<TeamRow[]>()(z.object({}).strict()),
    'admin.customers.page': liveQuery<Page<CustomerRow>>()(customerPageParams),
  },
});
