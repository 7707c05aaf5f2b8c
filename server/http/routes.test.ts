import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_VERSION_HEADER } from '../../shared/sync/protocol';
import { routeNames, routePath, routes, type RouteName } from '../../shared/sync/routes';
import { call, errorCode, startTestServer, type TestServer } from '../testing/harness';
import { testRegistry } from '../testing/test-registry';

/**
 * Every `METHOD path` the server answers, read from Fastify's own route tree. The tree prints
 * one node per path segment, four columns per level, with the methods of a route in brackets.
 */
function registeredRoutes(app: FastifyInstance): Set<string> {
  const found = new Set<string>();
  const prefix: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    prefix.length = depth;
    prefix[depth] = m[2]!;
    for (const method of m[3]?.split(', ') ?? []) {
      // Fastify answers HEAD for every GET route by itself.
      if (method !== 'HEAD') found.add(`${method} ${prefix.join('')}`);
    }
  }
  return found;
}

const sample = (name: RouteName): string =>
  (routePath as (n: RouteName, p?: Record<string, string>) => string)(name, { collection: 'items', id: 'someone', file: 'latest.yml', sha256: 'a'.repeat(64) });

describe('the route table and the server agree', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer('pglite', { registry: testRegistry() });
  });
  afterAll(async () => s.close());

  it('the server registers exactly the routes of the table', () => {
    const table = new Set(routeNames.map((n) => `${routes[n].method} ${routes[n].path}`));
    const registered = registeredRoutes(s.app);
    expect(registered.size).toBeGreaterThanOrEqual(table.size);
    expect([...registered].sort()).toEqual([...table].sort());
    for (const n of routeNames) expect(s.app.hasRoute({ method: routes[n].method, url: routes[n].path }), n).toBe(true);
  });

  it('the listing sees a route the table lacks (the check can fail)', async () => {
    const other = Fastify();
    const noop = async () => ({});
    other.get('/health', noop);
    other.post('/sync/:collection/pull', noop);
    other.get('/sync/:collection/stream', noop);
    other.patch('/admin/users/:id', noop);
    other.delete('/sync/:collection/everything', noop);
    await other.ready();
    expect([...registeredRoutes(other)].sort()).toEqual([
      'DELETE /sync/:collection/everything',
      'GET /health',
      'GET /sync/:collection/stream',
      'PATCH /admin/users/:id',
      'POST /sync/:collection/pull',
    ]);
    await other.close();
  });

  it('routes marked versioned refuse a request without the protocol version; the rest do not', async () => {
    for (const name of routeNames) {
      const r = await call(s.url, routes[name].method, sample(name), routes[name].method === 'GET' ? undefined : {}, { [SYNC_VERSION_HEADER]: '' });
      if (routes[name].versioned) expect(errorCode(r), name).toBe('SYNC_VERSION_MISMATCH');
      else expect(r.status, name).not.toBe(426);
    }
  });
});
