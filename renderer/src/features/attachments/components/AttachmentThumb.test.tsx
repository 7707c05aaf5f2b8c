// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttachmentItem } from '../../../../../shared/api/attachments';
import { fail, ok } from '../../../../../shared/api/result';
import { aPdf } from '../../../../../shared/domain/testing/blobs';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { AttachmentThumb } from './AttachmentThumb';

const sha256 = 'b'.repeat(64);
const report = { sha256, fileName: 'service-report-T-000123.pdf', mimeType: 'application/pdf', caption: 'Signed service report' };
const pdf = aPdf(4000, 7);
const item: AttachmentItem = { sha256, local: true, thumbnail: null, upload: 'uploaded', uploadError: null };
const live = { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null }, 'attachments.item': item };

// jsdom has no object URLs: remember what the viewer made one of.
let made: Blob[] = [];
let revoked: string[] = [];
const { createObjectURL, revokeObjectURL } = URL;
beforeEach(() => {
  made = [];
  revoked = [];
  URL.createObjectURL = (blob: Blob) => (made.push(blob), `blob:attachment-${made.length}`);
  URL.revokeObjectURL = (url: string) => void revoked.push(url);
});
afterEach(() => {
  URL.createObjectURL = createObjectURL;
  URL.revokeObjectURL = revokeObjectURL;
});

describe('AttachmentThumb', () => {
  it('opens the service report with its hash and offers exactly its bytes under its name for saving', async () => {
    const transport = new FakeTransport({ 'attachments.open': () => ok({ sha256, mimeType: 'application/pdf', sizeBytes: pdf.length, dataBase64: Buffer.from(pdf).toString('base64') }) }, live);
    renderWithApp(<AttachmentThumb file={report} />, { transport });
    await waitFor(() => expect(screen.getByTestId('attachment-upload').textContent).toBe('On the server'));
    await userEvent.click(screen.getByRole('button', { name: 'Open service-report-T-000123.pdf' }));
    expect(transport.calls.filter((c) => c.name === 'attachments.open')).toEqual([{ name: 'attachments.open', input: { sha256 } }]);

    const viewer = await screen.findByTestId('attachment-viewer');
    expect(within(viewer).getByText('Signed service report')).toBeTruthy();
    const save = within(viewer).getByTestId('attachment-save');
    expect(save.textContent).toBe('Save');
    expect(save.getAttribute('href')).toBe('blob:attachment-1');
    expect(save.getAttribute('download')).toBe('service-report-T-000123.pdf');
    expect(made).toHaveLength(1);
    expect(made[0]!.type).toBe('application/pdf');
    expect(new Uint8Array(await made[0]!.arrayBuffer())).toEqual(pdf);
    // A PDF gets no thumbnail made from it; the only command is the open.
    expect(transport.calls.map((c) => c.name)).toEqual(['attachments.open']);

    await userEvent.click(within(viewer).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByTestId('attachment-viewer')).toBeNull());
    expect(revoked).toEqual(['blob:attachment-1']);
  });

  it('says in Chinese when the file is neither here nor reachable, and shows no Save', async () => {
    const transport = new FakeTransport({ 'attachments.open': () => fail('ATTACHMENT_UNAVAILABLE', 'not here, server unreachable') }, { ...live, 'attachments.item': { ...item, local: false, upload: 'none' } });
    renderWithApp(<AttachmentThumb file={report} />, { transport, locale: 'zh-CN' });
    await userEvent.click(await screen.findByRole('button', { name: '打开 service-report-T-000123.pdf' }));
    expect(transport.calls).toEqual([{ name: 'attachments.open', input: { sha256 } }]);
    expect((await screen.findByTestId('attachment-error')).textContent).toBe('此文件尚未在本机上，现在也无法获取。请连接服务器后重试。');
    expect(screen.queryByTestId('attachment-viewer')).toBeNull();
    expect(screen.queryByTestId('attachment-save')).toBeNull();
  });
});
