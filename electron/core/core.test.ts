import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketSummary } from '../../shared/api/tickets';
import type { Result } from '../../shared/api/result';
import { createCore, type Core } from './core';

const validInput = {
  title: 'Base station offline 基站断站',
  description: 'Site reports loss of traffic since 08:00',
  severity: 'critical',
  type: 'fault',
  channel: 'phone',
  newCustomerName: '中国移动 上海',
  contact: { name: '王工' },
  problemReport: true,
};

describe('main-process core', () => {
  let dir: string;
  let core: Core;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-core-'));
    core = await createCore({ dataDir: dir, shell: 'harness', version: '1.2.3' });
  });
  afterEach(async () => {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  const ticketCount = () => core.db.tickets.count().exec();

  it('creates a ticket with a provisional number and a priority from the matrix', async () => {
    const result = await core.router.dispatch('tickets.create', validInput);
    expect(result.ok).toBe(true);
    const ticket = (result as { value: TicketSummary }).value;
    expect(ticket.number).toMatch(/^~[0-9A-F]{4}-0001$/);
    expect(ticket.priority).toBe('P1');
    expect(ticket.status).toBe('new');
    expect(ticket.customerName).toBe('中国移动 上海');
    expect(await ticketCount()).toBe(1);
    // Critical runs a 24x7 first-response clock of 15 minutes (DOMAIN.md): the queue's due time.
    const stored = await core.db.tickets.findOne(ticket.id).exec();
    expect(Date.parse(stored!.slaDueAt) - Date.parse(stored!.createdAt)).toBe(15 * 60_000);
    // The second ticket of the same customer reuses the customer record.
    const second = await core.router.dispatch('tickets.create', { ...validInput, severity: 'minor' });
    expect(second.ok && second.value).toMatchObject({ number: expect.stringMatching(/-0002$/), priority: 'P3' });
    expect(await core.db.customers.count().exec()).toBe(1);
  });

  it('pushes the list to a live query subscriber after every create', async () => {
    const seen: Result<unknown>[] = [];
    const sub = core.router.subscribe('tickets.list', { limit: 10 }, (r) => seen.push(r));
    expect(sub.ok).toBe(true);
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(1);
    expect(seen.at(-1)).toEqual({ ok: true, value: [] });
    await core.router.dispatch('tickets.create', validInput);
    await expect.poll(() => (seen.at(-1) as { value: TicketSummary[] }).value.length).toBe(1);
    expect((seen.at(-1) as { value: TicketSummary[] }).value[0]?.title).toBe(validInput.title);
    if (sub.ok) sub.value();
  });

  it('reports the sync state truthfully as local only', async () => {
    const seen: Result<unknown>[] = [];
    core.router.subscribe('sync.status', {}, (r) => seen.push(r));
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]).toMatchObject({ ok: true, value: { state: 'local-only', pendingLocalChanges: 0 } });
  });

  describe('bad input gets a coded error and writes nothing (B1)', () => {
    const cases: [string, unknown, unknown, string][] = [
      ['unknown command', 'tickets.drop', {}, 'UNKNOWN_COMMAND'],
      ['non-string command name', 42, {}, 'UNKNOWN_COMMAND'],
      ['prototype key as name', '__proto__', {}, 'UNKNOWN_COMMAND'],
      ['wrong type', 'tickets.create', { ...validInput, title: 123 }, 'VALIDATION_FAILED'],
      ['unknown field', 'tickets.create', { ...validInput, admin: true }, 'VALIDATION_FAILED'],
      ['__proto__ field', 'tickets.create', JSON.parse(`{"__proto__": {"polluted": 1}, "title": "abc"}`), 'VALIDATION_FAILED'],
      ['huge string', 'tickets.create', { ...validInput, title: 'x'.repeat(1_000_000) }, 'VALIDATION_FAILED'],
      ['wrong enum', 'tickets.create', { ...validInput, severity: 'catastrophic' }, 'VALIDATION_FAILED'],
      ['not an object', 'tickets.create', 'DROP TABLE', 'VALIDATION_FAILED'],
      ['null', 'tickets.create', null, 'VALIDATION_FAILED'],
    ];
    it.each(cases)('%s', async (_label, name, input, code) => {
      const result = await core.router.dispatch(name, input);
      expect(result).toMatchObject({ ok: false, error: { code } });
      expect(await ticketCount()).toBe(0);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('names the offending fields with i18n keys the form can show', async () => {
      const result = await core.router.dispatch('tickets.create', { ...validInput, title: 'x', newCustomerName: '' });
      expect(result.ok).toBe(false);
      const fields = !result.ok ? result.error.fields ?? [] : [];
      expect(fields.map((f) => [f.path, f.message]).sort()).toEqual([
        ['customerId', 'validation.customerRequired'],
        ['title', 'validation.titleTooShort'],
      ]);
    });

    it('refuses an unknown live query and bad parameters', () => {
      expect(core.router.subscribe('tickets.everything', {}, () => {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_QUERY' } });
      expect(core.router.subscribe('tickets.list', { limit: 100_000 }, () => {})).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    });
  });

  it('keeps the chosen language in the device settings', async () => {
    expect(await core.router.dispatch('app.setLocale', { locale: 'zh-CN' })).toEqual({ ok: true, value: { locale: 'zh-CN' } });
    expect(await core.router.dispatch('app.info', {})).toEqual({ ok: true, value: { version: '1.2.3', shell: 'harness', locale: 'zh-CN' } });
    expect(await core.router.dispatch('app.setLocale', { locale: 'fr' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('tells the renderer when the sign-in can be kept in memory only (no keychain)', async () => {
    const noKeychainDir = await mkdtemp(join(tmpdir(), 'cims-core-nokeychain-'));
    const memoryOnly = await createCore({
      dataDir: noKeychainDir,
      shell: 'harness',
      version: '1.2.3',
      tokenStore: { load: async () => null, save: async () => {}, clear: async () => {}, persistent: () => false },
    });
    const seen: Result<unknown>[] = [];
    memoryOnly.router.subscribe('session.current', {}, (r) => seen.push(r));
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(1);
    expect(seen.at(-1)).toMatchObject({ ok: true, value: { user: null, signInInMemoryOnly: true } });
    await memoryOnly.close();
    await rm(noKeychainDir, { recursive: true, force: true });
    // The default file store keeps the sign-in across starts.
    const regular: Result<unknown>[] = [];
    core.router.subscribe('session.current', {}, (r) => regular.push(r));
    await expect.poll(() => regular.length).toBeGreaterThanOrEqual(1);
    expect(regular.at(-1)).toMatchObject({ ok: true, value: { signInInMemoryOnly: false } });
  });
});
