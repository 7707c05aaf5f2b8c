import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

  it('reads a JSON config file (CIMS_CONFIG or the file argument); the environment wins', () => {
    const d = dir();
    const file = join(d, 'cims-server.json');
    writeFileSync(file, JSON.stringify({ port: 9100, host: '0.0.0.0', dataDir: d, trustProxy: true, shutdownTimeoutMs: 5000 }));
    expect(loadConfig({ CIMS_CONFIG: file })).toMatchObject({ port: 9100, host: '0.0.0.0', trustProxy: true, shutdownTimeoutMs: 5000, dataDir: d });
    expect(loadConfig({ PORT: '9200' }, file)).toMatchObject({ port: 9200, host: '0.0.0.0' });
  });

  it('names each bad value of the file by its key and file, and refuses unknown keys', () => {
    const d = dir();
    const file = join(d, 'cims-server.json');
    writeFileSync(file, JSON.stringify({ port: 'eighty', databaseUrl: 'mysql://x', dataDir: d }));
    expect(() => loadConfig({}, file)).toThrow(ConfigError);
    try {
      loadConfig({ CIMS_TOKEN_SECRET: 'short' }, file);
    } catch (e) {
      const vars = (e as ConfigError).issues.map((i) => i.variable).sort();
      expect(vars).toEqual(['CIMS_TOKEN_SECRET', `databaseUrl (in ${file})`, `port (in ${file})`]);
    }
    writeFileSync(file, JSON.stringify({ prot: 80 }));
    expect(() => loadConfig({}, file)).toThrow(/prot \(in .*\): unknown setting/);
    expect(() => loadConfig({}, join(d, 'missing.json'))).toThrow(/file not found/);
    writeFileSync(file, '[1]');
    expect(() => loadConfig({}, file)).toThrow(/one JSON object/);
  });
});
