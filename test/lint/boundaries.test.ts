import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Each layering rule of eslint.config.js must fire on a wrong import and stay quiet on a
// right one; otherwise the layering would only be a convention. Files are linted as virtual
// text at the path they would have, so the real config decides.
const eslint = new ESLint({ cwd: process.cwd() });
const layeringRules = new Set(['cims/allowed-imports', 'no-restricted-globals']);

const layeringMessages = async (filePath: string, code: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = (result?.messages ?? []).filter((m) => m.fatal);
  expect(fatal).toEqual([]);
  return (result?.messages ?? [])
    .filter((m) => m.ruleId !== null && layeringRules.has(m.ruleId))
    .map((m) => m.message);
};

// The ways a module can name another; each one must be checked.
const forms = {
  static: (s: string) => `import { thing } from '${s}';\nexport const used = thing;\n`,
  typeOnly: (s: string) => `import type { Thing } from '${s}';\nexport const used = (t: Thing) => t;\n`,
  reexport: (s: string) => `export { thing } from '${s}';\n`,
  dynamic: (s: string) => `export const load = () => import('${s}');\n`,
  require: (s: string) => `export const m = require('${s}');\n`,
  typeQuery: (s: string) => `export type T = import('${s}').Thing;\n`,
};
type Form = keyof typeof forms;

