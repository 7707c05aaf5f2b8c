// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../../../shared/api/result';
import { aJpeg, aPdf, notAnImage } from '../../../../../shared/domain/testing/blobs';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { AttachmentsPanel } from './AttachmentsPanel';

const usage = { usedBytes: 5 * 1024 * 1024, quotaBytes: 2 * 1024 ** 3, waitingUploads: 2 };
const transport = () =>
  new FakeTransport(
    { 'attachments.add': (input) => ok({ sha256: 'a'.repeat(64), sizeBytes: input.dataBase64.length, eventId: 'e1', alreadyStored: false }) },
    { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null }, 'attachments.usage': usage },
  );
const file = (bytes: Uint8Array<ArrayBuffer>, name: string, type: string, claimedSize?: number) => {
  const f = new File([bytes], name, { type });
  if (claimedSize !== undefined) Object.defineProperty(f, 'size', { value: claimedSize });
  return f;
};

describe('AttachmentsPanel', () => {
  it('refuses a 200 MB file and a file that claims to be a JPEG but is not, with clear messages, sending nothing', async () => {
    const t = transport();
    renderWithApp(<AttachmentsPanel ticketId="ticket-1" />, { transport: t });
    expect((await screen.findByTestId('attachments-usage')).textContent).toBe('2 files wait to be sent to the server · 5 MB of 2,048 MB used on this computer');
    const input = screen.getByTestId('attachments-input') as HTMLInputElement;
    await userEvent.upload(input, [file(aJpeg(4000), 'huge.jpg', 'image/jpeg', 200 * 1024 * 1024), file(notAnImage(4000), 'fake.jpg', 'image/jpeg')]);
    const problems = await screen.findByTestId('attachments-problems');
    expect(problems.textContent).toContain('huge.jpg: The file is larger than 100 MB. Nothing was added.');
    expect(problems.textContent).toContain('fake.jpg: Only photos (JPEG, PNG, WebP, GIF) and PDF files can be attached');
    expect(t.calls.filter((c) => c.name === 'attachments.add')).toEqual([]);
  });

  it('sends a PDF to main as it is, and says so in Chinese', async () => {
    const t = transport();
    renderWithApp(<AttachmentsPanel ticketId="ticket-1" />, { transport: t, locale: 'zh-CN' });
    expect(screen.getByRole('button', { name: '添加照片或文件' })).toBeTruthy();
    const pdf = aPdf(3000);
    await userEvent.upload(screen.getByTestId('attachments-input') as HTMLInputElement, file(pdf, 'report.pdf', 'application/pdf'));
    await waitFor(() => expect(screen.getByTestId('attachments-added').textContent).toBe('已添加 1 个文件'));
    const [call] = t.calls.filter((c) => c.name === 'attachments.add');
    expect(call?.input).toEqual({ ticketId: 'ticket-1', fileName: 'report.pdf', mimeType: 'application/pdf', dataBase64: Buffer.from(pdf).toString('base64') });
    await userEvent.upload(screen.getByTestId('attachments-input') as HTMLInputElement, file(aPdf(100, 2), 'big.pdf', 'application/pdf', 30 * 1024 * 1024));
    expect((await screen.findByTestId('attachments-problems')).textContent).toBe('big.pdf：文件超过 25 MB，未添加任何内容。');
  });
});

describe('attachment input messages', () => {
  it('are translated in both languages', async () => {
    const { addAttachmentInput } = await import('../../../../../shared/api/attachments');
    const { en, zhCN } = await import('../../../i18n/resources');
    const bad = addAttachmentInput.safeParse({ ticketId: 't', fileName: '', mimeType: 'text/html', dataBase64: '!!', caption: 'x'.repeat(501) });
    const keys = bad.success ? [] : bad.error.issues.map((i) => i.message);
    expect(keys).toEqual(expect.arrayContaining(['validation.fileNameRequired', 'validation.fileTypeRefused', 'validation.base64Invalid', 'validation.captionTooLong']));
    const lookup = (messages: object, path: string) => path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
    for (const key of ['validation.fileNameRequired', 'validation.fileNameTooLong', 'validation.fileTypeRefused', 'validation.fileTooLarge', 'validation.fileEmpty', 'validation.thumbnailTooLarge', 'validation.captionTooLong', 'validation.base64Invalid', 'validation.sha256Invalid']) {
      expect(lookup(en.common, key), key).toBeTypeOf('string');
      expect(lookup(zhCN.common, key), key).toBeTypeOf('string');
    }
  });
});
