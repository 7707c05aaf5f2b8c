import type { customersApi } from '../../../shared/api/customers';
import type { SliceHandlers } from '../../core/router';
import type { CustomerAccounts } from './accounts';

export const customersHandlers = (accounts: CustomerAccounts): SliceHandlers<typeof customersApi> => ({
  commands: {
    'customers.logContact': (input) => accounts.logContact(input),
    'customers.savePlan': (input) => accounts.savePlan(input),
  },
  liveQueries: {
    'customers.directory': (params, emit, onError) => accounts.watchDirectory(params, emit, onError),
    'customers.account': (params, emit, onError) => accounts.watchAccount(params.id, emit, onError),
  },
});
