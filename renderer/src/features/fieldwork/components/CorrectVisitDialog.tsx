import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { correctVisitInput, type CorrectVisitInput, type VisitView } from '../../../../../shared/api/fieldwork';
import { useCommand } from '../../../data/useCommand';
import { useFieldworkText } from './errors';

/** An ISO time as a `datetime-local` value, in this computer's time zone. */
const toLocalInput = (iso: string | null): string => {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** A changed `datetime-local` value as an ISO time (an unreadable one is passed on to be refused). */
const changedTime = (value: string, before: string): string | null => {
  if (value === before) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
};

type Field = 'checkInAt' | 'checkOutAt' | 'travelMinutes' | 'reason';

/**
 * Correcting a visit the customer signed: the signed record stays as it was; the changed
 * times and the reason are recorded as a correction, in the viewer's name. Only what was
 * changed is sent.
 */
export const CorrectVisitDialog = ({ visit, onClose }: { visit: VisitView; onClose: () => void }) => {
  const { t } = useTranslation('fieldwork');
  const text = useFieldworkText();
  const correct = useCommand('fieldwork.correctVisit', {
    errors: 'inline',
    success: () => t('corrections.saved'),
  });
  const initial = {
    checkInAt: toLocalInput(visit.checkInAt),
    checkOutAt: toLocalInput(visit.checkOutAt),
    travelMinutes: String(visit.travelMinutes),
  };
  const [values, setValues] = useState({ ...initial, reason: '' });
  const [issues, setIssues] = useState<Partial<Record<Field, string>>>({});
  // Editing a field clears its message; any change of a time or the minutes answers "nothing changed".
  const set = (field: Field) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: e.target.value }));
    const nothing = text.message('nothing_corrected');
    setIssues((i) => {
      const next = { ...i, [field]: undefined };
      if (field !== 'reason')
        for (const k of ['checkInAt', 'checkOutAt', 'travelMinutes'] as const) if (next[k] === nothing) next[k] = undefined;
      return next;
    });
  };

  const submit = async () => {
    const travel = values.travelMinutes.trim();
    const input: CorrectVisitInput = {
      visitId: visit.id,
      checkInAt: changedTime(values.checkInAt, initial.checkInAt),
      checkOutAt: changedTime(values.checkOutAt, initial.checkOutAt),
      travelMinutes: travel === initial.travelMinutes ? null : travel === '' ? Number.NaN : Number(travel),
      reason: values.reason,
    };
    const parsed = correctVisitInput.safeParse(input);
    if (!parsed.success) {
      const found: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        found[field] ??= text.message(issue.message);
      }
      return setIssues(found);
    }
    setIssues({});
    const result = await correct.run(input);
    if (result.ok) onClose();
  };

  const field = (name: Exclude<Field, 'reason'>, type: string) => (
    <TextField
      type={type}
      label={t(`corrections.${name}`)}
      value={values[name]}
      onChange={set(name)}
      error={!!issues[name]}
      helperText={issues[name]}
      slotProps={{
        inputLabel: { shrink: true },
        htmlInput: { 'data-testid': `correct-${name}`, ...(type === 'number' ? { min: 0, max: 1440 } : {}) },
      }}
    />
  );

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="correct-visit-title">
      <DialogTitle id="correct-visit-title">{t('corrections.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText variant="body2" sx={{ mb: 2 }}>
          {t('corrections.hint')}
        </DialogContentText>
        <Stack spacing={2}>
          {field('checkInAt', 'datetime-local')}
          {field('checkOutAt', 'datetime-local')}
          {field('travelMinutes', 'number')}
          <TextField
            label={t('corrections.reason')}
            value={values.reason}
            onChange={set('reason')}
            error={!!issues.reason}
            helperText={issues.reason}
            multiline
            minRows={2}
            required
            slotProps={{ htmlInput: { 'data-testid': 'correct-reason', maxLength: 2000 } }}
            autoFocus
          />
          {correct.error && (
            <Alert severity="error" data-testid="correct-error">
              {text.error(correct.error)}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('visits.cancel')}</Button>
        <Button
          variant="contained"
          onClick={() => void submit()}
          disabled={correct.pending}
          data-testid="correct-submit"
        >
          {t('corrections.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
