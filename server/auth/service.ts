import { randomUUID } from 'node:crypto';
import type { LoginResponse } from '../../shared/sync/protocol';
import { audit } from '../audit';
import type { Db } from '../db/db';
import { HttpError } from '../http/errors';
import { hashPassword, verifyPassword } from './passwords';
import { LoginThrottle, type ThrottleOptions } from './throttle';
import { hashRefreshToken, newRefreshToken, signAccessToken, verifyAccessToken } from './tokens';
import { findUserById, findUserByName, toSessionUser, type UserRow } from './users';

export interface AuthOptions {
  secret: string;
  accessTtlSec: number;
  refreshTtlSec: number;
  argon2MemoryKib: number;
  now?: () => number;
  throttle?: ThrottleOptions;
}

/** Login, refresh, logout and per-request token checks. */
export class AuthService {
  readonly throttle: LoginThrottle;
  private readonly now: () => number;
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly db: Db,
    private readonly opts: AuthOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.throttle = new LoginThrottle(db, opts.throttle);
  }

  async login(username: string, password: string, ip: string, device?: string): Promise<LoginResponse> {
    const name = username.toLowerCase();
    // Counted before any hashing, atomically in the database (parallel guesses included).
    const wait = await this.throttle.attempt(name, ip);
    if (wait > 0) {
      await audit(this.db, { action: 'login', outcome: 'throttled', actor: name, ip });
      const secs = Math.ceil(wait / 1000);
      throw new HttpError(429, 'RATE_LIMITED', `Too many failed sign-ins; try again in ${secs} s`, undefined, { 'retry-after': String(secs) });
    }
    const user = await findUserByName(this.db, name);
    // Hash even for unknown users so timing does not reveal which usernames exist.
    let ok: boolean;
    try {
      ok = await this.throttle.hashes.run(() => (user ? verifyPassword(user.password_hash, password) : this.burnHash(password)));
    } catch (err) {
      await audit(this.db, { action: 'login', outcome: 'throttled', actor: name, ip, detail: { reason: 'busy' } });
      throw err;
    }
    if (!user || !ok || !user.active) {
      await audit(this.db, { action: 'login', outcome: 'failed', actor: name, actorId: user?.id ?? null, ip, detail: { reason: !user ? 'unknown user' : !ok ? 'wrong password' : 'disabled' } });
      throw new HttpError(401, 'UNAUTHENTICATED', 'Wrong username or password');
    }
    await this.throttle.succeed(name, ip);
    await audit(this.db, { action: 'login', outcome: 'ok', actor: name, actorId: user.id, ip, detail: device ? { device } : null });
    return this.issue(user, device ?? null);
  }

  async refresh(refreshToken: string, ip: string): Promise<LoginResponse> {
    const hash = hashRefreshToken(refreshToken);
    type Row = { id: number; user_id: string; device: string | null; family: string; expires_at: Date; revoked_at: Date | null; revoked_reason: string | null };
    const outcome = await this.db.transaction(async (tx) => {
      const r = await tx.query<Row>(
        'select id, user_id, device, family, expires_at, revoked_at, revoked_reason from refresh_tokens where token_hash = $1 for update',
        [hash],
      );
      const row = r.rows[0];
      if (!row) return { kind: 'unknown' as const };
      if (row.revoked_at) {
        // A rotated token used again was copied (by a thief, or the thief already used the
        // newer one): end every session of that sign-in.
        if (row.revoked_reason !== 'rotated') return { kind: 'revoked' as const, row };
        await tx.query(`update refresh_tokens set revoked_at = now(), revoked_reason = 'reuse' where family = $1 and revoked_at is null`, [row.family]);
        return { kind: 'reuse' as const, row };
      }
      if (new Date(row.expires_at).getTime() <= this.now()) return { kind: 'expired' as const, row };
      // Rotation: each refresh token works once.
      await tx.query(`update refresh_tokens set revoked_at = now(), revoked_reason = 'rotated' where id = $1`, [row.id]);
      const user = await findUserById(tx, row.user_id);
      if (!user || !user.active) return { kind: 'inactive' as const, row };
      return { kind: 'ok' as const, user, device: row.device, family: row.family };
    });
    if (outcome.kind !== 'ok') {
      const row = 'row' in outcome ? outcome.row : null;
      await audit(this.db, {
        action: 'refresh',
        outcome: 'refused',
        actorId: row?.user_id ?? null,
        ip,
        detail: { reason: outcome.kind, ...(row ? { family: row.family } : {}) },
      });
      throw new HttpError(401, 'UNAUTHENTICATED', 'Session ended; sign in again');
    }
    return this.issue(outcome.user, outcome.device, outcome.family);
  }

  /**
   * With a refresh token ends that session; without, every session of the user: their refresh
   * tokens and, through the token version, every access token already issued.
   */
  async logout(userId: string, refreshToken: string | undefined): Promise<void> {
    if (refreshToken) {
      await this.db.query(`update refresh_tokens set revoked_at = now(), revoked_reason = 'logout' where token_hash = $1 and user_id = $2`, [
        hashRefreshToken(refreshToken),
        userId,
      ]);
      return;
    }
    await this.db.transaction(async (tx) => {
      await tx.query(`update refresh_tokens set revoked_at = now(), revoked_reason = 'logout' where user_id = $1 and revoked_at is null`, [userId]);
      await tx.query('update users set token_version = token_version + 1, updated_at = now() where id = $1', [userId]);
    });
  }

  /** Checks a bearer token against the user's current state (active, token version: Z4). */
  async authenticate(header: string | undefined): Promise<UserRow> {
    const token = header?.startsWith('Bearer ') ? header.slice(7) : header;
    if (!token) throw new HttpError(401, 'UNAUTHENTICATED', 'Sign-in required');
    const v = await verifyAccessToken(this.opts.secret, token, Math.floor(this.now() / 1000));
    if (!v.ok) {
      if (v.reason === 'expired') throw new HttpError(401, 'TOKEN_EXPIRED', 'Access token expired; refresh it');
      throw new HttpError(401, 'UNAUTHENTICATED', 'Invalid access token');
    }
    const user = await findUserById(this.db, v.claims.sub);
    if (!user || !user.active || user.token_version !== v.claims.tv) throw new HttpError(401, 'UNAUTHENTICATED', 'Session ended; sign in again');
    return user;
  }

  private async issue(user: UserRow, device: string | null, family: string = randomUUID()): Promise<LoginResponse> {
    const nowSec = Math.floor(this.now() / 1000);
    const accessToken = await signAccessToken(this.opts.secret, { sub: user.id, tv: user.token_version, iat: nowSec, exp: nowSec + this.opts.accessTtlSec });
    const refreshToken = newRefreshToken();
    await this.db.query(
      `insert into refresh_tokens (user_id, token_hash, device, family, expires_at) values ($1, $2, $3, $4, $5)`,
      [user.id, hashRefreshToken(refreshToken), device, family, new Date(this.now() + this.opts.refreshTtlSec * 1000)],
    );
    return { accessToken, expiresIn: this.opts.accessTtlSec, refreshToken, user: toSessionUser(user) };
  }

  private async burnHash(password: string): Promise<false> {
    this.dummyHash ??= hashPassword('not-a-real-password', this.opts.argon2MemoryKib);
    await verifyPassword(await this.dummyHash, password);
    return false;
  }
}
