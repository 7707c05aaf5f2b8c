import { Alert, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../../data/useCommand';
import { SignatureField, type SignatureFieldProps, type SignatureValue } from '../../fieldwork/components/SignatureField';
import type { ComponentType } from 'react';
import { useErrorText } from './errors';

/** The customer signs the round off (signature_pad, as the service report's sign-off). */
export const SignOffPanel = ({ roundId, missing, Signature = SignatureField }: { roundId: string; missing: number; Signature?: ComponentType<SignatureFieldProps> }) => {
  const { t } = useTranslation('maintenance');
  const errorText = useErrorText();
  const sign = useCommand('maintenance.signOff', { errors: 'inline' });
  const [signer, setSigner] = useState('');
  const [signature, setSignature] = useState<SignatureValue>({ points: 0, png: '' });
  const problem = errorText(sign.error);
  return (
    <Paper component="section" sx={{ p: 2 }} aria-labelledby="signoff-heading" data-testid="signoff">
      <Typography id="signoff-heading" variant="h6" component="h3" gutterBottom>
        {t('round.signOff')}
      </Typography>
      <Stack spacing={2}>
        {missing > 0 && <Alert severity="warning">{t('round.missing', { count: missing })}</Alert>}
        <TextField size="small" label={t('round.signer')} value={signer} onChange={(e) => setSigner(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'signoff-signer' } }} />
        <Signature onChange={setSignature} />
        {problem && (
          <Alert severity="error" data-testid="signoff-error">
            {problem}
          </Alert>
        )}
        <Button
          variant="contained"
          disabled={sign.pending || signer.trim() === '' || signature.points === 0}
          onClick={() => void sign.run({ roundId, signerName: signer, signaturePng: signature.png })}
          data-testid="signoff-submit"
        >
          {t('round.sign')}
        </Button>
      </Stack>
    </Paper>
  );
};
