import { Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { NewTicketForm } from '../components/NewTicketForm';
import { TicketList } from '../components/TicketList';

export const TicketsPage = () => {
  const { t } = useTranslation('tickets');
  return (
    <>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {t('heading')}
      </Typography>
      <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: 'minmax(360px, 1fr) 2fr' }, alignItems: 'start' }}>
        <NewTicketForm />
        <TicketList />
      </Box>
    </>
  );
};
