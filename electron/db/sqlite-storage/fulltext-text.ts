/**
 * How text becomes full-text tokens, and a user's search becomes an FTS5 query. Pure.
 *
 * FTS5's trigram tokenizer cannot find Chinese words of one or two characters (断网, 光缆),
 * and unicode61 keeps a run of Han characters as one token. So the text is tokenized here
 * and handed to FTS5 already split by spaces: a run of CJK characters gives its overlapping
 * bigrams (in order, so a longer word is a phrase of bigrams) followed by its single
 * characters; other text gives lower-cased words, searched by prefix.
 */

/** Bump when tokens change: stores indexed with another version are rebuilt at open. */
export const TOKENIZER_VERSION = '1';

const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const CJK = new RegExp(`[${CJK_CLASS}]`, 'u');
/** Runs of CJK characters, or of other letters and digits; everything else separates. */
const RUN = new RegExp(`[${CJK_CLASS}]+|(?:(?![${CJK_CLASS}])[\\p{L}\\p{N}\\p{M}])+`, 'gu');

const isCjk = (run: string): boolean => CJK.test(run[0]!);

/** Index tokens of a text, space separated. */
export const indexTokens = (text: string): string => {
  const out: string[] = [];
  for (const run of text.normalize('NFKC').toLowerCase().match(RUN) ?? []) {
    if (!isCjk(run)) {
      out.push(run);
      continue;
    }
    const chars = Array.from(run);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    out.push(...chars);
  }
  return out.join(' ');
};

/**
 * Shortest word searched other than CJK, as `hasSearchWord` in shared/api/queue.ts (which
 * says why) decides in the renderer; kept here so the storage needs none of the API's code.
 */
const MIN_WORD_LENGTH = 2;

/**
 * The searchable terms of a user's search (what the grid highlights, too): words of at
 * least MIN_WORD_LENGTH characters, or of CJK characters.
 */
export const searchTerms = (search: string): string[] =>
  Array.from(new Set((search.normalize('NFKC').toLowerCase().match(RUN) ?? []).filter((term) => isCjk(term) || Array.from(term).length >= MIN_WORD_LENGTH)));

/**
 * The FTS5 MATCH expression for a search; null when it has nothing searchable (only
 * punctuation or spaces). Every term must match: CJK as an exact substring (a phrase of
 * bigrams, or one character), other words by prefix. Terms are quoted, so FTS5 operators
 * typed by the user are plain text.
 */
export const matchExpression = (search: string): string | null => {
  const parts = searchTerms(search).map((term) => {
    if (!isCjk(term)) return `"${term}"*`;
    const chars = Array.from(term);
    if (chars.length === 1) return `"${term}"`;
    const bigrams = chars.slice(0, -1).map((c, i) => c + chars[i + 1]!);
    return `"${bigrams.join(' ')}"`;
  });
  return parts.length > 0 ? parts.join(' AND ') : null;
};
