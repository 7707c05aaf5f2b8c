import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Box, Button, IconButton, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useMemo } from 'react';
import { Controller, useFieldArray, useForm, type Control, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { problemFormSchema, WHYS_LIMIT, type createProblemInput, type PersonOption } from '../../../../../shared/api/problems';
import type { Result } from '../../../../../shared/api/result';
import { ACTION_KINDS, ACTION_STATUSES, CAUSE_CATEGORIES } from '../../../../../shared/schema/enums';
import { localToday, useProblemMessage } from './fieldMessage';
import { TicketPicker } from './TicketPicker';

export type ProblemFormInput = z.input<typeof createProblemInput>;
export type ProblemFormOutput = z.output<typeof createProblemInput>;

/** The form's values for a problem: whys padded to five slots (blank ones are dropped on save). */
export const formDefaults = (over: Partial<ProblemFormInput> = {}): ProblemFormInput => {
  const whys = [...(over.whys ?? [])];
  while (whys.length < WHYS_LIMIT) whys.push('');
  return { title: '', description: '', causeCategory: 'unknown', productLine: '', ownerId: '', ticketIds: [], rootCause: '', actions: [], ...over, whys };
};

const Choice = <N extends FieldPath<ProblemFormInput>>({
  control,
  name,
  label,
  options,
  testId,
  message,
  width,
}: {
  control: Control<ProblemFormInput>;
  name: N;
  label: string;
  options: { value: string; label: string }[];
  testId: string;
  message: (m: string | undefined) => string | undefined;
  width?: number;
}) => (
  <Controller
    control={control}
    name={name}
    render={({ field, fieldState }) => (
      <TextField
        select
        label={label}
        value={field.value ?? ''}
        onChange={field.onChange}
        onBlur={field.onBlur}
        inputRef={field.ref}
        error={!!fieldState.error}
        helperText={message(fieldState.error?.message)}
        sx={{ minWidth: width ?? 180 }}
        slotProps={{ select: { SelectDisplayProps: { 'data-testid': testId } as object } }}
      >
        {options.map((o) => (
          <MenuItem key={o.value} value={o.value}>
            {o.label}
          </MenuItem>
        ))}
      </TextField>
    )}
  />
);

/**
 * A problem's form: title, cause, owner, the 5-whys chain, the root cause and the actions;
 * when creating, also the linked tickets with the candidates proposed for them. The schema is
 * the command's (shared/api/problems.ts); main's refusals land on the fields they name.
 */
export const ProblemForm = ({
  mode,
  defaults,
  people,
  onSubmit,
  onCancel,
}: {
  mode: 'create' | 'edit';
  defaults: ProblemFormInput;
  people: readonly PersonOption[];
  onSubmit: (values: ProblemFormOutput) => Promise<Result<unknown>>;
  onCancel: () => void;
}) => {
  const { t, i18n } = useTranslation('problems');
  const { t: tc } = useTranslation();
  const message = useProblemMessage();
  const schema = useMemo(() => problemFormSchema(localToday()), []);
  const form = useForm<ProblemFormInput, unknown, ProblemFormOutput>({ resolver: zodResolver(schema), defaultValues: defaults });
  const { register, control, handleSubmit, formState, setError, watch, setValue } = form;
  const actions = useFieldArray({ control, name: 'actions', keyName: 'key' });
  const whys = watch('whys');
  const shownWhys = Math.min(WHYS_LIMIT, Math.max(1, whys.map((w) => w.trim() !== '').lastIndexOf(true) + 2));
  const personOptions = people.map((p) => ({ value: p.id, label: (i18n.language === 'zh-CN' && p.nameZh) || p.name }));

  const submit = handleSubmit(async (values) => {
    const result = await onSubmit(values);
    if (result.ok) return;
    for (const issue of result.error.fields ?? []) setError(issue.path as FieldPath<ProblemFormInput>, { message: issue.message });
    if (!result.error.fields?.length) setError('root', { message: result.error.code });
  });

  const newAction = (kind: (typeof ACTION_KINDS)[number]) =>
    actions.append({ kind, description: '', ownerId: watch('ownerId'), dueDate: '', status: 'open' }, { shouldFocus: true });

  return (
    <Stack component="form" noValidate spacing={2} onSubmit={submit} data-testid="problem-form" aria-label={mode === 'create' ? t('form.createTitle') : t('detail.edit')}>
      <Paper sx={{ p: 2 }}>
        <Stack spacing={2}>
          <TextField
            {...register('title')}
            required
            label={t('form.title')}
            error={!!formState.errors.title}
            helperText={message(formState.errors.title?.message)}
            slotProps={{ htmlInput: { 'data-testid': 'problem-title' } }}
          />
          <TextField {...register('description')} multiline minRows={2} label={t('form.description')} error={!!formState.errors.description} helperText={message(formState.errors.description?.message)} />
          <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Choice control={control} name="causeCategory" label={t('form.causeCategory')} testId="problem-cause" message={message} options={CAUSE_CATEGORIES.map((c) => ({ value: c, label: t(`cause.${c}`) }))} />
            <TextField {...register('productLine')} label={t('form.productLine')} error={!!formState.errors.productLine} helperText={message(formState.errors.productLine?.message)} slotProps={{ inputLabel: { shrink: watch('productLine') !== '' || undefined }, htmlInput: { 'data-testid': 'problem-product-line' } }} />
            <Choice control={control} name="ownerId" label={t('form.owner')} testId="problem-owner" message={message} options={personOptions} width={220} />
          </Stack>
        </Stack>
      </Paper>

      {mode === 'create' && (
        <TicketPicker
          ticketIds={watch('ticketIds')}
          productLine={watch('productLine')}
          causeCategory={watch('causeCategory')}
          error={message(formState.errors.ticketIds?.message ?? formState.errors.ticketIds?.root?.message)}
          onChange={(ids, productLine) => {
            setValue('ticketIds', ids, { shouldValidate: formState.isSubmitted });
            if (productLine && !form.getValues('productLine')) setValue('productLine', productLine);
          }}
        />
      )}

      <Paper sx={{ p: 2 }} component="section" aria-labelledby="whys-heading">
        <Typography id="whys-heading" variant="subtitle1" component="h2">
          {t('form.whys')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('form.whysHelp')}
        </Typography>
        <Stack spacing={1}>
          {Array.from({ length: shownWhys }, (_, i) => (
            <TextField
              key={i}
              {...register(`whys.${i}`)}
              size="small"
              label={t('form.why', { n: i + 1 })}
              error={!!formState.errors.whys?.[i]}
              helperText={message(formState.errors.whys?.[i]?.message)}
              slotProps={{ htmlInput: { 'data-testid': `problem-why-${i}` } }}
            />
          ))}
        </Stack>
        <TextField {...register('rootCause')} multiline minRows={2} fullWidth label={t('form.rootCause')} sx={{ mt: 2 }} error={!!formState.errors.rootCause} helperText={message(formState.errors.rootCause?.message)} slotProps={{ htmlInput: { 'data-testid': 'problem-root-cause' } }} />
      </Paper>

      <Paper sx={{ p: 2 }} component="section" aria-labelledby="actions-heading">
        <Typography id="actions-heading" variant="subtitle1" component="h2" sx={{ mb: 1 }}>
          {t('form.actions')}
        </Typography>
        {actions.fields.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {t('form.noActions')}
          </Typography>
        )}
        <Stack spacing={2}>
          {actions.fields.map((field, i) => {
            const errors = formState.errors.actions?.[i];
            return (
              <Box key={field.key} sx={{ display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', md: '150px minmax(0, 1fr) 180px 170px 150px auto' }, alignItems: 'start' }} data-testid={`action-${i}`}>
                <Choice control={control} name={`actions.${i}.kind`} label={t('form.actionKind')} testId={`action-kind-${i}`} message={message} width={140} options={ACTION_KINDS.map((k) => ({ value: k, label: t(`actionKind.${k}`) }))} />
                <TextField {...register(`actions.${i}.description`)} label={t('form.actionDescription')} error={!!errors?.description} helperText={message(errors?.description?.message)} slotProps={{ htmlInput: { 'data-testid': `action-description-${i}` } }} />
                <Choice control={control} name={`actions.${i}.ownerId`} label={t('form.actionOwner')} testId={`action-owner-${i}`} message={message} width={170} options={personOptions} />
                <TextField
                  {...register(`actions.${i}.dueDate`)}
                  type="date"
                  label={t('form.actionDue')}
                  error={!!errors?.dueDate}
                  helperText={message(errors?.dueDate?.message)}
                  slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `action-due-${i}` } }}
                />
                <Choice control={control} name={`actions.${i}.status`} label={t('form.actionStatus')} testId={`action-status-${i}`} message={message} width={140} options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`actionStatus.${s}`) }))} />
                <IconButton aria-label={t('form.removeAction', { n: i + 1 })} onClick={() => actions.remove(i)} sx={{ mt: 1 }}>
                  <DeleteOutlined />
                </IconButton>
              </Box>
            );
          })}
        </Stack>
        <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
          <Button size="small" startIcon={<AddOutlined />} onClick={() => newAction('corrective')} data-testid="add-corrective">
            {t('form.addCorrective')}
          </Button>
          <Button size="small" startIcon={<AddOutlined />} onClick={() => newAction('preventive')} data-testid="add-preventive">
            {t('form.addPreventive')}
          </Button>
        </Stack>
      </Paper>

      {Object.keys(formState.errors).length > 0 && formState.isSubmitted && (
        <Alert severity="error" data-testid="problem-form-error">
          {formState.errors.root?.message ? tc(`errors.${formState.errors.root.message as 'INTERNAL'}`) : t('form.failed')}
        </Alert>
      )}
      <Stack direction="row" spacing={1}>
        <Button type="submit" variant="contained" disabled={formState.isSubmitting} data-testid="problem-submit">
          {mode === 'create' ? t('form.create') : t('form.save')}
        </Button>
        <Button onClick={onCancel}>{t('form.cancel')}</Button>
      </Stack>
    </Stack>
  );
};
