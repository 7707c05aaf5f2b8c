import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { trainingForm, type TrainingRow } from '../../../../../shared/api/training';
import { TRAINING_KINDS } from '../../../../../shared/schema/records';
import { useCommand } from '../../../data/useCommand';
import { useTrainingValidation } from './validation';

type FormIn = z.input<typeof trainingForm>;
type FormOut = z.output<typeof trainingForm>;

const today = () => new Date().toISOString().slice(0, 10);
const emptyForm = (): FormIn => ({ trainingKind: 'course', title: '', provider: '', startsOn: today(), endsOn: today(), hours: 0, result: '', expiresOn: '', note: '' });
const formOf = (r: TrainingRow): FormIn => ({
  trainingKind: r.trainingKind,
  title: r.title,
  provider: r.provider,
  startsOn: r.startsOn,
  endsOn: r.endsOn,
  hours: r.hours,
  result: r.result,
  expiresOn: r.expiresOn ?? '',
  note: r.note,
});

export interface TrainingDialogProps {
  open: boolean;
  personId: string;
  personName: string;
  /** The record to edit; null = a new one. */
  editing: TrainingRow | null;
  /** The viewer enters their own record (it then waits for a manager). */
  own: boolean;
  onClose: () => void;
}

/** Adds or edits one course or certification; the shared schema checks it as the user types. */
export const TrainingDialog = ({ open, personId, personName, editing, own, onClose }: TrainingDialogProps) => {
  const { t } = useTranslation('training');
  const { t: tc } = useTranslation();
  const message = useTrainingValidation();
  const save = useCommand('training.save', { errors: 'inline', success: () => t('saved') });
  const form = useForm<FormIn, unknown, FormOut>({ resolver: zodResolver(trainingForm), defaultValues: editing ? formOf(editing) : emptyForm(), mode: 'onTouched' });
  const errors = form.formState.errors;
  const kind = form.watch('trainingKind');
  const submit = form.handleSubmit(async (values) => {
    const r = await save.run({ id: editing?.id ?? null, personId, form: values });
    if (r.ok) onClose();
  });
  const field = (name: 'title' | 'provider' | 'result' | 'note', extra: Record<string, unknown> = {}) => (
    <TextField
      {...form.register(name)}
      label={t(`form.${name}`)}
      error={!!errors[name]}
      helperText={message(errors[name]?.message) ?? (name === 'result' ? t('form.resultHelp') : undefined)}
      slotProps={{ htmlInput: { 'data-testid': `training-${name}` } }}
      {...extra}
    />
  );
  const dateField = (name: 'startsOn' | 'endsOn' | 'expiresOn') => (
    <TextField
      {...form.register(name)}
      type="date"
      label={t(`form.${name}`)}
      error={!!errors[name]}
      helperText={message(errors[name]?.message) ?? (name === 'expiresOn' ? t('form.expiresHelp') : undefined)}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `training-${name}` } }}
      fullWidth
    />
  );
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="training-dialog-title">
      <DialogTitle id="training-dialog-title">{editing ? t('form.titleEdit') : t('form.titleNew', { name: personName })}</DialogTitle>
      <DialogContent>
        <Stack component="form" id="training-form" spacing={2} sx={{ pt: 1 }} noValidate onSubmit={submit}>
          {own && <Alert severity="info">{t('form.goesToManager')}</Alert>}
          <Controller
            name="trainingKind"
            control={form.control}
            render={({ field: f }) => (
              <TextField {...f} select label={t('form.kind')} slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'training-kind' } as object } }}>
                {TRAINING_KINDS.map((k) => (
                  <MenuItem key={k} value={k}>
                    {t(`kind.${k}`)}
                  </MenuItem>
                ))}
              </TextField>
            )}
          />
          {field('title', { autoFocus: true, required: true })}
          {field('provider')}
          <Stack direction="row" spacing={2}>
            {dateField('startsOn')}
            {dateField('endsOn')}
          </Stack>
          <Stack direction="row" spacing={2}>
            <TextField
              {...form.register('hours', { valueAsNumber: true })}
              type="number"
              label={t('form.hours')}
              error={!!errors.hours}
              helperText={message(errors.hours?.message)}
              slotProps={{ htmlInput: { min: 0, max: 2000, step: 0.5, 'data-testid': 'training-hours' } }}
              fullWidth
            />
            {field('result', { fullWidth: true })}
          </Stack>
          {kind === 'certification' && dateField('expiresOn')}
          {field('note', { multiline: true, minRows: 2 })}
          {save.error && <Alert severity="error">{save.error.code === 'FORBIDDEN' ? t('errors.FORBIDDEN') : tc(`errors.${save.error.code}`)}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('cancel')}</Button>
        <Button type="submit" form="training-form" variant="contained" disabled={save.pending} data-testid="training-save">
          {t('save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
