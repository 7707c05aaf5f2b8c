import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Queryable } from '../db/db';
import { HttpError } from '../http/errors';

/**
 * Login throttling (Z3) with rate-limiter-flexible's PostgreSQL store; the counters live in
 * the database, shared by every server process. Never a lockout: only account+address and
 * address are limited, so the real user signs in from another address, and every block ends.
 *
 * Account+address: every attempt is counted atomically (one upsert) before any password is
 * hashed, so parallel guesses at one account cannot all slip past the check. An attempt the
 * hash gate sheds (503, nothing tested) gives its point back, since the client sends it again.
 *
 * Address: only failed passwords count, checked before hashing and counted after. Many people
 * share one address (a site's desktops behind one NAT): counting their attempts as they start
 * refused correct passwords when they all signed in at once after a server restart. Parallel
 * guesses from one address can pass the check before their failures are counted, at most as
 * many as the hash gate admits (running + queued) per server process; then the address waits.
 *
 * The store talks to our Db interface (PostgreSQL pool or embedded PGlite) through a small
 * adapter, so both databases share one code path and one table (migration `login_limits`).
 */
export interface ThrottleOptions {
  /** Attempts per window for one account from one address. */
  freeAccountIp: number;
  /** Failed attempts per window from one address, over all accounts. */
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
  private readonly freeIp: number;
  private readonly blockSec: number;
  readonly hashes: HashGate;

  constructor(q: Queryable, opts: ThrottleOptions = defaultThrottle) {
    // rate-limiter-flexible calls `query({text, values, name})` on a custom client (its `get`
    // takes `rowCount` 0 for "no record": both database adapters count a select's rows).
    const storeClient = { query: (x: { text: string; values?: unknown[] }) => q.query(x.text, x.values ?? []) };
    const common = { storeClient, storeType: 'client', tableName: TABLE, tableCreated: true, clearExpiredByTimeout: false, duration: opts.windowSec, blockDuration: opts.blockSec };
    this.accountIp = new RateLimiterPostgres({ ...common, keyPrefix: 'a', points: opts.freeAccountIp });
    this.ip = new RateLimiterPostgres({ ...common, keyPrefix: 'i', points: opts.freeIp });
    this.freeIp = opts.freeIp;
    this.blockSec = opts.blockSec;
    this.hashes = new HashGate(opts.maxConcurrentHashes, opts.maxQueuedHashes);
  }

  /** Checks the address's failures and counts the attempt at the account; milliseconds to wait when over a limit, 0 = go ahead. */
  async attempt(username: string, ip: string): Promise<number> {
    try {
      const address = await this.ip.get(hashKey(ip));
      if (address && address.consumedPoints >= this.freeIp) return Math.max(address.msBeforeNext, 1000);
      await this.accountIp.consume(hashKey(`${username.toLowerCase()}|${ip}`));
      return 0;
    } catch (err) {
      if (err instanceof RateLimiterRes) return Math.max(err.msBeforeNext, 1000);
      throw err;
    }
  }

  /** A wrong password (or unknown or disabled account) counts against the address; its last free one blocks it. */
  async fail(ip: string): Promise<void> {
    const key = hashKey(ip);
    try {
      const res = await this.ip.consume(key);
      if (res.consumedPoints >= this.freeIp) await this.ip.block(key, this.blockSec);
    } catch (err) {
      // Already over (parallel failures): the store has blocked the address.
      if (!(err instanceof RateLimiterRes)) throw err;
    }
  }

  /** The hash gate shed the attempt before any password was tested: it does not count. */
  async shed(username: string, ip: string): Promise<void> {
    await this.accountIp.reward(hashKey(`${username.toLowerCase()}|${ip}`), 1);
  }

  /** A successful sign-in clears its account+address count (the address never counted it). */
  async succeed(username: string, ip: string): Promise<void> {
    await this.accountIp.delete(hashKey(`${username.toLowerCase()}|${ip}`));
  }
}

/**
 * Bounds the argon2 hashes running at once (each takes tens of MiB and a core for ~100 ms):
 * a flood of sign-ins, even spread over many addresses, cannot exhaust the server. Beyond
 * the queue the answer is 503 with Retry-After: when this request's turn comes, after the
 * hashes admitted and the requests told to come back before it, at the measured time per
 * hash. A fixed second brought a whole storm of sign-ins back at once while the queue was
 * still full, and the client's few tries ran out within seconds.
 */
export class HashGate {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  /** Moving average of one hash; before the first one, argon2id's production cost on one core. */
  private hashMs = 200;
  /** When the hashes admitted and the turns handed out so far will be done (performance.now()). */
  private busyUntil = 0;

  constructor(
    private readonly max: number,
    private readonly maxQueued: number,
  ) {}

  /** Hands out the next turn: seconds until it comes (at least 1). */
  private nextTurnSec(): number {
    const now = performance.now();
    const perSlot = this.hashMs / this.max;
    this.busyUntil = Math.max(this.busyUntil, now + (this.running + this.queue.length) * perSlot) + perSlot;
    return Math.max(1, Math.ceil((this.busyUntil - now) / 1000));
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) {
      if (this.queue.length >= this.maxQueued) {
        throw new HttpError(503, 'OVERLOADED', 'The server is busy signing in others; try again in a moment', undefined, { 'retry-after': String(this.nextTurnSec()) });
      }
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.running++;
    }
    const started = performance.now();
    try {
      return await task();
    } finally {
      this.hashMs = 0.8 * this.hashMs + 0.2 * (performance.now() - started);
      const next = this.queue.shift();
      // Hand the slot straight to the next waiter; otherwise free it.
      if (next) next();
      else this.running--;
    }
  }
}
