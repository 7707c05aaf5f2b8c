import { describe, expect, it } from 'vitest';
import { orgSettingsAccess } from './organisation';
import type { CimsContext } from '../context';

// Devices never push organisation settings: only the audited admin route writes them.
describe('organisation settings access', () => {
  const admin = { roles: new Set(['admin']), me: 'root' } as unknown as CimsContext;
  const record = { id: 'r1', kind: 'orgSettings', ref: '', ref2: '', status: 'saved', body: {} };

  it('lets everyone read and nobody push, admins included', () => {
    expect(orgSettingsAccess.canRead(admin, record)).toBe(true);
    expect(orgSettingsAccess.canWrite(admin, null, record, false).allowed).toBe(false);
    expect(orgSettingsAccess.canWrite(admin, record, { ...record, body: { name: 'x' } }, false).allowed).toBe(false);
  });
});
