import { describe, expect, it } from 'vitest';
import { apiErrorCodes } from '../../../shared/api/result';
import { CHANNELS, ROLES, SEVERITIES, TICKET_STATUSES, TICKET_TYPES } from '../../../shared/schema/enums';
import { createTicketInput } from '../../../shared/api/tickets';
import { signInInput } from '../../../shared/api/session';
import { en, zhCN } from './resources';

const keys = (value: unknown, prefix = ''): string[] =>
  typeof value === 'object' && value !== null
    ? Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
    : [prefix];

const lookup = (messages: object, path: string): unknown =>
  path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);

describe('UI messages', () => {
  it('zh-CN and en have exactly the same keys in every namespace, none empty', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
    for (const key of keys(en)) {
      expect(String(lookup(en, key)).trim(), `en ${key}`).not.toBe('');
      expect(String(lookup(zhCN, key)).trim(), `zh-CN ${key}`).not.toBe('');
    }
  });

  it('keep the same interpolation placeholders in both languages', () => {
    const placeholders = (text: unknown) => [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of keys(en)) expect(placeholders(lookup(zhCN, key)), key).toEqual(placeholders(lookup(en, key)));
  });

  it('translate every API error code and every domain value shown', () => {
    for (const code of apiErrorCodes) expect(lookup(zhCN, `common.errors.${code}`), code).toBeTypeOf('string');
    for (const r of ROLES) expect(lookup(zhCN, `common.roles.${r}`), r).toBeTypeOf('string');
    for (const s of SEVERITIES) expect(lookup(zhCN, `tickets.severity.${s}`), s).toBeTypeOf('string');
    for (const s of TICKET_STATUSES) expect(lookup(zhCN, `tickets.status.${s}`), s).toBeTypeOf('string');
    for (const s of TICKET_TYPES) expect(lookup(zhCN, `tickets.type.${s}`), s).toBeTypeOf('string');
    for (const s of CHANNELS) expect(lookup(zhCN, `tickets.channel.${s}`), s).toBeTypeOf('string');
  });

  it('translate every validation message the forms can produce', () => {
    const tooLong = { title: 'x'.repeat(201), description: 'x'.repeat(10_001), newCustomerName: 'x'.repeat(201) };
    const contact = { name: '', phone: 'x'.repeat(41), email: 'not-mail' };
    const results = [
      createTicketInput.safeParse({}),
      createTicketInput.safeParse({ title: 'x', newCustomerName: '', severity: 'x', type: 'x', channel: 'x', contact, problemReport: true }),
      createTicketInput.safeParse({ ...tooLong, severity: 'major', type: 'fault', channel: 'phone', contact: { name: 'x'.repeat(121) }, problemReport: true }),
      createTicketInput.safeParse({ title: 'abc', customerId: 'c', siteId: '', severity: 'major', type: 'fault', channel: 'phone', contact: { name: 'a' }, problemReport: true }),
      createTicketInput.safeParse({ title: 'abc', newCustomerName: 'n', assetId: 'a', severity: 'major', type: 'fault', channel: 'phone', contact: { name: 'a' }, problemReport: true }),
      createTicketInput.safeParse({ title: 'abc', severity: 'major', type: 'fault', channel: 'phone', contact: { name: 'a' }, problemReport: true }),
      signInInput.safeParse({ serverUrl: 'ftp://x', username: '', password: '' }),
      signInInput.safeParse({ serverUrl: 'http://x', username: 'u'.repeat(10_000), password: 'p' }),
    ];
    const messages = new Set(results.flatMap((r) => (r.success ? [] : r.error.issues.map((i) => i.message))));
    // Missing fields give zod's own type message; the forms always send every field.
    const keyed = [...messages].filter((m) => m.startsWith('validation.'));
    expect(keyed.length).toBeGreaterThanOrEqual(18);
    // Written by main when the store lacks what the form picked (electron/services/tickets).
    keyed.push('validation.customerUnknown', 'validation.siteUnknown', 'validation.assetUnknown');
    for (const message of keyed) expect(lookup(zhCN, `common.${message}`), message).toBeTypeOf('string');
  });
});
