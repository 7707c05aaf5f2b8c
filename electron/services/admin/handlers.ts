import type { adminApi } from '../../../shared/api/admin';
import { liveFrom } from '../../core/live';
import type { SliceHandlers } from '../../core/router';
import type { AdminService } from './admin';
import type { AdminCustomers } from './customers';

export const adminHandlers = (admin: AdminService, customers: AdminCustomers): SliceHandlers<typeof adminApi> => ({
  commands: {
    'admin.people.create': async (input) => (await admin.send('createUser', { json: input })).user,
    'admin.people.update': async ({ id, change }) => (await admin.send('updateUser', { params: { id }, json: change })).user,
    'admin.teams.create': async (input) => ({ id: String((await admin.send('createTeam', { json: input })).team.id) }),
    'admin.teams.update': async ({ id, change }) => ({ id: String((await admin.send('updateTeam', { params: { id }, json: change })).team.id) }),
    'admin.audit.query': async (filters) => (await admin.send('auditLog', { query: filters })).entries,
    'admin.customers.import': ({ drafts }) => customers.importDrafts(drafts),
    'admin.customers.export': () => customers.exportRows(),
  },
  liveQueries: {
    'admin.people': (_params, emit, onError) => liveFrom(admin.people$(), (rows) => rows, emit, onError),
    'admin.teams': (_params, emit, onError) => liveFrom(admin.teams$(), (rows) => rows, emit, onError),
    'admin.customers.page': (params, emit, onError) => liveFrom(customers.page$(params), (page) => page, emit, onError),
  },
});
