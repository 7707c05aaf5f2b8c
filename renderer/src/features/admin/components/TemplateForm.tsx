import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, IconButton, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DEFAULT_ASSESSMENT_TEMPLATE } from '../../../../../shared/domain/defaults';
import { SCORE_SCALE, templateIssues } from '../../../../../shared/domain/policyForms';
import type { AssessmentTemplate, PolicyOf } from '../../../../../shared/schema';
import { useFormat } from '../../../i18n/format';
import { useFieldMessage } from './fieldMessage';
import { effectiveDateField, PolicySaveBar, policyNameField } from './policyFormParts';
import { scheduledFor, todayIn, useSavePolicy } from './savePolicy';

// Weights and band limits as typed: a percentage with up to two decimals, a score with up to two.
const PERCENT_RE = /^\d{1,3}(\.\d{1,2})?$/;
const SCORE_RE = /^\d(\.\d{1,2})?$/;
const label = (key: string) => z.string().trim().min(1, 'validation.criterionLabelRequired').max(120, key);

const schema = z
  .object({
    name: policyNameField,
    effectiveFrom: effectiveDateField,
    criteria: z
      .array(
        z.object({
          key: z.string(),
          labelEn: label('validation.criterionLabelTooLong'),
          labelZh: label('validation.criterionLabelTooLong'),
          weightPercent: z.string().trim().regex(PERCENT_RE, 'validation.weightInvalid').refine((v) => Number(v) > 0 && Number(v) <= 100, 'validation.weightInvalid'),
        }),
      )
      .min(1, 'validation.criteriaRequired')
      .max(20, 'validation.tooManyCriteria'),
    rewardAtLeast: z.string().trim().regex(SCORE_RE, 'validation.bandOutOfScale'),
    meetsAtLeast: z.string().trim().regex(SCORE_RE, 'validation.bandOutOfScale'),
  })
  .transform(
    (v): { name: string; effectiveFrom: string; template: AssessmentTemplate } => ({
      name: v.name,
      effectiveFrom: v.effectiveFrom,
      template: {
        criteria: v.criteria.map((c) => ({ key: c.key, labelEn: c.labelEn.trim(), labelZh: c.labelZh.trim(), weight: Number(c.weightPercent) / 100 })),
        rewardAtLeast: Number(v.rewardAtLeast),
        meetsAtLeast: Number(v.meetsAtLeast),
      },
    }),
  )
  .superRefine((v, ctx) => {
    for (const issue of templateIssues(v.template)) {
      // A key is not typed: a repeated key shows on the criterion's English name.
      const path = issue.path[2] === 'key' ? ['criteria', issue.path[1]!, 'labelEn'] : issue.path;
      ctx.addIssue({ code: 'custom', path, message: issue.message });
    }
  });
type FormInput = z.input<typeof schema>;
type FormOutput = z.output<typeof schema>;

// Two decimals of a percent; 0.25 -> '25'.
const percentText = (w: number) => String(Math.round(w * 10_000) / 100);
/** A key for a criterion added here: criteria are matched to scores by key, so it never changes. */
const newKey = (taken: readonly string[]) => {
  let n = taken.length + 1;
  while (taken.includes(`criterion${n}`)) n++;
  return `criterion${n}`;
};

/**
 * Edits the quarterly assessment template: criteria with their weights (which must total
 * 100 %), the score scale and the outcome bands. Saving makes a new version; a cycle already
 * running keeps the version it opened with.
 */
