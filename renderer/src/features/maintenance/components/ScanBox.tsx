import { Button, Stack, TextField } from '@mui/material';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoundAssetView } from '../../../../../shared/api/maintenance';
import { normaliseCode } from '../../../../../shared/domain/stocktake';

/**
 * Scan an asset to open its checklist: a scanner types the code and Enter. Matched on this
 * round's assets by asset code or serial, case-blind; a code of another asset says so.
 */
export const ScanBox = ({ assets, onPick }: { assets: readonly RoundAssetView[]; onPick: (assetId: string) => void }) => {
  const { t } = useTranslation('maintenance');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const key = normaliseCode(code);
    setCode('');
    input.current?.focus();
    if (key === '') return;
    const hit = assets.find((a) => normaliseCode(a.assetCode) === key || normaliseCode(a.serial) === key);
    if (!hit) return setProblem(t('round.notInRound', { code: key }));
    setProblem(null);
    onPick(hit.assetId);
  };
  return (
    <Stack component="form" direction="row" spacing={1} onSubmit={submit} noValidate sx={{ alignItems: 'flex-start' }}>
      <TextField
        inputRef={input}
        size="small"
        fullWidth
        value={code}
        onChange={(e) => setCode(e.target.value)}
        label={t('round.scan')}
        error={problem !== null}
        helperText={problem ?? t('round.scanHint')}
        slotProps={{ htmlInput: { 'data-testid': 'round-scan', spellCheck: false, autoComplete: 'off' } }}
      />
      <Button type="submit" variant="outlined" data-testid="round-scan-submit">
        {t('round.scanSubmit')}
      </Button>
    </Stack>
  );
};
