import { Button, Link, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { StatusChip } from './StatusChip';
import { useMayWriteProblems } from './access';

/** On a ticket's page: the problems that link it, each opening its problem. */
export const TicketProblems = ({ ticketId }: { ticketId: string }) => {
  const { t } = useTranslation('problems');
  const { data } = useLiveQuery('problems.forTicket', { ticketId });
  const mayWrite = useMayWriteProblems();
  return (
    <Paper sx={{ p: 2 }} component="section" aria-labelledby="ticket-problems-heading" data-testid="ticket-problems">
      <Typography id="ticket-problems-heading" variant="subtitle1" component="h2">
        {t('ticketPanel.heading')}
      </Typography>
      {data?.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('ticketPanel.none')}
        </Typography>
      )}
      <Stack component="ul" spacing={0.5} sx={{ p: 0, m: 0, listStyle: 'none' }}>
        {data?.map((p) => (
          <Stack component="li" key={p.id} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Link component={RouterLink} to={`/problems/${p.id}`} sx={{ overflowWrap: 'anywhere' }}>
              {p.title}
            </Link>
            <StatusChip status={p.status} />
          </Stack>
        ))}
      </Stack>
      {mayWrite && (
        <Button size="small" component={RouterLink} to={`/problems/new?tickets=${ticketId}`} sx={{ mt: 1 }} data-testid="ticket-new-problem">
          {t('newProblem')}
        </Button>
      )}
    </Paper>
  );
};
