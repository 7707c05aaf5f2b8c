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
});

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(`Invalid server configuration:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment. Throws ConfigError naming every bad variable. A missing token
 * secret is generated once and kept in the data dir, so tokens survive restarts.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message })),
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
    ...overrides,
  };
}
