/**
 * An attachment on the timeline: its thumbnail (or a file icon), where its upload stands, and
 * a click that opens it (fetched from the server the first time when it was made on another
 * device, kept here after that) in a viewer with a Save button.
 */
import InsertDriveFileOutlined from '@mui/icons-material/InsertDriveFileOutlined';
import PictureAsPdf from '@mui/icons-material/PictureAsPdf';
import { Alert, Box, Button, ButtonBase, Chip, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Tooltip, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenedAttachment } from '../../../../../shared/api/attachments';
import type { ApiError } from '../../../../../shared/api/result';
import { useData } from '../../../data/context';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { base64Of, blobFromBase64, thumbnailOf } from '../prepare';

export interface AttachmentRef {
  sha256: string;
  fileName: string;
  mimeType: string;
  caption?: string | undefined;
}

const Viewer = ({ file, opened, onClose }: { file: AttachmentRef; opened: OpenedAttachment; onClose: () => void }) => {
  const { t } = useTranslation('attachments');
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const objectUrl = URL.createObjectURL(blobFromBase64(opened.dataBase64, opened.mimeType));
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [opened]);
  return (
    <Dialog open onClose={onClose} maxWidth="lg" data-testid="attachment-viewer">
      <DialogTitle sx={{ overflowWrap: 'anywhere' }}>{file.fileName}</DialogTitle>
      <DialogContent>
        {opened.mimeType.startsWith('image/') && url ? (
          <Box component="img" src={url} alt={file.caption ?? file.fileName} sx={{ maxWidth: '100%', maxHeight: '70vh', display: 'block' }} data-testid="attachment-full" />
        ) : (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <PictureAsPdf />
            <Typography>{file.fileName}</Typography>
          </Stack>
        )}
        {file.caption && <Typography sx={{ mt: 1 }}>{file.caption}</Typography>}
      </DialogContent>
      <DialogActions>
        {url && (
          <Button component="a" href={url} download={file.fileName} data-testid="attachment-save">
            {t('save')}
          </Button>
        )}
        <Button onClick={onClose}>{t('close')}</Button>
      </DialogActions>
    </Dialog>
  );
};

export const AttachmentThumb = ({ file }: { file: AttachmentRef }) => {
  const { t } = useTranslation('attachments');
  const { t: tc } = useTranslation();
  const { transport } = useData();
  const { data: item } = useLiveQuery('attachments.item', { sha256: file.sha256 });
  const [opening, setOpening] = useState(false);
  const [opened, setOpened] = useState<OpenedAttachment | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const open = async () => {
    setOpening(true);
    setError(null);
    const result = await transport.invoke('attachments.open', { sha256: file.sha256 });
    setOpening(false);
    if (!result.ok) return setError(result.error);
    setOpened(result.value);
    // Made on another device: keep a thumbnail for the timeline from now on.
    if (!item?.thumbnail && result.value.mimeType.startsWith('image/')) {
      const thumb = await thumbnailOf(blobFromBase64(result.value.dataBase64, result.value.mimeType));
      if (thumb) void transport.invoke('attachments.thumbnail', { sha256: file.sha256, thumbnailBase64: await base64Of(thumb) });
    }
  };

  const icon = file.mimeType === 'application/pdf' ? <PictureAsPdf fontSize="large" /> : <InsertDriveFileOutlined fontSize="large" />;
  return (
    <Box sx={{ mt: 0.5 }} data-testid="attachment" data-sha256={file.sha256} data-upload={item?.upload ?? ''} data-local={item ? String(item.local) : ''}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-end' }}>
        <Tooltip title={item && !item.local ? t('notHere') : ''}>
          <ButtonBase
            onClick={() => void open()}
            aria-label={t('open', { file: file.fileName })}
            sx={{ borderRadius: 1, overflow: 'hidden', border: 1, borderColor: 'divider', width: 160, height: 120, bgcolor: 'action.hover' }}
            data-testid="attachment-open"
          >
            {item?.thumbnail ? (
              <Box component="img" src={item.thumbnail} alt={t('thumbnailAlt', { file: file.fileName })} sx={{ width: '100%', height: '100%', objectFit: 'cover' }} data-testid="attachment-thumbnail" />
            ) : (
              icon
            )}
            {opening && <CircularProgress size={24} sx={{ position: 'absolute' }} aria-label={t('opening')} />}
          </ButtonBase>
        </Tooltip>
        <Stack spacing={0.5} sx={{ minWidth: 0 }}>
          {file.caption && <Typography variant="body2">{file.caption}</Typography>}
          {item && item.upload !== 'none' && (
            <Chip
              size="small"
              variant="outlined"
              color={item.upload === 'refused' ? 'error' : item.upload === 'uploaded' ? 'success' : 'default'}
              label={item.upload === 'refused' && item.uploadError ? `${t('upload.refused')}: ${tc(`errors.${item.uploadError}`)}` : t(`upload.${item.upload}`)}
              data-testid="attachment-upload"
            />
          )}
        </Stack>
      </Stack>
      {error && (
        <Alert severity="warning" sx={{ mt: 1 }} onClose={() => setError(null)} data-testid="attachment-error">
          {tc(`errors.${error.code}`)}
        </Alert>
      )}
      {opened && <Viewer file={file} opened={opened} onClose={() => setOpened(null)} />}
    </Box>
  );
};
