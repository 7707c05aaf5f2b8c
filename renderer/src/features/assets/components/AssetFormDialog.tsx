import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { Controller, useForm, useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { AssetDetail } from '../../../../../shared/api/assets';
import { ASSET_KINDS, ASSET_OWNERSHIPS } from '../../../../../shared/schema/enums';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useAssetError } from './fieldError';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const text = (max: number, required = true) => (required ? z.string().trim().min(1, 'required').max(max, 'tooLong') : z.string().trim().max(max, 'tooLong'));
const date = z.string().regex(DATE_RE, 'date');
const optionalDate = z.union([z.literal(''), date]).transform((v) => (v === '' ? null : v));

// The form's own checks (the service checks keys, parents and cycles against the store).
const schema = z.object({
  assetCode: text(40),
  serial: text(80),
  rfidTag: text(64, false),
  model: text(80),
  productLine: text(60),
  kind: z.enum(ASSET_KINDS),
  customerId: z.string().min(1, 'required'),
  siteId: z.string().min(1, 'required'),
  parentId: z.string().transform((v) => (v === '' ? null : v)),
  installDate: date,
  warrantyEnd: optionalDate,
  contractEnd: optionalDate,
  ownership: z.enum(ASSET_OWNERSHIPS),
});
type FormInput = z.input<typeof schema>;
type FormOutput = z.output<typeof schema>;
type FieldName = keyof FormInput;

const today = () => new Date().toISOString().slice(0, 10);

/** Registers an asset or edits one; refusals (a duplicate code, a cycle) mark their field. */
export const AssetFormDialog = ({ asset, initialCode = '', onClose }: { asset: AssetDetail | null; initialCode?: string; onClose: (savedCode?: string) => void }) => {
  const { t } = useTranslation('assets');
  const errorText = useAssetError();
  const save = useCommand('assets.save', {
    errors: 'inline',
    success: (v) => t(asset ? 'form.saved' : 'form.created', { code: v.assetCode }),
  });
  const f = asset?.fields;
  const { register, handleSubmit, formState, control, setError, setValue } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(schema),
    defaultValues: {
      assetCode: f?.assetCode ?? initialCode,
      serial: f?.serial ?? '',
      rfidTag: f?.rfidTag ?? '',
      model: f?.model ?? '',
      productLine: f?.productLine ?? '',
      kind: f?.kind ?? 'board',
      customerId: f?.customerId ?? '',
      siteId: f?.siteId ?? '',
      parentId: f?.parentId ?? '',
      installDate: f?.installDate ?? today(),
      warrantyEnd: f?.warrantyEnd ?? '',
      contractEnd: f?.contractEnd ?? '',
      ownership: f?.ownership ?? 'customer',
    },
  });
  const customerId = useWatch({ control, name: 'customerId' });
  const siteId = useWatch({ control, name: 'siteId' });
  const options = useLiveQuery('assets.formOptions', { siteId, excludeId: asset?.id ?? '' });
  const customers = options.data?.customers ?? [];
  const sites = customers.find((c) => c.id === customerId)?.sites ?? [];

  const submit = handleSubmit(async (values) => {
    const result = await save.run({ ...(asset ? { id: asset.id } : {}), fields: values });
    if (result.ok) return onClose(result.value.assetCode);
    for (const issue of result.error.fields ?? []) {
      if (issue.path in values) setError(issue.path as FieldName, { message: issue.code });
    }
  });

  const field = (name: FieldName, extra: { required?: boolean; type?: string } = {}) => (
    <TextField
      {...register(name)}
      required={extra.required ?? false}
      type={extra.type ?? 'text'}
      fullWidth
      label={t(`field.${name}`)}
      error={!!formState.errors[name]}
      helperText={errorText(formState.errors[name]?.message)}
      slotProps={{ htmlInput: { 'data-testid': `asset-${name}` }, ...(extra.type === 'date' ? { inputLabel: { shrink: true } } : {}) }}
    />
  );

  return (
    <Dialog open onClose={() => onClose()} fullWidth maxWidth="md" aria-labelledby="asset-form-title">
      <DialogTitle id="asset-form-title">{asset ? t('form.editTitle', { code: asset.fields.assetCode }) : t('form.createTitle')}</DialogTitle>
      <DialogContent>
        <Stack component="form" id="asset-form" noValidate spacing={2} sx={{ pt: 1 }} onSubmit={submit} data-testid="asset-form">
          <Stack direction="row" spacing={2}>
            {field('assetCode', { required: true })}
            {field('serial', { required: true })}
            {field('rfidTag')}
          </Stack>
          <Stack direction="row" spacing={2}>
            {field('model', { required: true })}
            {field('productLine', { required: true })}
            <Select control={control} name="kind" label={t('field.kind')} options={ASSET_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
          </Stack>
          <Stack direction="row" spacing={2}>
            <Select
              control={control}
              name="customerId"
              label={t('field.customerId')}
              onPick={() => (setValue('siteId', ''), setValue('parentId', ''))}
              options={[{ value: '', label: t('field.choose') }, ...customers.map((c) => ({ value: c.id, label: `${c.code} · ${c.name}` }))]}
            />
            <Select
              control={control}
              name="siteId"
              label={t('field.siteId')}
              onPick={() => setValue('parentId', '')}
              options={[{ value: '', label: t('field.choose') }, ...sites.map((s) => ({ value: s.id, label: s.name }))]}
            />
            <Select
              control={control}
              name="parentId"
              label={t('field.parentId')}
              options={[{ value: '', label: t('field.none') }, ...(options.data?.parents ?? []).map((p) => ({ value: p.id, label: `${p.assetCode} · ${t(`kind.${p.kind}`)} · ${p.model}` }))]}
            />
          </Stack>
          <Stack direction="row" spacing={2}>
            {field('installDate', { required: true, type: 'date' })}
            {field('warrantyEnd', { type: 'date' })}
            {field('contractEnd', { type: 'date' })}
            <Select control={control} name="ownership" label={t('field.ownership')} options={ASSET_OWNERSHIPS.map((o) => ({ value: o, label: t(`ownership.${o}`) }))} />
          </Stack>
          {save.error && (
            <Alert severity="error" data-testid="asset-form-error">
              {save.error.code === 'FORBIDDEN' ? t('error.forbidden') : t('form.failed')}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose()}>{t('form.cancel')}</Button>
        <Button type="submit" form="asset-form" variant="contained" disabled={formState.isSubmitting} data-testid="asset-submit">
          {t('form.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/** A native select bound to the form: keyboard-friendly, and a scanner-free field. */
const Select = ({
  control,
  name,
  label,
  options,
  onPick,
}: {
  control: Control<FormInput, unknown, FormOutput>;
  name: FieldName;
  label: string;
  options: readonly { value: string; label: string }[];
  onPick?: () => void;
}) => {
  const errorText = useAssetError();
  return (
    <Controller
      name={name}
      control={control}
      render={({ field, fieldState }) => (
        <TextField
          {...field}
          onChange={(e) => {
            field.onChange(e);
            onPick?.();
          }}
          value={field.value ?? ''}
          select
          fullWidth
          label={label}
          error={!!fieldState.error}
          helperText={errorText(fieldState.error?.message)}
          slotProps={{ select: { native: true }, htmlInput: { 'data-testid': `asset-${name}` }, inputLabel: { shrink: true } }}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </TextField>
      )}
    />
  );
};
