import { describe, expect, it } from 'vitest';
import { ancestorsOf, custodyEventError, duplicateKeys, inOurCustody, keyLookupOf, lifecycleStepError, MAX_SCAN_LENGTH, parseScan, wouldCycle } from './assets';

describe('scanner input', () => {
  it('takes a code, trimmed and without the control characters a scanner may add', () => {
    expect(parseScan('  AS-000123\r')).toEqual({ ok: true, code: 'AS-000123' });
    expect(parseScan('\u0002E2000017221101441890\u0003')).toEqual({ ok: true, code: 'E2000017221101441890' });
  });

  it('refuses an empty scan and one longer than any code (500 characters) instead of cutting it', () => {
    expect(parseScan('   ')).toEqual({ ok: false, error: 'empty' });
    expect(parseScan('A'.repeat(500))).toEqual({ ok: false, error: 'tooLong' });
    expect(parseScan('A'.repeat(MAX_SCAN_LENGTH + 1))).toEqual({ ok: false, error: 'tooLong' });
    expect(parseScan('A'.repeat(MAX_SCAN_LENGTH)).ok).toBe(true);
    expect(parseScan('AS-1   AS-2')).toEqual({ ok: false, error: 'badCharacters' });
  });
});

describe('unique codes and RFID tags', () => {
  const lookup = keyLookupOf([
    { id: 'a', assetCode: 'AS-000001', rfidTag: 'E200AAA' },
    { id: 'b', assetCode: 'AS-000002', rfidTag: '' },
  ]);

  it('finds another asset with the same code or tag, case-blind and trimmed', () => {
    expect(duplicateKeys({ id: 'new', assetCode: ' as-000001 ', rfidTag: 'e200aaa' }, lookup)).toEqual([
      { field: 'assetCode', code: 'duplicateCode' },
      { field: 'rfidTag', code: 'duplicateTag' },
    ]);
  });

  it('an asset is no duplicate of itself, and an empty tag never is', () => {
    expect(duplicateKeys({ id: 'a', assetCode: 'AS-000001', rfidTag: 'E200AAA' }, lookup)).toEqual([]);
    expect(duplicateKeys({ id: 'c', assetCode: 'AS-000003', rfidTag: '' }, lookup)).toEqual([]);
  });
});

describe('the hierarchy', () => {
  const parents: Record<string, string | null> = { rack: null, shelf: 'rack', board: 'shelf' };
  const parentOf = (id: string) => parents[id];

  it('refuses making an asset its own ancestor, directly or through its descendants', () => {
    expect(wouldCycle('rack', 'rack', parentOf)).toBe(true);
    expect(wouldCycle('rack', 'board', parentOf)).toBe(true);
    expect(wouldCycle('shelf', 'board', parentOf)).toBe(true);
  });

  it('accepts a move under another branch or to the top', () => {
    expect(wouldCycle('board', 'rack', parentOf)).toBe(false);
    expect(wouldCycle('shelf', null, parentOf)).toBe(false);
    expect(wouldCycle('new', 'board', parentOf)).toBe(false);
  });

  it('treats a chain broken elsewhere (an existing loop) as a cycle rather than walking forever', () => {
    const loop: Record<string, string> = { x: 'y', y: 'x' };
    expect(wouldCycle('new', 'x', (id) => loop[id])).toBe(true);
  });

  it('lists the ancestors from the root down', () => {
    const docs = Object.fromEntries(Object.entries(parents).map(([id, parentId]) => [id, { id, parentId }]));
    expect(ancestorsOf(docs.board!, (id) => docs[id]).map((d) => d.id)).toEqual(['rack', 'shelf']);
  });
});

describe('lifecycle and custody', () => {
  const steps = [
    { state: 'registered' as const, at: '2025-01-01', by: '', note: '' },
    { state: 'in_service' as const, at: '2025-02-01', by: '', note: '' },
  ];

  it('allows the next states only, never dated before the last step', () => {
    expect(lifecycleStepError(steps, { state: 'under_maintenance', at: '2025-03-01', by: '', note: '' })).toBeNull();
    expect(lifecycleStepError(steps, { state: 'acquired', at: '2025-03-01', by: '', note: '' })).toBe('notAllowed');
    expect(lifecycleStepError(steps, { state: 'retired', at: '2025-01-15', by: '', note: '' })).toBe('beforeLast');
    expect(lifecycleStepError([...steps, { state: 'retired', at: '2025-04-01', by: '', note: '' }, { state: 'disposed', at: '2025-05-01', by: '', note: '' }], { state: 'in_service', at: '2025-06-01', by: '', note: '' })).toBe('notAllowed');
  });

  it('custody events only for customer property, moved or returned only while we hold it', () => {
    expect(custodyEventError('ours', [], { event: 'received', at: '2025-01-01' })).toBe('notCustomerProperty');
    expect(custodyEventError('customer', [], { event: 'returned', at: '2025-01-01' })).toBe('notHeld');
    expect(custodyEventError('customer', [{ event: 'received', at: '2025-01-01' }], { event: 'moved', at: '2025-01-02' })).toBeNull();
    expect(custodyEventError('customer', [{ event: 'received', at: '2025-01-05' }], { event: 'returned', at: '2025-01-02' })).toBe('beforeLast');
    expect(inOurCustody([{ event: 'received' }, { event: 'returned' }])).toBe(false);
    expect(inOurCustody([{ event: 'received' }, { event: 'moved' }])).toBe(true);
  });
});
