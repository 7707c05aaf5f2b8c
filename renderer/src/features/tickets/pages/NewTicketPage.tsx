import { Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { NewTicketForm } from '../components/NewTicketForm';

/** `#/tickets/new`: record a customer's problem. */
export const NewTicketPage = () => {
  const { t } = useTranslation('tickets');
  return (
    <>
      <Typography variant="h5" component="h1">
        {t('new')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('newPage.intro')}
      </Typography>
      <NewTicketForm />
    </>
  );
};
