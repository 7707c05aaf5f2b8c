import { zodResolver } from '@hookform/resolvers/zod';
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import {
  Alert,
  Button,
  Dialog,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  IconButton,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { Controller, useFieldArray, useForm, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CustomerRow } from '../../../../../shared/api/admin';
import { customerForm, customerFormValues, type CustomerFormInput, type CustomerFormValues } from '../../../../../shared/domain/customerForm';
import { TIERS } from '../../../../../shared/schema/enums';
import { useCommand } from '../../../data/useCommand';
import { Choice } from './Choice';
import { FormError, SaveActions } from './FormDialogParts';
import { useFieldMessage } from './fieldMessage';

type Message = ReturnType<typeof useFieldMessage>;
type FormControl = Control<CustomerFormInput, unknown, CustomerFormValues>;

interface SectionProps {
  control: FormControl;
  register: UseFormRegister<CustomerFormInput>;
  errors: FieldErrors<CustomerFormInput>;
  message: Message;
  defaultZone: string;
}

const Contacts = ({ control, register, errors, message }: SectionProps) => {
  const { t } = useTranslation('admin');
  const { fields, append, remove } = useFieldArray({ control, name: 'contacts' });
  return (
    <Stack spacing={1.5} component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Typography component="legend" variant="subtitle2">
        {t('customerForm.contacts')}
      </Typography>
      {fields.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('customerForm.noContacts')}
        </Typography>
      )}
      {fields.map((f, i) => {
        const e = errors.contacts?.[i];
        return (
          <Stack key={f.id} direction="row" spacing={1} sx={{ alignItems: 'flex-start' }} data-testid="customer-contact">
            <TextField {...register(`contacts.${i}.name`)} size="small" required label={t('customerForm.contactName')} error={!!e?.name} helperText={message(e?.name?.message)} slotProps={{ htmlInput: { 'data-testid': `customer-contact-${i}-name` } }} />
            <TextField {...register(`contacts.${i}.phone`)} size="small" label={t('customerForm.phone')} error={!!e?.phone} helperText={message(e?.phone?.message)} slotProps={{ htmlInput: { 'data-testid': `customer-contact-${i}-phone` } }} />
            <TextField {...register(`contacts.${i}.email`)} size="small" label={t('customerForm.email')} error={!!e?.email} helperText={message(e?.email?.message)} sx={{ flexGrow: 1 }} slotProps={{ htmlInput: { 'data-testid': `customer-contact-${i}-email`, type: 'email' } }} />
            <IconButton aria-label={t('customerForm.removeContact', { index: i + 1 })} onClick={() => remove(i)}>
              <DeleteOutlined />
            </IconButton>
          </Stack>
        );
      })}
      <Button startIcon={<AddOutlined />} sx={{ alignSelf: 'flex-start' }} onClick={() => append({ name: '', phone: '', email: '' })} data-testid="customer-add-contact">
        {t('customerForm.addContact')}
      </Button>
    </Stack>
  );
};

const Sites = ({ control, register, errors, message, defaultZone }: SectionProps) => {
  const { t } = useTranslation('admin');
  const { fields, append, remove } = useFieldArray({ control, name: 'sites' });
  return (
    <Stack spacing={1.5} component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Typography component="legend" variant="subtitle2">
        {t('customerForm.sites')}
      </Typography>
      {errors.sites?.message && (
        <Alert severity="error" data-testid="customer-sites-error">
          {message(errors.sites.message)}
        </Alert>
      )}
      {fields.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('customerForm.noSites')}
        </Typography>
      )}
      {fields.map((f, i) => {
        const e = errors.sites?.[i];
        return (
          <Stack key={f.id} spacing={1} data-testid="customer-site">
            <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
              <TextField {...register(`sites.${i}.name`)} size="small" required label={t('customerForm.siteName')} error={!!e?.name} helperText={message(e?.name?.message)} sx={{ flexGrow: 1 }} slotProps={{ htmlInput: { 'data-testid': `customer-site-${i}-name` } }} />
              <TextField {...register(`sites.${i}.region`)} size="small" required label={t('customerForm.siteRegion')} error={!!e?.region} helperText={message(e?.region?.message)} slotProps={{ htmlInput: { 'data-testid': `customer-site-${i}-region` } }} />
              <TextField {...register(`sites.${i}.timeZone`)} size="small" required label={t('customerForm.siteZone')} error={!!e?.timeZone} helperText={message(e?.timeZone?.message)} slotProps={{ htmlInput: { 'data-testid': `customer-site-${i}-zone` } }} />
              <IconButton aria-label={t('customerForm.removeSite', { index: i + 1 })} onClick={() => remove(i)}>
                <DeleteOutlined />
              </IconButton>
            </Stack>
            <TextField {...register(`sites.${i}.address`)} size="small" label={t('customerForm.address')} error={!!e?.address} helperText={message(e?.address?.message)} slotProps={{ htmlInput: { 'data-testid': `customer-site-${i}-address` } }} />
          </Stack>
        );
      })}
      <Button
        startIcon={<AddOutlined />}
        sx={{ alignSelf: 'flex-start' }}
        onClick={() => append({ id: '', name: '', region: '', timeZone: defaultZone, address: '' })}
        data-testid="customer-add-site"
      >
        {t('customerForm.addSite')}
      </Button>
    </Stack>
  );
};

