import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, MenuItem, Paper, Snackbar, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { channels, createTicketInput, severities, ticketTypes } from '../../../../shared/api/tickets';
import type { ApiError } from '../../../../shared/api/result';
import { useTransport } from '../../api/context';

type FormInput = z.input<typeof createTicketInput>;
type FormOutput = z.output<typeof createTicketInput>;

const empty: FormInput = { title: '', description: '', severity: 'major', type: 'fault', channel: 'phone', customerName: '' };

export const NewTicketForm = () => {
  const { t } = useTranslation();
  const transport = useTransport();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const form = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(createTicketInput), defaultValues: empty });
  const { register, handleSubmit, formState, control, reset, setError } = form;
  // Schema messages are i18n keys; anything else (a core-side message) falls back to a generic text.
  const message = (key: string | undefined) => (key ? t(key.startsWith('validation.') ? key : 'validation.invalid') : undefined);

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await transport.invoke('tickets.create', values);
    if (result.ok) {
      setCreated(result.value.number);
      reset(empty);
      return;
    }
    for (const issue of result.error.fields ?? []) {
      if (issue.path in empty) setError(issue.path as keyof FormInput, { message: issue.message });
    }
    setFailure(result.error);
  });

  const select = (name: 'severity' | 'type' | 'channel', options: readonly string[]) => (
    <Controller
      name={name}
      control={control}
      render={({ field, fieldState }) => (
        <TextField
          {...field}
          select
          required
          fullWidth
          label={t(`tickets.field.${name}`)}
          error={!!fieldState.error}
          helperText={message(fieldState.error?.message)}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': `ticket-${name}` } as object } }}
        >
          {options.map((option) => (
            <MenuItem key={option} value={option}>
              {t(`tickets.${name}.${option}`)}
            </MenuItem>
          ))}
        </TextField>
      )}
    />
  );

  return (
    <Paper component="section" aria-labelledby="new-ticket-heading" sx={{ p: 3 }}>
      <Typography id="new-ticket-heading" variant="h6" component="h2" gutterBottom>
        {t('tickets.new')}
      </Typography>
      <Stack component="form" noValidate spacing={2} onSubmit={submit} data-testid="new-ticket-form">
        <TextField
          {...register('title')}
          required
          autoFocus
          label={t('tickets.field.title')}
          error={!!formState.errors.title}
          helperText={message(formState.errors.title?.message)}
          slotProps={{ htmlInput: { 'data-testid': 'ticket-title' } }}
        />
        <TextField
          {...register('customerName')}
          required
          label={t('tickets.field.customerName')}
          error={!!formState.errors.customerName}
          helperText={message(formState.errors.customerName?.message)}
          slotProps={{ htmlInput: { 'data-testid': 'ticket-customer' } }}
        />
        <Stack direction="row" spacing={2}>
          {select('severity', severities)}
          {select('type', ticketTypes)}
          {select('channel', channels)}
        </Stack>
        <TextField
          {...register('description')}
          multiline
          minRows={3}
          label={t('tickets.field.description')}
          error={!!formState.errors.description}
          helperText={message(formState.errors.description?.message)}
          slotProps={{ htmlInput: { 'data-testid': 'ticket-description' } }}
        />
        {failure && (
          <Alert severity="error" data-testid="form-error">
            {t(`errors.${failure.code}`)}
          </Alert>
        )}
        <Button type="submit" variant="contained" disabled={formState.isSubmitting} data-testid="ticket-submit">
          {formState.isSubmitting ? t('tickets.creating') : t('tickets.create')}
        </Button>
      </Stack>
      <Snackbar
        open={created !== null}
        autoHideDuration={4000}
        onClose={() => setCreated(null)}
        message={created ? t('tickets.created', { number: created }) : ''}
      />
    </Paper>
  );
};
