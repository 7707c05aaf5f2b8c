/**
 * What the installer carries. electron-builder cannot package here (it downloads Electron), so
 * this test asks electron-builder's own pieces what they would do: its node_modules collector
 * (the production dependency tree it packs), its file matchers for `files` and `asarUnpack`
 * from electron-builder.yml, and @electron/asar, which it packs with. Then it starts the local
 * store's worker in plain Node from the packed layout, as the packed app does.
 *
 * About 30 s: the collector runs `npm list --all`. The archive holds the worker, package.json,
 * every package the unpack patterns touch and one package they must leave inside, not all
 * 17,000 files of the app's node_modules (packing those takes over a minute and proves
 * nothing more: the worker starts from the unpacked files alone or not at all). The worker is
 * built by the function electron-vite's main build calls; a full electron-vite build would
 * also build the renderer, which this test does not need.
 */
import {
  createReadStream,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  type Stats,
} from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { createPackageFromStreams, listPackage, statFile, type AsarStreamType } from '@electron/asar';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { aTicket } from '../../shared/domain/testing/builders';
import { openDatabase } from '../../electron/db/open';
import { builtWorkerScript, getRxStorageWorker } from '../../electron/db/worker-storage';
import { buildStorageWorker, STORAGE_WORKER_FILE } from '../../scripts/build-storage-worker';
import { bundleServer, packageName } from '../../scripts/server-bundle';

const ROOT = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

interface NodeModuleInfo {
  name: string;
  dir: string;
  dependencies?: NodeModuleInfo[];
}
type Filter = (file: string, stat: Stats & { moduleFullFilePath?: string }) => boolean;
interface FileMatcher {
  createFilter(): Filter;
}
interface PackageJson {
  name: string;
  dependencies: Record<string, string>;
  serverDependencies: string[];
}

const { getCollectorByPackageManager, PM } =
  require('app-builder-lib/out/node-module-collector/index.js') as {
    getCollectorByPackageManager: (
      pm: string,
      dir: string,
      tmp: unknown,
    ) => { getNodeModules(o: { packageName: string }): Promise<{ nodeModules: NodeModuleInfo[] }> };
    PM: { NPM: string };
  };
const { getMainFileMatchers, getFileMatchers } = require('app-builder-lib/out/fileMatcher.js') as {
  getMainFileMatchers: (
    appDir: string,
    dest: string,
    expand: (s: string) => string,
    platformOptions: object,
    packager: object,
    outDir: string,
    electronCompile: boolean,
  ) => FileMatcher[];
  getFileMatchers: (config: object, name: string, dest: string, o: object) => FileMatcher[] | null;
};
const { TmpDir } = require('temp-file') as { TmpDir: new (label: string) => { cleanup(): Promise<void> } };

const config = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  directories: { output: string };
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
const expand = (s: string): string => s.replace('${version}', '0.0.0');

/** electron-builder's filter for the app's own files (`files` plus its default exclusions). */
const filesFilter = (): Filter => {
  const packager = {
    info: {
      projectDir: ROOT,
      buildResourcesDir: 'build',
      isPrepackedAppAsar: false,
      config,
      debugLogger: { isEnabled: false },
    },
  };
  const outDir = join(ROOT, expand(config.directories.output));
  return getMainFileMatchers(ROOT, ROOT, expand, {}, packager, outDir, false)[0]!.createFilter();
};

/** electron-builder's filter for `asarUnpack`, applied to paths relative to the app. */
const unpackFilter = (): ((rel: string, stat: Stats) => boolean) => {
  const matcher = getFileMatchers(config, 'asarUnpack', ROOT, {
    macroExpander: expand,
    customBuildOptions: {},
    globalOutDir: join(ROOT, 'release'),
    defaultSrc: ROOT,
  });
  const filter = matcher?.[0]?.createFilter();
  return (rel, stat) =>
    filter?.(join(ROOT, rel), Object.assign(Object.create(stat) as Stats, { moduleFullFilePath: rel })) ??
    false;
};

/** The app's files electron-builder would take from the repository, relative paths. */
const appFiles = (filter: Filter, dir = ROOT): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.name === 'node_modules' || entry.name === '.git') return [];
    const stat = lstatSync(path);
    if (!filter(path, stat)) return [];
    return stat.isDirectory() ? appFiles(filter, path) : [relative(ROOT, path).split(sep).join('/')];
  });

