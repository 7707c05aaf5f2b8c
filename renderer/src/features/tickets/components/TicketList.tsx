import { Alert, Link, Paper, Skeleton, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { SeverityChip, TicketNumber } from './TicketChips';

const LIST = { limit: 50, sort: { field: 'createdAt', direction: 'desc' }, filter: { view: 'all' } } as const;

export const TicketList = () => {
  const { t } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  const format = useFormat();
  // The newest page and the real total: the heading counts every ticket here, not the page.
  // Read through the queue, whose sorts and counts are SQL over the tickets' projection: only
  // the page's 50 tickets are loaded, where a sort over the stored documents parses them all.
  const { data, error, loading } = useLiveQuery('queue.page', LIST);
  const tickets = data?.rows ?? [];
  return (
    <Paper component="section" aria-labelledby="ticket-list-heading" sx={{ p: 3, minWidth: 0 }}>
      <Typography id="ticket-list-heading" variant="h6" component="h2" gutterBottom>
        {t('list')}{' '}
        <Typography component="span" variant="body2" color="text.secondary">
          ({t('count', { count: data?.total ?? 0 })})
        </Typography>
      </Typography>
      {error && <Alert severity="error">{tc(`errors.${error.code}`)}</Alert>}
      {loading ? (
        <Skeleton variant="rounded" height={200} data-testid="ticket-list-loading" />
      ) : data && tickets.length === 0 ? (
        <Typography color="text.secondary" data-testid="ticket-list-empty">
          {t('empty')}
        </Typography>
      ) : (
        <TableContainer>
          <Table size="small" data-testid="ticket-list" sx={{ '& th, & td:first-of-type': { whiteSpace: 'nowrap' }, '& td': { overflowWrap: 'anywhere' } }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('field.number')}</TableCell>
                <TableCell>{t('field.title')}</TableCell>
                <TableCell>{t('field.customerName')}</TableCell>
                <TableCell>{t('field.severity')}</TableCell>
                <TableCell>{t('field.priority')}</TableCell>
                <TableCell>{t('field.status')}</TableCell>
                <TableCell>{t('field.createdAt')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {tickets.map((ticket) => (
                <TableRow key={ticket.id} hover data-testid="ticket-row">
                  <TableCell>
                    <TicketNumber ticket={ticket} />
                  </TableCell>
                  <TableCell>
                    <Link
                      component={RouterLink}
                      to={`/tickets/${encodeURIComponent(ticket.number)}`}
                      aria-label={`${t('open', { number: ticket.number })}: ${ticket.title}`}
                    >
                      {ticket.title}
                    </Link>
                  </TableCell>
                  <TableCell>{ticket.customerName}</TableCell>
                  <TableCell>
                    <SeverityChip severity={ticket.severity} />
                  </TableCell>
                  <TableCell>{ticket.priority}</TableCell>
                  <TableCell>{t(`status.${ticket.status}`)}</TableCell>
                  <TableCell>
                    <time dateTime={ticket.createdAt}>{format.dateTime(ticket.createdAt)}</time>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Paper>
  );
};
