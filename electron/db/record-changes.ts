import { filter, type Observable } from 'rxjs';
import type { RecordKind } from '../../shared/schema';
import type { CimsDatabase } from './open';

/**
 * Changes of the given kinds in the shared `records` collection. A screen over one feature's
 * records listens to these only, so a stocktake scan does not re-run the parts screens.
 */
export const recordChanges$ = (db: CimsDatabase, kinds: readonly RecordKind[]): Observable<unknown> =>
  db.records.$.pipe(filter((e) => [e.documentData?.kind, e.previousDocumentData?.kind].some((k) => k !== undefined && (kinds as readonly string[]).includes(k))));
