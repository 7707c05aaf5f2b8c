import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormHelperText,
  FormLabel,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
} from '@mui/material';
import { useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { signOffInput } from '../../../../../shared/api/fieldwork';
import { useCommand } from '../../../data/useCommand';
import { useFieldworkText } from './errors';
import { SignatureField, type SignatureFieldProps, type SignatureValue } from './SignatureField';

export interface SignOffDialogProps {
  ticketId: string;
  open: boolean;
  onClose: () => void;
  /** The drawing surface; tests pass one that draws without a canvas. */
  Signature?: ComponentType<SignatureFieldProps>;
}

type Field = 'signerName' | 'signaturePng' | 'score' | 'reason';

/**
 * The customer signs and scores the service: name, signature, satisfaction 1-5 with a reason
 * for 1-2. Checked here with the shared schema and again in main; nothing is stored on a refusal.
 */
export const SignOffDialog = ({
  ticketId,
  open,
  onClose,
  Signature = SignatureField,
}: SignOffDialogProps) => {
  const { t } = useTranslation('fieldwork');
  const text = useFieldworkText();
  const signOff = useCommand('fieldwork.signOff', { errors: 'inline', success: () => t('signOff.signed') });
  const [signerName, setSignerName] = useState('');
  const [signature, setSignature] = useState<SignatureValue>({ points: 0, png: '' });
  const [score, setScore] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [issues, setIssues] = useState<Partial<Record<Field, string>>>({});

  // The pad is drawn anew each time the dialog opens: nothing of an earlier signature is kept.
  const close = () => {
    signOff.reset();
    setIssues({});
    setSignerName('');
    setSignature({ points: 0, png: '' });
    setScore(null);
    setReason('');
    onClose();
  };

  const submit = async () => {
    const input = {
      ticketId,
      signerName,
      signaturePng: signature.png,
      strokePoints: signature.points,
      score: score ?? 0,
      reason,
    };
    const parsed = signOffInput.safeParse(input);
    if (!parsed.success) {
      const found: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as Field;
        found[field] ??= text.message(issue.message);
      }
      setIssues(found);
      return;
    }
    setIssues({});
    const result = await signOff.run(input);
    if (result.ok) close();
  };

  const needsReason = score !== null && score <= 2;
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby="sign-off-title">
      <DialogTitle id="sign-off-title">{t('signOff.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            label={t('signOff.signerName')}
            value={signerName}
            onChange={(e) => {
              setSignerName(e.target.value);
              setIssues(({ signerName: _, ...rest }) => rest);
            }}
            error={!!issues.signerName}
            helperText={issues.signerName}
            slotProps={{ htmlInput: { 'data-testid': 'sign-off-name', maxLength: 120 } }}
            autoFocus
          />
          <Signature
            onChange={(value) => {
              setSignature(value);
              setIssues(({ signaturePng: _, ...rest }) => rest);
            }}
            error={issues.signaturePng}
          />
          <FormControl error={!!issues.score}>
            <FormLabel id="sign-off-score-label">{t('signOff.score')}</FormLabel>
            <ToggleButtonGroup
              exclusive
              value={score}
              onChange={(_e, v: number | null) => {
                setScore(v);
                setIssues(({ score: _, reason: __, ...rest }) => rest);
              }}
              aria-labelledby="sign-off-score-label"
              sx={{ mt: 1 }}
            >
              {[1, 2, 3, 4, 5].map((n) => (
                <ToggleButton
                  key={n}
                  value={n}
                  aria-label={t('signOff.scoreLabel', { score: n })}
                  data-testid={`sign-off-score-${n}`}
                  sx={{ minWidth: 48 }}
                >
                  {n}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
            {issues.score && (
              <FormHelperText data-testid="sign-off-score-error">{issues.score}</FormHelperText>
            )}
          </FormControl>
          <TextField
            label={t('signOff.reason')}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setIssues(({ reason: _, ...rest }) => rest);
            }}
            required={needsReason}
            multiline
            minRows={2}
            error={!!issues.reason}
            helperText={issues.reason ?? t('signOff.reasonHint')}
            slotProps={{ htmlInput: { 'data-testid': 'sign-off-reason', maxLength: 2000 } }}
          />
          <Alert severity="info" variant="outlined">
            {t('signOff.lockNote')}
          </Alert>
          {signOff.error && (
            <Alert severity="error" data-testid="sign-off-error">
              {text.error(signOff.error)}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{t('signOff.cancel')}</Button>
        <Button
          variant="contained"
          onClick={() => void submit()}
          disabled={signOff.pending}
          data-testid="sign-off-submit"
        >
          {t('signOff.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
