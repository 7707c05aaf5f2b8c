import { NORMAL_START, type recoveryApi } from '../../../shared/api/recovery';
import { DomainError } from '../../core/errors';
import type { SliceHandlers } from '../../core/router';

/** A store that opened: nothing to recover, the commands are refused with a coded error. */
export const normalRecoveryHandlers = (): SliceHandlers<typeof recoveryApi> => ({
  commands: {
    'recovery.exportUnsynced': () => Promise.reject(new DomainError('CONFLICT', 'The local store is not damaged: there is nothing to recover')),
    'recovery.downloadAgain': () => Promise.reject(new DomainError('CONFLICT', 'The local store is not damaged: there is nothing to recover')),
  },
  liveQueries: {
    'recovery.state': (_params, emit) => {
      emit(NORMAL_START);
      return () => undefined;
    },
  },
});
