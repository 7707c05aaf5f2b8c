import type { queueApi } from '../../../shared/api/queue';
import type { SliceHandlers } from '../../core/router';
import type { SearchIndex } from '../../db/search-index';
import { liveFrom } from '../../core/live';
import type { createQueuePages } from './page';
import type { QueueViews } from './views';
import { filterOptions$, toFilterOptions } from './options';
import type { CimsDatabase } from '../../db/open';

export const queueHandlers = (
  pages: ReturnType<typeof createQueuePages>,
  views: QueueViews,
  search: SearchIndex,
  db: CimsDatabase,
): SliceHandlers<typeof queueApi> => ({
  commands: {
    'queue.saveView': (input) => views.save(input),
    'queue.deleteView': ({ id }) => views.remove(id),
    'queue.setDefaultView': ({ view }) => views.setDefault(view),
    'queue.saveGrid': ({ view, grid }) => views.saveGrid(view, grid),
    'queue.rebuildSearch': () => Promise.resolve({ rows: search.rebuild() }),
  },
  liveQueries: {
    'queue.page': (params, emit, onError) => pages.watch(params, emit, onError),
    'queue.teamLoad': (_params, emit, onError) => pages.watchTeamLoad(emit, onError),
    'queue.settings': (_params, emit, onError) => liveFrom(views.watch(), (s) => s, emit, onError),
    'queue.filterOptions': (_params, emit, onError) => liveFrom(filterOptions$(db), toFilterOptions, emit, onError),
  },
});
