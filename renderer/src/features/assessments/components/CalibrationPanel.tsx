import { zodResolver } from '@hookform/resolvers/zod';
import { Button, List, ListItem, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { calibrateInput, type ReviewView } from '../../../../../shared/api/assessments';
import { useCommand } from '../../../data/useCommand';
import { useCriterionLabel } from './names';
import { useValidationText } from './validation';

type FormIn = z.input<typeof calibrateInput>;
type FormOut = z.output<typeof calibrateInput>;

/** Calibration changes (shown to the manager too); assessors add one with a reason in the calibration phase. */
export const CalibrationPanel = ({ view }: { view: ReviewView }) => {
  const { t } = useTranslation('assessments');
  const label = useCriterionLabel();
  const message = useValidationText();
  const calibrate = useCommand('assessments.calibrate', { errors: 'inline', success: () => t('review.calibrated') });
  const first = view.criteria[0]?.key ?? '';
  const form = useForm<FormIn, unknown, FormOut>({ resolver: zodResolver(calibrateInput), defaultValues: { assessmentId: view.assessmentId, criterion: first, to: 3, reason: '' } });
  const criterionLabel = (key: string) => {
    const c = view.criteria.find((x) => x.key === key);
    return c ? label(c) : key;
  };
  const submit = form.handleSubmit(async (values) => {
    const r = await calibrate.run(values);
    if (r.ok) form.reset({ ...values, reason: '' });
  });
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="calibration-heading" data-testid="calibration-panel">
      <Typography id="calibration-heading" variant="subtitle1" component="h2">
        {t('review.calibration')}
      </Typography>
      {view.calibration.length === 0 ? (
        <Typography color="text.secondary">{t('review.calibrationNone')}</Typography>
      ) : (
        <List dense>
          {view.calibration.map((c, i) => (
            <ListItem key={i} disableGutters>
              {t('review.calibrationChange', { criterion: criterionLabel(c.criterion), from: c.from, to: c.to, reason: c.reason })}
            </ListItem>
          ))}
        </List>
      )}
      {view.can.calibrate && (
        <Stack component="form" direction="row" spacing={2} noValidate onSubmit={submit} sx={{ alignItems: 'flex-start', mt: 1, flexWrap: 'wrap' }}>
          <Controller
            name="criterion"
            control={form.control}
            render={({ field }) => (
              <TextField {...field} select size="small" label={t('review.criterion')} sx={{ minWidth: 160 }} slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'calibrate-criterion' } as object } }}>
                {view.criteria.map((c) => (
                  <MenuItem key={c.key} value={c.key}>
                    {label(c)}
                  </MenuItem>
                ))}
              </TextField>
            )}
          />
          <Controller
            name="to"
            control={form.control}
            render={({ field }) => (
              <TextField {...field} select size="small" label={t('review.newScore')} sx={{ minWidth: 110 }} slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'calibrate-to' } as object } }}>
                {[1, 2, 3, 4, 5].map((n) => (
                  <MenuItem key={n} value={n}>
                    {n}
                  </MenuItem>
                ))}
              </TextField>
            )}
          />
          <TextField
            {...form.register('reason')}
            size="small"
            label={t('review.reason')}
            sx={{ flex: 1, minWidth: 200 }}
            error={!!form.formState.errors.reason}
            helperText={message(form.formState.errors.reason?.message)}
            slotProps={{ htmlInput: { 'data-testid': 'calibrate-reason' } }}
          />
          <Button type="submit" variant="contained" data-testid="calibrate-apply">
            {t('review.calibrate')}
          </Button>
        </Stack>
      )}
    </Paper>
  );
};
