/** The stocktake service on a real SQLite store in a temporary folder, for this folder's tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BehaviorSubject } from 'rxjs';
import { expect } from 'vitest';
import type { StocktakeView } from '../../../../shared/api/stocktakes';
import { aPerson, newId } from '../../../../shared/domain/testing/builders';
import type { Person } from '../../../../shared/schema';
import { DomainError } from '../../../core/errors';
import { openDatabase, type CimsDatabase } from '../../../db/open';
import { createStocktakeCommands } from '../commands';
import { createStocktakeQueries } from '../queries';
import { createStocktakeStore, type StocktakeStore, type StocktakeViewer } from '../store';

export interface StocktakeService {
  db: CimsDatabase;
  store: StocktakeStore;
  commands: ReturnType<typeof createStocktakeCommands>;
  queries: ReturnType<typeof createStocktakeQueries>;
  /** The stocktake's view once `until` holds. */
  view(id: string, until: (v: StocktakeView) => boolean): Promise<StocktakeView>;
  close(): Promise<void>;
}

/** Opens a store, lets `seed` write into it, and starts the service for `viewer`'s user. */
export async function openStocktakeService(
  viewer: BehaviorSubject<StocktakeViewer | null>,
  seed: (db: CimsDatabase) => Promise<unknown>,
): Promise<StocktakeService> {
  const dir = await mkdtemp(join(tmpdir(), 'cims-stocktake-'));
  const db = await openDatabase({ directory: dir });
  await seed(db);
  const store = createStocktakeStore(db);
  const commands = createStocktakeCommands({
    db,
    store,
    viewer: async () => viewer.value,
    deviceId: () => 'TEST',
  });
  const queries = createStocktakeQueries(db, store, viewer);
  return {
    db,
    store,
    commands,
    queries,
    view: (id, until) =>
      new Promise<StocktakeView>((resolve, reject) => {
        const stop = queries.watchDetail(
          id,
          (v) => {
            if (v && until(v)) {
              setTimeout(() => stop(), 0);
              resolve(v);
            }
          },
          reject,
        );
      }),
    async close() {
      store.close();
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Expects `p` to fail with the DomainError `code`. */
export async function refused(p: Promise<unknown>, code: string): Promise<void> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
}

/** The people of these tests: an asset manager, two counters of cn-east, one of cn-south. */
export const stocktakePeople = () => {
  const person = (username: string, displayName: string, role: Person['roles'][number], region: string) =>
    aPerson({ id: newId(), username, displayName, roles: [role], region, teamId: null });
  return {
    manager: person('mgr', 'Manager Li', 'manager', 'cn-east'),
    tech: person('tech', 'Tech Zhang', 'technician', 'cn-east'),
    eng: person('eng', 'Engineer Wang', 'engineer', 'cn-east'),
    south: person('south', 'Tech South', 'technician', 'cn-south'),
  };
};

/** The service's view of a signed-in person. */
export const viewerOf = (p: Person): StocktakeViewer => ({ id: p.id, roles: p.roles, region: p.region, teamRegion: null });
