import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Box, Button, Chip, FormControl, FormControlLabel, FormHelperText, FormLabel, Paper, Radio, RadioGroup, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { reviewForm, type CriterionView, type ReviewData, type ReviewSection } from '../../../../../shared/api/assessments';
import { outcomeFor, weightedScore } from '../../../../../shared/domain/assessment';
import { useCommand } from '../../../data/useCommand';
import { useFormat } from '../../../i18n/format';
import { useCriterionLabel } from './names';
import { useValidationText } from './validation';

type FormIn = z.input<typeof reviewForm>;
type FormOut = z.output<typeof reviewForm>;

/** How long typing pauses before the draft is saved. */
export const AUTOSAVE_MS = 600;

export interface ReviewFormProps {
  assessmentId: string;
  section: ReviewSection;
  criteria: CriterionView[];
  rewardAtLeast: number;
  meetsAtLeast: number;
  saved: ReviewData;
  /** False in a phase that does not open this section to the user: everything is read-only. */
  editable: boolean;
}

const toForm = (criteria: CriterionView[], saved: ReviewData): FormIn => ({
  scores: criteria.map((c) => {
    const s = saved.scores.find((x) => x.criterion === c.key);
    return { criterion: c.key, score: s?.score ?? null, comment: s?.comment ?? '' };
  }),
  summary: saved.summary,
});

/**
 * A self or manager review: a score of 1-5 per criterion with a comment (required for 1 and
 * 5), the weighted total and outcome band live, drafts saved while typing (to the local
 * store, so offline and across restarts), submit locks it.
 */
export const ReviewForm = ({ assessmentId, section, criteria, rewardAtLeast, meetsAtLeast, saved, editable }: ReviewFormProps) => {
  const { t } = useTranslation('assessments');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const label = useCriterionLabel();
  const message = useValidationText();
  const save = useCommand('assessments.saveReview', { errors: 'inline' });
  const submitCommand = useCommand('assessments.saveReview', { errors: 'inline', success: () => t('review.submittedOk') });
  const [savedAt, setSavedAt] = useState<string | null>(null);
  // The form starts from the stored draft once; later pushes of our own saves do not reset typing.
  const form = useForm<FormIn, unknown, FormOut>({ resolver: zodResolver(reviewForm), defaultValues: toForm(criteria, saved), mode: 'onChange' });
  const values = useWatch({ control: form.control });
  const template = { criteria: criteria.map((c) => ({ ...c })), rewardAtLeast, meetsAtLeast };
  const scored = (values.scores ?? []).flatMap((s) => (typeof s?.score === 'number' && s.criterion ? [{ criterion: s.criterion, score: s.score }] : []));
  const total = weightedScore(scored, template);
  const dirty = form.formState.isDirty;
  const locked = !editable || saved.submittedAt !== null;

  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (locked || !dirty) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const parsed = reviewForm.safeParse(form.getValues());
      // A draft that breaks a rule (a 5 without its comment yet) waits for the next keystroke.
      if (!parsed.success) return;
      void save.run({ assessmentId, section, review: parsed.data, submit: false }).then((r) => {
        if (r.ok) setSavedAt(r.value.savedAt);
      });
    }, AUTOSAVE_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- saves follow the typed values only
  }, [JSON.stringify(values), locked, dirty]);

  const submit = form.handleSubmit(async (data) => {
    if (timer.current) clearTimeout(timer.current);
    await submitCommand.run({ assessmentId, section, review: data, submit: true });
  });
  const failure = submitCommand.error ?? save.error;

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby={`${section}-heading`} data-testid={`form-${section}`}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
        <Typography id={`${section}-heading`} variant="subtitle1" component="h2">
          {section === 'selfReview' ? t('review.self') : t('review.manager')}
        </Typography>
        {saved.submittedAt && <Chip size="small" color="success" label={t('review.submitted', { when: format.dateTime(saved.submittedAt) })} />}
        {!saved.submittedAt && savedAt && <Typography variant="caption" color="text.secondary" data-testid="draft-saved">{t('review.saved', { when: format.dateTime(savedAt) })}</Typography>}
      </Stack>
      {!editable && !saved.submittedAt && <Alert severity="info" sx={{ mb: 1 }} data-testid="review-locked">{t('review.locked')}</Alert>}
      <Stack component="form" noValidate spacing={2} onSubmit={submit}>
        {criteria.map((c, i) => (
          <Box key={c.key}>
            <Controller
              name={`scores.${i}.score`}
              control={form.control}
              render={({ field, fieldState }) => (
                <FormControl error={!!fieldState.error} disabled={locked}>
                  <FormLabel id={`${section}-${c.key}-label`}>
                    {label(c)} · {t('review.weight', { weight: format.percent(c.weight) })}
                  </FormLabel>
                  <RadioGroup
                    row
                    aria-labelledby={`${section}-${c.key}-label`}
                    value={field.value ?? ''}
                    onChange={(e) => {
                      field.onChange(Number(e.target.value));
                      // A comment asked for by a 1 or a 5 is no longer missing once the score moves on.
                      if (form.getFieldState(`scores.${i}.comment`).error) void form.trigger(`scores.${i}.comment`);
                    }}
                    onBlur={field.onBlur}
                  >
                    {[1, 2, 3, 4, 5].map((n) => (
                      <FormControlLabel key={n} value={n} control={<Radio slotProps={{ input: { 'data-testid': `score-${section}-${c.key}-${n}` } as object }} />} label={String(n)} />
                    ))}
                  </RadioGroup>
                  {fieldState.error && <FormHelperText>{message(fieldState.error.message)}</FormHelperText>}
                </FormControl>
              )}
            />
            <Controller
              name={`scores.${i}.comment`}
              control={form.control}
              render={({ field, fieldState }) => (
                <TextField
                  {...field}
                  fullWidth
                  size="small"
                  multiline
                  disabled={locked}
                  label={t('review.comment')}
                  error={!!fieldState.error}
                  helperText={message(fieldState.error?.message)}
                  slotProps={{ htmlInput: { 'data-testid': `comment-${section}-${c.key}` } }}
                />
              )}
            />
          </Box>
        ))}
        <TextField
          {...form.register('summary')}
          multiline
          minRows={2}
          disabled={locked}
          label={t('review.summary')}
          error={!!form.formState.errors.summary}
          helperText={message(form.formState.errors.summary?.message)}
          slotProps={{ htmlInput: { 'data-testid': `summary-${section}` } }}
        />
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }} aria-live="polite">
          <Typography data-testid={`total-${section}`}>
            {t('review.total')}: <strong>{total === null ? t('review.totalPending') : format.decimal(total)}</strong>
          </Typography>
          {total !== null && <Chip data-testid={`band-${section}`} color={outcomeFor(total, template) === 'reward' ? 'success' : outcomeFor(total, template) === 'meets' ? 'default' : 'warning'} label={t(`outcome.${outcomeFor(total, template)}`)} />}
        </Stack>
        {failure && (
          <Alert severity="error" data-testid="review-error">
            {tc(`errors.${failure.code}`)}
          </Alert>
        )}
        {!locked && (
          <Stack direction="row" spacing={2}>
            <Button type="submit" variant="contained" disabled={form.formState.isSubmitting} data-testid={`submit-${section}`}>
              {t('review.submit')}
            </Button>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
};
