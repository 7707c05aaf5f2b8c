// The `cims/allowed-imports` rule: what a runtime folder may import, as an allow-list.
// ESLint's no-restricted-imports is a deny-list and never sees `import()` or `require()`,
// so an import nobody thought to forbid, or a dynamic one, would slip through. This rule
// sees every way a module names another (import, export ... from, import(), require(),
// `import x = require()`, `import('x').T` in types) and resolves relative paths against the
// importing file, so `../../electron/x` is judged by where it lands, not by how it is spelt.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';

const builtins = new Set(builtinModules.filter((m) => !m.startsWith('_')));

export const isNodeBuiltin = (spec) => spec.startsWith('node:') || builtins.has(spec.split('/')[0]);

// `@mui/*` allows every package of the scope; `react` allows `react` and `react/...`.
const matchesPackage = (spec, entry) =>
  entry.endsWith('/*') ? spec.startsWith(entry.slice(0, -1)) : spec === entry || spec.startsWith(`${entry}/`);

const optionsSchema = {
  type: 'object',
  properties: {
    layer: { type: 'string' },
    folders: { type: 'array', items: { type: 'string' } },
    packages: { type: 'array', items: { type: 'string' } },
    packageList: { type: 'string' },
    typeOnlyPackages: { type: 'array', items: { type: 'string' } },
    nodeBuiltins: { type: 'boolean' },
    nodeMessage: { type: 'string' },
    folderMessages: { type: 'object', additionalProperties: { type: 'string' } },
    packageMessages: { type: 'object', additionalProperties: { type: 'string' } },
    forbidden: {
      type: 'array',
      items: {
        type: 'object',
        properties: { regex: { type: 'string' }, message: { type: 'string' } },
        required: ['regex', 'message'],
      },
    },
  },
  required: ['layer', 'folders', 'packages', 'packageList'],
  additionalProperties: false,
};

export const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Allow-list of what a runtime folder may import (static, dynamic and require).' },
    schema: [optionsSchema],
    messages: { denied: '{{reason}}' },
  },
  create(context) {
    const opt = context.options[0];
    const root = context.cwd;
    const fileDir = dirname(context.filename);
    const forbidden = (opt.forbidden ?? []).map((f) => ({ ...f, re: new RegExp(f.regex) }));
    const folderMessages = opt.folderMessages ?? {};
    const packageMessages = opt.packageMessages ?? {};

    // Returns why `spec` is not allowed, or null when it is.
    const verdict = (spec, typeOnly) => {
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = relative(root, resolve(fileDir, spec)).split('\\').join('/');
        const top = target.split('/')[0];
        if (!opt.folders.includes(top)) {
          const what =
            top === '..' ? 'files outside the repository' : target.includes('/') ? `${top}/ code` : target;
          return (
            folderMessages[top] ??
            `${opt.layer}/ must not import ${what}: it may import only ${opt.folders.map((f) => `${f}/`).join(' and ')}.`
          );
        }
        return forbidden.find((f) => f.re.test(target))?.message ?? null;
      }
      if (packageMessages[spec]) return packageMessages[spec];
      if (isNodeBuiltin(spec))
        return opt.nodeBuiltins
          ? null
          : (opt.nodeMessage ?? `${opt.layer}/ must not use the Node API ('${spec}').`);
      if (opt.packages.some((p) => matchesPackage(spec, p))) return null;
      if (typeOnly && (opt.typeOnlyPackages ?? []).some((p) => matchesPackage(spec, p))) return null;
      return `${opt.layer}/ may import only the packages in ${opt.packageList} (eslint.config.js); '${spec}' is not one of them.`;
    };

    const check = (source, typeOnly = false) => {
      if (!source) return;
      const literal =
        source.type === 'Literal' && typeof source.value === 'string'
          ? source.value
          : source.type === 'TemplateLiteral' && source.expressions.length === 0
            ? source.quasis[0].value.cooked
            : null;
      if (literal === null) {
        context.report({
          node: source,
          messageId: 'denied',
          data: {
            reason: `${opt.layer}/: an import path must be a plain string so the allowed imports can be checked.`,
          },
        });
        return;
      }
      const reason = verdict(literal, typeOnly);
      if (reason) context.report({ node: source, messageId: 'denied', data: { reason } });
    };

    return {
      ImportDeclaration: (node) => check(node.source, node.importKind === 'type'),
      ExportNamedDeclaration: (node) => check(node.source, node.exportKind === 'type'),
      ExportAllDeclaration: (node) => check(node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node.source),
      TSImportEqualsDeclaration: (node) => {
        if (node.moduleReference.type === 'TSExternalModuleReference')
          check(node.moduleReference.expression, node.importKind === 'type');
      },
      TSImportType: (node) => {
        const arg = node.argument;
        if (arg?.type === 'TSLiteralType') check(arg.literal, true);
      },
      CallExpression: (node) => {
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          node.arguments.length === 1
        )
          check(node.arguments[0]);
      },
    };
  },
};
