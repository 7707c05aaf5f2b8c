import { describe, expect, it } from 'vitest';
import {
  displayTicketNumber,
  isProvisionalNumber,
  officialTicketNumber,
  parseOfficialTicketNumber,
  provisionalTicketNumber,
} from './ticketNumber';

describe('ticket numbers', () => {
  it('makes provisional numbers from the device id and counter, and recognises them', () => {
    expect(provisionalTicketNumber('3F9A', 1)).toBe('~3F9A-0001');
    expect(provisionalTicketNumber('3F9A', 12345)).toBe('~3F9A-12345');
    expect(isProvisionalNumber(provisionalTicketNumber('3F9A', 7))).toBe(true);
    for (const text of ['T-000001', '', '~', 'P-1', ' ~3F9A-0001']) expect(isProvisionalNumber(text), text).toBe(false);
  });

  it('refuses device ids and counters that would make an ambiguous or unbounded number', () => {
    for (const [device, counter] of [['', 1], ['3F-9A', 1], ['a b', 1], ['x'.repeat(33), 1], ['3F9A', 0], ['3F9A', 1.5], ['3F9A', Number.NaN]] as const) {
      expect(() => provisionalTicketNumber(device, counter), `${device} ${counter}`).toThrow(RangeError);
    }
  });

  it('shows the official number once the server assigned one, the provisional one until then', () => {
    expect(displayTicketNumber({ number: null, provisionalNumber: '~3F9A-0001' })).toBe('~3F9A-0001');
    expect(displayTicketNumber({ number: 123, provisionalNumber: '~3F9A-0001' })).toBe('T-000123');
    expect(displayTicketNumber({ number: 1_234_567, provisionalNumber: '~3F9A-0001' })).toBe('T-1234567');
    expect(isProvisionalNumber(officialTicketNumber(1))).toBe(false);
  });

  it('parses official numbers back for deep links and nothing else', () => {
    expect(parseOfficialTicketNumber('T-000123')).toBe(123);
    expect(parseOfficialTicketNumber(officialTicketNumber(9_999_999))).toBe(9_999_999);
    for (const text of ['T-123', 'T-0000123', 't-000123', 'T-000000', '~3F9A-0001', 'T-000123 ', 'T-00001x']) {
      expect(parseOfficialTicketNumber(text), text).toBeNull();
    }
  });
});
