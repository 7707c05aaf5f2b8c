import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Each layering rule of eslint.config.js must fire on a wrong import and stay quiet on a
// right one; otherwise the layering would only be a convention.
const eslint = new ESLint({ cwd: process.cwd() });

const restrictedMessages = async (filePath: string, code: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
};

const use = (specifier: string) => `import { thing } from '${specifier}';\nexport const used = thing;\n`;

describe('import boundaries', () => {
  const wrong: [string, string, string][] = [
    ['renderer/src/features/x/View.tsx', '../../../../electron/core/core', 'renderer/ talks to main only'],
    ['renderer/src/App.tsx', '../../server/app', 'renderer/ must not import server/'],
    ['renderer/src/App.tsx', 'electron', 'renderer/ must not import electron'],
    ['shared/domain/sla.ts', 'node:fs', 'no Node API'],
    ['shared/domain/sla.ts', 'fs', 'no Node API'],
    ['shared/domain/sla.ts', 'path', 'no Node API'],
    ['shared/domain/sla.ts', 'electron', 'no Electron API'],
    ['shared/domain/sla.ts', 'react-dom', 'no DOM API'],
    ['shared/domain/sla.ts', '../../electron/db/open', 'shared/ must not import electron/'],
    ['shared/api/x.ts', '../../server/app', 'shared/ must not import server/'],
    ['shared/api/x.ts', '../../renderer/src/main', 'shared/ must not import renderer/'],
    ['server/sync/engine.ts', '../../electron/core/core', 'server/ must not import electron/'],
    ['server/app.ts', '../renderer/src/main', 'server/ must not import renderer/'],
    ['server/app.ts', 'electron', 'server/ must not import electron'],
    ['electron/core/core.ts', 'electron', 'Only electron/main.ts'],
    ['electron/core/core.ts', '../../server/app', 'electron/ must not import server/'],
    ['electron/core/core.ts', '../../renderer/src/main', 'electron/ must not import renderer/'],
  ];
  it.each(wrong)('%s importing %s fails lint', async (file, specifier, expected) => {
    const messages = await restrictedMessages(file, use(specifier));
    expect(messages.join('\n')).toContain(expected);
  });

  it.each([
    ['shared/domain/sla.ts', 'process.env.X'],
    ['shared/domain/sla.ts', 'window.location.href'],
    ['shared/domain/sla.ts', 'Buffer.from("x")'],
  ])('%s using %s fails lint', async (file, expression) => {
    const messages = await restrictedMessages(file, `export const value = ${expression};\n`);
    expect(messages.join('\n')).toContain('shared/ runs in every process');
  });

  const right: [string, string][] = [
    ['renderer/src/App.tsx', '../../shared/api/contract'],
    ['electron/core/core.ts', '../../shared/schema'],
    ['electron/core/core.ts', './router'],
    ['electron/harness/cli.ts', './server'],
    ['server/app.ts', '../shared/sync/protocol'],
    ['shared/domain/sla.ts', '../schema/enums'],
    ['shared/domain/sla.ts', 'zod'],
    ['electron/main.ts', 'electron'],
    ['electron/platform/window.ts', 'electron'],
    ['electron/preload.ts', 'electron'],
  ];
  it.each(right)('%s importing %s passes', async (file, specifier) => {
    expect(await restrictedMessages(file, use(specifier))).toEqual([]);
  });
});
