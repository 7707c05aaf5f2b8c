/**
 * What each user of this device has been shown and has read, kept beside the database as a
 * small JSON file written atomically (temp file + rename), like the settings. Notifications
 * are derived from synced data with deterministic ids, so remembering ids is enough: after a
 * restart the same ids come back and are recognised.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BehaviorSubject, type Observable } from 'rxjs';
import { z } from 'zod';
import { readJsonFile, writeJsonAtomic } from '../../core/json-file';
import { NOTIFICATION_HORIZON_MS, NOTIFICATION_KINDS, type NotificationKind } from '../../../shared/domain/notifications';

const userState = z.object({
  /** When notifications were first evaluated for the user here: older events are listed, not popped up. */
  since: z.string(),
  /** Shown on the desktop (id -> when), so nothing is shown twice. */
  claimed: z.record(z.string(), z.string()),
  read: z.record(z.string(), z.string()),
  /** Everything up to this time counts as read ("mark all read"). */
  readBefore: z.string().nullable(),
  muted: z.array(z.enum(NOTIFICATION_KINDS)),
});
export type UserNotificationState = z.infer<typeof userState>;
const fileSchema = z.object({ users: z.record(z.string(), userState) });
type StateFile = z.infer<typeof fileSchema>;

export interface NotificationStateStore {
  /** The user's state; created (with `since` = now) on first use. */
  get(userId: string): UserNotificationState;
  update(userId: string, change: (state: UserNotificationState) => UserNotificationState): Promise<UserNotificationState>;
  changes$: Observable<void>;
  close(): Promise<void>;
}

const prune = (ids: Record<string, string>, now: number) =>
  Object.fromEntries(Object.entries(ids).filter(([, at]) => Date.parse(at) >= now - 2 * NOTIFICATION_HORIZON_MS));

export const openNotificationState = async (directory: string, now: () => number = Date.now): Promise<NotificationStateStore> => {
  await mkdir(directory, { recursive: true });
  const file = join(directory, 'notifications.json');
  let current: StateFile = (await readJsonFile(file, fileSchema, (): StateFile => ({ users: {} }), 'notification state')).value;
  const changes = new BehaviorSubject<void>(undefined);
  let queue = Promise.resolve();
  const save = (snapshot: StateFile) => {
    queue = queue.then(() => writeJsonAtomic(file, snapshot));
    return queue;
  };
  const fresh = (): UserNotificationState => ({ since: new Date(now()).toISOString(), claimed: {}, read: {}, readBefore: null, muted: [] });
  const get = (userId: string) => {
    const found = current.users[userId];
    if (found) return found;
    const created = fresh();
    current = { users: { ...current.users, [userId]: created } };
    void save(current);
    return created;
  };
  return {
    get,
    async update(userId, change) {
      const next = change(get(userId));
      const kept = { ...next, claimed: prune(next.claimed, now()), read: prune(next.read, now()) };
      current = { users: { ...current.users, [userId]: kept } };
      await save(current);
      changes.next();
      return kept;
    },
    changes$: changes.asObservable(),
    close: async () => {
      changes.complete();
      await queue;
    },
  };
};

export const isMuted = (state: UserNotificationState, kind: NotificationKind) => state.muted.includes(kind);
