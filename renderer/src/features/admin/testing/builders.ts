import type { PersonRow, TeamRow } from '../../../../../shared/api/admin';
import { DEFAULT_CALENDAR, DEFAULT_SLA_TARGETS } from '../../../../../shared/domain/defaults';
import type { PolicyOf } from '../../../../../shared/schema';

/** Rows of the admin lists for component tests. */
export const aPerson = (over: Partial<PersonRow> = {}): PersonRow => ({
  id: 'p-tina',
  username: 'tina',
  displayName: 'Tina Tech',
  roles: ['technician'],
  title: 'staff',
  teamId: 't-east',
  teamName: 'Field East',
  managerId: null,
  managerName: null,
  region: 'CN-East',
  active: true,
  ...over,
});

export const aTeam = (over: Partial<TeamRow> = {}): TeamRow => ({
  id: 't-east',
  name: 'Field East',
  level: 'L1',
  function: 'field',
  region: 'CN-East',
  managerId: null,
  managerName: null,
  leadId: null,
  leadName: null,
  members: 1,
  active: true,
  ...over,
});

/** Policy versions as the admin.policies live query gives them. */
export const anSlaPolicy = (over: Partial<PolicyOf<'sla'>> = {}): PolicyOf<'sla'> => ({
  id: 'sla-1',
  createdAt: '2026-09-01T00:00:00.000Z',
  updatedAt: '2026-09-01T00:00:00.000Z',
  name: 'Default SLA',
  active: true,
  kind: 'sla',
  sla: { customerId: null, warningRatio: 0.75, targets: DEFAULT_SLA_TARGETS },
  ...over,
});

export const aCalendarPolicy = (over: Partial<PolicyOf<'calendar'>> = {}): PolicyOf<'calendar'> => ({
  id: 'cal-1',
  createdAt: '2026-09-01T00:00:00.000Z',
  updatedAt: '2026-09-01T00:00:00.000Z',
  name: 'China East calendar',
  active: true,
  kind: 'calendar',
  calendar: { ...DEFAULT_CALENDAR, region: 'CN-East' },
  ...over,
});
