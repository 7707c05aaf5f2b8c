import { Ajv } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

// electron-builder cannot package here (it downloads Electron), so its configuration is
// checked against the JSON schema electron-builder itself ships, plus what CIMS requires.
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
const config = load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown> & {
  files: string[];
  win: { target: { target: string }[] };
  mac: { target: { target: string }[] };
  linux: { target: string[] };
};

const validate = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(schema);

describe('electron-builder.yml', () => {
  it('is valid against the schema electron-builder ships', () => {
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('a wrong key would be caught by the same schema', () => {
    expect(validate({ ...config, nsisTarget: 'x' })).toBe(false);
    expect(validate({ ...config, asar: 'yes' })).toBe(false);
  });

  it('targets NSIS, DMG, AppImage and deb', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('ships the built app only: no tests, benches or server, and rebuilds native modules', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', '!test/**', '!bench/**', '!server/**']));
    expect(config.files.some((f) => /^(electron|renderer|shared|src)\//.test(f))).toBe(false);
    expect(config.npmRebuild).toBe(true);
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('CIMS');
  });

  it('points at icons and entitlements that exist', () => {
    for (const file of ['build/icon.png', 'build/entitlements.mac.plist']) expect(existsSync(file), file).toBe(true);
    const png = readFileSync('build/icon.png');
    // PNG IHDR: width and height at bytes 16..24; packaging needs at least 512x512.
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
  });

  it('matches package.json: main points into the built output', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/main.js');
  });
});
