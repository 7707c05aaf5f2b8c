/**
 * B3, generated: every HTTP route of the server, fuzzed from its own body and query schemas
 * (shared/sync/routes.ts) on PostgreSQL, as an admin, a manager, a technician and nobody.
 * Whatever arrives: never a 5xx, every refusal a JSON body with a coded error, and a refused
 * request changes no table (the audit log and the sign-in counters excepted: recording a
 * refusal is their job). A new route is fuzzed the day it joins the table.
 *
 * Every refusal's text stays generic: a short message that neither repeats the input at
 * length nor shows internals (stack traces, SQL, file paths, PostgreSQL's error text, library
 * names). And since the fuzzer keeps arrays short, each route also gets arrays of 100,000
 * elements in every field of its body or query, numbers far past their bounds and nesting
 * 100,000 deep: 400 under the body limit, 413 over it, and nothing written.
 *
 * A failure prints fast-check's seed and path; replay with FUZZ_SEED=<seed>.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { SYNC_PROTOCOL_VERSION, SYNC_VERSION_HEADER } from '../../shared/sync/protocol';
import { routePath, routes, type RouteSpec } from '../../shared/sync/routes';
import { collections, COLLECTION_NAMES } from '../../shared/schema';
import { startTestServer, type TestServer } from '../../server/testing/harness';
import { cimsOrg, writeOrg } from '../../server/testing/cims-org';
import { HOSTILE_STRINGS, inputsFor, toJsonSchema } from './arbitrary';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const RUNS = Number(process.env.FUZZ_RUNS ?? 24);

// Tables a refused request may write by design: the audit log records refusals, and the
// sign-in throttle counts failed attempts.
const RECORDING_TABLES: ReadonlySet<string> = new Set(['audit_log', 'login_limits']);

/** A refusal's message is at most this long, and repeats no more than MAX_ECHO characters of the input. */
const MAX_MESSAGE = 300;
const MAX_ECHO = 64;
/** What the client accepts as the `field` of an error (syncErrorBodySchema). */
const MAX_FIELD = 200;

/** What a refusal never shows: internals of the server. */
const LEAK_MARKERS: readonly RegExp[] = [
  // stack traces and JavaScript's own errors
  /\n\s*at\s|\bat\s+(?:async\s+)?\S+\s+\(|\b(?:Type|Range|Syntax|Reference)Error\b|Maximum call stack/,
  // SQL text
  /\bselect\s.*\sfrom\s|\binsert\s+into\b|\bupdate\s+\S+\s+set\b|\bdelete\s+from\b|\bon\s+conflict\b|::(?:jsonb?|text|bigint)\b/i,
  // file paths
  /node_modules|(?:^|[\s('"])\/(?:work|home|usr|opt|srv|app|tmp|var|root)\/|\.[cm]?[jt]sx?:\d+|\b[A-Za-z]:\\/,
  // PostgreSQL's error text
  /invalid input syntax|violates|duplicate key|syntax error|relation "|column "|out of range for type|null value in|invalid byte sequence|unsupported Unicode escape|could not serialize|deadlock detected|canceling statement/i,
  // library names
  /\b(?:zod|ZodError|fastify|FST_\w+|pglite|postgres(?:ql)?|pg|node-postgres|pino|argon2|avvio|undici|ajv|secure-json-parse)\b/i,
];

/**
 * The text a refusal could repeat: the request's raw parts and every long string or key in
 * its decoded parts (an echo of a string with quotes or control characters differs from the
 * JSON text). Walked without recursion: inputs nest 100,000 deep.
 */
const echoSources = (raw: readonly string[], decoded: readonly unknown[]): string[] => {
  const out = raw.filter((s) => s.length > MAX_ECHO);
  const stack = [...decoded];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.length > MAX_ECHO) out.push(value);
    } else if (Array.isArray(value)) {
      for (const item of value as unknown[]) stack.push(item);
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key.length > MAX_ECHO) out.push(key);
        stack.push(item);
      }
    }
  }
  return out;
};

