import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { PersonRow } from '../../../../../shared/api/admin';
import { createUserBody } from '../../../../../shared/sync/admin';
import { useCommand } from '../../../data/useCommand';
import { useFieldMessage } from './fieldMessage';
import { FormError } from './FormDialogParts';

const schema = createUserBody.pick({ password: true });

/** An admin's reset: every session of the person ends, and they must choose a new password. */
export const ResetPasswordDialog = ({ person, onClose }: { person: PersonRow; onClose: () => void }) => {
  const { t } = useTranslation('admin');
  const message = useFieldMessage();
  const reset = useCommand('admin.people.update', { errors: 'inline', success: () => t('people.passwordReset', { name: person.displayName }) });
  const { register, handleSubmit, formState, setError } = useForm({ resolver: zodResolver(schema), defaultValues: { password: '' } });
  const submit = handleSubmit(async ({ password }) => {
    const result = await reset.run({ id: person.id, change: { password } });
    if (result.ok) return onClose();
    // The server's reason (length, a common password, the person's own name) shows at the field.
    const refused = result.error.fields?.find((f) => f.path === 'password');
    if (refused) setError('password', { message: refused.message.startsWith('validation.') ? refused.message : 'validation.server' });
  });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="reset-dialog-title">
      <DialogTitle id="reset-dialog-title">{t('resetForm.title', { name: person.displayName })}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('resetForm.intro')}</DialogContentText>
        <form id="reset-form" noValidate onSubmit={submit}>
          <TextField
            {...register('password')}
            autoFocus
            fullWidth
            type="password"
            label={t('resetForm.password')}
            error={!!formState.errors.password}
            helperText={message(formState.errors.password?.message)}
            slotProps={{ htmlInput: { 'data-testid': 'reset-password', autoComplete: 'new-password' } }}
          />
        </form>
        <FormError error={reset.error} testId="reset-form-error" />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('cancel')}</Button>
        <Button type="submit" form="reset-form" variant="contained" color="warning" disabled={formState.isSubmitting} data-testid="reset-submit">
          {t('resetForm.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
