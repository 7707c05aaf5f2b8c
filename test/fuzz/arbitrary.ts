/**
 * Inputs for fuzzing a boundary, derived from the boundary's own zod schema (RELIABILITY B1 /
 * B3). The schema goes through zod's JSON Schema output, a documented format, and each node
 * becomes a fast-check arbitrary: `wellFormed` gives values shaped like the schema (most pass
 * it and reach the handler), `hostile` gives the same shapes with odd leaves and structural
 * damage (wrong types, NUL, lone surrogates, RTL marks, 100,000 characters, `__proto__`, extra
 * fields, deep nesting), which must be refused with a coded error.
 */
import fc from 'fast-check';
import { z } from 'zod';

type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

export const toJsonSchema = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', cycles: 'ref', reused: 'inline' }) as JsonSchema;

/** Strings no boundary may store or choke on. */
export const HOSTILE_STRINGS: readonly string[] = [
  '\u0000',
  'before\u0000after',
  '\uD800',
  'x\uDC00y',
  '\u202Eevil\u202C',
  'x'.repeat(100_000),
  '__proto__',
  'constructor',
  '../../../../etc/passwd',
  '<script>window.__fuzzed=1</script>',
  "'; DROP TABLE tickets; --",
  '\uFEFF\u200B',
  '🙂'.repeat(50),
];

const nested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  // A counterexample this deep would overflow fast-check's printer: it prints as its recipe.
  Object.defineProperty(value, fc.toStringMethod, { value: () => `nested(${depth})`, enumerable: false });
  return value;
};

/** Values of the wrong kind for almost any field. */
const wrongValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom<unknown>(...HOSTILE_STRINGS),
    fc.constantFrom<unknown>(null, true, 0, -1, 1e308, Number.NaN, Number.POSITIVE_INFINITY, [], {}, nested(2_000)),
    fc.constant(JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown),
    fc.anything({ maxDepth: 3 }),
  );

const dateOnly = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const dateTime = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

export interface ArbitraryOptions {
  /** Damage leaves and structure (true) or keep to the schema's shape (false). */
  hostile: boolean;
  /**
   * Values to draw from for string fields whose name ends in `id` / `Id` / `Ids`: the ids
   * of records that exist, so inputs reach past "not found" into the handlers.
   */
  ids?: readonly string[];
}

const resolveRef = (root: JsonSchema, ref: string): JsonSchema => {
  if (ref === '#') return root;
  const match = /^#\/\$defs\/(.+)$/.exec(ref);
  const target = match ? root.$defs?.[match[1]!] : undefined;
  if (!target) throw new Error(`unresolvable $ref ${ref}`);
  return target;
};

const stringArbitrary = (node: JsonSchema, key: string, options: ArbitraryOptions): fc.Arbitrary<string> => {
  const min = node.minLength ?? 0;
  const max = Math.min(node.maxLength ?? 40, Math.max(min, 40));
  let base: fc.Arbitrary<string>;
  if (node.format === 'date-time') base = dateTime;
  else if (node.format === 'date' || node.pattern === '^\\d{4}-\\d{2}-\\d{2}$') base = dateOnly;
  else if (node.format === 'uuid') base = fc.uuid();
  else if (node.format === 'email') base = fc.emailAddress();
  else if (node.pattern) base = fc.stringMatching(new RegExp(node.pattern)).filter((s) => s.length >= min && s.length <= (node.maxLength ?? Infinity));
  else base = fc.string({ minLength: min, maxLength: max, unit: fc.constantFrom('a', 'Z', '7', ' ', '-', '断', '网', 'é') });
  const idLike = /(^id$|Id$|Ids$|^ids$)/.test(key);
  if (idLike && options.ids && options.ids.length > 0) base = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...options.ids) }, { weight: 1, arbitrary: base });
  return base;
};

const build = (root: JsonSchema, node: JsonSchema, key: string, options: ArbitraryOptions, depth: number): fc.Arbitrary<unknown> => {
  const shaped = shape(root, node, key, options, depth);
  if (!options.hostile) return shaped;
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: wrongValue() });
};

const shape = (root: JsonSchema, node: JsonSchema, key: string, options: ArbitraryOptions, depth: number): fc.Arbitrary<unknown> => {
  if (node.$ref) return depth > 4 ? fc.constant(null) : build(root, resolveRef(root, node.$ref), key, options, depth + 1);
  if ('const' in node) return fc.constant(node.const);
  if (node.enum) return fc.constantFrom(...node.enum);
  const choices = node.anyOf ?? node.oneOf;
  if (choices) return fc.oneof(...choices.map((c) => build(root, c, key, options, depth + 1)));
  if (node.allOf?.length) return build(root, node.allOf[0]!, key, options, depth + 1);
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  switch (type) {
    case 'string':
      return stringArbitrary(node, key, options);
    case 'integer':
    case 'number': {
      const min = node.minimum ?? (node.exclusiveMinimum !== undefined ? node.exclusiveMinimum + 1 : -1_000);
      const max = node.maximum ?? (node.exclusiveMaximum !== undefined ? node.exclusiveMaximum - 1 : 1_000);
      const lo = Math.max(min, -1_000_000);
      const hi = Math.max(lo, Math.min(max, lo + 2_000_000));
      return type === 'integer' ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (node.prefixItems) return fc.tuple(...node.prefixItems.map((p) => build(root, p, key, options, depth + 1)));
      const item = node.items ? build(root, node.items, key.replace(/s$/, ''), options, depth + 1) : fc.anything({ maxDepth: 1 });
      const minLength = node.minItems ?? 0;
      return fc.array(item, { minLength, maxLength: Math.max(minLength, Math.min(node.maxItems ?? 3, 3)) });
    }
    case 'object': {
      const properties = node.properties ?? {};
      const required = new Set(node.required ?? []);
      const entries: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, child] of Object.entries(properties)) entries[name] = build(root, child, name, options, depth + 1);
      const requiredKeys = Object.keys(properties).filter((k) => required.has(k));
      let record: fc.Arbitrary<Record<string, unknown>> = fc.record(entries, { requiredKeys });
      if (node.additionalProperties && typeof node.additionalProperties === 'object') {
        const extra = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), build(root, node.additionalProperties, key, options, depth + 1), { maxKeys: 3 });
        record = fc.tuple(record, extra).map(([known, more]) => ({ ...more, ...known }));
      }
      if (!options.hostile) return record;
      // Structural damage: a required field dropped, an unknown field, or an own __proto__ key.
      return fc.tuple(record, fc.nat({ max: 5 }), fc.constantFrom(...(requiredKeys.length ? requiredKeys : ['none']))).map(([value, damage, drop]) => {
        const copy: Record<string, unknown> = { ...value };
        if (damage === 0) delete copy[drop];
        if (damage === 1) copy.unexpectedField = 'x';
        if (damage === 2) Object.defineProperty(copy, '__proto__', { value: { polluted: 'yes' }, enumerable: true, configurable: true, writable: true });
        return copy;
      });
    }
    default:
      return fc.anything({ maxDepth: 2 });
  }
};

/** Inputs for one schema: well-formed ones, or hostile ones. */
export const inputsFor = (schema: z.ZodType, options: ArbitraryOptions): fc.Arbitrary<unknown> => {
  const root = toJsonSchema(schema);
  return build(root, root, '', options, 0);
};
