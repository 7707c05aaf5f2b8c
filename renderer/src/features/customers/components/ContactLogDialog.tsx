import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { useMemo } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { CONTACT_CHANNELS } from '../../../../../shared/schema/records/customers';
import { useCommand } from '../../../data/useCommand';
import { contactFormSchema, toLocalInput, type ContactFormValues } from './contactForm';
import { useFieldMessage } from './fieldMessage';

interface Props {
  customerId: string;
  customerName: string;
  contacts: readonly { name: string }[];
  onClose: () => void;
  /** The clock (tests pass a fixed one). */
  now?: () => number;
}

/** Logs a visit, call, meeting or mail with the customer, in the viewer's own name. */
export const ContactLogDialog = ({ customerId, customerName, contacts, onClose, now = Date.now }: Props) => {
  const { t } = useTranslation('customers');
  const message = useFieldMessage();
  const log = useCommand('customers.logContact', { errors: 'inline', success: () => t('form.saved') });
  const schema = useMemo(() => contactFormSchema(now), [now]);
  const { register, control, handleSubmit, formState, setError } = useForm<ContactFormValues>({
    resolver: zodResolver(schema as unknown as z.ZodType<ContactFormValues, ContactFormValues>),
    defaultValues: { channel: 'visit', contactName: contacts[0]?.name ?? '', at: toLocalInput(now()), summary: '', nextStep: '' },
  });

  const submit = handleSubmit(async (v) => {
    const result = await log.run({ customerId, channel: v.channel, contactName: v.contactName, at: new Date(v.at).toISOString(), summary: v.summary, nextStep: v.nextStep ?? '' });
    if (result.ok) return onClose();
    // The core names the field it refused; its reason shows there, in the user's language.
    for (const issue of result.error.fields ?? []) {
      if (['channel', 'contactName', 'at', 'summary', 'nextStep'].includes(issue.path)) setError(issue.path as keyof ContactFormValues, { message: issue.message });
    }
  });
  const err = formState.errors;

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="contact-dialog-title">
      <DialogTitle id="contact-dialog-title">{t('form.title', { name: customerName })}</DialogTitle>
      <DialogContent>
        <Stack component="form" id="contact-form" noValidate spacing={2} sx={{ pt: 1 }} onSubmit={submit} data-testid="contact-form">
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <Controller
              name="channel"
              control={control}
              render={({ field }) => (
                <TextField select fullWidth label={t('form.channel')} {...field} error={!!err.channel} helperText={message(err.channel?.message)} slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'contact-channel' } as object } }}>
                  {CONTACT_CHANNELS.map((c) => (
                    <MenuItem key={c} value={c} data-testid={`contact-channel-${c}`}>
                      {t(`channel.${c}`)}
                    </MenuItem>
                  ))}
                </TextField>
              )}
            />
            <Controller
              name="contactName"
              control={control}
              render={({ field }) => (
                <TextField select fullWidth label={t('form.contact')} {...field} slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'contact-name' } as object } }}>
                  {contacts.map((c) => (
                    <MenuItem key={c.name} value={c.name}>
                      {c.name}
                    </MenuItem>
                  ))}
                  <MenuItem value="">{t('form.contactOther')}</MenuItem>
                </TextField>
              )}
            />
          </Stack>
          <TextField
            {...register('at')}
            type="datetime-local"
            label={t('form.at')}
            required
            error={!!err.at}
            helperText={message(err.at?.message)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'contact-at' } }}
          />
          <TextField
            {...register('summary')}
            label={t('form.summary')}
            required
            multiline
            minRows={3}
            error={!!err.summary}
            helperText={message(err.summary?.message)}
            slotProps={{ htmlInput: { 'data-testid': 'contact-summary' } }}
          />
          <TextField {...register('nextStep')} label={t('form.nextStep')} error={!!err.nextStep} helperText={message(err.nextStep?.message)} slotProps={{ htmlInput: { 'data-testid': 'contact-next-step' } }} />
          {log.error && !log.error.fields?.length && (
            <Alert severity="error" data-testid="contact-form-error">
              {t('form.failed')}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('form.cancel')}</Button>
        <Button type="submit" form="contact-form" variant="contained" disabled={formState.isSubmitting} data-testid="contact-submit">
          {t('form.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
