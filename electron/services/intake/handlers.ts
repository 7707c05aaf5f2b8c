import type { intakeApi } from '../../../shared/api/intake';
import type { SliceHandlers } from '../../core/router';
import type { createIntakeQueries } from './queries';

export const intakeHandlers = (queries: ReturnType<typeof createIntakeQueries>): SliceHandlers<typeof intakeApi> => ({
  commands: {},
  liveQueries: {
    'intake.customers': (params, emit, onError) => queries.watchCustomers(params, emit, onError),
    'intake.asset': (params, emit, onError) => queries.watchAsset(params, emit, onError),
    'intake.preview': (params, emit, onError) => queries.watchPreview(params, emit, onError),
  },
});