export const TemplateForm = ({ policy }: { policy: PolicyOf<'assessmentTemplate'> | null }) => {
  const { t } = useTranslation('admin');
  const format = useFormat();
  const message = useFieldMessage();
  const save = useSavePolicy(() => t('policies.saved'));
  const body = policy?.assessmentTemplate ?? DEFAULT_ASSESSMENT_TEMPLATE;
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: policy?.name ?? t('templates.defaultName'),
      effectiveFrom: todayIn(),
      criteria: body.criteria.map((c) => ({ key: c.key, labelEn: c.labelEn, labelZh: c.labelZh, weightPercent: percentText(c.weight) })),
      rewardAtLeast: String(body.rewardAtLeast),
      meetsAtLeast: String(body.meetsAtLeast),
    },
  });
  const { register, handleSubmit, formState, control } = form;
  const criteria = useFieldArray({ control, name: 'criteria' });
  const watched = useWatch({ control, name: 'criteria' });
  const effectiveFrom = useWatch({ control, name: 'effectiveFrom' });
  const total = watched.reduce((sum, c) => sum + (PERCENT_RE.test(c.weightPercent.trim()) ? Number(c.weightPercent) : 0), 0);
  const e = formState.errors;
  const submit = handleSubmit(async (v) => {
    await save.send({ replaces: policy?.id ?? null, effectiveFrom: v.effectiveFrom, draft: { kind: 'assessmentTemplate', name: v.name, assessmentTemplate: v.template } });
  });
  // A total refused on submit stops being shown once the typed weights add up again.
  const totalOk = Math.round(total * 100) === 10_000;
  const criteriaMessage = e.criteria?.message ?? e.criteria?.root?.message;
  const criteriaError = criteriaMessage === 'validation.weightsTotal' && totalOk ? undefined : criteriaMessage;
  return (
    <Stack component="form" noValidate spacing={2} onSubmit={submit} data-testid="template-form" sx={{ maxWidth: 900 }}>
      <Stack direction="row" spacing={2}>
        <TextField {...register('name')} required size="small" label={t('sla.name')} error={!!e.name} helperText={message(e.name?.message)} slotProps={{ htmlInput: { 'data-testid': 'template-name' } }} sx={{ flex: 2 }} />
        <TextField {...register('effectiveFrom')} type="date" size="small" label={t('policies.effectiveFrom')} error={!!e.effectiveFrom} helperText={message(e.effectiveFrom?.message)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'template-effective' } }} sx={{ flex: 1 }} />
      </Stack>
      <Typography variant="h6" component="h2">
        {t('templates.criteria')}
      </Typography>
      <Table size="small" data-testid="template-criteria">
        <TableHead>
          <TableRow>
            <TableCell>{t('templates.labelEn')}</TableCell>
            <TableCell>{t('templates.labelZh')}</TableCell>
            <TableCell sx={{ width: 140 }}>{t('templates.weight')}</TableCell>
            <TableCell sx={{ width: 56 }} />
          </TableRow>
        </TableHead>
        <TableBody>
          {criteria.fields.map((f, i) => (
            <TableRow key={f.id} data-testid="template-criterion">
              <TableCell>
                <TextField {...register(`criteria.${i}.labelEn`)} size="small" fullWidth aria-label={t('templates.labelEn')} error={!!e.criteria?.[i]?.labelEn} helperText={message(e.criteria?.[i]?.labelEn?.message)} slotProps={{ htmlInput: { 'data-testid': `template-criterion-${i}-en` } }} />
              </TableCell>
              <TableCell>
                <TextField {...register(`criteria.${i}.labelZh`)} size="small" fullWidth aria-label={t('templates.labelZh')} error={!!e.criteria?.[i]?.labelZh} helperText={message(e.criteria?.[i]?.labelZh?.message)} slotProps={{ htmlInput: { 'data-testid': `template-criterion-${i}-zh` } }} />
              </TableCell>
              <TableCell>
                <TextField
                  {...register(`criteria.${i}.weightPercent`)}
                  size="small"
                  aria-label={t('templates.weight')}
                  error={!!e.criteria?.[i]?.weightPercent}
                  helperText={message(e.criteria?.[i]?.weightPercent?.message)}
                  slotProps={{ htmlInput: { 'data-testid': `template-criterion-${i}-weight`, inputMode: 'decimal' }, input: { endAdornment: '%' } }}
                />
              </TableCell>
              <TableCell>
                <IconButton aria-label={t('templates.removeCriterion')} disabled={criteria.fields.length <= 1} onClick={() => criteria.remove(i)} data-testid={`template-criterion-${i}-remove`}>
                  <DeleteOutlined />
                </IconButton>
              </TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell colSpan={2}>
              <Button size="small" startIcon={<AddOutlined />} disabled={criteria.fields.length >= 20} onClick={() => criteria.append({ key: newKey(watched.map((c) => c.key)), labelEn: '', labelZh: '', weightPercent: '' })} data-testid="template-add-criterion">
                {t('templates.addCriterion')}
              </Button>
            </TableCell>
            <TableCell data-testid="template-total" sx={{ fontWeight: 600, color: totalOk ? undefined : 'error.main' }}>
              {t('templates.total', { total: format.decimal(total) })}
            </TableCell>
            <TableCell />
          </TableRow>
        </TableBody>
      </Table>
      {criteriaError && (
        <Alert severity="error" data-testid="template-weights-error">
          {message(criteriaError)}
        </Alert>
      )}
      <Typography variant="h6" component="h2">
        {t('templates.bands')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('templates.scale', { min: SCORE_SCALE.min, max: SCORE_SCALE.max })}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ maxWidth: 600 }}>
        <TextField {...register('rewardAtLeast')} size="small" label={t('templates.rewardAtLeast')} error={!!e.rewardAtLeast} helperText={message(e.rewardAtLeast?.message)} slotProps={{ htmlInput: { 'data-testid': 'template-reward', inputMode: 'decimal' } }} sx={{ flex: 1 }} />
        <TextField {...register('meetsAtLeast')} size="small" label={t('templates.meetsAtLeast')} error={!!e.meetsAtLeast} helperText={message(e.meetsAtLeast?.message) ?? t('templates.belowMeets')} slotProps={{ htmlInput: { 'data-testid': 'template-meets', inputMode: 'decimal' } }} sx={{ flex: 1 }} />
      </Stack>
      <PolicySaveBar testId="template" retroactive={false} scheduled={scheduledFor(effectiveFrom)} submitting={formState.isSubmitting} error={save.error} needsConfirm={save.needsConfirm} onConfirm={() => void save.confirm()} onCancel={save.cancel} />
    </Stack>
  );
};
