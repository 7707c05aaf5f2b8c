import { Observable, debounceTime, distinctUntilChanged, merge, of, switchMap } from 'rxjs';
import type { SessionView } from '../../../shared/api/session';
import type { stocktakesApi } from '../../../shared/api/stocktakes';
import type { CimsDatabase } from '../../db/open';
import type { SliceHandlers } from '../../core/router';
import type { StocktakeCommands } from './commands';
import type { createStocktakeQueries } from './queries';
import { viewerFrom, type StocktakeViewer } from './store';

/** The signed-in user with their region; emits again on sign-in and sign-out. */
export const stocktakeViewer$ = (
  db: CimsDatabase,
  watchSession: (emit: (view: SessionView) => void) => () => void,
): Observable<StocktakeViewer | null> =>
  new Observable<SessionView>((subscriber) => watchSession((view) => subscriber.next(view))).pipe(
    distinctUntilChanged(
      (a, b) => a.user?.id === b.user?.id && a.user?.roles.join() === b.user?.roles.join(),
    ),
    // Their region comes from the people collection, which may arrive after the sign-in.
    switchMap((view) =>
      merge(of(null), db.people.$.pipe(debounceTime(50))).pipe(switchMap(() => viewerFrom(db, view.user))),
    ),
    distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
  );

export const stocktakesHandlers = (
  commands: StocktakeCommands,
  queries: ReturnType<typeof createStocktakeQueries>,
): SliceHandlers<typeof stocktakesApi> => ({
  commands: {
    'stocktakes.open': (input) => commands.open(input),
    'stocktakes.scan': (input) => commands.scan(input),
    'stocktakes.endCounting': (input) => commands.endCounting(input),
    'stocktakes.resolve': (input) => commands.resolve(input),
    'stocktakes.close': (input) => commands.close(input),
    'stocktakes.export': (input) => commands.export(input),
  },
  liveQueries: {
    'stocktakes.list': (_params, emit, onError) => queries.watchList(emit, onError),
    'stocktakes.detail': (params, emit, onError) => queries.watchDetail(params.stocktakeId, emit, onError),
    'stocktakes.scopes': (_params, emit, onError) => queries.watchScopes(emit, onError),
  },
});
