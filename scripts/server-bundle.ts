/**
 * The sync server as one ESM bundle of server/ and shared/, packages left external, and the
 * packages it imports. Used by build-server.ts, and by the packaging test to know which
 * packages are the server's.
 */
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '..');

/** `@scope/pkg/sub` -> `@scope/pkg`, `pkg/sub` -> `pkg`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Bundles server/cli.ts to `outfile` (written only if `write`); returns the packages it imports, sorted. */
export async function bundleServer(outfile: string, write = true): Promise<string[]> {
  const result = await build({
    entryPoints: [join(ROOT, 'server', 'cli.ts')],
    outfile,
    write,
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
  return [...imported].sort();
}
