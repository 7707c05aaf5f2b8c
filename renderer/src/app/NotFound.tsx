import { Button, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation } from 'react-router';

export const NotFound = () => {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <Paper sx={{ p: 3 }} data-testid="not-found">
      <Typography variant="h5" component="h1" gutterBottom>
        {t('route.notFoundTitle')}
      </Typography>
      <Typography sx={{ mb: 2 }}>{t('route.notFoundBody', { path: `#${pathname}` })}</Typography>
      <Stack direction="row" spacing={1}>
        <Button variant="contained" component={RouterLink} to="/">
          {t('route.home')}
        </Button>
      </Stack>
    </Paper>
  );
};
