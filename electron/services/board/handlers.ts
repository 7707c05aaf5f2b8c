import type { boardApi } from '../../../shared/api/board';
import type { SliceHandlers } from '../../core/router';
import type { BulkService } from './bulk';
import type { createBoardQueries } from './queries';

export const boardHandlers = (bulk: BulkService, queries: ReturnType<typeof createBoardQueries>): SliceHandlers<typeof boardApi> => ({
  commands: {
    'board.bulk': (input) => bulk.bulk(input),
    'board.undo': (input) => bulk.undo(input),
  },
  liveQueries: {
    'board.view': (params, emit, onError) => queries.watchBoard(params, emit, onError),
  },
});
