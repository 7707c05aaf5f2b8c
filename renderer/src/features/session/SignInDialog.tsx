import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { signInInput } from '../../../../shared/api/session';
import type { ApiError } from '../../../../shared/api/result';
import { useTransport } from '../../api/context';

type FormInput = z.input<typeof signInInput>;
type FormOutput = z.output<typeof signInInput>;

export const SignInDialog = ({ open, onClose, serverUrl }: { open: boolean; onClose: () => void; serverUrl: string | null }) => {
  const { t } = useTranslation();
  const transport = useTransport();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const { register, handleSubmit, formState, reset } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(signInInput),
    values: { serverUrl: serverUrl ?? 'http://127.0.0.1:8787', username: '', password: '' },
    resetOptions: { keepDirtyValues: true },
  });
  const message = (key: string | undefined) => (key ? t(key.startsWith('validation.') ? key : 'validation.invalid') : undefined);

  const close = () => {
    setFailure(null);
    onClose();
  };

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await transport.invoke('session.signIn', values);
    if (result.ok) {
      reset();
      close();
    } else {
      setFailure(result.error);
    }
  });

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="xs" aria-labelledby="sign-in-title">
      <form noValidate onSubmit={submit} data-testid="sign-in-form">
        <DialogTitle id="sign-in-title">{t('session.signInTitle')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              {...register('serverUrl')}
              label={t('session.serverUrl')}
              required
              error={!!formState.errors.serverUrl}
              helperText={message(formState.errors.serverUrl?.message) ?? t('session.serverUrlHint')}
              slotProps={{ htmlInput: { 'data-testid': 'sign-in-server', inputMode: 'url' } }}
            />
            <TextField
              {...register('username')}
              label={t('session.username')}
              required
              autoFocus
              autoComplete="username"
              error={!!formState.errors.username}
              helperText={message(formState.errors.username?.message)}
              slotProps={{ htmlInput: { 'data-testid': 'sign-in-username' } }}
            />
            <TextField
              {...register('password')}
              label={t('session.password')}
              type="password"
              required
              autoComplete="current-password"
              error={!!formState.errors.password}
              helperText={message(formState.errors.password?.message)}
              slotProps={{ htmlInput: { 'data-testid': 'sign-in-password' } }}
            />
            {failure && (
              <Alert severity="error" data-testid="sign-in-error">
                {t(`errors.${failure.code}`)}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting} data-testid="sign-in-submit">
            {formState.isSubmitting ? t('session.signingIn') : t('session.signIn')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
