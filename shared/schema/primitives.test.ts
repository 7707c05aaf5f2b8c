import { describe, expect, it } from 'vitest';
import { isStorableText, name, text, UNSTORABLE_TEXT_MESSAGE } from './primitives';

describe('text PostgreSQL can store', () => {
  const bad = ['a\u0000b', '\u0000', 'x\uD800', '\uDC00y', 'a\uDC00\uD800b', '\uD83D'];
  const good = ['', 'plain', '中文 工单', '😀 emoji pair', '\u202Eright-to-left', '<script>alert(1)</script>', 'a\u0001b'];

  it.each(bad)('refuses %j in text and name fields with a clear message', (s) => {
    expect(isStorableText(s)).toBe(false);
    for (const schema of [text(100), name(100)]) {
      const r = schema.safeParse(s.length > 0 ? `${s}z` : s);
      expect(r.success).toBe(false);
      expect(r.error?.issues.map((i) => i.message)).toContain(UNSTORABLE_TEXT_MESSAGE);
    }
  });

  it.each(good)('accepts %j', (s) => {
    expect(isStorableText(s)).toBe(true);
    expect(text(100).safeParse(s).success).toBe(true);
    if (s.trim()) expect(name(100).safeParse(s).success).toBe(true);
  });
});
