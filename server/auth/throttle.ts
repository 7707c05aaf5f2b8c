/**
 * Login throttling (Z3): exponential slow-down per account+IP and per IP, answered with 429
 * before any password is hashed. Never a lockout: the account itself is not blocked, so the
 * real user signs in from another address, and every delay ends (capped, then forgotten).
 * In memory per process: several processes each apply their own limits.
 */
export interface ThrottleOptions {
  /** Failures allowed before delays start. */
  freeAccountIp: number;
  freeIp: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A key with no failure for this long is forgotten. */
  forgetAfterMs: number;
}

export const defaultThrottle: ThrottleOptions = {
  freeAccountIp: 5,
  freeIp: 30,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60 * 1000,
  forgetAfterMs: 60 * 60 * 1000,
};

interface Entry {
  failures: number;
  blockedUntil: number;
  lastFailure: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number,
    private readonly opts: ThrottleOptions = defaultThrottle,
  ) {}

  /** Milliseconds to wait before another attempt is allowed; 0 = go ahead. */
  check(username: string, ip: string): number {
    const t = this.now();
    let wait = 0;
    for (const key of this.keys(username, ip)) {
      const e = this.live(key, t);
      if (e && e.blockedUntil > t) wait = Math.max(wait, e.blockedUntil - t);
    }
    return wait;
  }

  fail(username: string, ip: string): void {
    const t = this.now();
    const [accountIp, ipKey] = this.keys(username, ip);
    this.bump(accountIp!, this.opts.freeAccountIp, t);
    this.bump(ipKey!, this.opts.freeIp, t);
  }

  succeed(username: string, ip: string): void {
    this.entries.delete(this.keys(username, ip)[0]!);
  }

  private keys(username: string, ip: string): string[] {
    return [`a:${username.toLowerCase()}|${ip}`, `i:${ip}`];
  }

  private live(key: string, t: number): Entry | undefined {
    const e = this.entries.get(key);
    if (e && t - e.lastFailure > this.opts.forgetAfterMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private bump(key: string, free: number, t: number): void {
    const e = this.live(key, t) ?? { failures: 0, blockedUntil: 0, lastFailure: t };
    e.failures += 1;
    e.lastFailure = t;
    if (e.failures >= free) {
      const delay = Math.min(this.opts.baseDelayMs * 2 ** (e.failures - free), this.opts.maxDelayMs);
      e.blockedUntil = t + delay;
    }
    this.entries.set(key, e);
    if (this.entries.size > 100_000) this.sweep(t);
  }

  private sweep(t: number): void {
    for (const [k, e] of this.entries) if (t - e.lastFailure > this.opts.forgetAfterMs) this.entries.delete(k);
  }
}
