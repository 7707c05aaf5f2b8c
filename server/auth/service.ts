import { randomUUID } from 'node:crypto';
import type { LoginResponse } from '../../shared/sync/protocol';
import { audit } from '../audit';
import type { Db } from '../db/db';
import { HttpError } from '../http/errors';
import { hashPassword, verifyPassword } from './passwords';
import { LoginThrottle, type ThrottleOptions } from './throttle';
import { hashRefreshToken, newRefreshToken, signAccessToken, verifyAccessToken } from './tokens';
import { checkPasswordPolicy } from '../adminSettings';
import { findUserById, findUserByName, setPassword, toSessionUser, type UserRow } from './users';

export interface AuthOptions {
  secret: string;
  accessTtlSec: number;
  refreshTtlSec: number;
  argon2MemoryKib: number;
  now?: () => number;
  throttle?: ThrottleOptions;
  /** A demo server allows the demo organisation's shared password. */
  demo?: boolean;
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

  async login(username: string, password: string, ip: string, device?: string, newPassword?: string): Promise<LoginResponse> {
    const name = username.toLowerCase();
    // Checked before any hashing; the account's count atomically (parallel guesses included).
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
      if (err instanceof HttpError && err.code === 'OVERLOADED') await this.throttle.shed(name, ip);
      await audit(this.db, { action: 'login', outcome: 'throttled', actor: name, ip, detail: { reason: 'busy' } });
      throw err;
    }
    if (!user || !ok || !user.active) {
      await this.throttle.fail(ip);
      await audit(this.db, { action: 'login', outcome: 'failed', actor: name, actorId: user?.id ?? null, ip, detail: { reason: !user ? 'unknown user' : !ok ? 'wrong password' : 'disabled' } });
      throw new HttpError(401, 'UNAUTHENTICATED', 'Wrong username or password');
    }
    await this.throttle.succeed(name, ip);
    if (newPassword !== undefined) return this.changePassword(user, password, newPassword, ip, device ?? null);
    if (user.must_change_password) {
      // Reset by an admin: the password they handed over works only to choose one's own.
      await audit(this.db, { action: 'login', outcome: 'refused', actor: name, actorId: user.id, ip, detail: { reason: 'password change required' } });
      throw new HttpError(403, 'PASSWORD_CHANGE_REQUIRED', 'Choose a new password to sign in');
    }
    await audit(this.db, { action: 'login', outcome: 'ok', actor: name, actorId: user.id, ip, detail: device ? { device } : null });
    return this.issue(user, device ?? null);
  }

  /** Sets the password the user chose at sign-in (policy checked, not the old one) and signs them in. */
  private async changePassword(user: UserRow, current: string, next: string, ip: string, device: string | null): Promise<LoginResponse> {
    await checkPasswordPolicy(this.db, next, { names: [user.username, user.display_name], demo: this.opts.demo ?? false }, 'newPassword');
    if (next === current) throw new HttpError(400, 'VALIDATION_FAILED', 'Choose a password other than the one you were given', 'newPassword');
    await setPassword(this.db, user.id, next, this.opts.argon2MemoryKib);
    await this.db.query('update users set must_change_password = false where id = $1', [user.id]);
    await audit(this.db, { action: 'password.change', outcome: 'ok', actor: user.username, actorId: user.id, ip, detail: { forced: user.must_change_password } });
    await audit(this.db, { action: 'login', outcome: 'ok', actor: user.username, actorId: user.id, ip, detail: device ? { device } : null });
    return this.issue((await findUserById(this.db, user.id))!, device);
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
