import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { DEFAULT_ORG_SETTINGS, orgSettingsFrom } from '../shared/domain/organisation';
import type { OrgSettings, OrgSettingsRecord } from '../shared/schema';
import { saveSettingsBody } from '../shared/sync/adminSettings';
import type { Actor } from './admin';
import { audit } from './audit';
import { passwordRefusal } from './auth/passwordPolicy';
import type { Db, Queryable } from './db/db';
import { HttpError } from './http/errors';
import { parseBody } from './http/route';
import { writeServerDocs } from './sync/engine';
import type { AccessContext, Registry } from './sync/registry';

// Organisation settings live in the records collection (kind orgSettings), one record per
// save: the latest is in force and the earlier ones are the history. Devices read them
// through the pull; only this route writes them.

/** The settings in force on the server (the defaults before any save). */
export async function orgSettings(q: Queryable): Promise<OrgSettings> {
  const r = await q.query<{ doc: OrgSettingsRecord }>(`select doc from sync_docs where collection = 'records' and not deleted and doc->>'kind' = 'orgSettings' order by doc->>'createdAt' desc, id desc limit 1`);
  return orgSettingsFrom(r.rows.map((x) => x.doc));
}

export async function saveSettings(db: Db, registry: Registry<AccessContext>, input: z.input<typeof saveSettingsBody>, actor: Actor): Promise<Record<string, unknown>> {
  const body = parseBody(saveSettingsBody, input);
  const spec = registry.get('records');
  if (!spec) throw new HttpError(404, 'UNKNOWN_COLLECTION', 'This server has no records collection');
  const before = await orgSettings(db);
  const now = new Date().toISOString();
  const doc: OrgSettingsRecord = { id: uuidv7(), createdAt: now, updatedAt: now, kind: 'orgSettings', ref: '', ref2: '', status: 'saved', body };
  const [stored] = await db.transaction((tx) => writeServerDocs(tx, spec, [{ doc: doc as unknown as Record<string, unknown> }]));
  await audit(db, { action: 'settings.save', outcome: 'ok', actorId: actor.id, actor: actor.name, ip: actor.ip ?? null, target: `records/${doc.id}`, detail: { before, after: body } });
  return stored!;
}

/**
 * A password set by an admin or chosen at sign-in must meet the organisation's minimum length
 * (default 12), be none of the most used passwords and not be the person's username or name.
 */
export async function checkPasswordPolicy(q: Queryable, password: string | undefined, person: { names: (string | undefined)[]; demo: boolean }, field = 'password'): Promise<void> {
  if (password === undefined) return;
  const minLength = (await orgSettings(q).catch(() => DEFAULT_ORG_SETTINGS)).passwordMinLength;
  const refusal = passwordRefusal(password, { minLength, ...person });
  if (refusal) throw new HttpError(400, 'VALIDATION_FAILED', refusal, field);
}
