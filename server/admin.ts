import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { wouldManageThemself } from '../shared/domain/people';
import { createUserBody, updateTeamBody, updateUserBody, type AdminUser, type CreateUserBody } from '../shared/sync/admin';
import { audit } from './audit';
import { hashPassword } from './auth/passwords';
import { createUser, findUserById, findUserByName, setActive, setPassword, type UserRow } from './auth/users';
import type { Db, Queryable } from './db/db';
import { HttpError } from './http/errors';
import { parseBody } from './http/route';
import { readDoc, writeServerDocs } from './sync/engine';
import type { AccessContext, Registry } from './sync/registry';

/** Admin operations shared by the HTTP API and the CLI; each is audited with before and after. */
export interface Actor {
  id: string | null;
  name: string;
  ip?: string | null;
}

type AnyRegistry = Registry<AccessContext>;

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

function collection(registry: AnyRegistry, name: 'teams' | 'people') {
  const spec = registry.get(name);
  if (!spec) throw new HttpError(404, 'UNKNOWN_COLLECTION', `This server has no ${name} collection`);
  return spec;
}

/** A person or team id the change refers to must exist (and not be deleted). */
async function mustExist(q: Queryable, coll: 'people' | 'teams', id: string | null | undefined, field: string): Promise<void> {
  if (id === null || id === undefined) return;
  const row = await readDoc(q, coll, id);
  if (!row || row.deleted) throw new HttpError(400, 'VALIDATION_FAILED', `No ${coll === 'people' ? 'person' : 'team'} ${id}`, field);
}

export async function addTeam(db: Db, registry: AnyRegistry, input: z.input<typeof newTeamSchema>, actor: Actor): Promise<Record<string, unknown>> {
  const t = newTeamSchema.parse(input);
  const spec = collection(registry, 'teams');
  await mustExist(db, 'people', t.managerId, 'managerId');
  await mustExist(db, 'people', t.leadId, 'leadId');
  const now = new Date().toISOString();
  const doc = { id: t.id ?? uuidv7(), createdAt: now, updatedAt: now, name: t.name, level: t.level, function: t.function, region: t.region, productLines: [], leadId: t.leadId, managerId: t.managerId, active: true };
  const [stored] = await db.transaction((tx) => writeServerDocs(tx, spec, [{ doc }]));
  await audit(db, { action: 'team.add', outcome: 'ok', actorId: actor.id, actor: actor.name, ip: actor.ip ?? null, target: `teams/${doc.id}`, detail: { after: doc } });
  return stored!;
}

/**
 * Changes a team. Retiring one (active: false) that still has open tickets is refused with
 * their count: the tickets would be left with nobody's queue.
 */
export async function updateTeam(db: Db, registry: AnyRegistry, id: string, input: z.input<typeof updateTeamBody>, actor: Actor): Promise<Record<string, unknown>> {
  const change = parseBody(updateTeamBody, input);
  const spec = collection(registry, 'teams');
  const row = await readDoc(db, 'teams', id);
  if (!row || row.deleted) throw new HttpError(404, 'NOT_FOUND', `No team ${id}`);
  await mustExist(db, 'people', change.managerId, 'managerId');
  await mustExist(db, 'people', change.leadId, 'leadId');
  if (change.active === false && row.doc.active !== false) {
    const open = await db.query<{ n: string }>(
      `select count(*) as n from sync_docs where collection = 'tickets' and not deleted and doc->>'teamId' = $1 and doc->>'status' not in ('resolved', 'closed')`,
      [id],
    );
    const n = Number(open.rows[0]?.n ?? 0);
    if (n > 0) throw new HttpError(400, 'VALIDATION_FAILED', `The team still has ${n} open tickets; move them first`, 'active');
  }
  const before = row.doc;
  const doc = { ...before, ...change, updatedAt: new Date().toISOString() };
  const [stored] = await db.transaction((tx) => writeServerDocs(tx, spec, [{ doc }]));
  await audit(db, { action: 'team.update', outcome: 'ok', actorId: actor.id, actor: actor.name, ip: actor.ip ?? null, target: `teams/${id}`, detail: { before, after: stored } });
  return stored!;
}

/** Finds a team by id or by name (the CLI takes names). */
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

/** The CLI's `user add`: a team by name, defaults for what it does not ask. */
export async function addUser(db: Db, registry: AnyRegistry, argon2MemoryKib: number, input: z.input<typeof newUserSchema>, actor: Actor): Promise<UserRow> {
  const { team, id, ...u } = newUserSchema.parse(input);
  const teamId = team ? await resolveTeamId(db, team) : null;
  const region = u.region ?? (teamId ? await teamRegion(db, teamId) : null) ?? 'CN-East';
  return createPerson(db, registry, argon2MemoryKib, { ...u, roles: u.roles as CreateUserBody['roles'], displayName: u.displayName ?? u.username, teamId, region, title: u.roles.includes('manager') ? 'service_manager' : 'staff' }, actor, id);
}

/**
 * Creates a login and, when the registry replicates people, the matching person record (same
 * id) so the access rules know the user's team, manager and region.
 */
