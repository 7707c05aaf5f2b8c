import { describe, expect, it } from 'vitest';
import { routeNames, routePath, routes } from './routes';

describe('the sync route table', () => {
  it('builds paths with encoded parameters, and without any for plain routes', () => {
    expect(routePath('pull', { collection: 'tickets' })).toBe('/sync/tickets/pull');
    expect(routePath('stream', { collection: 'ticketEvents' })).toBe('/sync/ticketEvents/stream');
    expect(routePath('push', { collection: 'a/b?c' })).toBe('/sync/a%2Fb%3Fc/push');
    expect(routePath('updateUser', { id: '张三' })).toBe(`/admin/users/${encodeURIComponent('张三')}`);
    expect(routePath('login')).toBe('/auth/login');
    expect(routePath('health')).toBe('/health');
  });

  it('refuses an empty parameter rather than build another route path', () => {
    expect(() => routePath('pull', { collection: '' })).toThrow(RangeError);
    expect(() => (routePath as (n: string, p?: object) => string)('pull')).toThrow(RangeError);
  });

  it('has one entry per method and path, each with a schema for what it sends back', () => {
    const keys = routeNames.map((n) => `${routes[n].method} ${routes[n].path}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Every route a desktop client calls decodes its answer with a schema.
    for (const name of ['health', 'login', 'refresh', 'logout', 'me', 'pull', 'push'] as const) expect(routes[name].reply, name).toBeDefined();
    expect(routes.stream.event).toBeDefined();
  });
});
