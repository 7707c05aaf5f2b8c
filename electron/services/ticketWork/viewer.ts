/**
 * Who is working: the signed-in user as the shared access rules see them, built from the
 * synced people and teams; before any sign-in, the device's local identity, which files and
 * works its own team's tickets as a technician would.
 */
import { ROLES, type Person, type Role, type Team } from '../../../shared/schema';
import type { TicketViewer } from '../../../shared/domain/ticketAccess';
import type { SessionUser } from '../../../shared/sync/protocol';
import type { CimsDatabase } from '../../db/open';
import type { SettingsStore } from '../../core/settings';

export interface Worker extends TicketViewer {
  /** The roles the domain functions take (unknown role names dropped). */
  roleList: Role[];
}

const LOCAL_ROLES: Role[] = ['technician'];

export const workerOf = async (db: CimsDatabase, settings: SettingsStore, user: SessionUser | null): Promise<Worker> => {
  const local = settings.get();
  const teams = (await db.teams.find().exec()).map((d) => d.toJSON() as Team);
  const teamRegions = new Map(teams.map((t) => [t.id, t.region]));
  if (!user) {
    return { me: local.localPersonId, roles: new Set(LOCAL_ROLES), roleList: LOCAL_ROLES, region: local.region, teamId: local.localTeamId, managedTeams: new Set(), teamRegions };
  }
  const person = (await db.people.findOne(user.id).exec())?.toJSON() as Person | undefined;
  const roleList = user.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  return {
    me: user.id,
    roles: new Set(user.roles),
    roleList,
    region: person?.region ?? local.region,
    teamId: user.teamId ?? person?.teamId ?? null,
    managedTeams: new Set(teams.filter((t) => t.managerId === user.id || t.leadId === user.id).map((t) => t.id)),
    teamRegions,
  };
};
