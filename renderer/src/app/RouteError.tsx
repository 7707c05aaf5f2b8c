import { Alert, AlertTitle, Button, Stack } from '@mui/material';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useRouteError } from 'react-router';

/**
 * Shown in place of a screen that failed: says so in the user's language, keeps the shell
 * and the navigation, and offers a way back. The error itself goes to the console log.
 */
export const RouteError = () => {
  const error = useRouteError();
  const navigate = useNavigate();
  const { t } = useTranslation();
  useEffect(() => {
    console.error('[cims] screen failed', error);
  }, [error]);
  return (
    <Alert severity="error" data-testid="route-error" sx={{ m: 3 }}>
      <AlertTitle>{t('route.errorTitle')}</AlertTitle>
      {t('route.errorBody')}
      <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
        <Button color="inherit" variant="outlined" size="small" onClick={() => void navigate(0)}>
          {t('route.retry')}
        </Button>
        <Button color="inherit" size="small" onClick={() => void navigate(-1)}>
          {t('route.back')}
        </Button>
        <Button color="inherit" size="small" onClick={() => void navigate('/')}>
          {t('route.home')}
        </Button>
      </Stack>
    </Alert>
  );
};
