// @vitest-environment jsdom
import '../../../testing/setup';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PackSubscriptionView } from '../../../../../shared/api/reportPacks';
import { ok } from '../../../../../shared/api/result';
import { formatFor } from '../../../i18n/format';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';
import { answerReports, reportData } from '../testing';

const now = Date.now();
const data = reportData(now);
const off: PackSubscriptionView = { allowed: true, active: false, mail: false, locale: 'en', latest: null };

const transportWith = (view: PackSubscriptionView) => {
  const transport: FakeTransport = new FakeTransport(
    {
      'reports.run': answerReports(data, now),
      'reportPacks.setSubscription': (input) => {
        const next = { ...view, ...input };
        // As main does: the stored record comes back through the live query.
        queueMicrotask(() => transport.emit('reportPacks.subscription', next));
        return ok(next);
      },
    },
    {
      'session.current': { user: null, serverUrl: null },
      'customers.directory': { rows: [], total: 0, myOverdue: [] },
      'reportPacks.subscription': view,
    },
  );
  return transport;
};

describe('PackSubscription on the dashboard', () => {
  it('subscribes to the monthly pack, then asks for it by mail too', async () => {
    const transport = transportWith(off);
    renderApp('/dashboard', { transport });
    const card = await screen.findByTestId('pack-subscription', {}, pageLoad);
    expect(within(card).getByRole('heading', { name: 'Monthly review pack' })).toBeTruthy();
    const mail = within(card).getByLabelText('Also by mail') as HTMLInputElement;
    expect(mail.disabled).toBe(true);
    fireEvent.click(within(card).getByLabelText('Monthly pack in notifications'));
    await waitFor(() => expect(transport.calls).toContainEqual({ name: 'reportPacks.setSubscription', input: { active: true, mail: false, locale: 'en' } }));
    await waitFor(() => expect((within(card).getByLabelText('Also by mail') as HTMLInputElement).disabled).toBe(false));
    fireEvent.click(within(card).getByLabelText('Also by mail'));
    await waitFor(() => expect(transport.calls).toContainEqual({ name: 'reportPacks.setSubscription', input: { active: true, mail: true, locale: 'en' } }));
    expect(await within(card).findByText(/address of your account/)).toBeTruthy();
  });

  it('in Chinese, with a link to the newest pack', async () => {
    const mail = { state: 'sent' as const, attempts: 1, sentAt: '2026-12-01T01:30:00.000Z', nextAttemptAt: null };
    const transport = transportWith({ ...off, active: true, locale: 'zh-CN', latest: { month: '2026-11', href: '/reports/review-pack?from=2026-11&to=2026-11&lang=zh-CN', mail } });
    renderApp('/dashboard', { transport, locale: 'zh-CN' });
    const card = await screen.findByTestId('pack-subscription', {}, pageLoad);
    expect(within(card).getByRole('heading', { name: '月度管理评审报告' })).toBeTruthy();
    expect((within(card).getByLabelText('在通知中接收月度报告') as HTMLInputElement).checked).toBe(true);
    expect(within(card).getByLabelText('同时发送邮件')).toBeTruthy();
    const link = within(card).getByTestId('pack-latest');
    expect(link.textContent).toBe('打开 2026-11 的报告');
    expect(link.getAttribute('href')).toBe('/reports/review-pack?from=2026-11&to=2026-11&lang=zh-CN');
    expect(within(card).getByTestId('pack-mail-state').textContent).toBe(`已于 ${formatFor('zh-CN').dateTime(mail.sentAt)} 发送邮件。`);
    fireEvent.click(within(card).getByLabelText('在通知中接收月度报告'));
    await waitFor(() => expect(transport.calls).toContainEqual({ name: 'reportPacks.setSubscription', input: { active: false, mail: false, locale: 'zh-CN' } }));
  });

  it('says when the mail of the newest pack failed and when it is tried again, or that it is not (English)', async () => {
    const latest = { month: '2026-11', href: '/reports/review-pack?from=2026-11&to=2026-11&lang=en' };
    const retrying = { state: 'failed' as const, attempts: 3, sentAt: null, nextAttemptAt: '2026-12-01T10:00:00.000Z' };
    const view = renderApp('/dashboard', { transport: transportWith({ ...off, active: true, mail: true, latest: { ...latest, mail: retrying } }) });
    const card = await screen.findByTestId('pack-subscription', {}, pageLoad);
    expect(within(card).getByTestId('pack-mail-state').textContent).toBe(
      `Mail not sent after 3 tries; trying again ${formatFor('en').dateTime(retrying.nextAttemptAt)}. The pack stays here.`,
    );
    view.unmount();
    renderApp('/dashboard', { transport: transportWith({ ...off, active: true, mail: true, latest: { ...latest, mail: { ...retrying, attempts: 8, nextAttemptAt: null } } }) });
    const again = await screen.findByTestId('pack-subscription', {}, pageLoad);
    expect(within(again).getByTestId('pack-mail-state').textContent).toBe('Mail not sent after 8 tries; no more tries. Open the pack here.');
  });

  it('is not offered to those who may not subscribe', async () => {
    const transport = transportWith({ ...off, allowed: false });
    renderApp('/dashboard', { transport });
    await screen.findByTestId('tile-open', {}, pageLoad);
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(screen.queryByTestId('pack-subscription')).toBeNull();
  });
});
