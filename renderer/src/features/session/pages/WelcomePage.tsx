import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Paper, Stack, Step, StepLabel, Stepper, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { serverAddressInput } from '../../../../../shared/api/setup';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { validationKey } from '../../../i18n/validation';
import { SignInDialog } from '../components/SignInDialog';

type ServerForm = z.input<typeof serverAddressInput>;

/**
 * The first start: language (applied at once), the organisation's server, then the sign-in.
 * Each step is a form of its own, so Enter moves on and nothing needs a mouse.
 */
export const WelcomePage = () => {
  const { t } = useTranslation('session');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const [step, setStep] = useState(0);
  const [signingIn, setSigningIn] = useState(false);
  const { data: setup } = useLiveQuery('setup.current', {});
  const { data: session } = useLiveQuery('session.current', {});
  const choose = useCommand('setup.chooseServer', { errors: 'inline' });
  const { register, handleSubmit, formState } = useForm<ServerForm, unknown, z.output<typeof serverAddressInput>>({
    resolver: zodResolver(serverAddressInput),
    values: { serverUrl: setup?.serverUrl ?? 'https://' },
    resetOptions: { keepDirtyValues: true },
  });
  const serverError = formState.errors.serverUrl?.message ?? choose.error?.fields?.find((f) => f.path === 'serverUrl')?.message;

  // Signed in: the first start is over; the landing page of the user's role opens.
  const signedIn = !!session?.user;
  useEffect(() => {
    if (signedIn) void navigate('/', { replace: true });
  }, [signedIn, navigate]);

  const saveServer = handleSubmit(async ({ serverUrl }) => {
    const result = await choose.run({ serverUrl });
    if (result.ok) {
      setStep(2);
      setSigningIn(true);
    }
  });

  const steps = [t('welcome.stepLanguage'), t('welcome.stepServer'), t('welcome.stepSignIn')];
  return (
    <Stack spacing={2} sx={{ maxWidth: 640, mx: 'auto' }} data-testid="welcome">
      <Typography variant="h5" component="h1">
        {t('welcome.heading')}
      </Typography>
      <Typography color="text.secondary">{t('welcome.intro')}</Typography>
      <Stepper activeStep={step} aria-label={t('welcome.heading')}>
        {steps.map((label) => (
          <Step key={label}>
            <StepLabel>{label}</StepLabel>
          </Step>
        ))}
      </Stepper>
      <Paper sx={{ p: 3 }}>
        {step === 0 && (
          <Stack spacing={2} component="form" onSubmit={(e) => (e.preventDefault(), setStep(1))} aria-labelledby="welcome-language">
            <Typography id="welcome-language" variant="h6" component="h2">
              {t('welcome.stepLanguage')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {t('welcome.languageHint')}
            </Typography>
            <LanguageSwitch onDark={false} />
            <Stack direction="row" sx={{ justifyContent: 'flex-end' }}>
              <Button type="submit" variant="contained" autoFocus data-testid="welcome-next">
                {t('welcome.next')}
              </Button>
            </Stack>
          </Stack>
        )}
        {step === 1 && (
          <Stack spacing={2} component="form" noValidate onSubmit={(e) => void saveServer(e)} aria-labelledby="welcome-server">
            <Typography id="welcome-server" variant="h6" component="h2">
              {t('welcome.stepServer')}
            </Typography>
            <TextField
              {...register('serverUrl')}
              label={t('serverUrl')}
              required
              autoFocus
              error={!!serverError}
              helperText={serverError ? tc(validationKey(serverError)) : t('welcome.serverHint')}
              slotProps={{ htmlInput: { 'data-testid': 'welcome-server', inputMode: 'url' } }}
            />
            <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
              <Button onClick={() => setStep(0)}>{t('welcome.back')}</Button>
              <Button type="submit" variant="contained" disabled={choose.pending} data-testid="welcome-server-next">
                {t('welcome.next')}
              </Button>
            </Stack>
          </Stack>
        )}
        {step === 2 && (
          <Stack spacing={2}>
            <Typography variant="h6" component="h2">
              {t('welcome.stepSignIn')}
            </Typography>
            <Typography>{t('welcome.signInHint', { server: setup?.serverUrl ?? '' })}</Typography>
            <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
              <Button onClick={() => setStep(1)}>{t('welcome.back')}</Button>
              <Button variant="contained" onClick={() => setSigningIn(true)} data-testid="welcome-sign-in">
                {t('welcome.openSignIn')}
              </Button>
            </Stack>
          </Stack>
        )}
      </Paper>
      <SignInDialog open={signingIn} onClose={() => setSigningIn(false)} serverUrl={setup?.serverUrl ?? null} />
    </Stack>
  );
};
