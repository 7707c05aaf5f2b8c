import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, InputAdornment, Stack, TextField, Typography } from '@mui/material';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { OrgSettings } from '../../../../../shared/schema';
import { LOCALES } from '../../../../../shared/schema/enums';
import { saveSettingsBody } from '../../../../../shared/sync/adminSettings';
import { useCommand } from '../../../data/useCommand';
import { Choice } from './Choice';
import { FormError } from './FormDialogParts';
import { useFieldMessage } from './fieldMessage';

const NUMBER_FIELDS = ['reopenWindowDays', 'warningPercent', 'attachmentMaxMb', 'attachmentsPerTicket', 'passwordMinLength'] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

// Numbers as typed; the route's own body checks the ranges, so both sides refuse the same values.
const MESSAGES: Record<NumberField, string> = {
  reopenWindowDays: 'validation.reopenWindow',
  warningPercent: 'validation.warningRatio',
  attachmentMaxMb: 'validation.attachmentMaxMb',
  attachmentsPerTicket: 'validation.attachmentsPerTicket',
  passwordMinLength: 'validation.passwordMinLength',
};
const typed = (field: NumberField) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, MESSAGES[field])
    .transform(Number)
    .pipe(saveSettingsBody.shape[field]);
const schema = saveSettingsBody.extend(Object.fromEntries(NUMBER_FIELDS.map((f) => [f, typed(f)])) as { [K in NumberField]: ReturnType<typeof typed> });
type FormInput = z.input<typeof schema>;
type FormOutput = z.output<typeof schema>;

/** Organisation settings: name, default language and zone, reopen window, warning threshold, attachment and password limits. */
export const SettingsForm = ({ settings }: { settings: OrgSettings }) => {
  const { t } = useTranslation('admin');
  const message = useFieldMessage();
  const save = useCommand('admin.settings.save', { errors: 'inline', success: () => t('settings.saved') });
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: settings.name,
      defaultLocale: settings.defaultLocale,
      defaultTimeZone: settings.defaultTimeZone,
      reopenWindowDays: String(settings.reopenWindowDays),
      warningPercent: String(settings.warningPercent),
      attachmentMaxMb: String(settings.attachmentMaxMb),
      attachmentsPerTicket: String(settings.attachmentsPerTicket),
      passwordMinLength: String(settings.passwordMinLength),
    },
  });
  const { register, handleSubmit, formState, control } = form;
  const e = formState.errors;
  const submit = handleSubmit(async (v) => {
    await save.run(v);
  });
  const field = (name: NumberField, unit: string) => (
    <TextField
      {...register(name)}
      size="small"
      label={t(`settings.${name}`)}
      error={!!e[name]}
      helperText={message(e[name]?.message) ?? t(`settings.hint.${name}`)}
      slotProps={{ htmlInput: { 'data-testid': `settings-${name}`, inputMode: 'numeric' }, input: { endAdornment: unit ? <InputAdornment position="end">{unit}</InputAdornment> : undefined } }}
      sx={{ flex: 1 }}
    />
  );
  return (
    <Stack component="form" noValidate spacing={2} onSubmit={submit} data-testid="settings-form" sx={{ maxWidth: 760 }}>
      <Typography variant="h6" component="h2">
        {t('settings.organisation')}
      </Typography>
      <TextField {...register('name')} required size="small" label={t('settings.name')} error={!!e.name} helperText={message(e.name?.message)} slotProps={{ htmlInput: { 'data-testid': 'settings-name' } }} />
      <Stack direction="row" spacing={2}>
        <Stack sx={{ flex: 1 }}>
          <Choice control={control} name="defaultLocale" label={t('settings.defaultLocale')} testId="settings-locale" message={message} options={LOCALES.map((l) => ({ value: l, label: t(`settings.locale.${l}`) }))} />
        </Stack>
        <TextField {...register('defaultTimeZone')} size="small" label={t('settings.defaultTimeZone')} error={!!e.defaultTimeZone} helperText={message(e.defaultTimeZone?.message) ?? t('settings.hint.defaultTimeZone')} slotProps={{ htmlInput: { 'data-testid': 'settings-zone' } }} sx={{ flex: 1 }} />
      </Stack>
      <Typography variant="h6" component="h2">
        {t('settings.tickets')}
      </Typography>
      <Stack direction="row" spacing={2}>
        {field('reopenWindowDays', t('settings.unit.days'))}
        {field('warningPercent', '%')}
      </Stack>
      <Typography variant="h6" component="h2">
        {t('settings.attachments')}
      </Typography>
      <Stack direction="row" spacing={2}>
        {field('attachmentMaxMb', 'MB')}
        {field('attachmentsPerTicket', '')}
      </Stack>
      <Typography variant="h6" component="h2">
        {t('settings.passwords')}
      </Typography>
      <Stack direction="row" spacing={2}>
        {field('passwordMinLength', t('settings.unit.characters'))}
        <Stack sx={{ flex: 1 }} />
      </Stack>
      <FormError error={save.error} testId="settings-error" />
      {save.error?.fields && (
        <Alert severity="error" data-testid="settings-error">
          {t('validation.server')}
        </Alert>
      )}
      <Stack direction="row">
        <Button type="submit" variant="contained" disabled={formState.isSubmitting} data-testid="settings-submit">
          {formState.isSubmitting ? t('saving') : t('save')}
        </Button>
      </Stack>
    </Stack>
  );
};
