/**
 * The user's own queue views, default view and grid settings. Device-local and per user
 * (shared/schema/README.md: saved views stay outside RxDB), in one JSON file beside the
 * database, written atomically; kept across restarts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BehaviorSubject, combineLatest, map, type Observable } from 'rxjs';
import { z } from 'zod';
import { builtInViews, gridPrefs, queueFilter, queueSort, type GridPrefs, type QueueSettings, type SavedView } from '../../../shared/api/queue';
import { DomainError } from '../../core/errors';
import { writeJsonAtomic } from '../../core/json-file';
import { newId } from '../../core/settings';
import type { QueueIdentity } from './filters';

/** A user keeps at most this many views: a menu, not a database. */
export const MAX_SAVED_VIEWS = 50;

const savedView = z.object({ id: z.string(), name: z.string(), filter: queueFilter, sort: queueSort.optional(), grid: gridPrefs.optional() });
const userSettings = z.object({ views: z.array(savedView), defaultView: z.string(), grid: z.record(z.string(), gridPrefs) });
const fileSchema = z.object({ users: z.record(z.string(), userSettings) });
type FileContent = z.infer<typeof fileSchema>;

export const defaultViewFor = (me: QueueIdentity): string => (me.teamId ? 'team' : 'mine');

export const savedViewKey = (id: string): string => `saved-${id}`;

const isKnownView = (settings: QueueSettings, key: string): boolean =>
  (builtInViews as readonly string[]).includes(key) || settings.views.some((v) => savedViewKey(v.id) === key);

export const openQueueViews = async (directory: string, identity$: Observable<QueueIdentity>) => {
  const file = join(directory, 'queue-views.json');
  let content: FileContent = { users: {} };
  try {
    content = fileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') console.warn('[cims] queue views unreadable, starting fresh', error);
  }
  const content$ = new BehaviorSubject(content);
  let me: QueueIdentity | undefined;
  const identitySub = identity$.subscribe((value) => (me = value));
  let writes = Promise.resolve();

  const settingsOf = (c: FileContent, who: QueueIdentity): QueueSettings => c.users[who.personId] ?? { views: [], defaultView: defaultViewFor(who), grid: {} };

  const change = async (fn: (current: QueueSettings) => QueueSettings): Promise<void> => {
    if (!me) throw new DomainError('UNAUTHORIZED', 'no user yet');
    const next: FileContent = { users: { ...content$.value.users, [me.personId]: fn(settingsOf(content$.value, me)) } };
    content$.next(next);
    writes = writes.then(() => writeJsonAtomic(file, next));
    await writes;
  };

  return {
    watch: (): Observable<QueueSettings> => combineLatest([content$, identity$]).pipe(map(([c, who]) => settingsOf(c, who))),

    async save(input: Omit<SavedView, 'id'> & { id?: string | undefined }): Promise<SavedView> {
      const view: SavedView = { ...input, id: input.id ?? newId() };
      await change((s) => {
        const exists = s.views.some((v) => v.id === view.id);
        if (!exists && input.id) throw new DomainError('NOT_FOUND', `view ${input.id} does not exist`);
        if (!exists && s.views.length >= MAX_SAVED_VIEWS) throw new DomainError('CONFLICT', 'too many views');
        return { ...s, views: exists ? s.views.map((v) => (v.id === view.id ? view : v)) : [...s.views, view] };
      });
      return view;
    },

    async remove(id: string): Promise<{ id: string }> {
      await change((s) => {
        if (!s.views.some((v) => v.id === id)) throw new DomainError('NOT_FOUND', `view ${id} does not exist`);
        const key = savedViewKey(id);
        const { [key]: _dropped, ...grid } = s.grid;
        return { views: s.views.filter((v) => v.id !== id), defaultView: s.defaultView === key ? 'mine' : s.defaultView, grid };
      });
      return { id };
    },

    async setDefault(view: string): Promise<{ view: string }> {
      await change((s) => {
        if (!isKnownView(s, view)) throw new DomainError('NOT_FOUND', `view ${view} does not exist`);
        return { ...s, defaultView: view };
      });
      return { view };
    },

    async saveGrid(view: string, grid: GridPrefs): Promise<{ view: string }> {
      await change((s) => {
        if (!isKnownView(s, view)) throw new DomainError('NOT_FOUND', `view ${view} does not exist`);
        return { ...s, grid: { ...s.grid, [view]: grid } };
      });
      return { view };
    },

    close: () => identitySub.unsubscribe(),
  };
};
export type QueueViews = Awaited<ReturnType<typeof openQueueViews>>;
