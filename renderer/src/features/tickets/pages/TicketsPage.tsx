import AddCircleOutlined from '@mui/icons-material/AddCircleOutlined';
import { Button, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { TicketList } from '../components/TicketList';

export const TicketsPage = () => {
  const { t } = useTranslation('tickets');
  return (
    <>
      <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="h5" component="h1">
          {t('heading')}
        </Typography>
        <Button component={RouterLink} to="/tickets/new" variant="contained" startIcon={<AddCircleOutlined />} data-testid="new-ticket-button">
          {t('new')}
        </Button>
      </Stack>
      <TicketList />
    </>
  );
};
