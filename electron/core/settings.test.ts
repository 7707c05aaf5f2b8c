import { describe, expect, it } from 'vitest';
import { newId } from './settings';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newId', () => {
  it('makes UUID v7 ids that sort in the order they were made, also many in one millisecond', () => {
    const ids = Array.from({ length: 10_000 }, () => newId());
    expect(ids.every((id) => V7.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps the order when the clock is set back, and past 4,096 ids in one millisecond', () => {
    const at = Date.now() + 60_000;
    const ids = [newId(at), ...Array.from({ length: 5_000 }, () => newId(at)), newId(at - 30_000), newId(at - 30_000)];
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // The id's time is the millisecond asked for until its counter runs out.
    expect(ids[0]!.replace(/-/g, '').slice(0, 12)).toBe(at.toString(16).padStart(12, '0'));
  });
});
