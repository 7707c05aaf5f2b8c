// @vitest-environment jsdom
import '../../../testing/setup';
import { createEvent, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../../../../shared/api/result';
import { aJpeg, aPdf, aPng, notAnImage } from '../../../../../shared/domain/testing/blobs';
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

const quotaFull = () =>
  new FakeTransport(
    { 'attachments.add': () => fail('ATTACHMENT_QUOTA_FULL', 'attachments use 2147483000 of 2147483648 bytes; 3000 more do not fit') },
    { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null }, 'attachments.usage': { ...usage, usedBytes: 2 * 1024 ** 3 - 1000 } },
  );
const adds = (t: FakeTransport) => t.calls.filter((c) => c.name === 'attachments.add').map((c) => c.input);

describe('AttachmentsPanel: drop, paste and a full quota', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('adds files dropped onto the ticket, one add per file, showing the drop target while dragging', async () => {
    const t = transport();
    renderWithApp(<AttachmentsPanel ticketId="ticket-1" />, { transport: t });
    const panel = await screen.findByTestId('attachments-panel');
    const [first, second] = [aPdf(2000, 5), aPdf(2500, 6)];
    const dataTransfer = { types: ['Files'], files: [file(first, 'service-report.pdf', 'application/pdf'), file(second, 'wiring.pdf', 'application/pdf')] };
    fireEvent.dragEnter(panel, { dataTransfer });
    expect(screen.getByTestId('attachments-drop').textContent).toBe('Drop to attach to this ticket');
    const drop = createEvent.drop(panel, { dataTransfer });
    fireEvent(panel, drop);
    expect(drop.defaultPrevented).toBe(true);
    expect(screen.queryByTestId('attachments-drop')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('attachments-added').textContent).toBe('2 files added'));
    expect(adds(t)).toEqual([
      { ticketId: 'ticket-1', fileName: 'service-report.pdf', mimeType: 'application/pdf', dataBase64: Buffer.from(first).toString('base64') },
      { ticketId: 'ticket-1', fileName: 'wiring.pdf', mimeType: 'application/pdf', dataBase64: Buffer.from(second).toString('base64') },
    ]);
  });

  it('ignores a drag that carries no files (text dragged from the page)', async () => {
    const t = transport();
    renderWithApp(<AttachmentsPanel ticketId="ticket-1" />, { transport: t });
    const panel = await screen.findByTestId('attachments-panel');
    const dataTransfer = { types: ['text/plain'], files: [] };
    fireEvent.dragEnter(panel, { dataTransfer });
    expect(screen.queryByTestId('attachments-drop')).toBeNull();
    const drop = createEvent.drop(panel, { dataTransfer });
    fireEvent(panel, drop);
    expect(drop.defaultPrevented).toBe(false);
    expect(adds(t)).toEqual([]);
  });

  it('adds a pasted screenshot, downscaled to a JPEG with a thumbnail', async () => {
    // jsdom draws nothing: a 4000×3000 bitmap, and a canvas whose JPEG says which size it was drawn at.
    vi.stubGlobal('createImageBitmap', vi.fn(async () => ({ width: 4000, height: 3000, close: () => {} })));
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({ fillStyle: '', fillRect: () => {}, drawImage: () => {} } as unknown as ReturnType<HTMLCanvasElement['getContext']>);
    vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation(function (this: HTMLCanvasElement, callback: BlobCallback, type?: string) {
      callback(new Blob([`${type} ${this.width}x${this.height}`], { type }));
    });
    const t = transport();
    renderWithApp(<AttachmentsPanel ticketId="ticket-1" />, { transport: t });
    const panel = await screen.findByTestId('attachments-panel');
    const paste = createEvent.paste(panel, { clipboardData: { files: [file(aPng(3000), 'image.png', 'image/png')], items: [{ kind: 'file', type: 'image/png' }] } });
    fireEvent(panel, paste);
    expect(paste.defaultPrevented).toBe(true);
    await waitFor(() => expect(screen.getByTestId('attachments-added').textContent).toBe('1 file added'));
    expect(adds(t)).toEqual([
      {
        ticketId: 'ticket-1',
        fileName: 'image.jpg',
        mimeType: 'image/jpeg',
        dataBase64: Buffer.from('image/jpeg 2048x1536').toString('base64'),
        thumbnailBase64: Buffer.from('image/jpeg 320x240').toString('base64'),
      },
    ]);
  });

  it('leaves a paste of plain text alone', async () => {
    const t = transport();
    renderWithApp(<AttachmentsPanel ticketId="ticket-1" />, { transport: t });
    const panel = await screen.findByTestId('attachments-panel');
    const paste = createEvent.paste(panel, { clipboardData: { files: [], items: [{ kind: 'string', type: 'text/plain' }] } });
    fireEvent(panel, paste);
    expect(paste.defaultPrevented).toBe(false);
    expect(adds(t)).toEqual([]);
  });

  it('says clearly that this computer’s attachment space is full, in English', async () => {
    const t = quotaFull();
    renderWithApp(<AttachmentsPanel ticketId="ticket-1" />, { transport: t });
    await userEvent.upload(screen.getByTestId('attachments-input') as HTMLInputElement, file(aPdf(3000), 'report.pdf', 'application/pdf'));
    expect((await screen.findByTestId('attachments-problems')).textContent).toBe(
      "report.pdf: The space for attachments on this computer is full, so nothing was added. Ask your administrator to raise this computer's attachment limit.",
    );
    expect(adds(t)).toHaveLength(1);
    expect(screen.queryByTestId('attachments-added')).toBeNull();
  });

  it('says clearly that this computer’s attachment space is full, in Chinese, for a dropped file too', async () => {
    const t = quotaFull();
    renderWithApp(<AttachmentsPanel ticketId="ticket-1" />, { transport: t, locale: 'zh-CN' });
    const panel = await screen.findByTestId('attachments-panel');
    fireEvent.drop(panel, { dataTransfer: { types: ['Files'], files: [file(aPdf(3000), 'report.pdf', 'application/pdf')] } });
    expect((await screen.findByTestId('attachments-problems')).textContent).toBe('report.pdf：本机的附件空间已满，未添加任何内容。请联系管理员提高本机的附件空间上限。');
    expect(adds(t)).toHaveLength(1);
    expect(screen.queryByTestId('attachments-added')).toBeNull();
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
