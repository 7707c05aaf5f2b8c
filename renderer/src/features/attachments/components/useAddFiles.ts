/**
 * Adds files to a ticket: prepares each (type check, downscale, thumbnail), then sends it to
 * main with `attachments.add`. One at a time, so a burst of photos never holds them all in
 * memory; each failure is reported with the file's name and the reason.
 */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_BLOB_BYTES } from '../../../../../shared/domain/attachments';
import { useData } from '../../../data/context';
import { base64Of, MAX_PHOTO_SOURCE_BYTES, prepareFile } from '../prepare';

export interface AddProblem {
  file: string;
  reason: string;
}

const megabytes = (bytes: number, locale: string) => new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 0 }).format(bytes / (1024 * 1024));

export const useAddFiles = (ticketId: string) => {
  const { transport } = useData();
  const { t, i18n } = useTranslation('attachments');
  const { t: tc } = useTranslation();
  const [adding, setAdding] = useState(0);
  const [problems, setProblems] = useState<AddProblem[]>([]);
  const [added, setAdded] = useState(0);

  const add = useCallback(
    async (files: readonly File[]) => {
      if (files.length === 0) return;
      setProblems([]);
      setAdded(0);
      setAdding(files.length);
      const failed: AddProblem[] = [];
      let done = 0;
      for (const file of files) {
        const prepared = await prepareFile(file);
        if (!prepared.ok) {
          const reason =
            prepared.code === 'TOO_LARGE_BEFORE'
              ? t('tooLargeBefore', { limit: megabytes(file.type.startsWith('image/') ? MAX_PHOTO_SOURCE_BYTES : MAX_BLOB_BYTES, i18n.language) })
              : prepared.code === 'UNREADABLE'
                ? t('unreadable')
                : tc(`errors.${prepared.code}`);
          failed.push({ file: file.name || '—', reason });
        } else {
          const p = prepared.file;
          const result = await transport.invoke('attachments.add', {
            ticketId,
            fileName: p.fileName,
            mimeType: p.mimeType,
            dataBase64: await base64Of(p.bytes),
            ...(p.thumbnail ? { thumbnailBase64: await base64Of(p.thumbnail) } : {}),
          });
          if (result.ok) done++;
          else failed.push({ file: p.fileName, reason: tc(`errors.${result.error.code}`) });
        }
        setAdding((n) => n - 1);
      }
      setProblems(failed);
      setAdded(done);
    },
    [transport, ticketId, t, tc, i18n.language],
  );

  return { add, adding, problems, added, dismiss: () => setProblems([]) };
};
