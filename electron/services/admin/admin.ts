/**
 * Administration from the app: commands go to the central server over HTTP with the signed-in
 * session's tokens (the server owns logins and enforces the admin role); what they change
 * comes back through the synced people and teams collections, which the lists read.
 */
import { BehaviorSubject, catchError, combineLatest, from, map, of, switchMap, type Observable } from 'rxjs';
import type { PersonRow, TeamRow } from '../../../shared/api/admin';
import { OPEN_STATUSES } from '../../../shared/domain/lifecycle';
import { orgSettingsFrom } from '../../../shared/domain/organisation';
import type { OrgSettings, OrgSettingsRecord, Person, Policy, Team } from '../../../shared/schema';
import type { PolicyAdminKind, ScheduledPolicy } from '../../../shared/sync/adminPolicies';
import type { CimsDatabase } from '../../db/open';
import { DomainError } from '../../core/errors';
import type { AdminRequest, AdminRoute, SyncHttpClient } from '../../sync/http';
import { SyncHttpError } from '../../sync/http';

/** The server's refusal as the contract's codes; a named field becomes a field issue. */
export const adminError = (error: unknown): unknown => {
  if (!(error instanceof SyncHttpError)) return error;
  if (error.isNetwork) return new DomainError('SERVER_UNREACHABLE', error.message);
  switch (error.code) {
    case 'FORBIDDEN':
      return new DomainError('FORBIDDEN', error.message);
    case 'UNAUTHENTICATED':
    case 'TOKEN_EXPIRED':
    case 'SESSION_ENDED':
    case 'SIGNED_OUT':
      return new DomainError('UNAUTHORIZED', error.message);
    case 'NOT_FOUND':
      return new DomainError('NOT_FOUND', error.message);
    case 'BAD_REQUEST':
    case 'VALIDATION_FAILED':
      // A refused password has one translated reason (length, a common password, the person's own name).
      return new DomainError('VALIDATION_FAILED', error.message, error.field ? [{ path: error.field, code: 'server', message: error.field === 'password' ? 'validation.passwordRefused' : error.message }] : undefined);
    case 'SYNC_VERSION_MISMATCH':
      return new DomainError('UPDATE_REQUIRED', error.message);
    case 'OVERLOADED':
      return new DomainError('SERVER_BUSY', error.message);
    default:
      return new DomainError('INTERNAL', error.message);
  }
};

const byName = (a: { displayName?: string; name?: string }, b: { displayName?: string; name?: string }) =>
  (a.displayName ?? a.name ?? '').localeCompare(b.displayName ?? b.name ?? '');

export const createAdminService = (db: CimsDatabase, client: () => SyncHttpClient | null) => {
  const docs$ = combineLatest([db.people.find().$, db.teams.find().$]).pipe(
    map(([people, teams]) => ({ people: people.map((d) => d.toJSON() as Person), teams: teams.map((d) => d.toJSON() as Team) })),
  );

  // Asks the server's schedule again (after a cancel); the synced versions changing does too.
  const scheduleChanged$ = new BehaviorSubject<void>(undefined);

  const service = {
    /** Versions of one policy kind from the synced (server-owned) collection: active first, newest first. */
    policies$: (kind: PolicyAdminKind): Observable<Policy[]> =>
      db.policies
        .find({ selector: { kind } })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as Policy).sort((a, b) => Number(b.active) - Number(a.active) || b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id)))),

    /** The organisation settings in force: the latest saved record (synced from the server), else the defaults. */
    settings$: (): Observable<{ settings: OrgSettings; savedAt: string | null }> =>
      db.records.find({ selector: { kind: 'orgSettings' } }).$.pipe(
        map((docs) => {
          const records = docs.map((d) => d.toJSON() as OrgSettingsRecord);
          const latest = records.reduce<OrgSettingsRecord | null>((a, b) => (a && a.createdAt >= b.createdAt ? a : b), null);
          return { settings: orgSettingsFrom(records), savedAt: latest?.createdAt ?? null };
        }),
      ),

    /** Open tickets of a team in this store (an admin's device holds every ticket). */
    async openTicketsOf(teamId: string): Promise<number> {
      return db.tickets.count({ selector: { teamId, status: { $in: [...OPEN_STATUSES] } } }).exec();
    },

    /** Sends an admin command to the server; refused locally when nobody is signed in. */
    async send<N extends AdminRoute>(name: N, request: AdminRequest<N>) {
      const c = client();
      if (!c) throw new DomainError('UNAUTHORIZED', 'Sign in to the server to administer it');
      try {
        return await c.admin(name, request);
      } catch (error) {
        throw adminError(error);
      }
    },

    /**
     * Versions of one kind waiting for their effective date: the server's schedule, asked
     * whenever the synced versions of that kind change. Offline or signed out it is not known:
     * nothing is listed as waiting.
     */
    scheduled$: (kind: PolicyAdminKind): Observable<ScheduledPolicy[]> =>
      combineLatest([db.policies.find({ selector: { kind } }).$, scheduleChanged$]).pipe(
        switchMap(() =>
          from(service.send('policySchedule', {})).pipe(
            map((reply) => reply.scheduled.filter((p) => p.kind === kind)),
            catchError(() => of([])),
          ),
        ),
      ),

    async cancelScheduled(id: string): Promise<{ id: string }> {
      await service.send('cancelPolicySchedule', { params: { id }, json: {} });
      scheduleChanged$.next();
      return { id };
    },

    people$: (): Observable<PersonRow[]> =>
      docs$.pipe(
        map(({ people, teams }) => {
          const teamName = new Map(teams.map((t) => [t.id, t.name]));
          const personName = new Map(people.map((p) => [p.id, p.displayName]));
          return [...people].sort(byName).map((p) => ({
            id: p.id,
            username: p.username,
            displayName: p.displayName,
            roles: p.roles,
            title: p.title,
            teamId: p.teamId,
            teamName: p.teamId ? (teamName.get(p.teamId) ?? null) : null,
            managerId: p.managerId,
            managerName: p.managerId ? (personName.get(p.managerId) ?? null) : null,
            region: p.region,
            active: p.active,
          }));
        }),
      ),

    teams$: (): Observable<TeamRow[]> =>
      docs$.pipe(
        map(({ people, teams }) => {
          const personName = new Map(people.map((p) => [p.id, p.displayName]));
          const members = new Map<string, number>();
          for (const p of people) if (p.teamId && p.active) members.set(p.teamId, (members.get(p.teamId) ?? 0) + 1);
          return [...teams].sort(byName).map((t) => ({
            id: t.id,
            name: t.name,
            level: t.level,
            function: t.function,
            region: t.region,
            managerId: t.managerId,
            managerName: t.managerId ? (personName.get(t.managerId) ?? null) : null,
            leadId: t.leadId,
            leadName: t.leadId ? (personName.get(t.leadId) ?? null) : null,
            members: members.get(t.id) ?? 0,
            active: t.active,
          }));
        }),
      ),
  };
  return service;
};
export type AdminService = ReturnType<typeof createAdminService>;
