import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The cycle rule needs real files on disk (it follows imports), so it runs on the fixtures
// in test/lint/fixtures/cycle/, which eslint.config.js checks for cycles like runtime code
// but which `npm run lint` ignores (they are wrong on purpose).
const fixtures = new ESLint({ cwd: process.cwd(), ignore: false });

const ruleMessages = async (
  eslint: ESLint,
  ruleId: string,
  lint: () => Promise<ESLint.LintResult[]>,
): Promise<string[]> => {
  const results = await lint();
  expect(results.flatMap((r) => r.messages.filter((m) => m.fatal))).toEqual([]);
  return results.flatMap((r) => r.messages.filter((m) => m.ruleId === ruleId).map((m) => m.message));
};

describe('import cycles', () => {
  it('two modules importing each other fail lint', async () => {
    const messages = await ruleMessages(fixtures, 'import-x/no-cycle', () =>
      fixtures.lintFiles(['test/lint/fixtures/cycle/a.ts']),
    );
    expect(messages.join('\n')).toContain('Dependency cycle detected');
  });

  it('a type-only import back is not a cycle', async () => {
    const messages = await ruleMessages(fixtures, 'import-x/no-cycle', () =>
      fixtures.lintFiles([
        'test/lint/fixtures/cycle/type-only/c.ts',
        'test/lint/fixtures/cycle/type-only/d.ts',
      ]),
    );
    expect(messages).toEqual([]);
  });
});

// eslint-plugin-react-hooks runs on renderer/.
const eslint = new ESLint({ cwd: process.cwd() });
const hookMessages = async (ruleId: string, code: string) =>
  ruleMessages(eslint, ruleId, () =>
    eslint.lintText(code, { filePath: 'renderer/src/features/x/Thing.tsx' }),
  );

describe('rules of hooks', () => {
  it('a hook called conditionally fails lint', async () => {
    const code = `import { useState } from 'react';\nexport function Thing({ on }: { on: boolean }) {\n  if (on) useState(0);\n  return null;\n}\n`;
    expect((await hookMessages('react-hooks/rules-of-hooks', code)).join('\n')).toContain(
      'called conditionally',
    );
  });

  it('an effect missing a dependency fails lint, and passes once it is listed', async () => {
    const code = (deps: string) =>
      `import { useEffect } from 'react';\nexport function Thing({ id }: { id: string }) {\n  useEffect(() => { document.title = id; }, [${deps}]);\n  return null;\n}\n`;
    expect((await hookMessages('react-hooks/exhaustive-deps', code(''))).join('\n')).toContain(
      'missing dependency',
    );
    expect(await hookMessages('react-hooks/exhaustive-deps', code('id'))).toEqual([]);
  });
});
