/**
 * Whose data the local store holds: one (server, user) at a time. Kept in the data folder so
 * a restart, signed in or not, still knows it. Signing in as anyone else clears the store
 * first (session.ts), so nobody sees the records the previous user's rights let them pull,
 * and nobody pushes work they did not do.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonAtomic } from '../core/json-file';

const ownerSchema = z.object({
  serverUrl: z.string(),
  userId: z.string(),
  username: z.string(),
  /**
   * How often this store was cleared for another user: part of the replication identifier,
   * so a user who owned the store before starts again from an empty checkpoint.
   */
  epoch: z.number().int().nonnegative(),
});
export type StoreOwner = z.infer<typeof ownerSchema>;

const fileSchema = z.object({ owner: ownerSchema.nullable(), epoch: z.number().int().nonnegative() });

export interface StoreOwnerFile {
  get(): StoreOwner | null;
  /** The next epoch, for the owner after a clear. */
  nextEpoch(): number;
  set(owner: StoreOwner): Promise<void>;
}

export const openStoreOwnerFile = async (file: string): Promise<StoreOwnerFile> => {
  await mkdir(dirname(file), { recursive: true });
  let current = (await readJsonFile(file, fileSchema, () => ({ owner: null, epoch: 0 }), 'store owner')).value;
  return {
    get: () => current.owner,
    nextEpoch: () => current.epoch + 1,
    async set(owner) {
      current = { owner, epoch: Math.max(current.epoch, owner.epoch) };
      await writeJsonAtomic(file, current);
    },
  };
};

/** In memory (tests of the sync layer that do not care about a restart). */
export const memoryStoreOwner = (): StoreOwnerFile => {
  let current: { owner: StoreOwner | null; epoch: number } = { owner: null, epoch: 0 };
  return {
    get: () => current.owner,
    nextEpoch: () => current.epoch + 1,
    set: async (owner) => {
      current = { owner, epoch: Math.max(current.epoch, owner.epoch) };
    },
  };
};

export const sameOwner = (owner: StoreOwner, serverUrl: string, userId: string): boolean => owner.serverUrl === serverUrl && owner.userId === userId;
