import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Queryable } from '../db/db';
import { HttpError } from '../http/errors';

/**
 * Login throttling (Z3) with rate-limiter-flexible's PostgreSQL store: every attempt is
 * counted atomically (one upsert) before any password is hashed, so parallel guesses cannot
 * all slip past the check, and the counters live in the database, shared by every server
 * process. Never a lockout: only account+address and address are limited, so the real user
 * signs in from another address, and every block ends.
 *
 * The store talks to our Db interface (PostgreSQL pool or embedded PGlite) through a small
 * adapter, so both databases share one code path and one table (migration `login_limits`).
 */
export interface ThrottleOptions {
  /** Attempts per window for one account from one address. */
  freeAccountIp: number;
  /** Attempts per window from one address, over all accounts. */
  freeIp: number;
  windowSec: number;
  /** How long an address (or account+address) over its limit waits. */
  blockSec: number;
  /** argon2 hashes running at once (memory and CPU guard); more wait in a short queue. */
  maxConcurrentHashes: number;
  maxQueuedHashes: number;
}

export const defaultThrottle: ThrottleOptions = {
  freeAccountIp: 5,
  freeIp: 30,
  windowSec: 15 * 60,
  blockSec: 15 * 60,
  maxConcurrentHashes: 2,
  maxQueuedHashes: 16,
};

const TABLE = 'login_limits';
const hashKey = (s: string) => createHash('sha256').update(s).digest('base64url');

export class LoginThrottle {
  private readonly accountIp: RateLimiterPostgres;
  private readonly ip: RateLimiterPostgres;
  readonly hashes: HashGate;

  constructor(q: Queryable, opts: ThrottleOptions = defaultThrottle) {
    // rate-limiter-flexible calls `query({text, values, name})` on a custom client.
    const storeClient = { query: (x: { text: string; values?: unknown[] }) => q.query(x.text, x.values ?? []) };
    const common = { storeClient, storeType: 'client', tableName: TABLE, tableCreated: true, clearExpiredByTimeout: false, duration: opts.windowSec, blockDuration: opts.blockSec };
    this.accountIp = new RateLimiterPostgres({ ...common, keyPrefix: 'a', points: opts.freeAccountIp });
    this.ip = new RateLimiterPostgres({ ...common, keyPrefix: 'i', points: opts.freeIp });
    this.hashes = new HashGate(opts.maxConcurrentHashes, opts.maxQueuedHashes);
  }

  /** Counts one attempt; milliseconds to wait when over a limit, 0 = go ahead. */
  async attempt(username: string, ip: string): Promise<number> {
    try {
      await this.accountIp.consume(hashKey(`${username.toLowerCase()}|${ip}`));
      await this.ip.consume(hashKey(ip));
      return 0;
    } catch (err) {
      if (err instanceof RateLimiterRes) return Math.max(err.msBeforeNext, 1000);
      throw err;
    }
  }

  /** A successful sign-in clears its account+address count and gives the address its point back. */
  async succeed(username: string, ip: string): Promise<void> {
    await this.accountIp.delete(hashKey(`${username.toLowerCase()}|${ip}`));
    await this.ip.reward(hashKey(ip), 1);
  }
}

/**
 * Bounds the argon2 hashes running at once (each takes tens of MiB and a core for ~100 ms):
 * a flood of sign-ins, even spread over many addresses, cannot exhaust the server. Beyond
 * the queue the answer is 503 with Retry-After.
 */
export class HashGate {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly max: number,
    private readonly maxQueued: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) {
      if (this.queue.length >= this.maxQueued) {
        throw new HttpError(503, 'OVERLOADED', 'The server is busy signing in others; try again in a moment', undefined, { 'retry-after': '1' });
      }
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      // Hand the slot straight to the next waiter; otherwise free it.
      if (next) next();
      else this.running--;
    }
  }
}
