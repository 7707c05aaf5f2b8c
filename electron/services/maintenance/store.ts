/**
 * What the maintenance services read from the local store: templates, plans, rounds, readings
 * and faults (all from `records`), the register (assets), customers and sites, teams and
 * people's names, and the signed-in user, so main refuses what the server would refuse
 * (server/access/records/maintenance.ts).
 */
import type { Asset, Customer, Person, RecordKind, Team, Ticket } from '../../../shared/schema';
import type {
  ChecklistTemplateRecord,
  MaintenanceFaultRecord,
  MaintenancePlanRecord,
  MaintenanceReadingRecord,
  MaintenanceRoundRecord,
} from '../../../shared/schema/records';
import type { SessionUser } from '../../../shared/sync/protocol';
import type { CimsDatabase } from '../../db/open';
import { DomainError } from '../../core/errors';

export interface MaintenanceViewer {
  id: string;
  displayName: string;
  roles: string[];
  teamId: string | null;
  /** Teams the viewer manages or leads. */
  managedTeams: string[];
}

export const isKeeper = (v: MaintenanceViewer | null): boolean => !!v && (v.roles.includes('admin') || v.roles.includes('manager'));

/** The server's rule: field staff of the round's team (or who lead it), managers and admins. */
export const worksFor = (v: MaintenanceViewer | null, teamId: string): boolean =>
  !!v && (isKeeper(v) || (['technician', 'engineer', 'expert'].some((r) => v.roles.includes(r)) && (v.teamId === teamId || v.managedTeams.includes(teamId))));

/** A round is the viewer's own: assigned to them, or to their team with nobody named. */
export const isMine = (v: MaintenanceViewer, r: MaintenanceRoundRecord): boolean =>
  r.body.assigneeId === v.id || (r.body.assigneeId === null && (r.ref2 === v.teamId || v.managedTeams.includes(r.ref2)));

export const viewerFrom = async (db: CimsDatabase, user: SessionUser | null): Promise<MaintenanceViewer | null> => {
  if (!user) return null;
  const person = (await db.people.findOne(user.id).exec())?.toJSON() as Person | undefined;
  const teams = (await db.teams.find().exec()).map((d) => d.toJSON() as Team);
  return {
    id: user.id,
    displayName: person?.displayName ?? user.displayName,
    roles: user.roles,
    teamId: user.teamId ?? person?.teamId ?? null,
    managedTeams: teams.filter((t) => t.managerId === user.id || t.leadId === user.id).map((t) => t.id),
  };
};

export interface SiteFacts {
  customerId: string;
  customerName: string;
  siteName: string;
  region: string;
  /** The site's zone: its calendar days (due, done, today) are counted there. */
  timeZone: string;
}

const ofKind = async <R>(db: CimsDatabase, kind: RecordKind, ref?: string): Promise<R[]> =>
  (await db.records.find({ selector: ref === undefined ? { kind } : { kind, ref } }).exec()).map((d) => d.toJSON() as R);

export const createMaintenanceStore = (db: CimsDatabase) => {
  const one = async <R extends { kind: string }>(id: string, kind: R['kind'], what: string): Promise<R> => {
    const r = (await db.records.findOne(id).exec())?.toJSON() as R | undefined;
    if (!r || r.kind !== kind) throw new DomainError('NOT_FOUND', `No such ${what}`, [{ path: 'id', code: 'not_found', message: 'errors.not_found' }]);
    return r;
  };
  return {
    template: (id: string) => one<ChecklistTemplateRecord>(id, 'checklistTemplate', 'checklist template'),
    plan: (id: string) => one<MaintenancePlanRecord>(id, 'maintenancePlan', 'maintenance plan'),
    round: (id: string) => one<MaintenanceRoundRecord>(id, 'maintenanceRound', 'round'),
    reading: (id: string) => one<MaintenanceReadingRecord>(id, 'maintenanceReading', 'reading'),
    templates: () => ofKind<ChecklistTemplateRecord>(db, 'checklistTemplate'),
    plans: () => ofKind<MaintenancePlanRecord>(db, 'maintenancePlan'),
    rounds: (planId?: string) => ofKind<MaintenanceRoundRecord>(db, 'maintenanceRound', planId),
    readings: (roundId?: string) => ofKind<MaintenanceReadingRecord>(db, 'maintenanceReading', roundId),
    faults: () => ofKind<MaintenanceFaultRecord>(db, 'maintenanceFault'),
    async assets(ids: readonly string[]): Promise<Map<string, Asset>> {
      const docs = await db.assets.findByIds([...ids]).exec();
      return new Map([...docs.values()].map((d) => [d.id, d.toJSON() as Asset]));
    },
    async sites(): Promise<Map<string, SiteFacts>> {
      const customers = (await db.customers.find().exec()).map((d) => d.toJSON() as Customer);
      return new Map(customers.flatMap((c) => c.sites.map((s) => [s.id, { customerId: c.id, customerName: c.name, siteName: s.name, region: s.region, timeZone: s.timeZone }] as const)));
    },
    async customer(id: string): Promise<Customer | null> {
      return ((await db.customers.findOne(id).exec())?.toJSON() as Customer | undefined) ?? null;
    },
    async customerNames(): Promise<Map<string, string>> {
      return new Map((await db.customers.find().exec()).map((d) => [d.id, (d.toJSON() as Customer).name]));
    },
    async teams(): Promise<Map<string, Team>> {
      return new Map((await db.teams.find().exec()).map((d) => [d.id, d.toJSON() as Team]));
    },
    async names(): Promise<Map<string, string>> {
      return new Map((await db.people.find().exec()).map((d) => [d.id, (d.toJSON() as Person).displayName]));
    },
    async tickets(ids: readonly string[]): Promise<Map<string, Ticket>> {
      const docs = await db.tickets.findByIds([...ids]).exec();
      return new Map([...docs.values()].map((d) => [d.id, d.toJSON() as Ticket]));
    },
  };
};
export type MaintenanceStore = ReturnType<typeof createMaintenanceStore>;
