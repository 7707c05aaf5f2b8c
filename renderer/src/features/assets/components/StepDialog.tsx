import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIFECYCLE_NEXT } from '../../../../../shared/domain/assets';
import { ASSET_CUSTODY_EVENTS, type AssetLifecycleState } from '../../../../../shared/schema/enums';
import { useCommand } from '../../../data/useCommand';
import { useAssetError } from './fieldError';

type Props = { assetId: string; onClose: () => void } & ({ kind: 'lifecycle'; current: AssetLifecycleState | null } | { kind: 'custody' });

/** Adds a lifecycle step (only the states that may follow) or a custody event, dated and noted. */
export const StepDialog = (props: Props) => {
  const { t } = useTranslation('assets');
  const errorText = useAssetError();
  const choices: string[] =
    props.kind === 'lifecycle' ? [...(props.current ? LIFECYCLE_NEXT[props.current] : (['acquired', 'registered'] as const))] : [...ASSET_CUSTODY_EVENTS];
  const [choice, setChoice] = useState(choices[0] ?? '');
  const [at, setAt] = useState(new Date().toISOString().slice(0, 10));
  const [note, setNote] = useState('');
  const success = () => t('step.added');
  const lifecycle = useCommand('assets.addLifecycle', { errors: 'inline', success });
  const custody = useCommand('assets.addCustody', { errors: 'inline', success });
  const command = props.kind === 'lifecycle' ? lifecycle : custody;
  const issue = command.error?.fields?.[0];

  const save = async () => {
    const result =
      props.kind === 'lifecycle'
        ? await lifecycle.run({ id: props.assetId, state: choice as AssetLifecycleState, at, note })
        : await custody.run({ id: props.assetId, event: choice as (typeof ASSET_CUSTODY_EVENTS)[number], at, note });
    if (result.ok) props.onClose();
  };
  const label = (c: string) => (props.kind === 'lifecycle' ? t(`lifecycleState.${c as AssetLifecycleState}`) : t(`custodyEvent.${c as (typeof ASSET_CUSTODY_EVENTS)[number]}`));

  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="sm" aria-labelledby="step-title">
      <DialogTitle id="step-title">{props.kind === 'lifecycle' ? t('step.lifecycleTitle') : t('step.custodyTitle')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            select
            label={props.kind === 'lifecycle' ? t('step.state') : t('step.event')}
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'step-choice' }, inputLabel: { shrink: true } }}
          >
            {choices.map((c) => (
              <option key={c} value={c}>
                {label(c)}
              </option>
            ))}
          </TextField>
          <TextField type="date" label={t('step.at')} value={at} onChange={(e) => setAt(e.target.value)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'step-at' } }} />
          <TextField label={t('step.note')} value={note} onChange={(e) => setNote(e.target.value)} multiline minRows={2} slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'step-note' } }} />
          {command.error && (
            <Alert severity="error" data-testid="step-error">
              {command.error.code === 'FORBIDDEN' ? t('error.forbidden') : errorText(issue?.code ?? 'invalid')}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('form.cancel')}</Button>
        <Button variant="contained" disabled={command.pending || !choice} onClick={() => void save()} data-testid="step-save">
          {t('step.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
