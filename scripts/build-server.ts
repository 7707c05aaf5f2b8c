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
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrations } from '../server/db/migrations';
import { bundleServer } from './server-bundle';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'out', 'server');

interface PackageJson {
  name: string;
  version: string;
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  /** The server's runtime packages, by name (see the README, "Packaging"). */
  serverDependencies?: string[];
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, 'migrations'), { recursive: true });
  const imported = await bundleServer(join(OUT, 'cli.js'));

  const root = readJson<PackageJson>(join(ROOT, 'package.json'));
  // The root package.json lists the server's packages by name in `serverDependencies`; they
  // are installed as devDependencies (or dependencies, if the desktop app loads them too), so
  // that electron-builder, which packs `dependencies`, leaves the server's out of the app. A
  // server import missing from the list (say a test tool) would be refused here.
  const listed = new Set(root.serverDependencies ?? []);
  const installed = { ...root.devDependencies, ...root.dependencies };
  const unlisted = imported.filter((name) => !listed.has(name));
  if (unlisted.length > 0) throw new Error(`The server imports packages missing from serverDependencies in package.json: ${unlisted.join(', ')}`);
  const unused = [...listed].filter((name) => !imported.includes(name));
  if (unused.length > 0) throw new Error(`serverDependencies in package.json lists packages the server does not import: ${unused.join(', ')}`);
  const uninstalled = imported.filter((name) => !installed[name]);
  if (uninstalled.length > 0) throw new Error(`serverDependencies are not in dependencies or devDependencies: ${uninstalled.join(', ')}`);
  const dependencies: Record<string, string> = {};
  for (const name of imported) dependencies[name] = readJson<PackageJson>(join(ROOT, 'node_modules', name, 'package.json')).version;

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
