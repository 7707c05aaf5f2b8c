import type { partsApi } from '../../../shared/api/parts';
import type { SliceHandlers } from '../../core/router';
import type { PartsCommands } from './commands';
import type { createPartsQueries } from './queries';

export const partsHandlers = (commands: PartsCommands, queries: ReturnType<typeof createPartsQueries>): SliceHandlers<typeof partsApi> => ({
  commands: {
    'parts.book': (input) => commands.book(input),
    'parts.save': (input) => commands.savePart(input),
    'parts.move': (input) => commands.move(input),
    'suppliers.save': (input) => commands.saveSupplier(input),
  },
  liveQueries: {
    'parts.catalogue': (params, emit, onError) => queries.watchCatalogue(params, emit, onError),
    'parts.ticket': (params, emit, onError) => queries.watchTicket(params, emit, onError),
    'parts.stock': (params, emit, onError) => queries.watchStock(params, emit, onError),
    'suppliers.list': (_params, emit, onError) => queries.watchSuppliers(emit, onError),
    'suppliers.detail': (params, emit, onError) => queries.watchSupplier(params, emit, onError),
  },
});