export async function createPerson(
  db: Db,
  registry: AnyRegistry,
  argon2MemoryKib: number,
  input: z.input<typeof createUserBody>,
  actor: Actor,
  id?: string,
): Promise<UserRow> {
  const u = parseBody(createUserBody, input);
  await mustExist(db, 'teams', u.teamId, 'teamId');
  await mustExist(db, 'people', u.managerId, 'managerId');
  const people = registry.get('people');
  // The user and their person record are written together or not at all: a person record
  // the schema refuses (say, an address made from the username) leaves no user behind.
  const passwordHash = await hashPassword(u.password, argon2MemoryKib);
  const { user, after } = await db.transaction(async (tx) => {
    const user = await createUser(tx, { ...(id ? { id } : {}), username: u.username, password: u.password, passwordHash, displayName: u.displayName, roles: u.roles, teamId: u.teamId }, argon2MemoryKib);
    if (!people || (await readDoc(tx, 'people', user.id))) return { user, after: null };
    const now = new Date().toISOString();
    const after: Record<string, unknown> = {
      id: user.id,
      createdAt: now,
      updatedAt: now,
      username: user.username,
      displayName: user.display_name,
      email: `${user.username}@example.invalid`,
      roles: user.roles,
      title: u.title,
      teamId: u.teamId,
      managerId: u.managerId,
      skills: [],
      region: u.region,
      locale: 'en',
      active: true,
    };
    await writeServerDocs(tx, people, [{ doc: after }]);
    return { user, after };
  });
  await audit(db, { action: 'user.add', outcome: 'ok', actorId: actor.id, actor: actor.name, ip: actor.ip ?? null, target: `users/${user.id}`, detail: { username: user.username, roles: user.roles, after } });
  return user;
}

async function teamRegion(db: Db, teamId: string): Promise<string | null> {
  const r = await db.query<{ region: string | null }>(`select doc->>'region' as region from sync_docs where collection = 'teams' and id = $1`, [teamId]);
  return r.rows[0]?.region ?? null;
}

/**
 * Changes a user and their person record. Disabling a user or resetting a password ends their
 * sessions on every device (Z4); after a reset the user must choose a new password. A manager
 * who would end up managing themself is refused.
 */
export async function updateUser(
  db: Db,
  argon2MemoryKib: number,
  idOrName: string,
  input: z.input<typeof updateUserBody>,
  actor: Actor,
  registry?: AnyRegistry,
): Promise<UserRow> {
  const u = parseBody(updateUserBody, input);
  const user = (await findUserById(db, idOrName)) ?? (await findUserByName(db, idOrName));
  if (!user) throw new HttpError(404, 'NOT_FOUND', `No user ${idOrName}`);
  if (u.managerId !== undefined) {
    const chain = await db.query<{ id: string; managerId: string | null }>(`select id, doc->>'managerId' as "managerId" from sync_docs where collection = 'people' and not deleted`);
    if (wouldManageThemself(chain.rows, user.id, u.managerId)) throw new HttpError(400, 'VALIDATION_FAILED', 'A person cannot manage themself, directly or through their reports', 'managerId');
    await mustExist(db, 'people', u.managerId, 'managerId');
  }
  await mustExist(db, 'teams', u.teamId, 'teamId');
  if (u.password !== undefined) {
    await setPassword(db, user.id, u.password, argon2MemoryKib);
    // Only an admin's reset forces a change; the CLI's `passwd` is the owner setting their own.
    await db.query('update users set must_change_password = $2 where id = $1', [user.id, actor.id !== null]);
  }
  if (u.active !== undefined) await setActive(db, user.id, u.active);
  if (u.displayName !== undefined || u.roles !== undefined || u.teamId !== undefined) {
    await db.query('update users set display_name = coalesce($2, display_name), roles = coalesce($3, roles), team_id = case when $4 then $5 else team_id end, updated_at = now() where id = $1', [
      user.id,
      u.displayName ?? null,
      u.roles ?? null,
      u.teamId !== undefined,
      u.teamId ?? null,
    ]);
  }
  const people = registry?.get('people');
  const row = people ? await readDoc(db, 'people', user.id) : null;
  let before: Record<string, unknown> | null = null;
  let after: Record<string, unknown> | null = null;
  if (people && row && !row.deleted) {
    const { password: _password, ...fields } = u;
    before = row.doc;
    const doc = { ...before, ...fields, updatedAt: new Date().toISOString() };
    after = (await db.transaction((tx) => writeServerDocs(tx, people, [{ doc }])))[0] ?? null;
  }
  // Role changes are security events of their own (the audit viewer filters on them).
  const action = u.roles !== undefined ? 'user.roles' : 'user.update';
  await audit(db, {
    action,
    outcome: 'ok',
    actorId: actor.id,
    actor: actor.name,
    ip: actor.ip ?? null,
    target: `users/${user.id}`,
    detail: { active: u.active ?? null, passwordChanged: u.password !== undefined, before, after: after ?? null },
  });
  return (await findUserById(db, user.id))!;
}

export const toAdminUser = (u: UserRow): AdminUser => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  roles: u.roles,
  teamId: u.team_id,
  active: u.active,
  mustChangePassword: u.must_change_password,
});
