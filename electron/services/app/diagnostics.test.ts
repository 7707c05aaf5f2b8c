import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostics } from '../../../shared/api/app';
import type { Result } from '../../../shared/api/result';
import { aTicket } from '../../../shared/domain/testing/builders';
import { SYNC_PROTOCOL_VERSION } from '../../../shared/sync/protocol';
import { createCore, type Core } from '../../core/core';

describe('diagnostics for support', () => {
  let dir: string;
  let core: Core;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-diag-'));
    core = await createCore({ dataDir: dir, shell: 'harness', version: '4.5.6' });
  });
  afterAll(async () => {
    await core?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives versions, platform, store size and counts and the sync state, and nothing personal', async () => {
    const ticket = aTicket({ title: '光缆中断 at 张三 site', contact: { name: '张三', phone: '+86 138 0000 0000' } });
    await core.db.tickets.insert(ticket);
    const result = (await core.router.dispatch('app.diagnostics', {})) as Result<Diagnostics>;
    if (!result.ok) throw new Error(result.error.message);
    const d = result.value;
    expect(d.app).toEqual({ version: '4.5.6', shell: 'harness', syncProtocol: SYNC_PROTOCOL_VERSION });
    expect(d.platform.os).toBe(process.platform);
    expect(d.platform.electron).toBeNull();
    expect(d.store.documents.tickets).toBe(1);
    expect(d.store.documents.people).toBe(0);
    expect(d.store.bytes).toBeGreaterThan(0);
    expect(d.sync).toMatchObject({ state: 'local-only', signedIn: false, pendingLocalChanges: 0, lastErrorCode: null });
    const text = JSON.stringify(d);
    for (const personal of ['张三', '光缆', '138', ticket.id, dir]) expect(text).not.toContain(personal);
  });

  it('refuses input it does not take', async () => {
    const result = await core.router.dispatch('app.diagnostics', { verbose: true });
    expect(result.ok).toBe(false);
  });
});
