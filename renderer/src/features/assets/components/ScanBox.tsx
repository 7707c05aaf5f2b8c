import QrCodeScannerOutlined from '@mui/icons-material/QrCodeScannerOutlined';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, LinearProgress, TextField } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { MAX_SCAN_LENGTH, parseScan, type ScanResult } from '../../../../../shared/domain/assets';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';

/** The key that opens the scan box from any screen, also while typing in a field. */
export const SCAN_KEY = 'F2';

/**
 * The global scan box. A barcode or RFID scanner types the code fast and ends with Enter: the
 * code is looked up on Enter only, and a known asset opens its page (open tickets and "new
 * ticket for this asset" are there). An unknown code can be noted for the asset team.
 */
export const ScanBox = () => {
  const { t } = useTranslation('assets');
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== SCAN_KEY || event.ctrlKey || event.altKey || event.metaKey) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <Button color="inherit" startIcon={<QrCodeScannerOutlined />} onClick={() => setOpen(true)} data-testid="scan-open" aria-keyshortcuts={SCAN_KEY}>
        {t('scan.button')}
      </Button>
      {open && <ScanDialog onClose={() => setOpen(false)} />}
    </>
  );
};

const ScanDialog = ({ onClose }: { onClose: () => void }) => {
  const { t } = useTranslation('assets');
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [scan, setScan] = useState<ScanResult | null>(null);
  const code = scan?.ok ? scan.code : '';
  const { data, loading } = useLiveQuery('assets.detail', { code });
  const note = useCommand('assets.noteUnknown', { errors: 'inline' });
  const looking = code !== '' && loading;

  useEffect(() => {
    if (code && !loading && data) {
      onClose();
      void navigate(`/assets/${encodeURIComponent(data.fields.assetCode)}`);
    }
  }, [code, loading, data, navigate, onClose]);

  const submit = () => {
    note.reset();
    setScan(parseScan(text));
    // The next scan replaces this one.
    input.current?.select();
  };

  const problem = scan && !scan.ok ? t(`scan.${scan.error}`, { max: MAX_SCAN_LENGTH }) : null;
  const unknown = code !== '' && !loading && data === null;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="scan-title" data-testid="scan-dialog">
      <DialogTitle id="scan-title">{t('scan.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('scan.hint')}</DialogContentText>
        <TextField
          inputRef={input}
          autoFocus
          fullWidth
          label={t('scan.label')}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            submit();
          }}
          error={!!problem}
          helperText={problem ?? t('scan.shortcut')}
          slotProps={{ htmlInput: { 'data-testid': 'scan-input', autoComplete: 'off', spellCheck: false }, formHelperText: { 'data-testid': 'scan-help' } as object }}
        />
        {looking && <LinearProgress sx={{ mt: 1 }} />}
        {unknown && (
          <Alert
            severity="warning"
            sx={{ mt: 2 }}
            data-testid="scan-unknown"
            action={
              !note.result && (
                <Button color="inherit" size="small" disabled={note.pending} onClick={() => void note.run({ code, source: 'scan', note: '' })} data-testid="scan-note-unknown">
                  {t('scan.noteUnknown')}
                </Button>
              )
            }
          >
            {t('scan.unknown', { code })}
            {note.result && <div data-testid="scan-noted">{note.result.created ? t('scan.noted') : t('scan.notedBefore')}</div>}
          </Alert>
        )}
        {note.error && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {t(note.error.code === 'FORBIDDEN' ? 'error.forbidden' : 'error.invalid')}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('scan.close')}</Button>
      </DialogActions>
    </Dialog>
  );
};
