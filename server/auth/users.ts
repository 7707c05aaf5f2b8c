import { v7 as uuidv7 } from 'uuid';
import type { SessionUser } from '../../shared/sync/protocol';
import type { Queryable } from '../db/db';
import { HttpError } from '../http/errors';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords';

export const ROLES = ['technician', 'engineer', 'expert', 'manager', 'assessor', 'admin'] as const;

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  team_id: string | null;
  active: boolean;
  token_version: number;
  must_change_password: boolean;
}

export function toSessionUser(u: UserRow): SessionUser {
  return { id: u.id, username: u.username, displayName: u.display_name, roles: u.roles, teamId: u.team_id };
}

export async function findUserByName(q: Queryable, username: string): Promise<UserRow | null> {
  const r = await q.query<UserRow>('select * from users where username = $1', [username.toLowerCase()]);
  return r.rows[0] ?? null;
}

export async function findUserById(q: Queryable, id: string): Promise<UserRow | null> {
  const r = await q.query<UserRow>('select * from users where id = $1', [id]);
  return r.rows[0] ?? null;
}

export interface NewUser {
  id?: string;
  username: string;
  password: string;
  displayName?: string;
  roles: string[];
  teamId?: string | null;
}

/** `passwordHash` lets bulk loaders (the demo) hash one shared password once. */
export async function createUser(q: Queryable, u: NewUser & { passwordHash?: string }, argon2MemoryKib: number): Promise<UserRow> {
  const username = u.username.toLowerCase();
  if (!/^[a-z][a-z0-9._-]{1,39}$/.test(username)) throw new HttpError(400, 'VALIDATION_FAILED', 'username must be 2-40 lowercase letters, digits, . _ -', 'username');
  if (u.password.length < MIN_PASSWORD_LENGTH) throw new HttpError(400, 'VALIDATION_FAILED', `password must have at least ${MIN_PASSWORD_LENGTH} characters`, 'password');
  if (u.roles.length === 0 || u.roles.some((r) => !(ROLES as readonly string[]).includes(r))) {
    throw new HttpError(400, 'VALIDATION_FAILED', `roles must be some of ${ROLES.join(', ')}`, 'roles');
  }
  if (await findUserByName(q, username)) throw new HttpError(409, 'BAD_REQUEST', `user ${username} exists`, 'username');
  const hash = u.passwordHash ?? (await hashPassword(u.password, argon2MemoryKib));
  const r = await q.query<UserRow>(
    `insert into users (id, username, display_name, password_hash, roles, team_id) values ($1, $2, $3, $4, $5, $6) returning *`,
    [u.id ?? uuidv7(), username, u.displayName ?? username, hash, u.roles, u.teamId ?? null],
  );
  return r.rows[0]!;
}

/** Changing a password or disabling a user ends every session of theirs (Z4). */
export async function revokeSessions(q: Queryable, userId: string): Promise<void> {
  await q.query('update users set token_version = token_version + 1, updated_at = now() where id = $1', [userId]);
  await q.query('update refresh_tokens set revoked_at = now() where user_id = $1 and revoked_at is null', [userId]);
}

export async function setPassword(q: Queryable, userId: string, password: string, argon2MemoryKib: number): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH) throw new HttpError(400, 'VALIDATION_FAILED', `password must have at least ${MIN_PASSWORD_LENGTH} characters`, 'password');
  const hash = await hashPassword(password, argon2MemoryKib);
  await q.query('update users set password_hash = $2 where id = $1', [userId, hash]);
  await revokeSessions(q, userId);
}

export async function setActive(q: Queryable, userId: string, active: boolean): Promise<void> {
  await q.query('update users set active = $2 where id = $1', [userId, active]);
  if (!active) await revokeSessions(q, userId);
}
