import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { audit } from './audit';
import { createUser, findUserById, findUserByName, setActive, setPassword, type UserRow } from './auth/users';
import type { Db } from './db/db';
import { HttpError } from './http/errors';
import { writeServerDocs } from './sync/engine';
import type { AccessContext, Registry } from './sync/registry';

/** Admin operations shared by the HTTP API and the CLI; each is audited. */
export interface Actor {
  id: string | null;
  name: string;
  ip?: string | null;
}

export const newTeamSchema = z
  .object({
    id: z.string().optional(),
    name: z.string().trim().min(1).max(120),
    level: z.enum(['L1', 'L2', 'L3']).nullable().default('L1'),
    function: z.enum(['field', 'technical_support', 'rnd', 'spare_parts', 'logistics']).default('field'),
    region: z.string().trim().min(1).max(40).default('CN-East'),
    managerId: z.string().nullable().default(null),
    leadId: z.string().nullable().default(null),
  })
  .strict();

export async function addTeam(db: Db, registry: Registry<AccessContext>, input: z.input<typeof newTeamSchema>, actor: Actor): Promise<Record<string, unknown>> {
  const t = newTeamSchema.parse(input);
  const spec = registry.get('teams');
  if (!spec) throw new HttpError(404, 'UNKNOWN_COLLECTION', 'This server has no teams collection');
  const now = new Date().toISOString();
  const doc = { id: t.id ?? uuidv7(), createdAt: now, updatedAt: now, name: t.name, level: t.level, function: t.function, region: t.region, productLines: [], leadId: t.leadId, managerId: t.managerId, active: true };
  const [stored] = await db.transaction((tx) => writeServerDocs(tx, spec, [{ doc }]));
  await audit(db, { action: 'team.add', outcome: 'ok', actorId: actor.id, actor: actor.name, ip: actor.ip ?? null, target: `teams/${doc.id}`, detail: { name: t.name } });
  return stored!;
}

/** Finds a team by id or by name. */
export async function resolveTeamId(db: Db, team: string): Promise<string> {
  const r = await db.query<{ id: string }>(`select id from sync_docs where collection = 'teams' and (id = $1 or doc->>'name' = $1) limit 1`, [team]);
  if (!r.rows[0]) throw new HttpError(400, 'VALIDATION_FAILED', `No team ${team}`, 'team');
  return r.rows[0].id;
}

export const newUserSchema = z
  .object({
    id: z.string().optional(),
    username: z.string().min(2).max(40),
    password: z.string().min(1).max(1024),
    displayName: z.string().min(1).max(120).optional(),
    roles: z.array(z.string()).min(1).max(6),
    team: z.string().max(120).nullable().optional(),
    managerId: z.string().nullable().optional(),
    region: z.string().max(40).optional(),
  })
  .strict();

/**
 * Creates a login and, when the registry replicates people, the matching person record
 * (same id) so the access rules know the user's team, manager and region.
 */
export async function addUser(
  db: Db,
  registry: Registry<AccessContext>,
  argon2MemoryKib: number,
  input: z.input<typeof newUserSchema>,
  actor: Actor,
): Promise<UserRow> {
  const u = newUserSchema.parse(input);
  const teamId = u.team ? await resolveTeamId(db, u.team) : null;
  const user = await createUser(db, { ...(u.id ? { id: u.id } : {}), username: u.username, password: u.password, displayName: u.displayName ?? u.username, roles: u.roles, teamId }, argon2MemoryKib);
  const people = registry.get('people');
  if (people) {
    const existing = await db.query('select 1 from sync_docs where collection = $1 and id = $2', ['people', user.id]);
    if (existing.rows.length === 0) {
      const region = u.region ?? (teamId ? await teamRegion(db, teamId) : null) ?? 'CN-East';
      const now = new Date().toISOString();
      const doc = {
        id: user.id,
        createdAt: now,
        updatedAt: now,
        username: user.username,
        displayName: user.display_name,
        email: `${user.username}@example.invalid`,
        roles: user.roles,
        title: user.roles.includes('manager') ? 'service_manager' : 'staff',
        teamId,
        managerId: u.managerId ?? null,
        skills: [],
        region,
        locale: 'en',
        active: true,
      };
      await db.transaction((tx) => writeServerDocs(tx, people, [{ doc }]));
    }
  }
  await audit(db, { action: 'user.add', outcome: 'ok', actorId: actor.id, actor: actor.name, ip: actor.ip ?? null, target: `users/${user.id}`, detail: { username: user.username, roles: user.roles } });
  return user;
}

async function teamRegion(db: Db, teamId: string): Promise<string | null> {
  const r = await db.query<{ region: string | null }>(`select doc->>'region' as region from sync_docs where collection = 'teams' and id = $1`, [teamId]);
  return r.rows[0]?.region ?? null;
}

export const updateUserSchema = z
  .object({ active: z.boolean().optional(), password: z.string().min(1).max(1024).optional() })
  .strict();

/** Disabling a user or changing a password ends their sessions (Z4). */
export async function updateUser(db: Db, argon2MemoryKib: number, idOrName: string, input: z.input<typeof updateUserSchema>, actor: Actor): Promise<UserRow> {
  const u = updateUserSchema.parse(input);
  const user = (await findUserById(db, idOrName)) ?? (await findUserByName(db, idOrName));
  if (!user) throw new HttpError(404, 'NOT_FOUND', `No user ${idOrName}`);
  if (u.password !== undefined) await setPassword(db, user.id, u.password, argon2MemoryKib);
  if (u.active !== undefined) await setActive(db, user.id, u.active);
  await audit(db, { action: 'user.update', outcome: 'ok', actorId: actor.id, actor: actor.name, ip: actor.ip ?? null, target: `users/${user.id}`, detail: { active: u.active ?? null, passwordChanged: u.password !== undefined } });
  return (await findUserById(db, user.id))!;
}
