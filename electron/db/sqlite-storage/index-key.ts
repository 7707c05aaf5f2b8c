/**
 * RxDB index strings compare in UTF-16 code-unit order (JS `<`), but SQLite compares TEXT
 * and BLOB with memcmp over UTF-8 bytes. The two orders differ for characters above
 * U+FFFF (emoji, rare CJK): in UTF-16 they are surrogate pairs (0xD800-0xDFFF) and sort
 * BELOW U+E000-U+FFFF (full-width forms, RxDB's INDEX_MAX = U+FFFF); in UTF-8 they sort
 * above. A query whose upper bound is padded with U+FFFF would silently miss emoji values.
 *
 * Fix: store index keys as BLOBs in CESU-8, i.e. every UTF-16 code unit (surrogates
 * included) encoded on its own with the UTF-8 bit pattern. That pattern is monotonic in
 * the code unit value and prefix-free, so memcmp order equals UTF-16 code-unit order.
 * Strings without surrogates are byte-identical to UTF-8, so the common path is a native
 * Buffer.from().
 */
const SURROGATE = /[\uD800-\uDFFF]/;

export function encodeIndexKey(indexString: string): Buffer {
  const param = indexKeyParam(indexString);
  return typeof param === 'string' ? Buffer.from(param, 'utf8') : param;
}

/**
 * The same key as a statement parameter for `CAST(? AS BLOB)`: a string without
 * surrogates is passed as is (SQLite's cast keeps its UTF-8 bytes, which equal CESU-8),
 * which spares a Buffer per index and row on the write path.
 */
export function indexKeyParam(indexString: string): string | Buffer {
  if (!SURROGATE.test(indexString)) return indexString;
  const out = Buffer.allocUnsafe(indexString.length * 3);
  let pos = 0;
  for (let i = 0; i < indexString.length; i++) {
    const c = indexString.charCodeAt(i);
    if (c < 0x80) {
      out[pos++] = c;
    } else if (c < 0x800) {
      out[pos++] = 0xc0 | (c >> 6);
      out[pos++] = 0x80 | (c & 0x3f);
    } else {
      out[pos++] = 0xe0 | (c >> 12);
      out[pos++] = 0x80 | ((c >> 6) & 0x3f);
      out[pos++] = 0x80 | (c & 0x3f);
    }
  }
  return out.subarray(0, pos);
}
