import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, CardActionArea, CardContent, Chip, LinearProgress, MenuItem, Paper, Skeleton, Stack, TextField, Typography } from '@mui/material';
import { useCallback } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router';
import type { z } from 'zod';
import { openCycleInput, type CycleSummary } from '../../../../../shared/api/assessments';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useCommand } from '../../../data/useCommand';
import { useFormat } from '../../../i18n/format';
import { useValidationText } from '../components/validation';

type FormIn = z.input<typeof openCycleInput>;
type FormOut = z.output<typeof openCycleInput>;

const OpenCycleForm = () => {
  const { t } = useTranslation('assessments');
  const message = useValidationText();
  const navigate = useNavigate();
  const opened = useCallback((c: CycleSummary) => t('opened', { name: c.name }), [t]);
  const open = useCommand('assessments.openCycle', { success: opened });
  const now = new Date();
  const form = useForm<FormIn, unknown, FormOut>({ resolver: zodResolver(openCycleInput), defaultValues: { year: now.getUTCFullYear(), quarter: Math.floor(now.getUTCMonth() / 3) + 1 } });
  const submit = form.handleSubmit(async (values) => {
    const r = await open.run(values);
    if (r.ok) void navigate(`/assessments/${r.value.id}`);
  });
  return (
    <Paper component="section" sx={{ p: 2 }} aria-labelledby="open-cycle-heading">
      <Typography id="open-cycle-heading" variant="h6" component="h2" gutterBottom>
        {t('openCycle')}
      </Typography>
      <Stack component="form" direction="row" spacing={2} noValidate onSubmit={submit} sx={{ alignItems: 'flex-start' }}>
        <TextField
          {...form.register('year', { valueAsNumber: true })}
          type="number"
          label={t('year')}
          error={!!form.formState.errors.year}
          helperText={message(form.formState.errors.year?.message)}
          slotProps={{ htmlInput: { 'data-testid': 'cycle-year' } }}
        />
        <Controller
          name="quarter"
          control={form.control}
          render={({ field }) => (
            <TextField {...field} select label={t('quarter')} sx={{ minWidth: 120 }} slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'cycle-quarter' } as object } }}>
              {[1, 2, 3, 4].map((q) => (
                <MenuItem key={q} value={q}>
                  Q{q}
                </MenuItem>
              ))}
            </TextField>
          )}
        />
        <Button type="submit" variant="contained" disabled={form.formState.isSubmitting} data-testid="cycle-open" sx={{ mt: 1 }}>
          {t('openCycle')}
        </Button>
      </Stack>
    </Paper>
  );
};

/** `#/assessments`: the cycles the user takes part in, with their progress; assessors open new ones. */
export const AssessmentsPage = () => {
  const { t } = useTranslation('assessments');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const session = useLiveQuery('session.current', {});
  const cycles = useLiveQuery('assessments.cycles', {});
  const assessor = session.data?.user?.roles.includes('assessor') ?? false;

  return (
    <Stack spacing={3}>
      <div>
        <Typography variant="h4" component="h1">
          {t('heading')}
        </Typography>
        <Typography color="text.secondary">{t('intro')}</Typography>
      </div>
      {assessor && <OpenCycleForm />}
      <section aria-labelledby="cycles-heading">
        <Typography id="cycles-heading" variant="h6" component="h2" gutterBottom>
          {t('cycles')}
        </Typography>
        {cycles.loading && <Skeleton variant="rounded" height={96} />}
        {cycles.error && <Alert severity="error">{tc(`errors.${cycles.error.code}`)}</Alert>}
        {cycles.data?.length === 0 && <Alert severity="info">{t('noCycles')}</Alert>}
        <Stack spacing={2} data-testid="cycle-list">
          {cycles.data?.map((c) => (
            <Card key={c.id} variant="outlined">
              <CardActionArea component={RouterLink} to={`/assessments/${c.id}`} data-testid={`cycle-${c.name}`}>
                <CardContent>
                  <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
                    <Typography variant="h6" component="h3">
                      {c.name}
                    </Typography>
                    <Chip size="small" color={c.phase === 'closed' ? 'default' : 'primary'} label={t(`phase.${c.phase}`)} />
                    <Typography variant="body2" color="text.secondary">
                      {t('board.dates', { from: format.date(`${c.startsOn}T00:00:00`), to: format.date(`${c.endsOn}T00:00:00`) })}
                    </Typography>
                  </Stack>
                  <Typography variant="body2">{t('progress', { self: c.selfSubmitted, people: c.people, manager: c.managerSubmitted, ack: c.acknowledged })}</Typography>
                  <LinearProgress
                    variant="determinate"
                    value={c.people === 0 ? 0 : (100 * (c.phase === 'self_review' ? c.selfSubmitted : c.phase === 'manager_review' ? c.managerSubmitted : c.acknowledged)) / c.people}
                    sx={{ mt: 1 }}
                    aria-label={t(`phase.${c.phase}`)}
                  />
                </CardContent>
              </CardActionArea>
            </Card>
          ))}
        </Stack>
      </section>
    </Stack>
  );
};
