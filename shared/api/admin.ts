/**
 * The administration screens: people, teams and the audit log. Commands are sent on to the
 * central server (it owns logins and enforces the admin role); the results come back through
 * the synced people and teams collections, which the live queries read.
 */
import { z } from 'zod';
import type { Role, SupportLevel, TeamFunction } from '../schema/enums';
import { auditQuerySchema, createUserBody, teamBody, updateTeamBody, updateUserBody, type AdminUser, type AuditLogEntry, type PERSON_TITLES } from '../sync/admin';
import { command, liveQuery, slice } from './define';

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

export const adminApi = slice({
  commands: {
    'admin.people.create': command<AdminUser>()(createUserBody),
    'admin.people.update': command<AdminUser>()(z.object({ id: ref, change: updateUserBody }).strict()),
    'admin.teams.create': command<{ id: string }>()(teamBody),
    'admin.teams.update': command<{ id: string }>()(z.object({ id: ref, change: updateTeamBody }).strict()),
    'admin.audit.query': command<AuditLogEntry[]>()(auditQuerySchema),
  },
  liveQueries: {
    'admin.people': liveQuery<PersonRow[]>()(z.object({}).strict()),
    'admin.teams': liveQuery<TeamRow[]>()(z.object({}).strict()),
  },
});
