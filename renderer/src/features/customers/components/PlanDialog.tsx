import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { CustomerAccount } from '../../../../../shared/api/customers';
import { DEFAULT_CADENCE_DAYS } from '../../../../../shared/domain/cadence';
import { MAX_CADENCE_DAYS } from '../../../../../shared/schema/records/customers';
import { useCommand } from '../../../data/useCommand';
import { useFieldMessage } from './fieldMessage';

// In the form '' means "the tier's default" (an empty number field); the command sends null.
const planFormSchema = z.object({
  managerId: z.string(),
  cadenceDays: z.string().refine((v) => v.trim() === '' || (/^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= MAX_CADENCE_DAYS), { error: 'validation.cadenceRange' }),
  notes: z.string().max(2000, { error: 'validation.notesTooLong' }),
});
type PlanFormValues = z.infer<typeof planFormSchema>;

/** The account plan: who manages the account (managers only) and the contact target. */
export const PlanDialog = ({ account, onClose }: { account: CustomerAccount; onClose: () => void }) => {
  const { t } = useTranslation('customers');
  const message = useFieldMessage();
  const save = useCommand('customers.savePlan', { errors: 'inline', success: () => t('planForm.saved') });
  const { register, control, handleSubmit, formState } = useForm<PlanFormValues>({
    resolver: zodResolver(planFormSchema),
    defaultValues: { managerId: account.plan.managerId ?? '', cadenceDays: account.plan.cadenceDays === null ? '' : String(account.plan.cadenceDays), notes: account.plan.notes },
  });
  const submit = handleSubmit(async (v) => {
    const result = await save.run({ customerId: account.id, managerId: v.managerId, cadenceDays: v.cadenceDays.trim() === '' ? null : Number(v.cadenceDays), notes: v.notes });
    if (result.ok) onClose();
  });
  const err = formState.errors;

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="plan-dialog-title">
      <DialogTitle id="plan-dialog-title">{t('planForm.title', { name: account.name })}</DialogTitle>
      <DialogContent>
        <Stack component="form" id="plan-form" noValidate spacing={2} sx={{ pt: 1 }} onSubmit={submit} data-testid="plan-form">
          <Controller
            name="managerId"
            control={control}
            render={({ field }) => (
              <TextField select label={t('planForm.manager')} disabled={!account.canAssignManager} {...field} slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'plan-manager' } as object } }}>
                <MenuItem value="">{t('planForm.noManager')}</MenuItem>
                {account.managers.map((m) => (
                  <MenuItem key={m.id} value={m.id}>
                    {m.name}
                  </MenuItem>
                ))}
              </TextField>
            )}
          />
          <TextField
            {...register('cadenceDays')}
            label={t('planForm.cadence')}
            inputMode="numeric"
            error={!!err.cadenceDays}
            helperText={message(err.cadenceDays?.message) ?? t('planForm.cadenceHelp', { days: DEFAULT_CADENCE_DAYS[account.tier] })}
            slotProps={{ htmlInput: { 'data-testid': 'plan-cadence' } }}
          />
          <TextField {...register('notes')} label={t('planForm.notes')} multiline minRows={2} error={!!err.notes} helperText={message(err.notes?.message)} slotProps={{ htmlInput: { 'data-testid': 'plan-notes' } }} />
          {save.error && <Alert severity="error">{message(save.error.fields?.[0]?.message) ?? t('form.failed')}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('form.cancel')}</Button>
        <Button type="submit" form="plan-form" variant="contained" disabled={formState.isSubmitting} data-testid="plan-submit">
          {t('planForm.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
