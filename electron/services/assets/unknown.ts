/**
 * Notes of unknown asset codes (record kind `unknownAsset`): a scan that names no asset can
 * be left for the asset team, who register the asset (the note closes itself when an asset
 * with the code is saved) or dismiss it.
 */
import type { UnknownCodeRow } from '../../../shared/api/assets';
import { normalizeCode } from '../../../shared/domain/assets';
import type { Person, UnknownAssetRecord } from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import { DomainError } from '../../core/errors';
import { liveFrom, type Emit, type OnError } from '../../core/live';
import { newId, type SettingsStore } from '../../core/settings';
import type { CimsDatabase } from '../../db/open';

const openNotes = async (db: CimsDatabase): Promise<UnknownAssetRecord[]> =>
  (
    await db.records
      .find({ selector: { kind: 'unknownAsset', status: 'open' }, sort: [{ updatedAt: 'desc' }] })
      .exec()
  ).map((d) => d.toJSON() as UnknownAssetRecord);

export const createUnknownCodes = (
  db: CimsDatabase,
  settings: SettingsStore,
  currentUser: () => SessionUser | null,
  clock: () => Date = () => new Date(),
) => ({
  /** One open note per code: scanning the same unknown label twice does not pile up notes. */
  async note(input: {
    code: string;
    source: 'scan' | 'ticket';
    note: string;
  }): Promise<{ id: string; created: boolean }> {
    const code = input.code.trim();
    const same = (await openNotes(db)).find((r) => normalizeCode(r.ref) === normalizeCode(code));
    if (same) return { id: same.id, created: false };
    const now = clock().toISOString();
    const record: UnknownAssetRecord = {
      id: newId(),
      createdAt: now,
      updatedAt: now,
      kind: 'unknownAsset',
      ref: code,
      ref2: '',
      status: 'open',
      body: {
        reportedBy: currentUser()?.id ?? settings.get().localPersonId,
        reportedAt: now,
        source: input.source,
        note: input.note,
      },
    };
    await db.records.insert(record);
    return { id: record.id, created: true };
  },

  async dismiss(id: string): Promise<{ id: string }> {
    const doc = await db.records.findOne(id).exec();
    if (!doc || (doc.toJSON() as { kind: string }).kind !== 'unknownAsset')
      throw new DomainError('NOT_FOUND', `note ${id} is not here`);
    await doc.incrementalPatch({ status: 'dismissed', updatedAt: clock().toISOString() });
    return { id };
  },

  /** Closes the open notes of a code once an asset has it. */
  async registered(code: string, assetId: string): Promise<void> {
    const now = clock().toISOString();
    for (const r of (await openNotes(db)).filter((n) => normalizeCode(n.ref) === normalizeCode(code))) {
      await (
        await db.records.findOne(r.id).exec()
      )?.incrementalPatch({ status: 'registered', ref2: assetId, updatedAt: now });
    }
  },

  watch(emit: Emit<UnknownCodeRow[]>, onError: OnError) {
    return liveFrom(
      db.records.find({ selector: { kind: 'unknownAsset', status: 'open' } }).$,
      async () => {
        const notes = await openNotes(db);
        const people = await db.people
          .findByIds([...new Set(notes.map((n) => n.body.reportedBy).filter(Boolean))])
          .exec();
        return notes.map((n) => ({
          id: n.id,
          code: n.ref,
          source: n.body.source,
          reportedAt: n.body.reportedAt,
          reportedByName: (people.get(n.body.reportedBy)?.toJSON() as Person | undefined)?.displayName ?? '',
          note: n.body.note,
        }));
      },
      emit,
      onError,
    );
  },
});
export type UnknownCodes = ReturnType<typeof createUnknownCodes>;
