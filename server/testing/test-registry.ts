import { z } from 'zod';
import { assignNumberOnCreate, createRegistry, type AccessContext, type CollectionSpec, type Doc, type Registry } from '../sync/registry';

/**
 * A small generic registry for engine tests (and RxDB's replication suite): `items` owned by
 * a user; admins see and change everything; `locked` only admins change. `numbered` gets a
 * server-assigned `number` on first arrival.
 */
const itemSchema = z
  .object({
    id: z.string().min(1).max(128),
    name: z.string().max(1000),
    owner: z.string().max(128),
    value: z.number().optional(),
    locked: z.boolean().optional(),
  })
  .strict();

const numberedSchema = z.object({ id: z.string().min(1).max(128), title: z.string().max(200), number: z.number().int().nullable() }).strict();

function zodValidate(schema: z.ZodType) {
  return (doc: Record<string, unknown>) => {
    const r = schema.safeParse(doc);
    if (r.success) return { ok: true as const, doc: r.data as Doc };
    const issue = r.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    return { ok: false as const, message: `${field}: ${issue?.message ?? 'invalid'}`, field };
  };
}

const isAdmin = (ctx: AccessContext) => ctx.user.roles.includes('admin');

export const itemsSpec: CollectionSpec = {
  name: 'items',
  validate: zodValidate(itemSchema),
  accessKey: (d) => String(d.owner),
  access: {
    canRead: (ctx, d) => isAdmin(ctx) || d.owner === ctx.user.id,
    filterSql: (ctx, col, param) => (isAdmin(ctx) ? 'true' : `${col}->>'owner' = ${param(ctx.user.id)}`),
    canWrite(ctx, old, next) {
      if (isAdmin(ctx)) return { allowed: true };
      if ((old && old.owner !== ctx.user.id) || next.owner !== ctx.user.id) return { allowed: false, fields: ['owner'], reason: 'not the owner' };
      if ((old?.locked ?? false) !== (next.locked ?? false)) return { allowed: false, fields: ['locked'], reason: 'only admins lock' };
      return { allowed: true };
    },
  },
};

export const numberedSpec: CollectionSpec = {
  name: 'numbered',
  validate: zodValidate(numberedSchema),
  serverFields: ['number'],
  beforeStore: assignNumberOnCreate('number:numbered', 'number'),
  access: { canRead: () => true, canWrite: () => ({ allowed: true }) },
};

export function testRegistry(): Registry {
  return createRegistry([itemsSpec, numberedSpec], async (_q, user) => ({ user }));
}