const CustomerForm = ({ id, initial, defaultZone, onClose }: { id: string | null; initial: CustomerFormInput; defaultZone: string; onClose: () => void }) => {
  const { t } = useTranslation('admin');
  const message = useFieldMessage();
  const save = useCommand('admin.customers.save', {
    errors: 'inline',
    success: () => t(id ? 'customers.saved' : 'customers.created', { code: form.getValues('code') }),
  });
  const form = useForm<CustomerFormInput, unknown, CustomerFormValues>({ resolver: zodResolver(customerForm), defaultValues: initial });
  const { register, handleSubmit, formState, control, setError } = form;
  const e = formState.errors;
  const submit = handleSubmit(async (customer) => {
    const result = await save.run({ id, customer });
    if (result.ok) return onClose();
    for (const issue of result.error.fields ?? []) {
      const path = issue.path.replace(/^customer\./, '') as keyof CustomerFormInput;
      setError(path, { message: issue.message.startsWith('validation.') ? issue.message : 'validation.server' });
    }
  });
  const sections = { control, register, errors: e, message, defaultZone };
  return (
    <>
      <DialogContent>
        <Stack component="form" id="customer-form" noValidate spacing={2} sx={{ pt: 1 }} onSubmit={submit} data-testid="customer-form">
          <Stack direction="row" spacing={2}>
            <TextField {...register('code')} required label={t('customerForm.code')} error={!!e.code} helperText={message(e.code?.message)} slotProps={{ htmlInput: { 'data-testid': 'customer-code' } }} />
            <TextField {...register('name')} required label={t('customerForm.name')} error={!!e.name} helperText={message(e.name?.message)} sx={{ flexGrow: 1 }} slotProps={{ htmlInput: { 'data-testid': 'customer-name' } }} />
          </Stack>
          <TextField {...register('nameZh')} label={t('customerForm.nameZh')} error={!!e.nameZh} helperText={message(e.nameZh?.message)} slotProps={{ htmlInput: { 'data-testid': 'customer-name-zh', lang: 'zh-CN' } }} />
          <Stack direction="row" spacing={2}>
            <Choice control={control} name="tier" label={t('customerForm.tier')} testId="customer-tier" message={message} options={TIERS.map((tier) => ({ value: tier, label: t(`customers.tier.${tier}`) }))} />
            <TextField {...register('region')} required fullWidth label={t('customerForm.region')} error={!!e.region} helperText={message(e.region?.message)} slotProps={{ htmlInput: { 'data-testid': 'customer-region' } }} />
            <TextField {...register('timeZone')} required fullWidth label={t('customerForm.timeZone')} error={!!e.timeZone} helperText={message(e.timeZone?.message)} slotProps={{ htmlInput: { 'data-testid': 'customer-zone' } }} />
          </Stack>
          <Controller
            name="active"
            control={control}
            render={({ field }) => (
              <FormControlLabel
                control={<Switch checked={field.value} onChange={(_e, checked) => field.onChange(checked)} slotProps={{ input: { 'data-testid': 'customer-active' } as object }} />}
                label={t('customerForm.active')}
              />
            )}
          />
          <Contacts {...sections} />
          <Sites {...sections} />
          <FormError error={save.error} testId="customer-form-error" />
        </Stack>
      </DialogContent>
      <SaveActions form="customer-form" submitting={formState.isSubmitting} onClose={onClose} testId="customer-submit" />
    </>
  );
};

/** Creates one customer account, or edits one (loaded from the local store when the dialog opens). */
export const CustomerDialog = ({ customer, defaultZone, onClose }: { customer: CustomerRow | null; defaultZone: string; onClose: () => void }) => {
  const { t } = useTranslation('admin');
  const load = useCommand('admin.customers.get', { errors: 'inline' });
  const [initial, setInitial] = useState<CustomerFormInput | null | undefined>(customer ? undefined : customerFormValues(null, defaultZone));
  const id = customer?.id ?? null;
  const run = load.run;
  useEffect(() => {
    if (!id) return;
    let live = true;
    void run({ id }).then((r) => live && setInitial(r.ok ? r.value : null));
    return () => {
      live = false;
    };
  }, [id, run]);
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="customer-dialog-title">
      <DialogTitle id="customer-dialog-title">{customer ? t('customerForm.editTitle', { name: customer.name }) : t('customerForm.createTitle')}</DialogTitle>
      {initial ? (
        <CustomerForm id={id} initial={initial} defaultZone={defaultZone} onClose={onClose} />
      ) : (
        <DialogContent>
          {initial === undefined && !load.error ? (
            <Typography data-testid="customer-form-loading">{t('customerForm.loading')}</Typography>
          ) : (
            <>
              <FormError error={load.error} testId="customer-form-error" />
              {!load.error && <Alert severity="warning">{t('customerForm.missing')}</Alert>}
            </>
          )}
        </DialogContent>
      )}
    </Dialog>
  );
};
