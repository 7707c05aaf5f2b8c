/**
 * The ticket's attachments area: a button that opens the file picker, and, while the ticket
 * is on screen, drag and drop anywhere on it and pasting an image. The timeline shows what
 * was added (AttachmentThumb); here: progress, problems, and what waits for the server.
 */
import AttachFile from '@mui/icons-material/AttachFile';
import { Alert, Box, Button, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BLOB_TYPES } from '../../../../../shared/domain/attachments';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useAddFiles } from './useAddFiles';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
const megabytes = (bytes: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: bytes < 10 * 1024 * 1024 ? 1 : 0 }).format(bytes / (1024 * 1024));

export const AttachmentsPanel = ({ ticketId }: { ticketId: string }) => {
  const { t, i18n } = useTranslation('attachments');
  const input = useRef<HTMLInputElement>(null);
  const { add, adding, problems, added, dismiss } = useAddFiles(ticketId);
  const [dragging, setDragging] = useState(false);
  const { data: usage } = useLiveQuery('attachments.usage', {});

  // Drop anywhere on the ticket screen, paste an image anywhere on it.
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      void add(Array.from(e.dataTransfer?.files ?? []));
    };
    const paste = (e: ClipboardEvent) => {
      const files = Array.from(e.clipboardData?.files ?? []);
      if (files.length === 0) return;
      e.preventDefault();
      void add(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    window.addEventListener('paste', paste);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
      window.removeEventListener('paste', paste);
    };
  }, [add]);

  return (
    <Paper component="section" aria-labelledby="attachments-heading" sx={{ p: 2 }} data-testid="attachments-panel">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography id="attachments-heading" variant="h6" component="h2" sx={{ flexGrow: 1 }}>
          {t('heading')}
        </Typography>
        <Button variant="outlined" startIcon={<AttachFile />} onClick={() => input.current?.click()} disabled={adding > 0} data-testid="attachments-add">
          {t('add')}
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept={BLOB_TYPES.join(',')}
          data-testid="attachments-input"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            void add(files);
          }}
        />
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        {t('hint')}
      </Typography>
      {adding > 0 && (
        <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center' }} role="status" data-testid="attachments-adding">
          <CircularProgress size={16} />
          <Typography variant="body2">{t('adding', { count: adding })}</Typography>
        </Stack>
      )}
      {adding === 0 && added > 0 && problems.length === 0 && (
        <Typography variant="body2" sx={{ mt: 1 }} role="status" data-testid="attachments-added">
          {t('added', { count: added })}
        </Typography>
      )}
      {problems.length > 0 && (
        <Alert severity="error" sx={{ mt: 1 }} onClose={dismiss} data-testid="attachments-problems">
          {problems.map((p) => (
            <div key={p.file}>{t('failed', { file: p.file, reason: p.reason })}</div>
          ))}
        </Alert>
      )}
      {usage && (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }} data-testid="attachments-usage" data-waiting={usage.waitingUploads}>
          {usage.waitingUploads > 0 ? t('waiting', { count: usage.waitingUploads }) : t('allSent')} ·{' '}
          {t('usage', { used: megabytes(usage.usedBytes, i18n.language), quota: megabytes(usage.quotaBytes, i18n.language) })}
        </Typography>
      )}
      {dragging && (
        <Box
          aria-hidden
          sx={{ position: 'fixed', inset: 0, zIndex: (theme) => theme.zIndex.modal, pointerEvents: 'none', display: 'grid', placeItems: 'center', bgcolor: 'rgba(25, 118, 210, 0.12)', border: 4, borderColor: 'primary.main', borderStyle: 'dashed' }}
          data-testid="attachments-drop"
        >
          <Typography variant="h5" sx={{ bgcolor: 'background.paper', p: 2, borderRadius: 1 }}>
            {t('dropHere')}
          </Typography>
        </Box>
      )}
    </Paper>
  );
};
