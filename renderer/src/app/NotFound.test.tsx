// @vitest-environment jsdom
import '../testing/setup';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../testing/render';
import { pageLoad } from '../testing/timeouts';

describe('NotFound', () => {
  it('says in English that there is no page at the path, and leads back to the start', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/no/such/page');
    const panel = await screen.findByTestId('not-found');
    expect(panel.textContent).toContain('Page not found');
    expect(panel.textContent).toContain('There is no page at #/no/such/page.');
    await user.click(screen.getByRole('link', { name: 'Go to the start page' }));
    // The start page sends the user on to their landing page.
    await screen.findByRole('heading', { name: 'Tickets', level: 1 }, pageLoad);
    expect(router?.state.location.pathname).toBe('/tickets');
  });

  it('says the same in Chinese', async () => {
    renderApp('/no/such/page', { locale: 'zh-CN' });
    const panel = await screen.findByTestId('not-found');
    expect(panel.textContent).toContain('找不到页面');
    expect(panel.textContent).toContain('#/no/such/page 没有对应的页面。');
    expect(screen.getByRole('link', { name: '回到首页' })).toBeTruthy();
  });
});
