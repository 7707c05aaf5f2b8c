import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '../../shared/schema/primitives';

/**
 * Path of the first string (value or key) PostgreSQL cannot store in jsonb, or null. The
 * schemas refuse such text in their text fields; this catches every other string too, so a
 * bad document is a 400 naming the field, never a 500 the device retries forever.
 */
export function unstorablePath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path || '(root)';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = unstorablePath(value[i], path ? `${path}.${i}` : String(i));
      if (p) return p;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (!isStorableText(k)) return p;
      const inner = unstorablePath(v, p);
      if (inner) return inner;
    }
  }
  return null;
}

export { UNSTORABLE_TEXT_MESSAGE };
