import { combineLatest, debounceTime, map, merge, of, type Observable } from 'rxjs';
import type { trainingApi } from '../../../shared/api/training';
import type { Viewer } from '../../../shared/domain/assessment';
import type { CimsDatabase } from '../../db/open';
import { recordChanges$ } from '../../db/record-changes';
import { liveFrom } from '../../core/live';
import type { SliceHandlers } from '../../core/router';
import type { TrainingService } from './service';

/** Live answers re-run after a change of records, people or the signed-in user. */
export const trainingHandlers = (service: TrainingService, db: CimsDatabase, viewer$: Observable<Viewer | null>): SliceHandlers<typeof trainingApi> => {
  const changes$ = merge(of(null), recordChanges$(db, ['training']).pipe(map(() => null)), db.people.$.pipe(map(() => null))).pipe(debounceTime(20));
  const source$ = combineLatest([viewer$, changes$]);
  return {
    commands: {
      'training.save': (input) => service.save(input),
      'training.decide': (input) => service.decide(input),
      'training.remove': (input) => service.remove(input),
      'training.previewCsv': (input) => service.previewCsv(input.csv),
      'training.importCsv': (input) => service.importCsv(input.csv),
    },
    liveQueries: {
      'training.person': (params, emit, onError) => liveFrom(source$, () => service.person(params.personId), emit, onError),
      'training.team': (_params, emit, onError) => liveFrom(source$, () => service.team(), emit, onError),
      'training.period': (params, emit, onError) => liveFrom(source$, () => service.period(params.personId, params.from, params.to), emit, onError),
    },
  };
};
