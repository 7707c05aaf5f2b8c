import type { adminApi } from '../../../shared/api/admin';
import { DomainError } from '../../core/errors';
import { liveFrom } from '../../core/live';
import type { SliceHandlers } from '../../core/router';
import type { AdminService } from './admin';
import type { AdminCustomers } from './customers';
import type { EscalationDryRun } from './escalation';

export const adminHandlers = (admin: AdminService, customers: AdminCustomers, dryRun: EscalationDryRun): SliceHandlers<typeof adminApi> => ({
  commands: {
    'admin.people.create': async (input) => (await admin.send('createUser', { json: input })).user,
    'admin.people.update': async ({ id, change }) => (await admin.send('updateUser', { params: { id }, json: change })).user,
    'admin.teams.create': async (input) => ({ id: String((await admin.send('createTeam', { json: input })).team.id) }),
    'admin.teams.update': async ({ id, change }) => {
      try {
        return { id: String((await admin.send('updateTeam', { params: { id }, json: change })).team.id) };
      } catch (error) {
        // Retiring a team with open tickets is refused by the server; say how many there are.
        if (change.active === false && error instanceof DomainError && error.fields?.some((f) => f.path === 'active')) {
          throw new DomainError('VALIDATION_FAILED', error.message, [{ path: 'active', code: 'open_tickets', message: String(await admin.openTicketsOf(id)) }]);
        }
        throw error;
      }
    },
    'admin.audit.query': async (filters) => (await admin.send('auditLog', { query: filters })).entries,
    'admin.customers.import': ({ drafts }) => customers.importDrafts(drafts),
    'admin.customers.export': () => customers.exportRows(),
    'admin.customers.get': ({ id }) => customers.get(id),
    'admin.customers.save': ({ id, customer }) => customers.save(id, customer),
    'admin.policies.save': async (input) => {
      const { policy } = await admin.send('savePolicy', { json: input });
      return { id: String(policy.id), scheduledFrom: policy.active === false ? input.effectiveFrom : null };
    },
    'admin.policies.cancelSchedule': ({ id }) => admin.cancelScheduled(id),
    'admin.policies.rollback': async ({ id, change }) => ({ id: String((await admin.send('rollbackPolicy', { params: { id }, json: change })).policy.id) }),
    'admin.settings.save': async (input) => ({ id: String((await admin.send('saveSettings', { json: input })).settings.id) }),
    'admin.escalation.dryRun': ({ rules }) => dryRun(rules),
  },
  liveQueries: {
    'admin.people': (_params, emit, onError) => liveFrom(admin.people$(), (rows) => rows, emit, onError),
    'admin.teams': (_params, emit, onError) => liveFrom(admin.teams$(), (rows) => rows, emit, onError),
    'admin.customers.page': (params, emit, onError) => liveFrom(customers.page$(params), (page) => page, emit, onError),
    'admin.policies': ({ kind }, emit, onError) => liveFrom(admin.policies$(kind), (rows) => rows, emit, onError),
    'admin.policies.scheduled': ({ kind }, emit, onError) => liveFrom(admin.scheduled$(kind), (rows) => rows, emit, onError),
    'admin.settings': (_params, emit, onError) => liveFrom(admin.settings$(), (value) => value, emit, onError),
  },
});
