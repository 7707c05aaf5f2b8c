/**
 * Per-device settings kept as a small JSON file beside the database. Written atomically
 * (temp file + rename) so a crash never leaves half a file.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { uuidV7 } from '../../shared/domain/ids';
import { locales } from '../../shared/api/app';
import { DEFAULT_DEVICE_QUOTA_BYTES } from '../../shared/domain/attachments';
import { readJsonFile, writeJsonAtomic } from './json-file';

const cryptoRandom = () => crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;
/**
 * The last id's millisecond and counter. Ids made by this process sort in the order they were
 * made, also within one millisecond (two scans, a note and its reply), where the random bits
 * of plain UUID v7 ordered them by chance; a clock set back keeps the last millisecond.
 */
let last = { ms: -1, counter: 0 };
const COUNTER_MAX = 0xfff;

export const newId = (now = Date.now()): string => {
  if (now > last.ms) last = { ms: now, counter: Math.floor(cryptoRandom() * (COUNTER_MAX / 2)) };
  else if (last.counter < COUNTER_MAX) last = { ms: last.ms, counter: last.counter + 1 };
  // 4,096 ids in one millisecond: borrow the next one.
  else last = { ms: last.ms + 1, counter: 0 };
  return uuidV7(last.ms, cryptoRandom, last.counter);
};

const settingsSchema = z.object({
  deviceId: z.string().min(4).max(64),
  /** Local identity used while the device is not signed in to a server. */
  localPersonId: z.string().max(64),
  localTeamId: z.string().max(64),
  region: z.string().max(40),
  timeZone: z.string().max(64),
  locale: z.enum(locales),
  /** Counter behind provisional ticket numbers (never reused on this device). */
  ticketCounter: z.number().int().nonnegative(),
  /**
   * Per server and user: how often this device replicated again from the start because the
   * server's data was restored from an older backup (part of the replication identifier).
   * Defaulted, so a settings file of an earlier release still reads.
   */
  resyncGenerations: z.record(z.string(), z.number().int().nonnegative()).default({}),
  /**
   * Server time minus this computer's clock, when the clock is off by more than a couple of
   * seconds (electron/sync/server-clock.ts); 0 when it is right.
   */
  serverClockOffsetMs: z.number().int().default(0),
  /** Space for attachment bytes on this device (electron/services/attachments). */
  attachmentQuotaBytes: z.number().int().positive().default(DEFAULT_DEVICE_QUOTA_BYTES),
  /** The server this computer works with, chosen at first start or later in settings. */
  serverUrl: z.string().max(300).nullable().default(null),
  /**
   * False until the first start chose a server (or local-only work). A settings file of an
   * earlier release belongs to a computer already in use: it never sees the welcome screen.
   */
  setupDone: z.boolean().default(true),
});
export type Settings = z.infer<typeof settingsSchema>;

export interface SettingsStore {
  get(): Settings;
  update(patch: Partial<Settings>): Promise<Settings>;
}

export const openSettings = async (directory: string): Promise<SettingsStore> => {
  await mkdir(directory, { recursive: true });
  const file = join(directory, 'settings.json');
  const read = await readJsonFile(file, settingsSchema, (): Settings => ({
    deviceId: randomUUID().slice(0, 4).toUpperCase(),
    localPersonId: newId(),
    localTeamId: newId(),
    region: 'CN-EAST',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    locale: 'en',
    ticketCounter: 0,
    resyncGenerations: {},
    serverClockOffsetMs: 0,
    attachmentQuotaBytes: DEFAULT_DEVICE_QUOTA_BYTES,
    serverUrl: null,
    setupDone: false,
  }), 'settings');
  let current: Settings = read.value;
  if (read.created) await writeJsonAtomic(file, current);
  let queue = Promise.resolve();
  return {
    get: () => current,
    update: (patch) => {
      current = settingsSchema.parse({ ...current, ...patch });
      const snapshot = current;
      queue = queue.then(() => writeJsonAtomic(file, snapshot));
      return queue.then(() => snapshot);
    },
  };
};

