// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../testing/render';
import { ComplianceTable } from './ComplianceTable';
import { figures } from './test-fixtures';

describe('ComplianceTable', () => {
  it('shows on time, late, missed, open and the on-time rate (English)', () => {
    renderWithApp(<ComplianceTable rows={[...figures, { key: 'x', label: 'Nobody yet', onTime: 0, late: 0, missed: 0, open: 1, rate: null }]} by="team" />);
    const table = screen.getByTestId('compliance-team');
    const rows = within(table).getAllByRole('row');
    expect(rows[1]!.textContent).toBe('East field310275%');
    expect(rows[2]!.textContent).toBe('Nobody yet0001–');
  });
  it('in Chinese (zh-CN)', () => {
    renderWithApp(<ComplianceTable rows={figures} by="month" />, { locale: 'zh-CN' });
    expect(screen.getByText('按时率')).toBeTruthy();
    expect(screen.getByText('月份')).toBeTruthy();
  });
});
