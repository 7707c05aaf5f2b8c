// Runs Electronegativity over the Electron shell and fails on any finding above LOW
// (RELIABILITY B2). Uses its programmatic runner: the published CLI entry requires a
// `commander` package it does not declare.
import { createRequire } from 'node:module';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity/dist/runner.js');
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;

const scan = async (input) =>
  run({
    input,
    customScan: [],
    excludeFromScan: [],
    isRelative: true,
    isVerbose: false,
    parserPlugins: [],
    electronVersionOverride: electronVersion,
  });

// Global checks (CSP, navigation limits, permission handler) need the shell and the page
// together, so both are staged into one folder and scanned as one app. Tests are left out.
const stage = mkdtempSync(join(tmpdir(), 'cims-eng-'));
cpSync('electron', join(stage, 'electron'), { recursive: true, filter: (src) => !src.endsWith('.test.ts') });
// The page's CSP meta tag is added at build time (electron.vite.config.ts); stage it the same way.
const { injectCspMeta } = await tsImport('../electron/security/csp.ts', import.meta.url);
mkdirSync(join(stage, 'renderer'), { recursive: true });
writeFileSync(join(stage, 'renderer/index.html'), injectCspMeta(readFileSync('renderer/index.html', 'utf8')));

const ABOVE_LOW = new Set(['MEDIUM', 'HIGH']);
const result = await scan(stage);
rmSync(stage, { recursive: true, force: true });
let failed = 0;
for (const issue of result.issues) {
  const above = ABOVE_LOW.has(issue.severity.name);
  if (above) failed += 1;
  console.log(`${above ? 'FAIL' : 'info'} ${issue.id} ${issue.severity.name}/${issue.confidence.name} ${issue.file}:${issue.location.line}`);
}
console.log(
  `electronegativity: ${result.atomicChecks} atomic and ${result.globalChecks} global checks, ${result.issues.length} findings, ${failed} above LOW`,
);
// A scan that ran no check would pass silently: treat it as a failure.
if (result.atomicChecks === 0 || result.globalChecks === 0) {
  console.log('electronegativity: no checks ran');
  process.exit(1);
}
process.exit(failed > 0 ? 1 : 0);
