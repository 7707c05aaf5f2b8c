// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';
import { roundView } from '../components/test-fixtures';

const transport = () => new FakeTransport({}, { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null }, 'maintenance.round': roundView });

describe('RoundReportPage', () => {
  it('lists every asset’s readings with range and result, in the language asked for (English)', async () => {
    renderApp('/maintenance/rounds/r1/report?lang=en', { transport: transport() });
    const report = await screen.findByTestId('round-report', {}, pageLoad);
    expect(screen.getByRole('heading', { name: 'Inspection round report' })).toBeTruthy();
    const rows = report.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(4);
    expect(rows[0]!.textContent).toBe('OLT-0001Optical receive power-31.5 dBm-28 … -8 dBmFault');
    await waitFor(() => expect(report.getAttribute('data-report-ready')).toBe('true'));
  });
  it('in Chinese (zh-CN)', async () => {
    renderApp('/maintenance/rounds/r1/report?lang=zh-CN', { transport: transport(), locale: 'zh-CN' });
    expect(await screen.findByRole('heading', { name: '巡检报告' }, pageLoad)).toBeTruthy();
    expect(screen.getAllByText('光接收功率')).toHaveLength(2);
  });
});
