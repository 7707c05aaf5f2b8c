/**
 * Production build of the sync server: a folder that runs with plain `node`.
 *
 *   out/server/cli.js          one ESM bundle of server/ and shared/ (packages left external)
 *   out/server/package.json    the packages the bundle imports, pinned to the versions the
 *                              repository was tested with: the server's runtime only, none of
 *                              the desktop app's
 *   out/server/migrations/     the schema migrations as SQL, for review (the bundle applies
 *                              the same list: `cims-server migrate`)
 *
 * Deploy: copy the folder, `npm install --omit=dev`, `node cli.js start`.
 */
import { builtinModules } from 'node:module';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { migrations } from '../server/db/migrations';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'out', 'server');

interface PackageJson {
  name: string;
  version: string;
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/** `@scope/pkg/sub` -> `@scope/pkg`, `pkg/sub` -> `pkg`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, 'migrations'), { recursive: true });
  const result = await build({
    entryPoints: [join(ROOT, 'server', 'cli.ts')],
    outfile: join(OUT, 'cli.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    metafile: true,
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });

  const builtins = new Set(builtinModules);
  const imported = new Set<string>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const imp of output.imports) {
      if (!imp.external || imp.path.startsWith('node:') || builtins.has(imp.path)) continue;
      imported.add(packageName(imp.path));
    }
  }

  const root = readJson<PackageJson>(join(ROOT, 'package.json'));
  const dependencies: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of [...imported].sort()) {
    // A server import of a devDependency would work here and fail in production: refuse it.
    if (!root.dependencies?.[name]) missing.push(name);
    else dependencies[name] = readJson<PackageJson>(join(ROOT, 'node_modules', name, 'package.json')).version;
  }
  if (missing.length > 0) throw new Error(`The server imports packages that are not runtime dependencies: ${missing.join(', ')}`);

  const manifest = {
    name: 'cims-server',
    version: root.version,
    description: 'CIMS sync server (production build)',
    private: true,
    type: 'module',
    bin: { 'cims-server': 'cli.js' },
    scripts: { start: 'node cli.js start', migrate: 'node cli.js migrate' },
    engines: root.engines ?? { node: '>=20.19' },
    dependencies,
  };
  writeFileSync(join(OUT, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  for (const m of migrations) {
    const file = `${String(m.version).padStart(4, '0')}-${m.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.sql`;
    writeFileSync(join(OUT, 'migrations', file), `-- ${m.version}: ${m.name}\n${m.sql.trim()}\n`);
  }
  console.log(`out/server: cli.js, ${migrations.length} migrations, dependencies ${Object.keys(dependencies).join(', ')}`);
}

await main();
