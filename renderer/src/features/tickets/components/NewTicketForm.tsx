import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Box,
  Button,
  FormControl,
  FormControlLabel,
  FormLabel,
  MenuItem,
  Paper,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
  type TextFieldProps,
} from '@mui/material';
import { useState } from 'react';
import { Controller, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AssetOption } from '../../../../../shared/api/intake';
import { channels, createTicketInput, severities, ticketTypes, type TicketSummary } from '../../../../../shared/api/tickets';
import { useCommand } from '../../../data/useCommand';
import { validationKey } from '../../../i18n/validation';
import { AssetField } from './AssetField';
import { CreatedTicket } from './CreatedTicket';
import { CustomerPicker, type PickedCustomer } from './CustomerPicker';
import { TicketPreviewPanel } from './TicketPreviewPanel';

type FormInput = z.input<typeof createTicketInput>;
type FormOutput = z.output<typeof createTicketInput>;

const empty: FormInput = {
  title: '',
  description: '',
  severity: 'major',
  type: 'fault',
  channel: 'phone',
  customerId: '',
  newCustomerName: '',
  siteId: '',
  assetId: '',
  contact: { name: '', phone: '', email: '' },
  problemReport: true,
};

const fieldNames = new Set(['title', 'description', 'severity', 'type', 'channel', 'customerId', 'newCustomerName', 'siteId', 'assetId', 'contact.name', 'contact.phone', 'contact.email', 'problemReport']);

/**
 * Records a ticket: customer by search, site, asset by code or scan, classification with the
 * TL 9000 severity definitions, problem report or restore only, and the contact. Every text
 * field is controlled, so a reset after saving empties the fields and their labels alike.
 */
