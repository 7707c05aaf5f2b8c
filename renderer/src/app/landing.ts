import { ROLES, type Role } from '../../../shared/schema/enums';

/**
 * Where each role lands when the app opens (UI.md's table): a technician on their own open
 * tickets, engineers and experts on their team's queue, a manager on the dashboard, an
 * assessor on the assessment cycles (the running one first), an admin on administration.
 * A device nobody signed in to yet lands on the tickets kept on it.
 */
const landing: Record<Role, string> = {
  technician: '/queue/mine',
  engineer: '/queue/team',
  expert: '/queue/team',
  manager: '/dashboard',
  assessor: '/assessments',
  admin: '/admin',
};

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export const landingFor = (roles: readonly string[] | undefined): string => {
  const first = roles?.find(isRole);
  return first ? landing[first] : '/tickets';
};
