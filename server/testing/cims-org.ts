import { aPerson, aTeam, newId } from '../../shared/domain/testing/builders';
import type { Person, Team } from '../../shared/schema';
import { cimsRegistry } from '../access/cims';
import type { Db } from '../db/db';
import { writeServerDocs } from '../sync/engine';

/**
 * A small organisation for access tests. Region cn-east: field team T1 (manager M, under
 * director D) with technicians tech and peer, engineer eng; L3 team T3 with expert exp.
 * Region cn-south: team T2 with tech2, manager M2. Plus assessor and admin.
 */
export function cimsOrg() {
  const id = { T1: newId(), T2: newId(), T3: newId(), D: newId(), M: newId(), M2: newId(), tech: newId(), peer: newId(), tech2: newId(), eng: newId(), exp: newId(), assessor: newId(), admin: newId() };
  const teams: Team[] = [
    aTeam({ id: id.T1, name: 'T1 field', level: 'L1', region: 'cn-east', managerId: id.M }),
    aTeam({ id: id.T2, name: 'T2 field', level: 'L1', region: 'cn-south', managerId: id.M2 }),
    aTeam({ id: id.T3, name: 'T3 R&D', level: 'L3', function: 'rnd', region: 'cn-east', managerId: id.D }),
  ];
  const p = (key: keyof typeof id, roles: Person['roles'], teamId: string | null, managerId: string | null, region = 'cn-east'): Person =>
    aPerson({ id: id[key], username: `u.${key.toLowerCase()}`, displayName: key, roles, teamId, managerId, region });
  const people: Person[] = [
    p('D', ['manager'], null, null),
    p('M', ['manager'], id.T1, id.D),
    p('M2', ['manager'], id.T2, null, 'cn-south'),
    p('tech', ['technician'], id.T1, id.M),
    p('peer', ['technician'], id.T1, id.M),
    p('tech2', ['technician'], id.T2, id.M2, 'cn-south'),
    p('eng', ['engineer'], id.T1, id.M),
    p('exp', ['expert'], id.T3, id.D),
    p('assessor', ['assessor'], null, null),
    p('admin', ['admin'], null, null),
  ];
  return { id, teams, people };
}

export type CimsOrg = ReturnType<typeof cimsOrg>;

export async function writeOrg(db: Db, org: CimsOrg): Promise<void> {
  const reg = cimsRegistry();
  await db.transaction(async (tx) => {
    await writeServerDocs(tx, reg.get('teams')!, org.teams.map((doc) => ({ doc })));
    await writeServerDocs(tx, reg.get('people')!, org.people.map((doc) => ({ doc })));
  });
}
