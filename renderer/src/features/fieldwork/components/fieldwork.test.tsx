// @vitest-environment jsdom
import '../../../testing/setup';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../../shared/api/result';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import type { SignatureFieldProps } from './SignatureField';
import { SignOffDialog } from './SignOffDialog';
import { WorkLogForm } from './WorkLogForm';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const noop = () => undefined;
/** jsdom has no canvas: this pad "draws" when its button is pressed. */
const FakePad = ({ onChange, error }: SignatureFieldProps) => (
  <div>
    <button type="button" onClick={() => onChange({ points: 42, png: PNG })}>
      draw
    </button>
    {error && <span data-testid="signature-error">{error}</span>}
  </div>
);
const signed = { signatureEventId: 'e1', csatEventId: 'e2', visitId: 'v1' };

describe('sign-off dialog', () => {
  it('refuses an empty pad, no name and no score in English, storing nothing, then a score of 2 without a reason', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'fieldwork.signOff': () => ok(signed) });
    renderWithApp(<SignOffDialog ticketId="t1" open onClose={noop} Signature={FakePad} />, { transport });
    await user.click(screen.getByTestId('sign-off-submit'));
    expect((await screen.findByTestId('signature-error')).textContent).toBe(
      'The signature is empty: ask the customer to sign in the box.',
    );
    expect(screen.getByText('Enter the customer’s name.')).toBeTruthy();
    expect(screen.getByTestId('sign-off-score-error').textContent).toBe('Choose a score from 1 to 5.');
    await user.type(screen.getByTestId('sign-off-name'), '王建国');
    await user.click(screen.getByText('draw'));
    await user.click(screen.getByTestId('sign-off-score-2'));
    await user.click(screen.getByTestId('sign-off-submit'));
    expect(await screen.findByText('Give the reason for a score of 1 or 2.')).toBeTruthy();
    expect(transport.calls).toEqual([]);
    await user.type(screen.getByTestId('sign-off-reason'), 'waited two days');
    await user.click(screen.getByTestId('sign-off-submit'));
    await waitFor(() =>
      expect(transport.calls).toEqual([
        {
          name: 'fieldwork.signOff',
          input: {
            ticketId: 't1',
            signerName: '王建国',
            signaturePng: PNG,
            strokePoints: 42,
            score: 2,
            reason: 'waited two days',
          },
        },
      ]),
    );
  });

  it('says the same in Chinese, and shows main’s refusal of a signed visit', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({
      'fieldwork.signOff': () =>
        fail('CONFLICT', 'signed', [{ path: 'visitId', code: 'visit_signed', message: 'visit_signed' }]),
    });
    renderWithApp(<SignOffDialog ticketId="t1" open onClose={noop} Signature={FakePad} />, {
      transport,
      locale: 'zh-CN',
    });
    await user.click(screen.getByTestId('sign-off-score-1'));
    await user.click(screen.getByTestId('sign-off-submit'));
    expect((await screen.findByTestId('signature-error')).textContent).toBe('签名为空：请客户在框内签字。');
    expect(screen.getByText('请填写客户姓名。')).toBeTruthy();
    expect(screen.getByText('1 分或 2 分时请填写原因。')).toBeTruthy();
    await user.type(screen.getByTestId('sign-off-name'), '李工');
    await user.click(screen.getByText('draw'));
    await user.click(screen.getByTestId('sign-off-score-5'));
    await user.click(screen.getByTestId('sign-off-submit'));
    expect((await screen.findByTestId('sign-off-error')).textContent).toBe(
      '此次上门已由客户签字，不能修改，请另行记录更正。',
    );
    expect(transport.calls).toHaveLength(1);
  });
});

describe('work log form', () => {
  it('asks for minutes and an activity in English, then sends whole minutes', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({
      'fieldwork.logWork': () =>
        ok({
          eventId: 'e',
          at: '',
          authorId: 'a',
          authorName: 'A',
          workMinutes: 75,
          travelMinutes: 20,
          activity: 'x',
        }),
    });
    renderWithApp(<WorkLogForm ticketId="t1" />, { transport });
    await user.click(screen.getByTestId('work-log-add'));
    expect(await screen.findByText('Enter work or travel minutes.')).toBeTruthy();
    expect(screen.getByText('Say what was done.')).toBeTruthy();
    fireEvent.change(screen.getByTestId('work-log-work'), { target: { value: '2000' } });
    await user.click(screen.getByTestId('work-log-add'));
    expect(await screen.findByText('At most 1440 minutes (one day) per entry.')).toBeTruthy();
    expect(transport.calls).toEqual([]);
    fireEvent.change(screen.getByTestId('work-log-work'), { target: { value: '75' } });
    fireEvent.change(screen.getByTestId('work-log-travel'), { target: { value: '20' } });
    await user.type(screen.getByTestId('work-log-activity'), 'replaced the board');
    await user.click(screen.getByTestId('work-log-add'));
    await waitFor(() =>
      expect(transport.calls).toEqual([
        {
          name: 'fieldwork.logWork',
          input: { ticketId: 't1', workMinutes: 75, travelMinutes: 20, activity: 'replaced the board' },
        },
      ]),
    );
    await waitFor(() => expect((screen.getByTestId('work-log-activity') as HTMLInputElement).value).toBe(''));
  });

  it('says it in Chinese', async () => {
    const user = userEvent.setup();
    renderWithApp(<WorkLogForm ticketId="t1" />, { locale: 'zh-CN' });
    fireEvent.change(screen.getByTestId('work-log-work'), { target: { value: '-5' } });
    await user.click(screen.getByTestId('work-log-add'));
    expect(await screen.findByText('请填写 0 或以上的整数分钟。')).toBeTruthy();
    expect(screen.getByText('请填写工作内容。')).toBeTruthy();
  });
});
