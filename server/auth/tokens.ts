import { createHash, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

/** Claims of an access token. `tv` is the user's token version (Z4: bumped to revoke). */
export interface AccessClaims {
  sub: string;
  tv: number;
  iat: number;
  exp: number;
}

const ALGORITHM = 'HS256';
const keyOf = (secret: string): Uint8Array => new TextEncoder().encode(secret);

/** Signs a compact HS256 JWT (jose). */
export function signAccessToken(secret: string, claims: AccessClaims): Promise<string> {
  return new SignJWT({ tv: claims.tv })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp)
    .sign(keyOf(secret));
}

export type VerifyResult = { ok: true; claims: AccessClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

/**
 * Verifies signature, algorithm (HS256 only: `none` and key-confusion tricks are refused) and
 * expiry at `nowSec`, with no clock tolerance: the server's clock is the only one used.
 */
export async function verifyAccessToken(secret: string, token: string, nowSec: number): Promise<VerifyResult> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { algorithms: [ALGORITHM], currentDate: new Date(nowSec * 1000), requiredClaims: ['sub', 'exp', 'iat'] });
    if (typeof payload.sub !== 'string' || typeof payload.tv !== 'number' || typeof payload.exp !== 'number' || typeof payload.iat !== 'number')
      return { ok: false, reason: 'malformed' };
    return { ok: true, claims: { sub: payload.sub, tv: payload.tv, iat: payload.iat, exp: payload.exp } };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
    if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'signature' };
    return { ok: false, reason: 'malformed' };
  }
}

/** Refresh tokens are random; only their SHA-256 is stored, so a leaked table grants nothing. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
