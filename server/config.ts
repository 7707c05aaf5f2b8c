import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { MAX_BODY_BYTES } from '../shared/sync/protocol';

/** Server configuration, read once from the environment at start (see `loadConfig`). */
export interface ServerConfig {
  port: number;
  host: string;
  /** PostgreSQL connection string; null selects embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  tokenSecret: string;
  bodyLimit: number;
  accessTokenTtlSec: number;
  refreshTokenTtlSec: number;
  /** argon2id memory cost in KiB; tests lower it, production keeps the default. */
  argon2MemoryKib: number;
  logLevel: string;
  trustProxy: boolean;
  /** Interval of the SLA scheduler in ms; 0 disables it. */
  slaIntervalMs: number;
  /** Graceful stop gives in-flight requests this long before the process exits anyway. */
  shutdownTimeoutMs: number;
  /** Event streams are told to reconnect after about this long (spread over ±50%). */
  reconnectHintMs: number;
  /** Serve Prometheus metrics on /metrics. */
  metrics: boolean;
  /**
   * Shed load: above this event-loop delay (ms) requests get 503 OVERLOADED with Retry-After
   * instead of queueing without bound; health, readiness and metrics still answer. 0 = off.
   */
  maxEventLoopDelayMs: number;
  /** Folder whose files /updates/:file serves (the desktop app's update feed); null = none. */
  updatesDir: string | null;
  /** Started with the demo organisation (`start --demo`): its published shared password is allowed. */
  demo: boolean;
  /** SMTP server report packs are mailed through (smtp:// or smtps://); null = packs in the app only. */
  smtpUrl: string | null;
  /** Sender address of those mails. */
  smtpFrom: string;
}