export const NewTicketForm = () => {
  const { t } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  // Field errors show beside the fields; the created ticket shows below the form with its
  // number kept live (provisional until the server assigns one).
  const createTicket = useCommand('tickets.create', { errors: 'inline' });
  const [created, setCreated] = useState<TicketSummary | null>(null);
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [asset, setAsset] = useState<AssetOption | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const form = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(createTicketInput), defaultValues: empty });
  const { handleSubmit, formState, control, reset, setError, setValue, clearErrors } = form;
  const values = useWatch({ control });
  const message = (key: string | undefined) => (key ? tc(validationKey(key)) : undefined);
  /** A field's error state and text, or its hint while it has no error. */
  const shown = (state: { error?: { message?: string } }, hint?: string) => ({ error: !!state.error, helperText: message(state.error?.message) ?? hint });
  const known = customer?.kind === 'known' ? customer.customer : null;

  const pickCustomer = (next: PickedCustomer | null) => {
    setCustomer(next);
    const picked = next?.kind === 'known' ? next.customer : null;
    setValue('customerId', picked?.id ?? '');
    setValue('newCustomerName', next?.kind === 'new' ? next.name : '');
    setValue('siteId', picked?.sites.length === 1 ? picked.sites[0]!.id : '');
    const contact = picked?.contacts[0];
    // The customer's first contact, editable: the caller is often someone else.
    setValue('contact', { name: contact?.name ?? '', phone: contact?.phone ?? '', email: contact?.email ?? '' });
    clearErrors(['customerId', 'siteId', 'contact']);
  };

  const foundAsset = (found: AssetOption | null) => {
    setAsset(found);
    setValue('assetId', found?.id ?? '');
    // The asset names its site: take it when it is one of the chosen customer's.
    if (found && known?.sites.some((s) => s.id === found.siteId)) setValue('siteId', found.siteId);
    if (found && known && found.customerId !== known.id) setError('assetId', { message: 'validation.assetNotAtCustomer' });
    else clearErrors('assetId');
  };

  const submit = handleSubmit(async (input) => {
    const result = await createTicket.run(input);
    if (result.ok) {
      setCreated(result.value);
      reset(empty);
      setCustomer(null);
      setAsset(null);
      setResetKey((k) => k + 1);
      return;
    }
    for (const issue of result.error.fields ?? []) {
      if (fieldNames.has(issue.path)) setError(issue.path as FieldPath<FormInput>, { message: issue.message });
    }
  });

  /** A text field bound to the form; controlled, so a reset empties it and its label alike. */
  const controlled = <N extends FieldPath<FormInput>>(
    name: N,
    props: (value: unknown, state: { error?: { message?: string } }) => TextFieldProps,
  ) => (
    <Controller name={name} control={control} render={({ field, fieldState }) => <TextField {...field} {...props(field.value, fieldState)} />} />
  );

  const text = (name: 'title' | 'description' | 'contact.name' | 'contact.phone' | 'contact.email', label: string, testId: string, extra: TextFieldProps = {}) =>
    controlled(name, (value, state) => ({ value: value ?? '', label, ...shown(state), slotProps: { htmlInput: { 'data-testid': testId } }, ...extra }));

  const select = <O extends string>(name: 'severity' | 'type' | 'channel', options: readonly O[], label: (option: O) => string, help?: (option: O) => string) =>
    controlled(name, (value, state) => ({
      select: true,
      required: true,
      fullWidth: true,
      label: t(`field.${name}`),
      ...shown(state, help?.(value as O)),
      slotProps: {
        // The closed field shows the option's name; its definition is the helper text below.
        select: { SelectDisplayProps: { 'data-testid': `ticket-${name}` } as object, renderValue: (v) => label(v as O) },
        formHelperText: { 'data-testid': `ticket-${name}-help` } as object,
      },
      children: options.map((option) => (
        <MenuItem key={option} value={option} sx={{ whiteSpace: 'normal', display: 'block', maxWidth: 480 }}>
          {label(option)}
          {help && (
            <Typography variant="caption" color="text.secondary" component="div">
              {help(option)}
            </Typography>
          )}
        </MenuItem>
      )),
    }));

  return (
    <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 3fr) minmax(0, 2fr)' }, alignItems: 'start' }}>
      <Paper component="section" aria-labelledby="new-ticket-heading" sx={{ p: 3, minWidth: 0 }}>
        <Typography id="new-ticket-heading" variant="h6" component="h2" gutterBottom>
          {t('new')}
        </Typography>
        <Stack component="form" noValidate spacing={2} onSubmit={submit} data-testid="new-ticket-form">
          <CustomerPicker value={customer} onChange={pickCustomer} error={message(formState.errors.customerId?.message ?? formState.errors.newCustomerName?.message)} />
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <Controller
              name="siteId"
              control={control}
              render={({ field, fieldState }) => (
                <TextField
                  {...field}
                  value={customer?.kind === 'new' ? 'new' : field.value}
                  select
                  required
                  fullWidth
                  disabled={!known}
                  label={t('intake.site')}
                  {...shown(fieldState, !customer ? t('intake.chooseCustomerFirst') : undefined)}
                  slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'ticket-site' } as object } }}
                >
                  {customer?.kind === 'new' && <MenuItem value="new">{customer.name}</MenuItem>}
                  {(known?.sites ?? []).map((site) => (
                    <MenuItem key={site.id} value={site.id}>
                      {site.name} · {site.region}
                    </MenuItem>
                  ))}
                </TextField>
              )}
            />
            <Box sx={{ width: '100%' }}>
              <AssetField asset={asset} onFound={foundAsset} error={message(formState.errors.assetId?.message)} resetKey={resetKey} />
            </Box>
          </Stack>
          {text('title', t('field.title'), 'ticket-title', { required: true, autoFocus: true })}
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            {select('type', ticketTypes, (o) => t(`type.${o}`))}
            {select('channel', channels, (o) => t(`channel.${o}`))}
          </Stack>
          {select('severity', severities, (o) => t(`severity.${o}`), (o) => t(`intake.severityHelp.${o}`))}
          <Controller
            name="problemReport"
            control={control}
            render={({ field }) => (
              <FormControl>
                <FormLabel id="report-kind">{t('intake.reportKind')}</FormLabel>
                <RadioGroup row aria-labelledby="report-kind" value={field.value ? 'problem' : 'restore'} onChange={(_, v) => field.onChange(v === 'problem')}>
                  <FormControlLabel value="problem" control={<Radio />} label={t('intake.problemReport')} data-testid="ticket-problem-report" />
                  <FormControlLabel value="restore" control={<Radio />} label={t('intake.restoreOnly')} data-testid="ticket-restore-only" />
                </RadioGroup>
              </FormControl>
            )}
          />
          {text('description', t('field.description'), 'ticket-description', { multiline: true, minRows: 3 })}
          <Typography variant="subtitle2" component="h3">
            {t('intake.contact')}
          </Typography>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            {text('contact.name', t('intake.contactName'), 'ticket-contact-name', { required: true, fullWidth: true })}
            {text('contact.phone', t('intake.contactPhone'), 'ticket-contact-phone', { fullWidth: true })}
            {text('contact.email', t('intake.contactEmail'), 'ticket-contact-email', { fullWidth: true, type: 'email' })}
          </Stack>
          {createTicket.error && (
            <Alert severity="error" data-testid="form-error">
              {tc(`errors.${createTicket.error.code}`)}
            </Alert>
          )}
          <Box>
            <Button type="submit" variant="contained" disabled={formState.isSubmitting} data-testid="ticket-submit">
              {formState.isSubmitting ? t('creating') : t('create')}
            </Button>
          </Box>
          {created && <CreatedTicket ticket={created} />}
        </Stack>
      </Paper>
      <TicketPreviewPanel
        draft={{
          customerId: values.customerId ?? '',
          siteId: values.siteId ?? '',
          assetId: values.assetId ?? '',
          severity: values.severity ?? 'major',
          type: values.type ?? 'fault',
          channel: values.channel ?? 'phone',
          title: (values.title ?? '').slice(0, 400),
        }}
      />
    </Box>
  );
};
