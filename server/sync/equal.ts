// Equality is the shared merge's, so the server compares documents exactly as clients do.
export { jsonEqual } from '../../shared/sync/merge';

/** Copy without the listed keys. */
export function omit(o: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (!keys.includes(k)) r[k] = v;
  return r;
}
