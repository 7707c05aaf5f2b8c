/**
 * Builders shared by the client + server sync tests.
 */
import { z } from 'zod';
import { createRegistry } from '../../server/sync/registry';
import type { CollectionSpec, Doc, Registry } from '../../server/sync/registry';

const humanSchema = z
  .object({
    id: z.string().min(1).max(128),
    passportId: z.string().min(1).max(128),
    firstName: z.string().max(200),
    // Longer than RxDB's human schema allows, so the S9 test can send big documents.
    lastName: z.string().max(10_000),
    age: z.number().int().min(0).max(150).optional(),
  })
  .strict();

/** RxDB's test-utils `human` collection, readable and writable by everyone. */
const humanSpec: CollectionSpec = {
  name: 'human',
  validate(doc) {
    const r = humanSchema.safeParse(doc);
    if (r.success) return { ok: true, doc: r.data as Doc };
    const issue = r.error.issues[0];
    return { ok: false, message: issue?.message ?? 'invalid', field: issue?.path.join('.') ?? '' };
  },
  access: { canRead: () => true, canWrite: () => ({ allowed: true }) },
};

export function humanSpecRegistry(): Registry {
  return createRegistry([humanSpec], async (_q, user) => ({ user }));
}
