import type { assetsApi } from '../../../shared/api/assets';
import type { SliceHandlers } from '../../core/router';
import type { AssetCommands } from './commands';
import type { AssetQueries } from './queries';
import type { UnknownCodes } from './unknown';

export const assetsHandlers = (
  commands: AssetCommands,
  queries: AssetQueries,
  unknownCodes: UnknownCodes,
): SliceHandlers<typeof assetsApi> => ({
  commands: {
    'assets.save': (input) => commands.save(input),
    'assets.addLifecycle': (input) => commands.addLifecycle(input),
    'assets.addCustody': (input) => commands.addCustody(input),
    'assets.import.check': (input) => commands.checkImport(input.rows),
    'assets.import': (input) => commands.importRows(input.rows),
    'assets.noteUnknown': (input) => unknownCodes.note(input),
    'assets.dismissUnknown': (input) => unknownCodes.dismiss(input.id),
  },
  liveQueries: {
    'assets.search': (params, emit, onError) => queries.watchSearch(params, emit, onError),
    'assets.detail': (params, emit, onError) => queries.watchDetail(params, emit, onError),
    'assets.unknownCodes': (_params, emit, onError) => unknownCodes.watch(emit, onError),
    'assets.formOptions': (params, emit, onError) => queries.watchFormOptions(params, emit, onError),
  },
});
