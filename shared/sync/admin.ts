/**
 * Bodies and answers of the administration routes (shared/sync/routes.ts). The admin screens
 * validate their forms with the same schemas, so messages are i18n keys of the `admin`
 * namespace (`validation.*`): a field error reads the same in the form and from the server.
 */
import { z } from 'zod';
import { ROLES, SUPPORT_LEVELS, TEAM_FUNCTIONS } from '../schema/enums';

/** Same rule as the server's password check (argon2id hashes of at least this many characters). */
export const MIN_PASSWORD_LENGTH = 8;
export const PERSON_TITLES = ['staff', 'team_lead', 'service_manager', 'regional_director'] as const;

const refId = z.string().min(1).max(64);
const password = z.string().min(MIN_PASSWORD_LENGTH, 'validation.passwordTooShort').max(1024, 'validation.passwordTooLong');
const region = z.string().trim().min(1, 'validation.regionRequired').max(40, 'validation.regionTooLong');
const roles = z.array(z.enum(ROLES)).min(1, 'validation.rolesRequired').max(ROLES.length);

export const createUserBody = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z][a-z0-9._-]{1,39}$/, 'validation.usernameInvalid'),
    displayName: z.string().trim().min(1, 'validation.displayNameRequired').max(120, 'validation.displayNameTooLong'),
    password,
    roles,
    title: z.enum(PERSON_TITLES).default('staff'),
    teamId: refId.nullable().default(null),
    managerId: refId.nullable().default(null),
    region,
  })
  .strict();
export type CreateUserBody = z.input<typeof createUserBody>;

/** Every field optional: only what is sent changes. */
export const updateUserBody = z
  .object({
    displayName: createUserBody.shape.displayName.optional(),
    roles: roles.optional(),
    title: z.enum(PERSON_TITLES).optional(),
    teamId: refId.nullable().optional(),
    managerId: refId.nullable().optional(),
    region: region.optional(),
    active: z.boolean().optional(),
    /** A reset by an admin: the user must choose a new one at the next sign-in. */
    password: password.optional(),
  })
  .strict();
export type UpdateUserBody = z.input<typeof updateUserBody>;

export const teamBody = z
  .object({
    name: z.string().trim().min(1, 'validation.teamNameRequired').max(120, 'validation.teamNameTooLong'),
    level: z.enum(SUPPORT_LEVELS).nullable().default('L1'),
    function: z.enum(TEAM_FUNCTIONS).default('field'),
    region,
    managerId: refId.nullable().default(null),
    leadId: refId.nullable().default(null),
  })
  .strict();
export type TeamBody = z.input<typeof teamBody>;

export const updateTeamBody = z
  .object({
    name: teamBody.shape.name.optional(),
    level: z.enum(SUPPORT_LEVELS).nullable().optional(),
    function: z.enum(TEAM_FUNCTIONS).optional(),
    region: region.optional(),
    managerId: refId.nullable().optional(),
    leadId: refId.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type UpdateTeamBody = z.input<typeof updateTeamBody>;

export const adminUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  teamId: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;
export const adminUserReplySchema = z.object({ user: adminUserSchema });
export const adminTeamReplySchema = z.object({ team: z.record(z.string(), z.unknown()) });

export const AUDIT_OUTCOMES = ['ok', 'failed', 'refused', 'throttled'] as const;

/** Filters of the audit log viewer; `before` pages backwards by id (newest first). */
export const auditQuerySchema = z
  .object({
    action: z.string().max(60).optional(),
    actor: z.string().max(60).optional(),
    outcome: z.enum(AUDIT_OUTCOMES).optional(),
    from: z.iso.datetime().optional(),
    to: z.iso.datetime().optional(),
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type AuditQuery = z.input<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  action: z.string(),
  outcome: z.string(),
  actorId: z.string().nullable(),
  actor: z.string().nullable(),
  ip: z.string().nullable(),
  target: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditLogEntry = z.infer<typeof auditEntrySchema>;
export const auditReplySchema = z.object({ entries: z.array(auditEntrySchema) });
