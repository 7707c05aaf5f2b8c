import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPolicy, newId } from '../../../shared/domain/testing/builders';
import { openDatabase, type CimsDatabase } from '../../db/open';
import { createAdminService } from './admin';

// Policy versions as the SLA and calendar tabs read them from a real SQLite store.
describe('policy versions in main', () => {
  let dir: string;
  let db: CimsDatabase;
  const old = aPolicy('sla', { id: newId(), name: 'SLA v1', active: false, createdAt: '2026-01-01T00:00:00.000Z' });
  const current = aPolicy('sla', { id: newId(), name: 'SLA v2', createdAt: '2026-03-01T00:00:00.000Z' });
  const older = aPolicy('sla', { id: newId(), name: 'SLA v0', active: false, createdAt: '2025-06-01T00:00:00.000Z' });
  const calendar = aPolicy('calendar', { id: newId() });
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-admin-policies-'));
    db = await openDatabase({ directory: dir });
    await db.policies.bulkInsert([old, current, older, calendar, aPolicy('priority', { id: newId() })]);
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists one kind: the version in force first, then the superseded ones newest first', async () => {
    const admin = createAdminService(db, () => null);
    expect((await firstValueFrom(admin.policies$('sla'))).map((p) => p.name)).toEqual(['SLA v2', 'SLA v1', 'SLA v0']);
    expect((await firstValueFrom(admin.policies$('calendar'))).map((p) => p.id)).toEqual([calendar.id]);
  });

  it('refuses to save a version when nobody is signed in to the server', async () => {
    const admin = createAdminService(db, () => null);
    await expect(admin.send('savePolicy', { json: { replaces: null, effectiveFrom: '2026-11-30', draft: { kind: 'calendar', name: 'x', calendar: calendar.calendar } } })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