const intFrom = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const envSchema = z.object({
  PORT: intFrom(0, 65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  CIMS_DATA_DIR: z.string().min(1).default('.data/server'),
  CIMS_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  CIMS_BODY_LIMIT: intFrom(1024, 64 * 1024 * 1024).default(MAX_BODY_BYTES),
  CIMS_ACCESS_TOKEN_TTL: intFrom(10, 24 * 3600).default(15 * 60),
  CIMS_REFRESH_TOKEN_TTL: intFrom(60, 365 * 24 * 3600).default(30 * 24 * 3600),
  CIMS_ARGON2_MEMORY_KIB: intFrom(1024, 4 * 1024 * 1024).default(64 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CIMS_TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
  CIMS_SLA_INTERVAL_MS: intFrom(0, 24 * 3600 * 1000).default(60_000),
  CIMS_SHUTDOWN_TIMEOUT_MS: intFrom(100, 10 * 60 * 1000).default(25_000),
  CIMS_RECONNECT_HINT_MS: intFrom(0, 10 * 60 * 1000).default(2_000),
  CIMS_METRICS: z.enum(['0', '1', 'true', 'false']).default('1'),
  CIMS_MAX_EVENT_LOOP_DELAY_MS: intFrom(0, 60_000).default(1_000),
  CIMS_UPDATES_DIR: z.string().min(1).optional(),
  CIMS_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  CIMS_SMTP_FROM: z.email('must be a mail address').default('cims@localhost'),
});

/**
 * Keys of the optional JSON config file and the variable each stands for. The environment
 * wins over the file, so one file serves several processes that differ only in PORT.
 */
export const FILE_KEYS = {
  port: 'PORT',
  host: 'HOST',
  databaseUrl: 'DATABASE_URL',
  dataDir: 'CIMS_DATA_DIR',
  tokenSecret: 'CIMS_TOKEN_SECRET',
  bodyLimit: 'CIMS_BODY_LIMIT',
  accessTokenTtlSec: 'CIMS_ACCESS_TOKEN_TTL',
  refreshTokenTtlSec: 'CIMS_REFRESH_TOKEN_TTL',
  argon2MemoryKib: 'CIMS_ARGON2_MEMORY_KIB',
  logLevel: 'LOG_LEVEL',
  trustProxy: 'CIMS_TRUST_PROXY',
  slaIntervalMs: 'CIMS_SLA_INTERVAL_MS',
  shutdownTimeoutMs: 'CIMS_SHUTDOWN_TIMEOUT_MS',
  reconnectHintMs: 'CIMS_RECONNECT_HINT_MS',
  metrics: 'CIMS_METRICS',
  maxEventLoopDelayMs: 'CIMS_MAX_EVENT_LOOP_DELAY_MS',
  updatesDir: 'CIMS_UPDATES_DIR',
  smtpUrl: 'CIMS_SMTP_URL',
  smtpFrom: 'CIMS_SMTP_FROM',
} as const satisfies Record<string, keyof z.input<typeof envSchema>>;

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(`Invalid server configuration:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the JSON config file into variable names. Every value must be a string, number or
 * boolean; an unknown key is an error (a typo must not silently fall back to a default).
 * Returns the values and, per variable, where it came from for the error messages.
 */
function readConfigFile(file: string): Record<string, string> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message;
    throw new ConfigError([{ variable: file, message: `cannot read the config file: ${why}` }]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError([{ variable: file, message: 'must hold one JSON object' }]);
  }
  const out: Record<string, string> = {};
  const issues: { variable: string; message: string }[] = [];
  const byVar = new Map<string, string>(Object.values(FILE_KEYS).map((v) => [v, v]));
  for (const [key, value] of Object.entries(raw)) {
    const variable = (FILE_KEYS as Record<string, string>)[key] ?? byVar.get(key);
    if (!variable) {
      issues.push({ variable: `${key} (in ${file})`, message: `unknown setting; known: ${Object.keys(FILE_KEYS).join(', ')}` });
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      out[variable] = String(value);
    } else if (value !== null) {
      issues.push({ variable: `${key} (in ${file})`, message: 'must be a string, number or boolean' });
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return out;
}

/**
 * Parses the environment, over the optional JSON file named by `file` or CIMS_CONFIG.
 * Throws ConfigError naming every bad value and where it came from. A missing token secret
 * is generated once and kept in the data dir, so tokens survive restarts.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, file?: string): ServerConfig {
  const configFile = file ?? (env.CIMS_CONFIG || undefined);
  const fromFile = configFile ? readConfigFile(resolve(configFile)) : {};
  const fromEnv = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;
  const present = { ...fromFile, ...fromEnv };
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const variable = String(i.path[0] ?? '?');
        const fileKey = Object.entries(FILE_KEYS).find(([, v]) => v === variable)?.[0] ?? variable;
        const where = variable in fromEnv || !configFile ? variable : `${fileKey} (in ${configFile})`;
        return { variable: where, message: i.message };
      }),
    );
  }
  const e = parsed.data;
  const dataDir = resolve(e.CIMS_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir,
    tokenSecret: e.CIMS_TOKEN_SECRET ?? loadOrCreateSecret(dataDir),
    bodyLimit: e.CIMS_BODY_LIMIT,
    accessTokenTtlSec: e.CIMS_ACCESS_TOKEN_TTL,
    refreshTokenTtlSec: e.CIMS_REFRESH_TOKEN_TTL,
    argon2MemoryKib: e.CIMS_ARGON2_MEMORY_KIB,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.CIMS_TRUST_PROXY === '1' || e.CIMS_TRUST_PROXY === 'true',
    slaIntervalMs: e.CIMS_SLA_INTERVAL_MS,
    shutdownTimeoutMs: e.CIMS_SHUTDOWN_TIMEOUT_MS,
    reconnectHintMs: e.CIMS_RECONNECT_HINT_MS,
    metrics: e.CIMS_METRICS === '1' || e.CIMS_METRICS === 'true',
    maxEventLoopDelayMs: e.CIMS_MAX_EVENT_LOOP_DELAY_MS,
    updatesDir: e.CIMS_UPDATES_DIR ? resolve(e.CIMS_UPDATES_DIR) : null,
    demo: false,
    smtpUrl: e.CIMS_SMTP_URL ?? null,
    smtpFrom: e.CIMS_SMTP_FROM,
  };
}

function loadOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'token-secret');
  if (existsSync(file)) {
    const s = readFileSync(file, 'utf8').trim();
    if (s.length >= 32) return s;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** A config for tests: no environment, secret given, cheap hashing. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: null,
    dataDir: '',
    tokenSecret: 'test-secret-test-secret-test-secret-0123',
    bodyLimit: MAX_BODY_BYTES,
    accessTokenTtlSec: 900,
    refreshTokenTtlSec: 3600,
    argon2MemoryKib: 1024,
    logLevel: 'silent',
    trustProxy: false,
    slaIntervalMs: 0,
    shutdownTimeoutMs: 10_000,
    reconnectHintMs: 0,
    metrics: true,
    // Off: a loaded test machine must not shed the tests' own requests.
    maxEventLoopDelayMs: 0,
    updatesDir: null,
    demo: false,
    smtpUrl: null,
    smtpFrom: 'cims@localhost',
    ...overrides,
  };
}
