import { describe, expect, it } from 'vitest';
import { possibleDuplicates, titleSimilarity, titleTokens } from './duplicates';

const c = (id: string, title: string, over: Partial<{ customerId: string; assetId: string; open: boolean }> = {}) => ({
  id,
  title,
  customerId: 'cust-1',
  assetId: '',
  open: true,
  ...over,
});

describe('possible duplicates', () => {
  it('tokenises English words and Chinese character pairs', () => {
    expect([...titleTokens('Fibre cut, site-7')]).toEqual(['fibre', 'cut', 'site']);
    expect([...titleTokens('光缆中断')]).toEqual(['光缆', '缆中', '中断']);
    expect([...titleTokens('OSN9800光功率告警')]).toEqual(['osn9800', '光功', '功率', '率告', '告警']);
  });

  it('scores a short title inside a longer one as similar, unrelated titles as not', () => {
    expect(titleSimilarity('Fibre cut', 'Fibre cut at site 7 since 08:00')).toBe(1);
    expect(titleSimilarity('光缆中断', '东区 光缆中断 告警')).toBe(1);
    expect(titleSimilarity('Fibre cut', 'Power supply alarm')).toBe(0);
    expect(titleSimilarity('', 'anything')).toBe(0);
  });

  it('offers open tickets of the same customer and asset with a similar title, most similar first', () => {
    const candidates = [
      c('a', 'Fibre cut at site 7'),
      c('b', 'Fibre cut at site 7 again', { open: false }),
      c('c', 'Fibre cut at site 7', { customerId: 'cust-2' }),
      c('d', 'Fibre alarm'),
      c('e', 'Power supply alarm'),
      c('f', 'Fibre cut at site 7', { assetId: 'asset-9' }),
    ];
    expect(possibleDuplicates({ title: 'fibre cut site 7', customerId: 'cust-1', assetId: '' }, candidates).map((x) => x.id)).toEqual(['f', 'a']);
    expect(possibleDuplicates({ title: 'fibre cut site 7', customerId: 'cust-1', assetId: 'asset-9' }, candidates).map((x) => x.id)).toEqual(['f']);
    expect(possibleDuplicates({ title: '', customerId: 'cust-1', assetId: '' }, candidates)).toEqual([]);
    expect(possibleDuplicates({ title: 'fibre cut', customerId: '', assetId: '' }, candidates)).toEqual([]);
  });
});
