import { ROLES, type Role } from '../../../shared/schema/enums';

/**
 * Where each role lands when the app opens (UI.md). Screens not built yet land on the
 * ticket list, so every role starts somewhere useful.
 */
const landing: Record<Role, string> = {
  technician: '/tickets',
  engineer: '/tickets',
  expert: '/tickets',
  manager: '/dashboard',
  assessor: '/tickets',
  admin: '/tickets',
};

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export const landingFor = (roles: readonly string[] | undefined): string => {
  const first = roles?.find(isRole);
  return first ? landing[first] : '/tickets';
};
