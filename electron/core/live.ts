/**
 * Live queries from RxDB observables. Each change of the source starts a fresh computation
 * of the result; a computation still running when a newer change arrives is dropped
 * (switchMap), so a slow older result can never overwrite a newer one. A failing
 * computation reports its error and the query stays live for the next change.
 */
import { EMPTY, catchError, combineLatest, from, switchMap, type Observable } from 'rxjs';
import type { MangoQuerySelector, MangoQuerySortPart, RxCollection } from 'rxdb';
import type { Page } from '../../shared/api/paging';

export type Emit<T> = (value: T) => void;
export type OnError = (error: unknown) => void;
export type Stop = () => void;

export const liveFrom = <S, R>(
  source: Observable<S>,
  compute: (value: S) => Promise<R> | R,
  emit: Emit<R>,
  onError: OnError,
): Stop => {
  const subscription = source
    .pipe(
      switchMap((value) =>
        from(Promise.resolve().then(() => compute(value))).pipe(
          catchError((error: unknown) => {
            onError(error);
            return EMPTY;
          }),
        ),
      ),
    )
    .subscribe({ next: emit, error: onError });
  return () => subscription.unsubscribe();
};

export interface PageQuery<Doc> {
  selector: MangoQuerySelector<Doc>;
  sort: MangoQuerySortPart<Doc>[];
  offset: number;
  limit: number;
}

/**
 * One page of a collection and the total matching the selector, as an observable that emits
 * again after every change that affects either. `toRows` turns the page's documents into
 * rows (joins, names); a slow conversion is dropped when a newer change arrives.
 */
export const page$ = <Doc, Row>(
  collection: RxCollection<Doc>,
  query: PageQuery<Doc>,
  toRows: (docs: Doc[]) => Promise<Row[]> | Row[],
): Observable<Page<Row>> =>
  combineLatest([
    collection.find({ selector: query.selector, sort: query.sort, skip: query.offset, limit: query.limit }).$,
    collection.count({ selector: query.selector }).$,
  ]).pipe(switchMap(async ([docs, total]) => ({ rows: await toRows(docs.map((d) => d.toJSON() as Doc)), total })));
