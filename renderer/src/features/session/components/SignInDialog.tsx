import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { signInInput } from '../../../../../shared/api/session';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useExportUnsynced } from './useExportUnsynced';
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
  // Another user's unsynced work holds the store: say whose and how much, and offer to export
  // it; only exported work may then be left behind when this user signs in.
  const { data: session } = useLiveQuery('session.current', {});
  const { data: status } = useLiveQuery('sync.status', {});
  const exportUnsynced = useExportUnsynced();
  const held = signIn.error?.code === 'STORE_HAS_UNSYNCED';
  // After an admin's reset the server asks for a password of the user's own, typed twice.
  const [changing, setChanging] = useState(false);
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const refusedNew = changing && signIn.error?.code === 'VALIDATION_FAILED';

  const close = () => {
    signIn.reset();
    setChanging(false);
    setConfirm('');
    setMismatch(false);
    onClose();
  };

  const submit = handleSubmit(async (values) => {
    if (changing && values.newPassword !== confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    const result = await signIn.run(changing ? values : { ...values, newPassword: undefined });
    if (result.ok) {
      reset();
      close();
    } else if (result.error.code === 'PASSWORD_CHANGE_REQUIRED') setChanging(true);
  });

  const exportAndSignIn = handleSubmit(async (values) => {
    if (!(await exportUnsynced.run())) return;
    const result = await signIn.run({ ...values, discardUnsynced: true });
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
            {session?.signInInMemoryOnly && (
              <Alert severity="info" data-testid="sign-in-memory-only">
                {t('memoryOnly')}
              </Alert>
            )}
            {changing && (
              <>
                <Alert severity="info" data-testid="sign-in-change-required">
                  {t('newPasswordHint')}
                </Alert>
                <TextField
                  {...register('newPassword')}
                  label={t('newPassword')}
                  type="password"
                  required
                  autoFocus
                  autoComplete="new-password"
                  error={!!formState.errors.newPassword || refusedNew}
                  helperText={message(formState.errors.newPassword?.message) ?? (refusedNew ? t('newPasswordRefused') : undefined)}
                  slotProps={{ htmlInput: { 'data-testid': 'sign-in-new-password' } }}
                />
                <TextField
                  value={confirm}
                  onChange={(e) => setConfirm(e.target.value)}
                  label={t('confirmPassword')}
                  type="password"
                  required
                  autoComplete="new-password"
                  error={mismatch}
                  helperText={mismatch ? tc(validationKey('validation.newPasswordMismatch')) : undefined}
                  slotProps={{ htmlInput: { 'data-testid': 'sign-in-confirm-password' } }}
                />
              </>
            )}
            {signIn.error && !held && !refusedNew && signIn.error.code !== 'PASSWORD_CHANGE_REQUIRED' && (
              <Alert severity="error" data-testid="sign-in-error">
                {tc(`errors.${signIn.error.code}`)}
              </Alert>
            )}
            {held && (
              <Alert
                severity="warning"
                data-testid="sign-in-store-held"
                action={
                  <Button color="inherit" size="small" onClick={() => void exportAndSignIn()} disabled={exportUnsynced.busy || formState.isSubmitting} data-testid="sign-in-export-switch">
                    {t('exportAndSwitch')}
                  </Button>
                }
              >
                {t('storeHeld', { count: status?.pendingLocalChanges ?? 0, user: session?.storeOwner?.username ?? '?' })}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{tc('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting} data-testid="sign-in-submit">
            {formState.isSubmitting ? t('signingIn') : changing ? t('changeAndSignIn') : t('signIn')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
