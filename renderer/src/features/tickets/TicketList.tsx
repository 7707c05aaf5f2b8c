import {
  Alert,
  Chip,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../api/context';

const severityColor = { critical: 'error', major: 'warning', minor: 'default' } as const;

export const TicketList = () => {
  const { t, i18n } = useTranslation();
  const { data, error } = useLiveQuery('tickets.list', { limit: 50 });
  const tickets = data ?? [];
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <Paper component="section" aria-labelledby="ticket-list-heading" sx={{ p: 3 }}>
      <Typography id="ticket-list-heading" variant="h6" component="h2" gutterBottom>
        {t('tickets.list')}{' '}
        <Typography component="span" variant="body2" color="text.secondary">
          ({t('tickets.count', { count: tickets.length })})
        </Typography>
      </Typography>
      {error && <Alert severity="error">{t(`errors.${error.code}`)}</Alert>}
      {data && tickets.length === 0 ? (
        <Typography color="text.secondary" data-testid="ticket-list-empty">
          {t('tickets.empty')}
        </Typography>
      ) : (
        <TableContainer>
          <Table size="small" data-testid="ticket-list" sx={{ '& th, & td:first-of-type': { whiteSpace: 'nowrap' } }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('tickets.field.number')}</TableCell>
                <TableCell>{t('tickets.field.title')}</TableCell>
                <TableCell>{t('tickets.field.customerName')}</TableCell>
                <TableCell>{t('tickets.field.severity')}</TableCell>
                <TableCell>{t('tickets.field.priority')}</TableCell>
                <TableCell>{t('tickets.field.status')}</TableCell>
                <TableCell>{t('tickets.field.createdAt')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {tickets.map((ticket) => (
                <TableRow key={ticket.id} hover data-testid="ticket-row">
                  <TableCell>
                    {ticket.number.startsWith('~') ? (
                      <Tooltip title={t('tickets.provisionalHint')}>
                        <span>{ticket.number}</span>
                      </Tooltip>
                    ) : (
                      ticket.number
                    )}
                  </TableCell>
                  <TableCell>{ticket.title}</TableCell>
                  <TableCell>{ticket.customerName}</TableCell>
                  <TableCell>
                    <Chip size="small" color={severityColor[ticket.severity]} label={t(`tickets.severity.${ticket.severity}`)} />
                  </TableCell>
                  <TableCell>{ticket.priority}</TableCell>
                  <TableCell>{t(`tickets.status.${ticket.status}`, { defaultValue: ticket.status })}</TableCell>
                  <TableCell>
                    <time dateTime={ticket.createdAt}>{format.format(new Date(ticket.createdAt))}</time>
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
