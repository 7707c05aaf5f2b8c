import { z } from 'zod';
import type { RxJsonSchema } from 'rxdb';

// One definition per collection gives both the zod validator (the authority everywhere:
// IPC, HTTP, sync) and the RxDB JSON schema (derived here, never written by hand).

export type ConflictMode = 'merge' | 'immutable' | 'server-owned';

type JsonObject = Record<string, unknown>;
type Index = string | string[];

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** What a migration strategy may read besides the document: other collections, by id. */
export interface MigrationContext {
  /** A live (not deleted) document of another collection, or null. */
  findById(collection: string, id: string): Promise<Record<string, unknown> | null>;
}

/**
 * Turns a document of version `v - 1` into version `v` (the key). A strategy keeps every
 * field it does not change and never returns null for a document that may carry a pending
 * change: RxDB would delete it, and a migration never drops a pending (unsynced) change.
 */
export type MigrationStrategy = (doc: Record<string, unknown>, ctx: MigrationContext) => Record<string, unknown> | Promise<Record<string, unknown>>;
export type MigrationStrategies = Record<number, MigrationStrategy>;

export interface CollectionDef<S extends z.ZodType> {
  name: string;
  zod: S;
  /** Parses a document; errors are "field: message" lines naming the field. */
  validate: (doc: unknown) => ValidationResult<z.infer<S>>;
  rxSchema: RxJsonSchema<z.infer<S>>;
  conflict: ConflictMode;
  indexes: Index[];
  /** Schema version; bump it (and SYNC_PROTOCOL_VERSION) with every change of `zod` or `indexes`. */
  version: number;
  /** One strategy per version 1..version, beside the schema they migrate. */
  migrations: MigrationStrategies;
}

export function defineCollection<S extends z.ZodType>(opts: {
  name: string;
  zod: S;
  conflict: ConflictMode;
  indexes: Index[];
  description?: string;
  version?: number;
  migrations?: MigrationStrategies;
  /**
   * What RxDB stores, when it is looser than `zod` (records: the envelope only, so a new
   * record kind changes no stored schema). `zod` stays the authority on every write.
   */
  storage?: z.ZodType;
}): CollectionDef<S> {
  const version = opts.version ?? 0;
  const migrations = opts.migrations ?? {};
  const keys = Object.keys(migrations).map(Number).sort((a, b) => a - b);
  const wanted = Array.from({ length: version }, (_, i) => i + 1);
  if (!Number.isInteger(version) || version < 0 || keys.join() !== wanted.join()) {
    throw new Error(`${opts.name}: version ${version} needs exactly the migration strategies ${wanted.join(', ') || '(none)'}, has ${keys.join(', ') || '(none)'}`);
  }
  const validate = (doc: unknown): ValidationResult<z.infer<S>> => {
    const r = opts.zod.safeParse(doc);
    return r.success ? { ok: true, value: r.data } : { ok: false, errors: formatIssues(r.error) };
  };
  const { storage, ...def } = opts;
  return { ...def, version, migrations, validate, rxSchema: toRxSchema({ ...def, zod: storage ?? opts.zod, version }) as RxJsonSchema<z.infer<S>> };
}

function toRxSchema(opts: { name: string; zod: z.ZodType; conflict: ConflictMode; indexes: Index[]; description?: string; version: number }): JsonObject {
  const raw = z.toJSONSchema(opts.zod, { target: 'draft-07', unrepresentable: 'any' }) as JsonObject;
  const top = mergeUnionVariants(raw);
  const properties = top.properties as Record<string, JsonObject>;
  const required = (top.required as string[] | undefined) ?? [];
  for (const field of new Set(['id', ...opts.indexes.flat()])) {
    const part = properties[field];
    if (!part) throw new Error(`${opts.name}: indexed field ${field} is not in the schema`);
    if (!required.includes(field)) throw new Error(`${opts.name}: indexed field ${field} must be required`);
    properties[field] = indexableSchema(opts.name, field, part);
  }
  // RxDB refuses to change a final field; immutable collections freeze every required field.
  const finalFields = opts.conflict === 'immutable' ? required : required.filter((f) => f === 'id' || f === 'createdAt');
  for (const f of finalFields) properties[f] = { ...properties[f], final: true };
  return {
    title: opts.name,
    description: opts.description ?? opts.name,
    version: opts.version,
    primaryKey: 'id',
    type: 'object',
    properties,
    required,
    indexes: opts.indexes,
    additionalProperties: false,
  };
}

