import { describe, expect, it } from 'vitest';
import { csvCell } from './export';

describe('CSV cells', () => {
  it('quotes separators and quotes, and keeps formulas as text (B5)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(null)).toBe('');
    expect(csvCell('张三')).toBe('张三');
  });
});
