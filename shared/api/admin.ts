/**
 * The administration screens: people, teams and the audit log. Commands are sent on to the
 * central server (it owns logins and enforces the admin role); the results come back through
 * the synced people and teams collections, which the live queries read.
 */
import { z } from 'zod';
import type { CustomerCsvRow } from '../domain/customerCsv';
import { customerForm, type CustomerFormInput } from '../domain/customerForm';
import { TIERS, type Role, type SupportLevel, type TeamFunction, type Tier } from '../schema/enums';
import type { EscalationAxis, FunctionalTarget, ManagementLevel, OrgSettings, Policy, Severity, SlaClockKind } from '../schema';
import { escalationRuleSchema } from '../schema/policies';
import { POLICY_ADMIN_KINDS, rollbackPolicyBody, savePolicyBody, type ScheduledPolicy } from '../sync/adminPolicies';
import { saveSettingsBody } from '../sync/adminSettings';
import { auditQuerySchema, createUserBody, teamBody, updateTeamBody, updateUserBody, type AdminUser, type AuditLogEntry, type PERSON_TITLES } from '../sync/admin';
import { command, liveQuery, slice } from './define';
import { pageParams, type Page } from './paging';

export type { AdminUser, AuditLogEntry, ScheduledPolicy };

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
  active: boolean;
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
/** One automatic escalation a dry run of draft rules finds due now. */
export interface EscalationDryRunRow {
  ticketId: string;
  number: string;
  title: string;
  severity: Severity;
  ruleId: string;
  axis: EscalationAxis;
  fromLevel: FunctionalTarget | ManagementLevel;
  toLevel: FunctionalTarget | ManagementLevel;
  clock: SlaClockKind;
  atPercent: number;
  /** When the clock crossed the rule's threshold (ISO). */
  thresholdAt: string;
  /** Who would receive it: a person's or a team's name; null when nobody fits. */
  receiver: string | null;
}
/** A dry run lists at most this many escalations; `total` says how many there are. */
export const DRY_RUN_LIMIT = 200;

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
    /** One account as the form edits it; null when there is none with this id. */
    'admin.customers.get': command<CustomerFormInput | null>()(z.object({ id: ref }).strict()),
    /** Creates (id null) or changes one account; its code must be unused by any other. */
    'admin.customers.save': command<{ id: string }>()(z.object({ id: ref.nullable(), customer: customerForm }).strict()),
    /** A version dated later than today is stored inactive until that day: `scheduledFrom` says so. */
    'admin.policies.save': command<{ id: string; scheduledFrom: string | null }>()(savePolicyBody),
    /** Cancels a version still waiting for its day; it stays stored and inactive. */
    'admin.policies.cancelSchedule': command<{ id: string }>()(z.object({ id: ref }).strict()),
    'admin.policies.rollback': command<{ id: string }>()(z.object({ id: ref, change: rollbackPolicyBody }).strict()),
    /** Which open tickets these (unsaved) rules would escalate now; nothing is written. */
    'admin.settings.save': command<{ id: string }>()(saveSettingsBody),
    'admin.escalation.dryRun': command<{ rows: EscalationDryRunRow[]; total: number }>()(z.object({ rules: z.array(escalationRuleSchema).max(50) }).strict()),
  },
  liveQueries: {
    'admin.people': liveQuery<PersonRow[]>()(z.object({}).strict()),
    'admin.teams': liveQuery<TeamRow[]>()(z.object({}).strict()),
    'admin.customers.page': liveQuery<Page<CustomerRow>>()(customerPageParams),
    /** Every version of SLA policies or calendars: active ones first, newest first. */
    'admin.policies': liveQuery<Policy[]>()(z.object({ kind: z.enum(POLICY_ADMIN_KINDS) }).strict()),
    /** Versions of one kind waiting for their effective date (the server's schedule; none known offline). */
    'admin.policies.scheduled': liveQuery<ScheduledPolicy[]>()(z.object({ kind: z.enum(POLICY_ADMIN_KINDS) }).strict()),
    /** The organisation settings in force (the defaults before any save) and when they were saved. */
    'admin.settings': liveQuery<{ settings: OrgSettings; savedAt: string | null }>()(z.object({}).strict()),
  },
});
