import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const dir = () => mkdtempSync(join(tmpdir(), 'cims-cfg-'));

describe('loadConfig', () => {
  it('defaults to 127.0.0.1:8787 and embedded PGlite', () => {
    const d = dir();
    const c = loadConfig({ CIMS_DATA_DIR: d });
    expect(c).toMatchObject({ port: 8787, host: '127.0.0.1', databaseUrl: null, dataDir: d });
  });

  it('generates the token secret once and keeps it in the data dir', () => {
    const d = dir();
    const a = loadConfig({ CIMS_DATA_DIR: d });
    const b = loadConfig({ CIMS_DATA_DIR: d });
    expect(a.tokenSecret.length).toBeGreaterThanOrEqual(32);
    expect(b.tokenSecret).toBe(a.tokenSecret);
    expect(readFileSync(join(d, 'token-secret'), 'utf8').trim()).toBe(a.tokenSecret);
  });

  it('names every bad variable in the error', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', CIMS_TOKEN_SECRET: 'short', CIMS_DATA_DIR: dir() });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const vars = (e as ConfigError).issues.map((i) => i.variable).sort();
      expect(vars).toEqual(['CIMS_TOKEN_SECRET', 'DATABASE_URL', 'PORT']);
      expect((e as Error).message).toContain('PORT');
    }
  });

  it('reads PORT, DATABASE_URL and the body limit', () => {
    const c = loadConfig({ PORT: '9000', DATABASE_URL: 'postgres://u@h/db', CIMS_BODY_LIMIT: '2048', CIMS_DATA_DIR: dir() });
    expect(c).toMatchObject({ port: 9000, databaseUrl: 'postgres://u@h/db', bodyLimit: 2048 });
  });
});