/** Why a refusal is not a coded error with generic text, or null when it is. */
const notGeneric = (body: unknown, sources: readonly string[]): string | null => {
  const error = (body as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)?.error;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string') return 'no coded error body';
  if (error.message.length > MAX_MESSAGE) return `a message of ${error.message.length} characters`;
  if (error.field !== undefined && (typeof error.field !== 'string' || error.field.length > MAX_FIELD)) return 'an overlong field';
  for (const text of [error.message, ...(typeof error.field === 'string' ? [error.field] : [])]) {
    const marker = LEAK_MARKERS.find((m) => m.test(text));
    if (marker) return `${String(marker).slice(0, 40)}... matches ${JSON.stringify(text)}`;
    for (let i = 0; i + MAX_ECHO < text.length; i += 1) {
      const window = text.slice(i, i + MAX_ECHO + 1);
      if (sources.some((s) => s.includes(window))) return `it repeats the input: ${JSON.stringify(window)}`;
    }
  }
  return null;
};

describe(`every HTTP route, fuzzed from its schemas (seed ${SEED})`, () => {
  let server: TestServer;
  let tables: string[] = [];
  const tokens: Record<string, string | null> = { nobody: null };
  const usernames: Record<string, string> = { admin: 'fuzz.admin', manager: 'u.m', technician: 'u.tech' };
  /** The huge cases' own admin, whom no fuzzed logout signs out. */
  let hugeAdmin = '';
  const org = cimsOrg();
  const ids = [...org.teams.map((t) => t.id), ...org.people.map((p) => p.id)];

  beforeAll(async () => {
    server = await startTestServer('pg');
    await writeOrg(server.db, org);
    tokens.admin = (await server.userSession(usernames.admin!, ['admin'])).accessToken;
    tokens.manager = (await server.userSession(usernames.manager!, ['manager'], { id: org.id.M, teamId: org.id.T1 })).accessToken;
    tokens.technician = (await server.userSession(usernames.technician!, ['technician'], { id: org.id.tech, teamId: org.id.T1 })).accessToken;
    hugeAdmin = (await server.userSession('huge.admin', ['admin'])).accessToken;
    const rows = await server.db.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
    );
    tables = rows.rows.map((r) => r.table_name).filter((t) => !RECORDING_TABLES.has(t));
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  /** Row count and newest row version of every table a refused request must leave alone. */
  const fingerprint = async (): Promise<string> => {
    const parts: string[] = [];
    for (const table of tables) {
      const r = await server.db.query<{ n: string; v: string }>(`select count(*)::text as n, coalesce(max(xmin::text::bigint), 0)::text as v from "${table}"`);
      parts.push(`${table}:${r.rows[0]!.n}:${r.rows[0]!.v}`);
    }
    return parts.join(' ');
  };

  const pathValue = fc.oneof(
    fc.constantFrom(...COLLECTION_NAMES, ...ids),
    fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 1_000)),
    fc.string({ minLength: 1, maxLength: 80 }),
  );

  /** A path segment; a lone surrogate goes out as its raw bytes, invalid UTF-8 on the wire. */
  const segment = (value: string): string => {
    try {
      return encodeURIComponent(value);
    } catch {
      return encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD')).replaceAll('%EF%BF%BD', '%ED%A0%80');
    }
  };

  const queryString = (value: unknown): string => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return `q=${segment(String(value))}`;
    const search = new URLSearchParams();
    for (const [key, v] of Object.entries(value)) {
      for (const item of Array.isArray(v) ? v : [v]) search.append(key, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
    return search.toString();
  };

  const send = async (method: string, path: string, token: string | null, body: unknown) =>
    sendText(method, path, token, body !== undefined ? JSON.stringify(body) : undefined);

  /** A request whose body is sent as written (JSON too deep or too big to build as a value). */
  const sendText = async (method: string, path: string, token: string | null, body: string | undefined) => {
    const res = await fetch(server.url + path, {
      method,
      headers: {
        [SYNC_VERSION_HEADER]: String(SYNC_PROTOCOL_VERSION),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(15_000),
    });
    // An accepted event stream stays open: its status is the answer.
    if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) {
      await res.body?.cancel();
      return { status: res.status, body: null };
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: kept as text, and a refusal must not be plain text
    }
    return { status: res.status, body: parsed };
  };

  for (const [name, spec] of Object.entries(routes) as [string, RouteSpec][]) {
    it(`${spec.method} ${spec.path}: never 5xx, refusals coded, nothing written when refused`, async () => {
      const schema = spec.body ?? spec.query;
      const input = schema
        ? fc.oneof(inputsFor(schema, { hostile: false, ids }), inputsFor(schema, { hostile: true, ids }))
        : fc.constant(undefined);
      const params = fc.array(pathValue, { minLength: 2, maxLength: 2 });
      await fc.assert(
        fc.asyncProperty(input, params, fc.constantFrom(...Object.keys(tokens)), async (value, [p1, p2], who) => {
          let n = 0;
          let path = spec.path.replace(/:([A-Za-z_]\w*)/g, () => segment((n++ === 0 ? p1 : p2) as string));
          if (spec.query && value !== undefined) path += `?${queryString(value)}`;
          const before = await fingerprint();
          const res = await send(spec.method, path, tokens[who] ?? null, spec.body ? value : undefined);
          const label = `${name} as ${who}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
          expect(res.status, label).toBeLessThan(500);
          if (res.status >= 400) {
            // A 404 from an unknown path segment may come from the router itself; it is coded too.
            expect(typeof (res.body as { error?: { code?: unknown } } | null)?.error?.code, label).toBe('string');
            const sources = echoSources([path, String(p1), String(p2), spec.body ? (JSON.stringify(value) ?? '') : ''], [value]);
            expect(notGeneric(res.body, sources), label).toBeNull();
            expect(await fingerprint(), `${label} changed the database`).toBe(before);
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          // A logout that went through ends the caller's sessions: sign in again, or every
          // later route would be fuzzed as a signed-out caller.
          if (name === 'logout' && res.status === 200 && usernames[who]) {
            const login = await send('POST', routePath('login'), null, { username: usernames[who], password: 'correct horse battery' });
            tokens[who] = (login.body as { accessToken: string }).accessToken;
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    }, 180_000);
  }

  /** Values shaped like a schema (the seed picks which). */
  const samplesOf = (schema: z.ZodType, seed: number, n: number): unknown[] => fc.sample(inputsFor(schema, { hostile: false, ids }), { seed, numRuns: n });

  /** A well-formed item of the array at `path`: the first one found in a few samples. */
  const itemAt = (samples: readonly unknown[], path: readonly Step[]): unknown => {
    for (const sample of samples) {
      let value: unknown = sample;
      for (const step of path) value = (value as Record<string | number, unknown> | null | undefined)?.[step];
      if (Array.isArray(value) && value.length > 0) return value[0];
    }
    return {};
  };

  /** Path parameters that reach the handlers: a real collection, person and blob name. */
  const routeParams: Record<string, string> = { collection: 'tickets', id: org.id.tech, sha256: 'a'.repeat(64), file: 'latest.yml' };

  /**
   * The bodies of a route's huge cases, as JSON text: in every field of the schema an array of
   * 100,000 elements (zeros; in array fields also well-formed items, and strings enough to pass
   * the body limit), in every number field a number far past its bound (or past any double:
   * 1e400 parses as Infinity), and 100,000 levels of nesting at the root and in each top-level
   * field.
   */
  const hugeBodies = (schema: z.ZodType): string[] => {
    const samples = samplesOf(schema, SEED, 40);
    const bodies: string[] = [deepArrays(HUGE), deepObjects(HUGE)];
    for (const slot of slotsOf(toJsonSchema(schema))) {
      const texts: string[] = [hugeArray(HUGE, '0')];
      if (slot.kind === 'array') texts.push(hugeArray(HUGE, JSON.stringify(itemAt(samples, slot.path) ?? null)), hugeArray(HUGE, JSON.stringify('x'.repeat(60))));
      if (slot.kind === 'number') {
        texts.push('1e400', '-1e400');
        if (slot.maximum !== undefined && slot.maximum < 1e9) texts.push('1e9', '9007199254740993', '1e308');
      }
      if (slot.path.length === 1) texts.push(deepArrays(HUGE));
      bodies.push(...texts.map((text) => withText(samples[0], slot.path, text)));
    }
    return bodies;
  };

  /**
   * Pushes of one document of each collection with one of its array fields (at any depth) a
   * zero-filled array of 100,000, and pushes of 100,000 rows: under the body limit (empty
   * documents) and over it.
   */
  const hugePushes = (): string[] => {
    const push = (rows: string) => `{"pushId":"huge-push-${SEED}","rows":${rows}}`;
    const bodies = [push(hugeArray(HUGE, '{"newDocumentState":{}}')), push(hugeArray(HUGE, '{"newDocumentState":{"id":"huge-row","_deleted":false}}'))];
    for (const collection of COLLECTION_NAMES) {
      const schema = collections[collection].zod;
      const doc = { ...(samplesOf(schema, SEED, 1)[0] as object), _deleted: false };
      for (const slot of slotsOf(toJsonSchema(schema)).filter((s) => s.kind === 'array')) {
        bodies.push(push(`[{"newDocumentState":${withText(doc, slot.path, hugeArray(HUGE, '0'))}}]`));
      }
    }
    return bodies;
  };

  for (const [name, spec] of Object.entries(routes) as [string, RouteSpec][]) {
    it(`${spec.method} ${spec.path}: huge arrays, absurd numbers and deep nesting refused 400 or 413 with a generic message, nothing written`, async () => {
      const path = spec.path.replace(/:([A-Za-z_]\w*)/g, (_m, key: string) => routeParams[key] ?? 'x');
      const failures: string[] = [];
      const check = async (label: string, run: () => Promise<{ status: number; body: unknown }>, sources: string[], expected?: number) => {
        const before = await fingerprint();
        const res = await run();
        const at = `${label}: ${res.status} ${JSON.stringify(res.body)?.slice(0, 200)}`;
        if (res.status >= 500) failures.push(`${at}: a 5xx`);
        if (expected !== undefined && res.status !== expected) failures.push(`${at}: expected ${expected}`);
        if (res.status >= 400) {
          const why = notGeneric(res.body, sources);
          if (why) failures.push(`${at}: not generic: ${why}`);
          if ((await fingerprint()) !== before) failures.push(`${at}: changed the database`);
        }
      };

      if (spec.method !== 'GET') {
        const bodies = [...(spec.body ? hugeBodies(spec.body) : [hugeArray(HUGE, '0'), deepArrays(HUGE)]), ...(name === 'push' ? hugePushes() : [])];
        for (const [i, body] of bodies.entries()) {
          const tooLarge = Buffer.byteLength(body) > server.config.bodyLimit;
          // An upload takes raw bytes: JSON is refused with 415 when it is not too large.
          const expected = tooLarge ? 413 : spec.body ? 400 : undefined;
          await check(`${name} body ${i} (${body.length} characters: ${body.slice(0, 60)}...)`, () => sendText(spec.method, path, hugeAdmin, body), [body], expected);
        }
      }
      // A query carries repeated keys as an array: as many as the request line takes, then far
      // more. (The other routes read no query; and without a body, logout would end the
      // caller's sessions.)
      if (spec.method === 'GET' || spec.query) {
        const keys = [...Object.keys((spec.query ? toJsonSchema(spec.query) : {}).properties ?? {}), 'extra'];
        for (const count of [Math.floor(12_000 / keys.length / 8), HUGE]) {
          const query = keys.map((k) => `${k}=1`).join('&');
          const url = `${path}?${Array.from({ length: count }, () => query).join('&')}`;
          await check(`${name} with ${count} copies of each query key`, () => sendText(spec.method, url, hugeAdmin, undefined), [url], count === HUGE ? 431 : undefined);
        }
      }
      expect(failures, `${failures.length} failures, first: ${failures.slice(0, 3).join('\n')}`).toEqual([]);
    }, 120_000);

    it(`${spec.method} ${spec.path}: a refusal repeats no long id, key or value`, async () => {
      const sample = spec.body ? (samplesOf(spec.body, SEED, 1)[0] as object) : undefined;
      const path = spec.path.replace(/:([A-Za-z_]\w*)/g, (_m, key: string) => routeParams[key] ?? 'x');
      const cases: { label: string; path: string; body?: string; expected?: number }[] = [];
      // Path parameters as long as the router takes them, naming nothing that exists.
      if (spec.path.includes(':')) {
        cases.push({ label: 'long path parameters', path: spec.path.replace(/:[A-Za-z_]\w*/g, () => 'p'.repeat(100)), ...(sample ? { body: JSON.stringify(sample) } : {}) });
      }
      // An unknown key of 10,000 characters, and one PostgreSQL could not store.
      if (sample) {
        cases.push({ label: 'a long unknown key', path, body: JSON.stringify({ ...sample, ['k'.repeat(10_000)]: 1 }) });
        cases.push({ label: 'a long unstorable key', path, body: JSON.stringify({ ...sample, [`${'k'.repeat(10_000)}\u0000`]: 1 }), expected: 400 });
      }
      if (spec.query) {
        cases.push({ label: 'a long query key', path: `${path}?${'k'.repeat(10_000)}=1` });
        cases.push({ label: 'a long unstorable query key', path: `${path}?${'k'.repeat(10_000)}%00=1`, expected: 400 });
      }
      for (const c of cases) {
        const before = await fingerprint();
        const res = await sendText(spec.method, c.path, hugeAdmin, c.body);
        const label = `${name}, ${c.label}: ${res.status} ${JSON.stringify(res.body)?.slice(0, 200)}`;
        expect(res.status, label).toBeLessThan(500);
        if (c.expected !== undefined) expect(res.status, label).toBe(c.expected);
        if (res.status >= 400) {
          expect(notGeneric(res.body, echoSources([c.path, c.body ?? ''], c.body ? [JSON.parse(c.body)] : [])), label).toBeNull();
          expect(await fingerprint(), `${label} changed the database`).toBe(before);
        }
      }
    });
  }
});

const HUGE = 100_000;
/** Stands for the field under test until the body is written out. */
const SLOT = '\u0001slot\u0001';

type JsonSchemaNode = ReturnType<typeof toJsonSchema>;
type Step = string | 0;
interface Slot {
  path: Step[];
  kind: 'array' | 'number' | 'other';
  maximum?: number;
}

const hugeArray = (n: number, item: string): string => `[${Array.from({ length: n }, () => item).join(',')}]`;
const deepArrays = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const deepObjects = (depth: number): string => '{"a":'.repeat(depth) + '0' + '}'.repeat(depth);

/** A schema node with its references resolved against the root. */
const resolved = (root: JsonSchemaNode, node: JsonSchemaNode): JsonSchemaNode => {
  let current = node;
  for (let i = 0; current.$ref && i < 8; i += 1) {
    const ref: string = current.$ref;
    current = ref === '#' ? root : (root.$defs?.[ref.replace(/^#\/\$defs\//, '')] ?? {});
  }
  return current;
};

/**
 * Every field of a schema reachable through object properties and array items: each array,
 * each number and the top-level fields (an index 0 step is an array's first item).
 */
const slotsOf = (root: JsonSchemaNode): Slot[] => {
  const slots = new Map<string, Slot>();
  const visit = (raw: JsonSchemaNode | undefined, path: Step[], depth: number): void => {
    if (!raw || depth > 12) return;
    const node = resolved(root, raw);
    for (const choice of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) visit(choice, path, depth + 1);
    const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
    const key = path.join('.');
    if (types.includes('array') || node.items) {
      slots.set(key, { path, kind: 'array' });
      visit(node.items, [...path, 0], depth + 1);
    } else if (types.includes('number') || types.includes('integer')) {
      if (!slots.has(key)) slots.set(key, { path, kind: 'number', ...(node.maximum !== undefined ? { maximum: node.maximum } : {}) });
    } else if (path.length === 1 && !slots.has(key)) {
      slots.set(key, { path, kind: 'other' });
    }
    for (const [name, child] of Object.entries(node.properties ?? {})) visit(child, [...path, name], depth + 1);
  };
  visit(root, [], 0);
  return [...slots.values()].filter((slot) => slot.path.length > 0);
};

/** `value` as JSON text with `text` at `path`. */
const withText = (value: unknown, path: readonly Step[], text: string): string =>
  JSON.stringify(withSlot(value, path, SLOT)).replace(JSON.stringify(SLOT), () => text);

/** A copy of `value` with `marker` at `path`, creating the objects and arrays on the way. */
const withSlot = (value: unknown, path: readonly Step[], marker: unknown): unknown => {
  if (path.length === 0) return marker;
  const [head, ...rest] = path;
  if (head === 0) {
    const items: unknown[] = Array.isArray(value) && value.length > 0 ? [...(value as unknown[])] : [{}];
    items[0] = withSlot(items[0], rest, marker);
    return items;
  }
  const record: Record<string, unknown> = value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  record[head!] = withSlot(record[head!], rest, marker);
  return record;
};
