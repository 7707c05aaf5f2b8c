import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useCallback } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { channels, createTicketInput, severities, ticketTypes, type TicketSummary } from '../../../../../shared/api/tickets';
import { useCommand } from '../../../data/useCommand';
import { validationKey } from '../../../i18n/validation';

type FormInput = z.input<typeof createTicketInput>;
type FormOutput = z.output<typeof createTicketInput>;

const empty: FormInput = { title: '', description: '', severity: 'major', type: 'fault', channel: 'phone', customerName: '' };

export const NewTicketForm = () => {
  const { t } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  const created = useCallback((ticket: TicketSummary) => t('created', { number: ticket.number }), [t]);
  // Field errors show beside the fields; the outcome goes to the app-wide snackbar.
  const createTicket = useCommand('tickets.create', { errors: 'inline', success: created });
  const form = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(createTicketInput), defaultValues: empty });
  const { register, handleSubmit, formState, control, reset, setError } = form;
  // Schema messages are i18n keys; anything else (a core-side message) falls back to a generic text.
  const message = (key: string | undefined) => (key ? tc(validationKey(key)) : undefined);

  const submit = handleSubmit(async (values) => {
    const result = await createTicket.run(values);
    if (result.ok) {
      reset(empty);
      return;
    }
    for (const issue of result.error.fields ?? []) {
      if (issue.path in empty) setError(issue.path as keyof FormInput, { message: issue.message });
    }
  });

  const select = <O extends string>(name: 'severity' | 'type' | 'channel', options: readonly O[], label: (option: O) => string) => (
    <Controller
      name={name}
      control={control}
      render={({ field, fieldState }) => (
        <TextField
          {...field}
          select
          required
          fullWidth
          label={t(`field.${name}`)}
          error={!!fieldState.error}
          helperText={message(fieldState.error?.message)}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': `ticket-${name}` } as object } }}
        >
          {options.map((option) => (
            <MenuItem key={option} value={option}>
              {label(option)}
            </MenuItem>
          ))}
        </TextField>
      )}
    />
  );

  return (
    <Paper component="section" aria-labelledby="new-ticket-heading" sx={{ p: 3 }}>
      <Typography id="new-ticket-heading" variant="h6" component="h2" gutterBottom>
        {t('new')}
      </Typography>
      <Stack component="form" noValidate spacing={2} onSubmit={submit} data-testid="new-ticket-form">
        <TextField
          {...register('title')}
          required
          autoFocus
          label={t('field.title')}
          error={!!formState.errors.title}
          helperText={message(formState.errors.title?.message)}
          slotProps={{ htmlInput: { 'data-testid': 'ticket-title' } }}
        />
        <TextField
          {...register('customerName')}
          required
          label={t('field.customerName')}
          error={!!formState.errors.customerName}
          helperText={message(formState.errors.customerName?.message)}
          slotProps={{ htmlInput: { 'data-testid': 'ticket-customer' } }}
        />
        <Stack direction="row" spacing={2}>
          {select('severity', severities, (o) => t(`severity.${o}`))}
          {select('type', ticketTypes, (o) => t(`type.${o}`))}
          {select('channel', channels, (o) => t(`channel.${o}`))}
        </Stack>
        <TextField
          {...register('description')}
          multiline
          minRows={3}
          label={t('field.description')}
          error={!!formState.errors.description}
          helperText={message(formState.errors.description?.message)}
          slotProps={{ htmlInput: { 'data-testid': 'ticket-description' } }}
        />
        {createTicket.error && (
          <Alert severity="error" data-testid="form-error">
            {tc(`errors.${createTicket.error.code}`)}
          </Alert>
        )}
        <Button type="submit" variant="contained" disabled={formState.isSubmitting} data-testid="ticket-submit">
          {formState.isSubmitting ? t('creating') : t('create')}
        </Button>
      </Stack>
    </Paper>
  );
};
