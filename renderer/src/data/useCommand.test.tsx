// @vitest-environment jsdom
import '../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../../shared/api/result';
import type { TicketSummary } from '../../../shared/api/tickets';
import { aTicketSummary } from '../testing/builders';
import { FakeTransport } from '../testing/fake-transport';
import { renderWithApp } from '../testing/render';
import { useCommand, type CommandOptions } from './useCommand';

const input = { title: 'Fibre cut', severity: 'major', type: 'fault', channel: 'phone', newCustomerName: 'Shenzhen Metro', contact: { name: 'Zhang' }, problemReport: true } as const;

const Create = (options: CommandOptions<'tickets.create'>) => {
  const command = useCommand('tickets.create', options);
  return (
    <>
      <button type="button" onClick={() => void command.run(input)}>
        run
      </button>
      <button type="button" onClick={command.reset}>
        reset
      </button>
      <output data-testid="state">
        {command.pending ? 'pending' : 'idle'}/{command.result?.number ?? '-'}/{command.error?.code ?? '-'}
      </output>
    </>
  );
};

/** A handler whose answer the test releases when it wants. */
const deferred = () => {
  let release: (result: Result<TicketSummary>) => void = () => undefined;
  const answer = new Promise<Result<TicketSummary>>((resolve) => {
    release = resolve;
  });
  return { answer, release: (result: Result<TicketSummary>) => release(result) };
};

describe('useCommand', () => {
  it('is pending while the command is in flight, then holds the result', async () => {
    const user = userEvent.setup();
    const later = deferred();
    const transport = new FakeTransport({ 'tickets.create': () => later.answer });
    renderWithApp(<Create />, { transport });
    expect(screen.getByTestId('state').textContent).toBe('idle/-/-');
    await user.click(screen.getByRole('button', { name: 'run' }));
    expect(screen.getByTestId('state').textContent).toBe('pending/-/-');
    expect(transport.calls).toEqual([{ name: 'tickets.create', input }]);
    later.release(ok(aTicketSummary({ number: 'T-000007' })));
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('idle/T-000007/-'));
    await user.click(screen.getByRole('button', { name: 'reset' }));
    expect(screen.getByTestId('state').textContent).toBe('idle/-/-');
  });

  it('shows the success message the caller gives in the snackbar', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'tickets.create': () => ok(aTicketSummary({ number: 'T-000008' })) });
    renderWithApp(<Create success={(ticket) => `made ${ticket.number}`} />, { transport });
    await user.click(screen.getByRole('button', { name: 'run' }));
    expect(await screen.findByText('made T-000008')).toBeTruthy();
  });

  it("by default shows a failure in the snackbar in the user's language, never the core's message", async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'tickets.create': () => fail('FORBIDDEN', 'role technician may not') });
    renderWithApp(<Create />, { transport, locale: 'zh-CN' });
    await user.click(screen.getByRole('button', { name: 'run' }));
    expect(await screen.findByText('您无权执行此操作。')).toBeTruthy();
    expect(screen.getByTestId('state').textContent).toBe('idle/-/FORBIDDEN');
    expect(screen.queryByText('role technician may not')).toBeNull();
  });

  it('shows the failure in English for an English user', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'tickets.create': () => fail('FORBIDDEN', 'role technician may not') });
    renderWithApp(<Create errors="notify" />, { transport });
    await user.click(screen.getByRole('button', { name: 'run' }));
    expect(await screen.findByText('You are not allowed to do this.')).toBeTruthy();
  });

  it("leaves an 'inline' failure to the caller: no snackbar", async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'tickets.create': () => fail('FORBIDDEN', 'role technician may not') });
    renderWithApp(<Create errors="inline" />, { transport });
    await user.click(screen.getByRole('button', { name: 'run' }));
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('idle/-/FORBIDDEN'));
    // Give a snackbar the time it would take to appear.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByText('You are not allowed to do this.')).toBeNull();
  });

  it('clears an earlier error when the command runs again', async () => {
    const user = userEvent.setup();
    const answers = [fail('CONFLICT', 'changed'), ok(aTicketSummary({ number: 'T-000009' }))];
    const transport = new FakeTransport({ 'tickets.create': () => answers.shift() as Result<TicketSummary> });
    renderWithApp(<Create errors="inline" />, { transport });
    await user.click(screen.getByRole('button', { name: 'run' }));
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('idle/-/CONFLICT'));
    await user.click(screen.getByRole('button', { name: 'run' }));
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('idle/T-000009/-'));
  });
});
