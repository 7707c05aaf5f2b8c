import { describe, expect, it } from 'vitest';
import { apiErrorCodes } from '../../../shared/api/result';
import { SEVERITIES, TICKET_STATUSES, TICKET_TYPES, CHANNELS } from '../../../shared/schema/enums';
import { createTicketInput } from '../../../shared/api/tickets';
import { en } from './en';
import { zhCN } from './zh-CN';

const keys = (value: unknown, prefix = ''): string[] =>
  typeof value === 'object' && value !== null
    ? Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
    : [prefix];

const lookup = (messages: object, path: string): unknown =>
  path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);

describe('UI messages', () => {
  it('zh-CN and en have exactly the same keys, none empty', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
    for (const key of keys(en)) {
      expect(String(lookup(en, key)).trim(), `en ${key}`).not.toBe('');
      expect(String(lookup(zhCN, key)).trim(), `zh-CN ${key}`).not.toBe('');
    }
  });

  it('translate every API error code and every domain value shown', () => {
    for (const code of apiErrorCodes) expect(lookup(zhCN, `errors.${code}`), code).toBeTypeOf('string');
    for (const s of SEVERITIES) expect(lookup(zhCN, `tickets.severity.${s}`), s).toBeTypeOf('string');
    for (const s of TICKET_STATUSES) expect(lookup(zhCN, `tickets.status.${s}`), s).toBeTypeOf('string');
    for (const s of TICKET_TYPES) expect(lookup(zhCN, `tickets.type.${s}`), s).toBeTypeOf('string');
    for (const s of CHANNELS) expect(lookup(zhCN, `tickets.channel.${s}`), s).toBeTypeOf('string');
  });

  it('translate every validation message the ticket form can produce', () => {
    const tooLong = { title: 'x'.repeat(201), description: 'x'.repeat(10_001), customerName: 'x'.repeat(201) };
    const results = [
      createTicketInput.safeParse({}),
      createTicketInput.safeParse({ title: 'x', customerName: '', severity: 'x', type: 'x', channel: 'x' }),
      createTicketInput.safeParse({ ...tooLong, severity: 'major', type: 'fault', channel: 'phone' }),
    ];
    const messages = new Set(results.flatMap((r) => (r.success ? [] : r.error.issues.map((i) => i.message))));
    expect(messages.size).toBeGreaterThanOrEqual(7);
    for (const message of messages) {
      if (message.startsWith('validation.')) expect(lookup(zhCN, message), message).toBeTypeOf('string');
    }
  });
});
