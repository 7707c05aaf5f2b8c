/**
 * B3, generated: every HTTP route of the server, fuzzed from its own body and query schemas
 * (shared/sync/routes.ts) on PostgreSQL, as an admin, a manager, a technician and nobody.
 * Whatever arrives: never a 5xx, every refusal a JSON body with a coded error, and a refused
 * request changes no table (the audit log and the sign-in counters excepted: recording a
 * refusal is their job). A new route is fuzzed the day it joins the table.
 *
 * A failure prints fast-check's seed and path; replay with FUZZ_SEED=<seed>.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL_VERSION, SYNC_VERSION_HEADER } from '../../shared/sync/protocol';
import { routes, type RouteSpec } from '../../shared/sync/routes';
import { COLLECTION_NAMES } from '../../shared/schema';
import { startTestServer, type TestServer } from '../../server/testing/harness';
import { cimsOrg, writeOrg } from '../../server/testing/cims-org';
import { HOSTILE_STRINGS, inputsFor } from './arbitrary';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const RUNS = Number(process.env.FUZZ_RUNS ?? 24);

// Tables a refused request may write by design: the audit log records refusals, and the
// sign-in throttle counts failed attempts.
const RECORDING_TABLES: ReadonlySet<string> = new Set(['audit_log', 'login_limits']);

describe(`every HTTP route, fuzzed from its schemas (seed ${SEED})`, () => {
  let server: TestServer;
  let tables: string[] = [];
  const tokens: Record<string, string | null> = { nobody: null };
  const org = cimsOrg();
  const ids = [...org.teams.map((t) => t.id), ...org.people.map((p) => p.id)];

  beforeAll(async () => {
    server = await startTestServer('pg');
    await writeOrg(server.db, org);
    tokens.admin = (await server.userSession('fuzz.admin', ['admin'])).accessToken;
    tokens.manager = (await server.userSession('u.m', ['manager'], { id: org.id.M, teamId: org.id.T1 })).accessToken;
    tokens.technician = (await server.userSession('u.tech', ['technician'], { id: org.id.tech, teamId: org.id.T1 })).accessToken;
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

  const send = async (method: string, path: string, token: string | null, body: unknown) => {
    const res = await fetch(server.url + path, {
      method,
      headers: {
        [SYNC_VERSION_HEADER]: String(SYNC_PROTOCOL_VERSION),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
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
            expect(await fingerprint(), `${label} changed the database`).toBe(before);
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    }, 180_000);
  }
});
