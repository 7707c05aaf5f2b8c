import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControl, FormLabel, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { serverAddressInput } from '../../../../../shared/api/setup';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useNotify } from '../../../data/notify';
import { validationKey } from '../../../i18n/validation';

type Form = z.input<typeof serverAddressInput>;

/**
 * The server this computer works with, and changing it. The change signs out; the dialog
 * first says how many changes the old server has not got (they stay, for that server only).
 */
export const ServerSection = () => {
  const { t } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const notify = useNotify();
  const { data: setup } = useLiveQuery('setup.current', {});
  const { data: session } = useLiveQuery('session.current', {});
  const { data: status } = useLiveQuery('sync.status', {});
  const change = useCommand('setup.changeServer', { errors: 'inline' });
  const [confirming, setConfirming] = useState<string | null>(null);
  const { register, handleSubmit, formState, reset } = useForm<Form, unknown, z.output<typeof serverAddressInput>>({
    resolver: zodResolver(serverAddressInput),
    defaultValues: { serverUrl: '' },
  });
  const current = setup?.serverUrl ?? null;
  const oldServer = session?.storeOwner?.serverUrl ?? session?.serverUrl ?? current ?? '';
  const pending = status?.pendingLocalChanges ?? 0;
  const fieldError = formState.errors.serverUrl?.message ?? change.error?.fields?.find((f) => f.path === 'serverUrl')?.message;

  const apply = async (serverUrl: string) => {
    setConfirming(null);
    const result = await change.run({ serverUrl });
    if (result.ok) {
      reset({ serverUrl: '' });
      notify.success(t('serverChanged', { server: result.value.serverUrl }));
    }
  };

  const submit = handleSubmit(({ serverUrl }) => {
    // Nothing to lose and nobody to sign out: change at once.
    if (!session?.user && pending === 0) return apply(serverUrl);
    setConfirming(serverUrl);
  });

  return (
    <FormControl component="fieldset">
      <FormLabel component="legend">{t('server')}</FormLabel>
      <Typography variant="body2" sx={{ mb: 1 }} data-testid="settings-server-current">
        {current ? t('serverCurrent', { server: current }) : t('serverNone')}
      </Typography>
      <Stack component="form" noValidate direction="row" spacing={1} sx={{ alignItems: 'flex-start' }} onSubmit={(e) => void submit(e)}>
        <TextField
          {...register('serverUrl')}
          label={t('serverNew')}
          size="small"
          sx={{ flexGrow: 1 }}
          error={!!fieldError}
          helperText={fieldError ? tc(validationKey(fieldError)) : t('serverChangeHint')}
          slotProps={{ htmlInput: { 'data-testid': 'settings-server', inputMode: 'url' } }}
        />
        <Button type="submit" variant="outlined" disabled={change.pending} data-testid="settings-server-change">
          {t('serverChange')}
        </Button>
      </Stack>
      {change.error && !fieldError && (
        <Typography color="error" variant="body2" role="alert">
          {tc(`errors.${change.error.code}`)}
        </Typography>
      )}
      <Dialog open={confirming !== null} onClose={() => setConfirming(null)} aria-labelledby="server-confirm-title">
        <DialogTitle id="server-confirm-title">{t('serverConfirmTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText data-testid="settings-server-confirm-text">
            {pending > 0 ? t('serverConfirm', { count: pending, server: oldServer }) : t('serverConfirmNone', { server: oldServer })}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(null)}>{tc('common.cancel')}</Button>
          <Button variant="contained" autoFocus onClick={() => confirming && void apply(confirming)} data-testid="settings-server-confirm">
            {t('serverChange')}
          </Button>
        </DialogActions>
      </Dialog>
    </FormControl>
  );
};
