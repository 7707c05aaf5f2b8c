import ClearOutlined from '@mui/icons-material/ClearOutlined';
import { Box, Button, IconButton, InputAdornment, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { MAX_SCAN_LENGTH, parseScan } from '../../../../../shared/domain/assets';
import type { AssetOption } from '../../../../../shared/api/intake';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';

interface Props {
  /** The asset found for the code, or null (none entered, or not known here). */
  onFound: (asset: AssetOption | null) => void;
  asset: AssetOption | null;
  error?: string;
  /** Cleared from outside after a ticket is saved. */
  resetKey: number;
}

/**
 * Asset by its code, typed or scanned: a scanner types like a keyboard and ends with Enter,
 * so the lookup runs on Enter (and when the field is left), not on every character. A code
 * not known here can be noted for the asset team (the ticket goes on without an asset).
 */
export const AssetField = ({ onFound, asset, error, resetKey }: Props) => {
  const { t } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  const { t: ta } = useTranslation('assets');
  const note = useCommand('assets.noteUnknown', { errors: 'inline' });
  // "New ticket for this asset" (the asset page, the scan box) arrives with ?asset=CODE.
  const [params] = useSearchParams();
  const initial = (params.get('asset') ?? '').slice(0, MAX_SCAN_LENGTH);
  const [text, setText] = useState(initial);
  const [code, setCode] = useState(initial);
  const [tooLong, setTooLong] = useState(false);
  const { data, loading } = useLiveQuery('intake.asset', { code });
  const unknown = code !== '' && !loading && data === null;

  const saved = useRef(resetKey);
  useEffect(() => {
    if (saved.current === resetKey) return;
    saved.current = resetKey;
    setText('');
    setCode('');
  }, [resetKey]);
  useEffect(() => {
    if (!loading) onFound(code ? (data ?? null) : null);
    // onFound is the form's setter; only a new answer matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, loading, code]);

  const lookUp = () => {
    // A scan longer than any code is refused with a message, never cut to a wrong code.
    const scan = parseScan(text);
    setTooLong(!scan.ok && scan.error === 'tooLong');
    const next = scan.ok ? scan.code : '';
    if (next !== code) note.reset();
    setCode(next);
  };
  const helper =
    error ??
    (tooLong
      ? t('intake.assetTooLong', { max: String(MAX_SCAN_LENGTH) })
      : unknown
        ? tc('validation.assetUnknown')
        : asset
          ? t('intake.assetFound', { model: asset.model, serial: asset.serial })
          : t('intake.assetHint'));
  return (
    <Box>
      <TextField
        label={t('intake.asset')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          // Enter from a scanner must not submit the form.
          event.preventDefault();
          lookUp();
        }}
        onBlur={lookUp}
        error={!!error || unknown || tooLong}
        helperText={helper}
        slotProps={{
          htmlInput: { 'data-testid': 'ticket-asset', maxLength: 1000 },
          formHelperText: { 'data-testid': 'ticket-asset-help' } as object,
          input: {
            endAdornment: text ? (
              <InputAdornment position="end">
                <IconButton
                  aria-label={t('intake.assetClear')}
                  edge="end"
                  onClick={() => {
                    setText('');
                    setCode('');
                    setTooLong(false);
                  }}
                >
                  <ClearOutlined fontSize="small" />
                </IconButton>
              </InputAdornment>
            ) : undefined,
          },
        }}
      />
      {unknown && !note.result && (
        <Button
          size="small"
          sx={{ mt: 0.5 }}
          disabled={note.pending}
          onClick={() => void note.run({ code, source: 'ticket', note: '' })}
          data-testid="ticket-asset-note"
        >
          {ta('scan.noteUnknown')}
        </Button>
      )}
      {unknown && (note.result || note.error) && (
        <Typography
          variant="body2"
          color={note.error ? 'error' : 'text.secondary'}
          sx={{ mt: 0.5 }}
          role="status"
          data-testid="ticket-asset-noted"
        >
          {note.error
            ? ta(note.error.code === 'FORBIDDEN' ? 'error.forbidden' : 'error.invalid')
            : ta(note.result?.created ? 'scan.noted' : 'scan.notedBefore')}
        </Typography>
      )}
    </Box>
  );
};
