import { Chip, Link, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { TicketSummary } from '../../../../../shared/api/tickets';
import { useFormat } from '../../../i18n/format';

const severityColor = { critical: 'error', major: 'warning', minor: 'default' } as const;

/** Tickets of the account, each opening its page (#/tickets/:number). */
export const TicketList = ({ tickets, empty, testId }: { tickets: readonly TicketSummary[]; empty: string; testId: string }) => {
  const { t } = useTranslation('customers');
  const format = useFormat();
  if (tickets.length === 0)
    return (
      <Typography variant="body2" color="text.secondary" data-testid={`${testId}-empty`}>
        {empty}
      </Typography>
    );
  return (
    <List dense disablePadding data-testid={testId}>
      {tickets.map((ticket) => (
        <ListItem key={ticket.id} disableGutters data-testid={`${testId}-row`}>
          <ListItemText
            primary={
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <Link component={RouterLink} to={`/tickets/${encodeURIComponent(ticket.number)}`} sx={{ fontFamily: 'monospace' }}>
                  {ticket.number}
                </Link>
                <Typography variant="body2" noWrap sx={{ minWidth: 0 }}>
                  {ticket.title}
                </Typography>
              </Stack>
            }
            secondary={ticket.slaDueAt && ticket.status !== 'resolved' && ticket.status !== 'closed' ? t('account.slaDue', { time: format.dateTime(ticket.slaDueAt) }) : format.date(ticket.updatedAt)}
          />
          <Stack direction="row" spacing={0.5} sx={{ flexShrink: 0 }}>
            <Chip size="small" label={ticket.priority} color={severityColor[ticket.severity]} variant="outlined" />
            <Chip size="small" label={t(`status.${ticket.status}`)} />
          </Stack>
        </ListItem>
      ))}
    </List>
  );
};
