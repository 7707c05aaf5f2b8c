import type { Queryable } from '../db/db';
import type { AccessContext, Doc, SyncUser } from '../sync/registry';

/** What the CIMS access rules know about the caller, loaded once per request. */
export interface CimsContext extends AccessContext {
  me: string;
  roles: ReadonlySet<string>;
  region: string | null;
  teamId: string | null;
  teamLevel: string | null;
  /** Everyone below the caller in the manager chain (transitive): Z5. */
  reports: ReadonlySet<string>;
  /** Everyone's manager (null at the top): who is one level above whom. */
  managerOf: ReadonlyMap<string, string | null>;
  /** Teams the caller manages or leads. */
  managedTeams: ReadonlySet<string>;
  /** Region of every team (new tickets are filed in their team's region). */
  teamRegions: ReadonlyMap<string, string | null>;
  /** Server time when the context was loaded: times from the future are clamped to it (S5). */
  now: number;
  /** For ticketEvents and records only: ticket id -> whether the caller may read that ticket. */
  tickets: ReadonlyMap<string, boolean> | null;
  /** For records only: maintenance rounds assigned to the caller, whose readings they read too. */
  assignedRounds: ReadonlySet<string>;
}

interface PersonFacts {
  id: string;
  manager_id: string | null;
  region: string | null;
  team_id: string | null;
}

export async function loadContext(
  q: Queryable,
  user: SyncUser,
  collection: string | undefined,
  ticketReadable: (ctx: CimsContext, ticket: Doc) => boolean,
): Promise<CimsContext> {
  const people = await q.query<PersonFacts>(
    `select id, doc->>'managerId' as manager_id, doc->>'region' as region, doc->>'teamId' as team_id
       from sync_docs where collection = 'people' and not deleted`,
  );
  const teams = await q.query<{ id: string; manager_id: string | null; lead_id: string | null; level: string | null; region: string | null }>(
    `select id, doc->>'managerId' as manager_id, doc->>'leadId' as lead_id, doc->>'level' as level, doc->>'region' as region
       from sync_docs where collection = 'teams' and not deleted`,
  );
  const me = people.rows.find((p) => p.id === user.id);
  const teamId = user.teamId ?? me?.team_id ?? null;
  const childrenOf = new Map<string, string[]>();
  for (const p of people.rows) {
    if (!p.manager_id) continue;
    const list = childrenOf.get(p.manager_id) ?? [];
    list.push(p.id);
    childrenOf.set(p.manager_id, list);
  }
  const reports = new Set<string>();
  const stack = [...(childrenOf.get(user.id) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (reports.has(id) || id === user.id) continue;
    reports.add(id);
    stack.push(...(childrenOf.get(id) ?? []));
  }
  const ctx: CimsContext = {
    user,
    me: user.id,
    roles: new Set(user.roles),
    region: me?.region ?? null,
    teamId,
    teamLevel: teams.rows.find((t) => t.id === teamId)?.level ?? null,
    reports,
    managerOf: new Map(people.rows.map((p) => [p.id, p.manager_id])),
    managedTeams: new Set(teams.rows.filter((t) => t.manager_id === user.id || t.lead_id === user.id).map((t) => t.id)),
    teamRegions: new Map(teams.rows.map((t) => [t.id, t.region])),
    now: Date.now(),
    tickets: null,
    assignedRounds: new Set(),
  };
  // Admins read every ticket: no need to load the map.
  // Records of field work (visits, parts used) belong to tickets as events do.
  if ((collection === 'ticketEvents' || collection === 'records' || collection === undefined) && !ctx.roles.has('admin')) {
    // Only the fields the ticket read rule looks at, not whole tickets.
    const all = await q.query<{ id: string; doc: Doc }>(
      `select id, jsonb_build_object('id', id, 'teamId', doc->'teamId', 'assigneeId', doc->'assigneeId',
              'region', doc->'region', 'functionalLevel', doc->'functionalLevel') as doc
         from sync_docs where collection = 'tickets'`,
    );
    ctx.tickets = new Map(all.rows.map((r) => [r.id, ticketReadable(ctx, r.doc)]));
  }
  if ((collection === 'records' || collection === undefined) && !ctx.roles.has('admin')) {
    const rounds = await q.query<{ id: string }>(
      `select id from sync_docs where collection = 'records' and not deleted and doc->>'kind' = 'maintenanceRound' and doc->'body'->>'assigneeId' = $1`,
      [user.id],
    );
    ctx.assignedRounds = new Set(rounds.rows.map((r) => r.id));
  }
  return ctx;
}
