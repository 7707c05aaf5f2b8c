// @vitest-environment jsdom
import '../../../testing/setup';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FieldworkPanel as PanelData, VisitView } from '../../../../../shared/api/fieldwork';
import { fail, ok } from '../../../../../shared/api/result';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { CorrectVisitDialog } from './CorrectVisitDialog';
import { FieldworkPanel } from './FieldworkPanel';

const noop = () => undefined;
/** A `datetime-local` value for an ISO time, in the test's time zone (as the dialog shows it). */
const local = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

const signed: VisitView = {
  id: 'v1',
  status: 'signed',
  technicianId: 'u1',
  technicianName: 'Zhang San',
  siteName: null,
  travelStartedAt: null,
  checkInAt: '2026-03-02T02:00:00.000Z',
  checkOutAt: '2026-03-02T02:40:00.000Z',
  travelMinutes: 10,
  onSiteMinutes: 40,
  note: '',
  signedAt: '2026-03-02T02:40:00.000Z',
  corrected: false,
  signedValues: null,
  corrections: [],
  mayCorrect: true,
  mine: true,
};

describe('correcting a signed visit', () => {
  it('sends only what changed with the reason, after refusing no change and no reason, in English', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'fieldwork.correctVisit': () => ok({ ...signed, corrected: true }) });
    let closed = 0;
    renderWithApp(<CorrectVisitDialog visit={signed} onClose={() => (closed += 1)} />, { transport });
    expect(screen.getByRole('heading', { name: 'Correct a signed visit' })).toBeTruthy();
    expect((screen.getByTestId('correct-checkOutAt') as HTMLInputElement).value).toBe(local(signed.checkOutAt!));
    expect((screen.getByTestId('correct-travelMinutes') as HTMLInputElement).value).toBe('10');

    await user.click(screen.getByTestId('correct-submit'));
    expect(await screen.findByText('Change a time or the travel minutes first.')).toBeTruthy();
    expect(screen.getByText('Say why the visit is corrected.')).toBeTruthy();
    fireEvent.change(screen.getByTestId('correct-travelMinutes'), { target: { value: '-3' } });
    // A change answers "nothing changed"; the missing reason stays said until it is typed.
    expect(screen.queryByText('Change a time or the travel minutes first.')).toBeNull();
    expect(screen.getByText('Say why the visit is corrected.')).toBeTruthy();
    await user.click(screen.getByTestId('correct-submit'));
    expect(await screen.findByText('Enter whole minutes, 0 or more.')).toBeTruthy();
    expect(transport.calls).toEqual([]);

    const leftAt = '2026-03-02T02:55:00.000Z';
    fireEvent.change(screen.getByTestId('correct-travelMinutes'), { target: { value: '10' } });
    fireEvent.change(screen.getByTestId('correct-checkOutAt'), { target: { value: local(leftAt) } });
    await user.type(screen.getByTestId('correct-reason'), 'tapped check-out too early');
    await user.click(screen.getByTestId('correct-submit'));
    await waitFor(() =>
      expect(transport.calls).toEqual([
        {
          name: 'fieldwork.correctVisit',
          input: { visitId: 'v1', checkInAt: null, checkOutAt: leftAt, travelMinutes: null, reason: 'tapped check-out too early' },
        },
      ]),
    );
    await waitFor(() => expect(closed).toBe(1));
  });

  it('says it in Chinese, and shows main’s refusal', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({
      'fieldwork.correctVisit': () =>
        fail('VALIDATION_FAILED', 'checkOutAt', [
          { path: 'checkOutAt', code: 'check_out_before_check_in', message: 'check_out_before_check_in' },
        ]),
    });
    renderWithApp(<CorrectVisitDialog visit={signed} onClose={noop} />, { transport, locale: 'zh-CN' });
    expect(screen.getByRole('heading', { name: '更正已签字的上门记录' })).toBeTruthy();
    await user.click(screen.getByTestId('correct-submit'));
    expect(await screen.findByText('请先修改时间或路途分钟数。')).toBeTruthy();
    expect(screen.getByText('请说明更正原因。')).toBeTruthy();
    fireEvent.change(screen.getByTestId('correct-travelMinutes'), { target: { value: '25' } });
    await user.type(screen.getByTestId('correct-reason'), '路途时间记错');
    await user.click(screen.getByTestId('correct-submit'));
    expect((await screen.findByTestId('correct-error')).textContent).toBe('签退时间不能早于签到时间。');
  });
});

describe('corrections in the field work panel', () => {
  const corrected: VisitView = {
    ...signed,
    checkOutAt: '2026-03-02T02:55:00.000Z',
    travelMinutes: 30,
    onSiteMinutes: 55,
    corrected: true,
    signedValues: { checkInAt: signed.checkInAt, checkOutAt: signed.checkOutAt, travelMinutes: 10 },
    corrections: [
      {
        id: 'c1',
        authorName: 'Wang Wu',
        at: '2026-03-02T03:30:00.000Z',
        checkInAt: null,
        checkOutAt: '2026-03-02T02:55:00.000Z',
        travelMinutes: 30,
        reason: 'left later',
      },
    ],
  };
  const panel = (visits: VisitView[]): PanelData => ({
    ticketId: 't1',
    visits,
    workLogs: [],
    totals: { visits: visits.length, workMinutes: 0, travelMinutes: 30, onSiteMinutes: 55, byPerson: [] },
    signOff: null,
    myOpenVisitId: null,
    reports: [],
  });
  const show = (visits: VisitView[], locale: 'en' | 'zh-CN') =>
    renderWithApp(<FieldworkPanel ticketId="t1" />, {
      transport: new FakeTransport(
        {},
        { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null }, 'fieldwork.panel': panel(visits) },
      ),
      locale,
    });

  it('shows the signed values and each correction beside the visit, and opens the dialog, in English', async () => {
    const user = userEvent.setup();
    show([corrected], 'en');
    const row = await screen.findByTestId('visit-row');
    expect(within(row).getByText('corrected')).toBeTruthy();
    expect(within(row).getByTestId('visit-signed-values').textContent).toMatch(/^As signed: .+ – .+, travel 10 min$/);
    expect(within(row).getByTestId('visit-correction').textContent).toMatch(
      /^Wang Wu corrected on .+: check-out .+, travel 30 min\. Reason: left later$/,
    );
    await user.click(within(row).getByTestId('visit-correct'));
    expect(await screen.findByRole('heading', { name: 'Correct a signed visit' })).toBeTruthy();
  });

  it('offers no correction where the visit is not signed or the role may not, in Chinese', async () => {
    show([{ ...corrected, mayCorrect: false }, { ...signed, id: 'v2', status: 'closed', mayCorrect: false }], 'zh-CN');
    const rows = await screen.findAllByTestId('visit-row');
    expect(rows).toHaveLength(2);
    expect(screen.queryByTestId('visit-correct')).toBeNull();
    expect(within(rows[0]!).getByTestId('visit-correction').textContent).toMatch(
      /^Wang Wu 于 .+ 更正：签退 .+，路途 30 分钟。原因：left later$/,
    );
    expect(within(rows[0]!).getByTestId('visit-signed-values').textContent).toMatch(/^签字时：.+，路途 10 分钟$/);
  });
});
