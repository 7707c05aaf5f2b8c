import type { PersonRow, TeamRow } from '../../../../../shared/api/admin';

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
