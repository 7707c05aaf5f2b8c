import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { signInInput } from '../../../../../shared/api/session';
import { useCommand } from '../../../data/useCommand';
import { validationKey } from '../../../i18n/validation';

type FormInput = z.input<typeof signInInput>;
type FormOutput = z.output<typeof signInInput>;

export const SignInDialog = ({ open, onClose, serverUrl }: { open: boolean; onClose: () => void; serverUrl: string | null }) => {
  const { t } = useTranslation('session');
  const { t: tc } = useTranslation();
  // The reason a sign-in failed shows in the dialog, where the user can correct it.
  const signIn = useCommand('session.signIn', { errors: 'inline' });
  const { register, handleSubmit, formState, reset } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(signInInput),
    values: { serverUrl: serverUrl ?? 'http://127.0.0.1:8787', username: '', password: '' },
    resetOptions: { keepDirtyValues: true },
  });
  const message = (key: string | undefined) => (key ? tc(validationKey(key)) : undefined);

  const close = () => {
    signIn.reset();
    onClose();
  };

  const submit = handleSubmit(async (values) => {
    const result = await signIn.run(values);
    if (result.ok) {
      reset();
      close();
    }
  });

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="xs" aria-labelledby="sign-in-title">
      <form noValidate onSubmit={submit} data-testid="sign-in-form">
        <DialogTitle id="sign-in-title">{t('signInTitle')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              {...register('serverUrl')}
              label={t('serverUrl')}
              required
              error={!!formState.errors.serverUrl}
              helperText={message(formState.errors.serverUrl?.message) ?? t('serverUrlHint')}
              slotProps={{ htmlInput: { 'data-testid': 'sign-in-server', inputMode: 'url' } }}
            />
            <TextField
              {...register('username')}
              label={t('username')}
              required
              autoFocus
              autoComplete="username"
              error={!!formState.errors.username}
              helperText={message(formState.errors.username?.message)}
              slotProps={{ htmlInput: { 'data-testid': 'sign-in-username' } }}
            />
            <TextField
              {...register('password')}
              label={t('password')}
              type="password"
              required
              autoComplete="current-password"
              error={!!formState.errors.password}
              helperText={message(formState.errors.password?.message)}
              slotProps={{ htmlInput: { 'data-testid': 'sign-in-password' } }}
            />
            {signIn.error && (
              <Alert severity="error" data-testid="sign-in-error">
                {tc(`errors.${signIn.error.code}`)}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{tc('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting} data-testid="sign-in-submit">
            {formState.isSubmitting ? t('signingIn') : t('signIn')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
