import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkInInput } from '../../../../../shared/api/fieldwork';
import { useCommand } from '../../../data/useCommand';
import { useFieldworkText } from './errors';

/** Arriving on site: the time is now; the travel before it in minutes, and a note. */
export const CheckInDialog = ({
  ticketId,
  open,
  onClose,
}: {
  ticketId: string;
  open: boolean;
  onClose: () => void;
}) => {
  const { t } = useTranslation('fieldwork');
  const text = useFieldworkText();
  const checkIn = useCommand('fieldwork.checkIn', { errors: 'inline' });
  const [travel, setTravel] = useState('');
  const [note, setNote] = useState('');
  const [issue, setIssue] = useState<string | undefined>();

  const close = () => {
    checkIn.reset();
    setIssue(undefined);
    onClose();
  };
  const submit = async () => {
    const input = { ticketId, travelMinutes: travel.trim() === '' ? 0 : Number(travel), note };
    const parsed = checkInInput.safeParse(input);
    if (!parsed.success) return setIssue(text.message(parsed.error.issues[0]?.message));
    setIssue(undefined);
    const result = await checkIn.run(input);
    if (result.ok) {
      setTravel('');
      setNote('');
      close();
    }
  };
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="xs" aria-labelledby="check-in-title">
      <DialogTitle id="check-in-title">{t('visits.checkInTitle')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            type="number"
            label={t('visits.travelMinutes')}
            value={travel}
            onChange={(e) => setTravel(e.target.value)}
            error={!!issue}
            helperText={issue}
            slotProps={{ htmlInput: { 'data-testid': 'check-in-travel', min: 0, max: 1440 } }}
            autoFocus
          />
          <TextField
            label={t('visits.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'check-in-note', maxLength: 2000 } }}
          />
          {checkIn.error && (
            <Alert severity="error" data-testid="check-in-error">
              {text.error(checkIn.error)}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{t('visits.cancel')}</Button>
        <Button
          variant="contained"
          onClick={() => void submit()}
          disabled={checkIn.pending}
          data-testid="check-in-submit"
        >
          {t('visits.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
