// @vitest-environment jsdom
import '../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aUser, signedIn } from '../testing/builders';
import { FakeTransport, localOnlyStatus } from '../testing/fake-transport';
import { renderApp } from '../testing/render';
import { pageLoad } from '../testing/timeouts';

describe('Landing', () => {
  it('sends a signed-out user from / to the ticket list', async () => {
    const { router } = renderApp('/');
    await waitFor(() => expect(router?.state.location.pathname).toBe('/tickets'));
    await screen.findByRole('heading', { name: 'Tickets', level: 1 }, pageLoad);
  });

  it('sends a signed-in manager to the start page of their role', async () => {
    const transport = new FakeTransport({}, { 'sync.status': localOnlyStatus, 'session.current': signedIn(aUser({ roles: ['manager'] })) });
    const { router } = renderApp('/', { transport });
    // The dashboard's page (charts) loads lazily: allow it the page-load time.
    await waitFor(() => expect(router?.state.location.pathname).toBe('/dashboard'), pageLoad);
  });

  it.each([
    ['technician', '/queue/mine'],
    ['engineer', '/queue/team'],
    ['expert', '/queue/team'],
    ['assessor', '/assessments'],
    ['admin', '/admin/people'],
  ] as const)('sends a signed-in %s where UI.md says (%s)', async (role, path) => {
    const transport = new FakeTransport({}, { 'sync.status': localOnlyStatus, 'session.current': signedIn(aUser({ roles: [role] })) });
    const { router } = renderApp('/', { transport });
    await waitFor(() => expect(router?.state.location.pathname).toBe(path), pageLoad);
  });

  it('shows the page skeleton until the session is known', () => {
    // No session value: the query stays loading.
    const transport = new FakeTransport({}, { 'sync.status': localOnlyStatus });
    const { router } = renderApp('/', { transport });
    expect(screen.getByTestId('page-skeleton')).toBeTruthy();
    expect(router?.state.location.pathname).toBe('/');
  });
});