/** Packed node_modules as [path in the app, source folder], nested ones under their parent. */
const modulePlaces = (modules: NodeModuleInfo[], at = 'node_modules'): [string, string][] =>
  modules.flatMap((m) => [
    [`${at}/${m.name}`, m.dir] as [string, string],
    ...modulePlaces(m.dependencies ?? [], `${at}/${m.name}/node_modules`),
  ]);

/** Every file below `dir` except nested node_modules (the collector lists those itself). */
const filesBelow = (dir: string, rel = ''): string[] =>
  readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : filesBelow(dir, r);
    return e.isFile() ? [r] : [];
  });

/** The packages a bundle of `entries` imports at run time (everything from node_modules left external). */
const importedPackages = async (entries: string[]): Promise<string[]> => {
  const result = await build({
    entryPoints: entries.map((e) => join(ROOT, e)),
    outdir: join(tmpdir(), 'unused'),
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    metafile: true,
    logLevel: 'error',
  });
  const builtins = new Set(builtinModules);
  const names = Object.values(result.metafile.outputs).flatMap((o) =>
    o.imports
      .filter((i) => i.external && !i.path.startsWith('node:') && !builtins.has(i.path))
      .map((i) => packageName(i.path)),
  );
  return [...new Set(names)].sort();
};

let work: string;
let packed: [string, string][];

const packedNames = (): Set<string> =>
  new Set(
    packed.map(([, dir]) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name as string),
  );

