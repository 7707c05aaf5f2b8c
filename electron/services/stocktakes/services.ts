import { firstValueFrom, shareReplay, type Observable } from 'rxjs';
import type { CimsDatabase } from '../../db/open';
import type { SessionService } from '../session/session';
import { createStocktakeCommands } from './commands';
import { stocktakeViewer$, stocktakesHandlers } from './handlers';
import { createStocktakeQueries } from './queries';
import { createStocktakeStore, type StocktakeViewer } from './store';

/** The stocktake feature of the core: its store, commands, live queries and handlers. */
export const createStocktakeServices = (
  db: CimsDatabase,
  session: Pick<SessionService, 'watchSession'>,
  deviceId: () => string,
  clock?: () => Date,
) => {
  const store = createStocktakeStore(db);
  const viewer$: Observable<StocktakeViewer | null> = stocktakeViewer$(db, (emit) =>
    session.watchSession(emit),
  ).pipe(shareReplay({ bufferSize: 1, refCount: true }));
  const commands = createStocktakeCommands({
    db,
    store,
    viewer: () => firstValueFrom(viewer$),
    deviceId,
    clock,
  });
  const queries = createStocktakeQueries(db, store, viewer$);
  return { commands, queries, handlers: stocktakesHandlers(commands, queries), close: () => store.close() };
};
