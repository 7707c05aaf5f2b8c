// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../../shared/api/result';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import type { SignatureFieldProps } from '../../fieldwork/components/SignatureField';
import { SignOffPanel } from './SignOffPanel';
import { summary } from './test-fixtures';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
/** jsdom has no canvas: this pad "draws" when its button is pressed. */
const FakePad = ({ onChange }: SignatureFieldProps) => (
  <button type="button" onClick={() => onChange({ points: 42, png: PNG })}>
    draw
  </button>
);

describe('SignOffPanel', () => {
  it('needs a name and a signature, then signs the round off (English)', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'maintenance.signOff': () => ok({ ...summary, status: 'done' }) });
    renderWithApp(<SignOffPanel roundId="r1" missing={0} Signature={FakePad} />, { transport });
    const submit = screen.getByTestId('signoff-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    await user.type(screen.getByTestId('signoff-signer'), 'Customer Wu');
    expect(submit.disabled).toBe(true);
    await user.click(screen.getByText('draw'));
    await user.click(submit);
    await waitFor(() => expect(transport.calls).toEqual([{ name: 'maintenance.signOff', input: { roundId: 'r1', signerName: 'Customer Wu', signaturePng: PNG } }]));
  });
  it('warns of missing readings and shows main’s refusal (zh-CN)', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'maintenance.signOff': () => fail('VALIDATION_FAILED', 'x', [{ path: 'roundId', code: 'readings_missing', message: 'errors.readings_missing' }]) });
    renderWithApp(<SignOffPanel roundId="r1" missing={3} Signature={FakePad} />, { transport, locale: 'zh-CN' });
    expect(screen.getByText('缺少 3 个读数')).toBeTruthy();
    await user.type(screen.getByTestId('signoff-signer'), '吴先生');
    await user.click(screen.getByText('draw'));
    await user.click(screen.getByTestId('signoff-submit'));
    expect((await screen.findByTestId('signoff-error')).textContent).toBe('还有读数未填写。');
  });
});
