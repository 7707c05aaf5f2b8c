import { Alert, Link } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { TicketSummary } from '../../../../../shared/api/tickets';
import { useLiveQuery } from '../../../data/useLiveQuery';

/**
 * "Ticket created", with the number the list shows: the provisional number finds the ticket
 * for good, and once the ticket has synced its server number replaces it here too.
 */
export const CreatedTicket = ({ ticket }: { ticket: TicketSummary }) => {
  const { t } = useTranslation('tickets');
  const { data } = useLiveQuery('tickets.byNumber', { number: ticket.number });
  const number = data?.number ?? ticket.number;
  return (
    <Alert severity="success" data-testid="ticket-created" role="status">
      {t('intake.created', { number })}{' '}
      <Link component={RouterLink} to={`/tickets/${encodeURIComponent(number)}`} data-testid="ticket-created-link">
        {t('intake.openCreated', { number })}
      </Link>
    </Alert>
  );
};