describe('import allow-lists', () => {
  const wrong: [string, string, Form, string][] = [
    // renderer/: renderer/, shared/ and rendererPackages only
    [
      'renderer/src/features/x/View.tsx',
      '../../../../electron/core/core',
      'static',
      'renderer/ talks to main only',
    ],
    [
      'renderer/src/features/x/View.tsx',
      '../../../../electron/core/core',
      'dynamic',
      'renderer/ talks to main only',
    ],
    ['renderer/src/App.tsx', '../../electron/core/core', 'reexport', 'renderer/ talks to main only'],
    ['renderer/src/App.tsx', '../../server/app', 'static', 'renderer/ must not import server/'],
    ['renderer/src/App.tsx', '../../package.json', 'static', 'renderer/ must not import package.json'],
    ['renderer/src/App.tsx', 'electron', 'static', 'renderer/ must not import electron'],
    ['renderer/src/App.tsx', 'better-sqlite3', 'static', "'better-sqlite3' is not one of them"],
    ['renderer/src/App.tsx', 'rxdb', 'dynamic', 'packages in rendererPackages'],
    ['renderer/src/App.tsx', 'ws', 'require', 'packages in rendererPackages'],
    ['renderer/src/App.tsx', 'node:fs', 'static', 'renderer/ runs in the browser: no Node API'],
    ['renderer/src/App.tsx', 'fs', 'static', 'renderer/ runs in the browser: no Node API'],
    ['renderer/src/App.tsx', '@testing-library/react', 'static', 'packages in rendererPackages'],
    ['renderer/src/App.test.tsx', 'better-sqlite3', 'static', 'packages in rendererPackages'],
    // shared/: shared/ and zod only (runs in every process)
    ['shared/domain/sla.ts', 'rxdb', 'static', "'rxdb' is not one of them"],
    ['shared/domain/sla.ts', 'react', 'static', "'react' is not one of them"],
    ['shared/domain/sla.ts', 'pg', 'static', "'pg' is not one of them"],
    ['shared/domain/sla.ts', 'pg', 'typeOnly', "'pg' is not one of them"],
    ['shared/domain/sla.ts', 'pg', 'typeQuery', "'pg' is not one of them"],
    ['shared/domain/sla.ts', 'vitest', 'static', "'vitest' is not one of them"],
    ['shared/domain/sla.ts', 'node:crypto', 'static', 'shared/ runs in every process: no Node API'],
    ['shared/domain/sla.ts', 'node:fs', 'dynamic', 'shared/ runs in every process: no Node API'],
    ['shared/domain/sla.ts', 'fs', 'static', 'no Node API'],
    ['shared/domain/sla.ts', 'path', 'require', 'no Node API'],
    ['shared/domain/sla.ts', 'electron', 'static', 'no Electron API'],
    ['shared/domain/sla.ts', 'react-dom', 'static', 'no DOM API'],
    ['shared/domain/sla.ts', '../../electron/db/open', 'static', 'shared/ must not import electron/'],
    ['shared/api/x.ts', '../../server/app', 'dynamic', 'shared/ must not import server/'],
    ['shared/api/x.ts', '../../renderer/src/main', 'static', 'shared/ must not import renderer/'],
    ['shared/domain/sla.test.ts', 'pg', 'static', "'pg' is not one of them"],
    // server/: server/, shared/, Node and serverPackages
    ['server/app.ts', 'react', 'static', 'server/ may import only the packages in serverPackages'],
    ['server/sync/engine.ts', '../../electron/core/core', 'static', 'server/ must not import electron/'],
    ['server/app.ts', '../electron/core/core', 'dynamic', 'server/ must not import electron/'],
    ['server/app.ts', '../renderer/src/main', 'static', 'server/ must not import renderer/'],
    ['server/app.ts', 'electron', 'static', 'server/ must not import electron'],
    // electron/: electron/, shared/, Node and electronPackages; `electron` only in the shell
    ['electron/core/core.ts', 'electron', 'static', 'Only electron/main.ts'],
    ['electron/core/core.ts', 'electron', 'dynamic', 'Only electron/main.ts'],
    [
      'electron/core/core.ts',
      'react',
      'static',
      'electron/ may import only the packages in electronPackages',
    ],
    ['electron/core/core.ts', 'vitest', 'static', 'packages in electronPackages'],
    ['electron/core/core.ts', '../../server/app', 'static', 'electron/ must not import server/'],
    ['electron/core/core.ts', '../../renderer/src/main', 'static', 'electron/ must not import renderer/'],
    // electron/services/ never reach into the shell
    [
      'electron/services/tickets/x.ts',
      '../../platform/window',
      'static',
      'electron/services/ must not import the shell',
    ],
    ['electron/services/x.ts', '../harness/server', 'static', 'electron/services/ must not import the shell'],
    ['electron/services/x.ts', '../main', 'static', 'electron/services/ must not import the shell'],
    ['electron/services/x.ts', '../preload', 'static', 'electron/services/ must not import the shell'],
    [
      'electron/services/x.ts',
      '../platform/window',
      'dynamic',
      'electron/services/ must not import the shell',
    ],
    [
      'electron/services/x.test.ts',
      '../harness/server',
      'static',
      'electron/services/ must not import the shell',
    ],
  ];
  it.each(wrong)('%s importing %s (%s) fails lint', async (file, specifier, form, expected) => {
    const messages = await layeringMessages(file, forms[form](specifier));
    expect(messages.join('\n')).toContain(expected);
  });

  it('an import() whose path is computed fails lint, since it cannot be checked', async () => {
    const messages = await layeringMessages(
      'renderer/src/App.tsx',
      'export const load = (name: string) => import(`./features/${name}`);\n',
    );
    expect(messages.join('\n')).toContain('an import path must be a plain string');
  });

  it.each([
    ['shared/domain/sla.ts', 'process.env.X'],
    ['shared/domain/sla.ts', 'window.location.href'],
    ['shared/domain/sla.ts', 'Buffer.from("x")'],
  ])('%s using %s fails lint', async (file, expression) => {
    const messages = await layeringMessages(file, `export const value = ${expression};\n`);
    expect(messages.join('\n')).toContain('shared/ runs in every process');
  });

  const right: [string, string, Form][] = [
    ['renderer/src/App.tsx', '../../shared/api/contract', 'static'],
    ['renderer/src/App.tsx', './features/tickets/TicketsPage', 'dynamic'],
    ['renderer/src/App.tsx', '@mui/material', 'static'],
    ['renderer/src/App.tsx', '@mui/material/locale', 'static'],
    ['renderer/src/App.tsx', '@mui/x-data-grid', 'static'],
    ['renderer/src/App.tsx', 'react-dom/client', 'static'],
    ['renderer/src/App.tsx', 'react/jsx-runtime', 'static'],
    ['renderer/src/App.tsx', '@hookform/resolvers/zod', 'static'],
    ['renderer/src/App.tsx', 'react-router', 'static'],
    ['renderer/src/App.tsx', 'notistack', 'static'],
    ['renderer/src/App.test.tsx', '@testing-library/react', 'static'],
    ['renderer/src/App.test.tsx', 'vitest', 'static'],
    ['electron/core/core.ts', '../../shared/schema', 'static'],
    ['electron/core/core.ts', './router', 'static'],
    ['electron/core/core.ts', 'node:fs', 'static'],
    ['electron/core/core.ts', 'rxdb/plugins/replication', 'static'],
    ['electron/core/core.ts', 'better-sqlite3', 'dynamic'],
    ['electron/core/core.test.ts', 'vitest', 'static'],
    ['electron/harness/cli.ts', './server', 'static'],
    ['electron/services/x.ts', '../core/errors', 'static'],
    ['electron/services/x.ts', '../sync/session', 'dynamic'],
    ['electron/main.ts', 'electron', 'static'],
    ['electron/platform/window.ts', 'electron', 'static'],
    ['electron/preload.ts', 'electron', 'static'],
    ['server/app.ts', '../shared/sync/protocol', 'static'],
    ['server/app.ts', './access/cims', 'dynamic'],
    ['server/app.ts', 'fastify', 'static'],
    ['server/app.ts', 'node:crypto', 'static'],
    ['server/app.test.ts', 'vitest', 'static'],
    ['shared/domain/sla.ts', '../schema/enums', 'static'],
    ['shared/domain/sla.ts', 'zod', 'static'],
    ['shared/schema/builder.ts', 'rxdb', 'typeOnly'],
    ['shared/schema/schema.test.ts', 'rxdb', 'static'],
    ['shared/domain/sla.test.ts', 'fast-check', 'static'],
    ['test/e2e/x.test.ts', 'electron', 'static'],
    ['test/e2e/x.test.ts', '../../server/app', 'dynamic'],
    ['bench/x.bench.ts', 'better-sqlite3', 'static'],
  ];
  it.each(right)('%s importing %s (%s) passes', async (file, specifier, form) => {
    expect(await layeringMessages(file, forms[form](specifier))).toEqual([]);
  });
});
