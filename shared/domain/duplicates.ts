/**
 * Possible duplicates of a ticket being recorded: the same customer's open tickets (on the
 * same asset when one is named) whose title is similar. Titles mix Chinese and English, so
 * similarity compares words for Latin text and character pairs for CJK text, which has no
 * spaces ("光缆中断" and "光缆 中断 告警" share 光缆 and 缆中 ...).
 */

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Word and CJK-bigram tokens of a title, lower-cased; punctuation is a separator. */
export function titleTokens(title: string): Set<string> {
  const tokens = new Set<string>();
  for (const run of title.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!run) continue;
    let latin = '';
    let cjk = '';
    const flush = () => {
      if (latin.length > 1) tokens.add(latin);
      if (cjk.length === 1) tokens.add(cjk);
      for (let i = 0; i + 1 < cjk.length; i++) tokens.add(cjk.slice(i, i + 2));
      latin = '';
      cjk = '';
    };
    for (const ch of run) {
      if (CJK.test(ch)) {
        if (latin) flush();
        cjk += ch;
      } else {
        if (cjk) flush();
        latin += ch;
      }
    }
    flush();
  }
  return tokens;
}

/** Share of the smaller title's tokens found in the other (0..1): a short title inside a long one counts. */
export function titleSimilarity(a: string, b: string): number {
  const ta = titleTokens(a);
  const tb = titleTokens(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  const [small, large] = ta.size <= tb.size ? [ta, tb] : [tb, ta];
  let shared = 0;
  for (const t of small) if (large.has(t)) shared++;
  return shared / small.size;
}

/** Titles at least this similar are offered as possible duplicates. */
export const DUPLICATE_SIMILARITY = 0.6;

export interface DuplicateCandidate {
  id: string;
  title: string;
  customerId: string;
  assetId: string;
  open: boolean;
}

/**
 * Candidates that may describe the same problem, most similar first. An empty title offers
 * nothing: every open ticket of a big customer is not a hint.
 */
export function possibleDuplicates<C extends DuplicateCandidate>(
  draft: { title: string; customerId: string; assetId: string },
  candidates: readonly C[],
  limit = 5,
): C[] {
  if (!draft.customerId || titleTokens(draft.title).size === 0) return [];
  return candidates
    .filter((c) => c.open && c.customerId === draft.customerId && (!draft.assetId || c.assetId === draft.assetId))
    .map((c) => ({ c, score: titleSimilarity(draft.title, c.title) }))
    .filter(({ score }) => score >= DUPLICATE_SIMILARITY)
    .sort((x, y) => y.score - x.score || (x.c.id < y.c.id ? 1 : -1))
    .slice(0, limit)
    .map(({ c }) => c);
}
