// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { AuditLogEntry } from '../../../../../shared/api/admin';
import { ok } from '../../../../../shared/api/result';
import { aUser, signedIn } from '../../../testing/builders';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';
import { auditCsv } from './AuditPage';

const entry = (over: Partial<AuditLogEntry> = {}): AuditLogEntry => ({
  id: 7,
  at: '2026-11-30T01:00:00.000Z',
  action: 'login',
  outcome: 'failed',
  actorId: null,
  actor: 'tina',
  ip: '10.0.0.7',
  target: null,
  detail: { reason: 'wrong password' },
  ...over,
});

describe('AuditPage', () => {
  it('opens with the newest entries, searches with the filters, and translates outcomes', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport(
      {
        'admin.audit.query': () =>
          ok([entry(), entry({ id: 6, action: 'user.roles', outcome: 'ok', actor: 'root' })]),
      },
      { 'sync.status': localOnlyStatus, 'session.current': signedIn(aUser({ roles: ['admin'] })) },
    );
    renderApp('/admin/audit', { transport, locale: 'zh-CN' });
    expect(await screen.findByText('显示 2 条记录', {}, pageLoad)).toBeTruthy();
    expect(screen.getByText('失败')).toBeTruthy();
    await user.type(screen.getByTestId('audit-actor'), 'tina');
    await user.type(screen.getByTestId('audit-action'), 'login');
    await user.click(screen.getByTestId('audit-search'));
    await waitFor(() => expect(transport.calls).toHaveLength(2));
    expect(transport.calls.map((c) => c.input)).toEqual([
      { limit: 200 },
      { limit: 200, action: 'login', actor: 'tina' },
    ]);
  });

  it('exports every column, details as JSON, and never a cell a spreadsheet would run', () => {
    const csv = auditCsv([entry({ target: '=HYPERLINK("http://evil")' })]);
    const [header, row] = Papa.parse<string[]>(csv.trim()).data;
    expect(header).toEqual(['id', 'at', 'action', 'outcome', 'actor', 'actorId', 'ip', 'target', 'detail']);
    expect(row![7]).toBe(`'=HYPERLINK("http://evil")`);
    expect(JSON.parse(row![8]!)).toEqual({ reason: 'wrong password' });
  });
});
