// @vitest-environment jsdom
import '../../../testing/setup';
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../../../shared/api/result';
import { aUser, signedIn } from '../../../testing/builders';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';

const transportWith = () =>
  new FakeTransport(
    { 'assets.noteUnknown': () => ok({ id: 'note-1', created: true }) },
    {
      'sync.status': localOnlyStatus,
      'session.current': signedIn(aUser({ roles: ['technician'] })),
      'assets.search': { rows: [], more: false },
      'assets.unknownCodes': [],
      // No asset here has any code.
      'assets.detail': null,
    },
  );

const openScan = async (locale: 'en' | 'zh-CN') => {
  const transport = transportWith();
  renderApp('/assets', { transport, locale });
  await screen.findByTestId('assets-page', {}, pageLoad);
  fireEvent.keyDown(window, { key: 'F2' });
  return { transport, input: await screen.findByTestId('scan-input') };
};

describe('the scan box', () => {
  it('refuses a 500-character scan with a message and looks nothing up', async () => {
    const { transport, input } = await openScan('en');
    fireEvent.change(input, { target: { value: 'A'.repeat(500) } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect((await screen.findByTestId('scan-help')).textContent).toBe('That is longer than any asset code (80 characters at most): scan the asset label again.');
    expect(transport.opened.filter((o) => o.name === 'assets.detail').map((o) => o.params)).toEqual([{ code: '' }]);
  });

  it('offers to note an unknown code for the asset team, in Chinese', async () => {
    const { transport, input } = await openScan('zh-CN');
    await userEvent.setup().type(input, 'AS-404{Enter}');
    expect((await screen.findByTestId('scan-unknown')).textContent).toContain('本机没有编码为“AS-404”的资产。');
    await userEvent.setup().click(screen.getByTestId('scan-note-unknown'));
    expect((await screen.findByTestId('scan-noted')).textContent).toBe('已记录，资产团队会处理。');
    expect(transport.calls).toEqual([{ name: 'assets.noteUnknown', input: { code: 'AS-404', source: 'scan', note: '' } }]);
  });
});