// A top-level discriminated union (ticket events, policies) becomes one object schema: the
// union of all variants' properties, required only where every variant requires it. RxDB
// needs top-level `properties`; zod keeps validating each variant strictly.
function mergeUnionVariants(raw: JsonObject): JsonObject {
  const variants = (raw.oneOf ?? raw.anyOf) as JsonObject[] | undefined;
  if (!variants) return raw;
  const properties: Record<string, JsonObject> = {};
  let required: string[] | null = null;
  for (const v of variants) {
    const props = v.properties as Record<string, JsonObject>;
    for (const [key, schema] of Object.entries(props)) {
      const prev = properties[key];
      if (!prev) properties[key] = schema;
      else if (JSON.stringify(prev) !== JSON.stringify(schema)) properties[key] = mergeAlternatives(prev, schema);
    }
    const req = (v.required as string[] | undefined) ?? [];
    required = required === null ? req : required.filter((r) => req.includes(r));
  }
  return { type: 'object', properties, required: required ?? [], additionalProperties: false };
}

function mergeAlternatives(a: JsonObject, b: JsonObject): JsonObject {
  // Literal discriminators merge into one enum so the field stays indexable.
  const values = (s: JsonObject): unknown[] | null => ('const' in s ? [s.const] : Array.isArray(s.enum) ? s.enum : null);
  const va = values(a);
  const vb = values(b);
  if (va && vb && a.type === b.type) return { type: a.type, enum: [...new Set([...va, ...vb])] };
  const alts = [...((a.anyOf as JsonObject[] | undefined) ?? [a]), b];
  return { anyOf: alts };
}

// RxDB builds index strings of fixed width: strings need a finite maxLength and one type.
function indexableSchema(collection: string, field: string, part: JsonObject): JsonObject {
  const alts = (part.anyOf as JsonObject[] | undefined) ?? [part];
  if (alts.every((a) => a.type === 'string')) {
    const lengths = alts.map((a) => (typeof a.maxLength === 'number' ? a.maxLength : typeof a.const === 'string' ? a.const.length : undefined));
    const enums = alts.flatMap((a) => (Array.isArray(a.enum) ? (a.enum as string[]) : []));
    const enumMax = enums.length ? Math.max(...enums.map((e) => e.length)) : undefined;
    const maxLength = Math.max(...lengths.map((l) => l ?? enumMax ?? NaN));
    if (!Number.isFinite(maxLength)) throw new Error(`${collection}: indexed string ${field} needs a maxLength`);
    return alts.length === 1 ? { ...part, maxLength } : { type: 'string', maxLength };
  }
  if (alts.length === 1 && (part.type === 'number' || part.type === 'integer')) {
    if (part.minimum === undefined || part.maximum === undefined) throw new Error(`${collection}: indexed number ${field} needs minimum and maximum`);
    return { ...part, multipleOf: part.multipleOf ?? 1 };
  }
  if (alts.length === 1 && part.type === 'boolean') return part;
  throw new Error(`${collection}: field ${field} cannot be indexed`);
}

/** Issues as "field.path: message" lines, so every message names the field it is about. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
    if (issue.code === 'unrecognized_keys') return `${path ? path + ': ' : ''}unknown field(s) ${issue.keys.join(', ')}`;
    return `${path || '(document)'}: ${issue.message}`;
  });
}
