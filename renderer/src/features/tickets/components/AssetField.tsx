import ClearOutlined from '@mui/icons-material/ClearOutlined';
import { IconButton, InputAdornment, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssetOption } from '../../../../../shared/api/intake';
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
 * so the lookup runs on Enter (and when the field is left), not on every character.
 */
export const AssetField = ({ onFound, asset, error, resetKey }: Props) => {
  const { t } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  const [text, setText] = useState('');
  const [code, setCode] = useState('');
  const { data, loading } = useLiveQuery('intake.asset', { code });
  const unknown = code !== '' && !loading && data === null;

  useEffect(() => {
    setText('');
    setCode('');
  }, [resetKey]);
  useEffect(() => {
    if (!loading) onFound(code ? (data ?? null) : null);
    // onFound is the form's setter; only a new answer matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, loading, code]);

  const lookUp = () => setCode(text.trim());
  const helper = error ?? (unknown ? tc('validation.assetUnknown') : asset ? t('intake.assetFound', { model: asset.model, serial: asset.serial }) : t('intake.assetHint'));
  return (
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
      error={!!error || unknown}
      helperText={helper}
      slotProps={{
        htmlInput: { 'data-testid': 'ticket-asset', maxLength: 80 },
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
                }}
              >
                <ClearOutlined fontSize="small" />
              </IconButton>
            </InputAdornment>
          ) : undefined,
        },
      }}
    />
  );
};