/** The packages the main process and the storage worker import (electron itself aside). */
const appPackages = async (): Promise<string[]> =>
  (await importedPackages(['electron/main.ts', 'electron/db/storage-worker.ts'])).filter(
    (p) => p !== 'electron',
  );

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cims-packaging-'));
  const tmp = new TmpDir('cims-packaging');
  try {
    packed = modulePlaces(
      (await getCollectorByPackageManager(PM.NPM, ROOT, tmp).getNodeModules({ packageName: pkg.name }))
        .nodeModules,
    );
  } finally {
    await tmp.cleanup();
  }
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('what electron-builder packs', () => {
  it("packs none of the server's packages (those the server bundle imports and the app does not)", async () => {
    const server = await bundleServer(join(work, 'server.js'), false);
    expect(pkg.serverDependencies).toEqual(server);
    const app = await appPackages();
    const serverOnly = server.filter((p) => !app.includes(p));
    expect(serverOnly).toEqual(
      expect.arrayContaining(['fastify', 'pg', '@electric-sql/pglite', 'argon2', 'prom-client']),
    );
    expect(serverOnly.filter((p) => packedNames().has(p))).toEqual([]);
  });

  it("packs the packages the main process and its worker load, and not the renderer's", async () => {
    const app = await appPackages();
    // electron-vite leaves exactly `dependencies` external in main; the renderer and preload are bundled.
    expect(Object.keys(pkg.dependencies).sort()).toEqual(app);
    for (const p of app) expect(packedNames().has(p), p).toBe(true);
    for (const p of ['react', '@mui/material', '@mui/icons-material', 'i18next'])
      expect(packedNames().has(p), p).toBe(false);
  });

  it('takes from the repository the built app and package.json only: no sources, tests, benches, fixtures or server', () => {
    const filter = filesFilter();
    const files = appFiles(filter);
    expect(files).toContain('package.json');
    const notApp = files.filter((f) => f !== 'package.json' && !/^out\/(main|preload|renderer)\//.test(f));
    expect(notApp).toEqual([]);
    const testLike =
      /(^|\/)(test|tests|__tests__|bench|fixtures?)\/|\.(test|spec|bench)\.[cm]?[jt]sx?$|\.map$|\.tsx?$/;
    expect(files.filter((f) => testLike.test(f))).toEqual([]);
    // The same filter on paths that may not exist in this checkout.
    const file = { isDirectory: () => false, isFile: () => true } as Stats;
    const takes = (rel: string): boolean => filter(join(ROOT, rel), file);
    for (const rel of [
      'out/main/main.js',
      `out/main/${STORAGE_WORKER_FILE}`,
      'out/preload/preload.cjs',
      'out/renderer/index.html',
    ])
      expect(takes(rel), rel).toBe(true);
    for (const rel of [
      'out/server/cli.js',
      'out/main/main.js.map',
      'test/build/packaging.test.ts',
      'electron/main.ts',
      'server/cli.ts',
      'bench/storage.bench.ts',
      'package-lock.json',
      'electron-builder.yml',
    ])
      expect(takes(rel), rel).toBe(false);
  });
});

describe('the packed app', () => {
  it('has the storage worker and the native SQLite module unpacked, and the worker runs from there in plain Node', async () => {
    const out = join(work, 'build');
    await buildStorageWorker(join(out, 'out', 'main'), ROOT);
    const unpack = unpackFilter();
    const inside = 'node_modules/papaparse';
    const packages = packed
      .map(([at, dir]) => filesBelow(dir).map((f): [string, string] => [`${at}/${f}`, join(dir, f)]))
      .filter(
        (files) =>
          files[0]![0].startsWith(`${inside}/`) ||
          files.some(([rel, source]) => unpack(rel, statSync(source))),
      );
    const sources: [string, string][] = [
      ['package.json', join(ROOT, 'package.json')],
      [`out/main/${STORAGE_WORKER_FILE}`, join(out, 'out', 'main', STORAGE_WORKER_FILE)],
      ...packages.flat(),
    ];
    const dirs = new Set<string>();
    const streams: AsarStreamType[] = [];
    for (const [rel, source] of sources) {
      const parts = rel.split('/');
      for (let i = 1; i < parts.length; i++) {
        const d = parts.slice(0, i).join('/');
        if (!dirs.has(d)) streams.push({ type: 'directory', path: d, unpacked: false });
        dirs.add(d);
      }
      const stat = statSync(source);
      streams.push({
        type: 'file',
        path: rel,
        unpacked: unpack(rel, stat),
        stat,
        streamGenerator: () => createReadStream(source),
      });
    }
    const resources = join(work, 'resources');
    const asar = join(resources, 'app.asar');
    await createPackageFromStreams(asar, streams);

    // The worker and the native module are in the archive's listing, marked unpacked, and
    // present as plain files beside it; packages the worker does not load stay inside.
    const listing = new Set(listPackage(asar, { isPack: false }).map((p) => p.split(sep).join('/')));
    const native = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    for (const rel of [
      `out/main/${STORAGE_WORKER_FILE}`,
      native,
      'node_modules/better-sqlite3/lib/index.js',
      'node_modules/bindings/bindings.js',
    ]) {
      expect(listing.has(`/${rel}`), rel).toBe(true);
      expect((statFile(asar, rel) as { unpacked?: boolean }).unpacked, rel).toBe(true);
      expect(existsSync(join(resources, 'app.asar.unpacked', rel)), rel).toBe(true);
    }
    expect(listing.has(`/${inside}/package.json`)).toBe(true);
    expect(existsSync(join(resources, 'app.asar.unpacked', inside))).toBe(false);

    // main.js inside the archive finds the worker in app.asar.unpacked; better-sqlite3
    // resolves from there too (the temporary folder has no other node_modules above it).
    const script = builtWorkerScript(join(asar, 'out', 'main', 'main.js'));
    expect(script).toBe(join(resources, 'app.asar.unpacked', 'out', 'main', STORAGE_WORKER_FILE));
    expect(createRequire(script!).resolve('better-sqlite3')).toBe(
      join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'lib', 'index.js'),
    );

    const data = join(work, 'data');
    mkdirSync(data);
    const ticket = aTicket({ title: 'From the packed worker' });
    const db = await openDatabase({
      directory: data,
      storage: getRxStorageWorker({ directory: data, script }),
    });
    await db.tickets.insert(ticket);
    await db.close();
    expect(readdirSync(data).some((f) => f.endsWith('.sqlite'))).toBe(true);
    const again = await openDatabase({
      directory: data,
      storage: getRxStorageWorker({ directory: data, script }),
    });
    expect((await again.tickets.findOne(ticket.id).exec())?.title).toBe('From the packed worker');
    await again.close();
  }, 120_000);
});
