import { Alert, Box, Breadcrumbs, Link, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import type { TicketDetail } from '../../../../../shared/api/tickets';
import { PageSkeleton } from '../../../app/PageSkeleton';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { SeverityChip, TicketNumber } from '../components/TicketChips';

const milestones = ['createdAt', 'respondedAt', 'restoredAt', 'resolvedAt', 'closedAt', 'slaDueAt'] as const;

/** One ticket, deep-linkable by its number (`#/tickets/T-000123`). */
export const TicketPage = () => {
  const { number = '' } = useParams();
  const { t } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const { data: ticket, error, loading } = useLiveQuery('tickets.byNumber', { number });

  const crumbs = (
    <Breadcrumbs sx={{ mb: 2 }}>
      <Link component={RouterLink} to="/tickets">
        {t('detail.backToList')}
      </Link>
      <Typography color="text.primary" aria-current="page">
        {number}
      </Typography>
    </Breadcrumbs>
  );
  if (loading) return <PageSkeleton />;
  if (error) return <Alert severity="error">{tc(`errors.${error.code}`)}</Alert>;
  if (!ticket)
    return (
      <>
        {crumbs}
        <Alert severity="info" data-testid="ticket-not-found">
          {t('detail.notFound', { number })}
        </Alert>
      </>
    );

  const when = (value: TicketDetail[(typeof milestones)[number]]) => (value ? format.dateTime(value) : tc('common.none'));
  return (
    <>
      {crumbs}
      <Paper sx={{ p: 3 }} data-testid="ticket-detail">
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="h5" component="h1">
            <TicketNumber ticket={ticket} /> · {ticket.title}
          </Typography>
        </Stack>
        <Stack direction="row" spacing={1} sx={{ mb: 2, alignItems: 'center' }}>
          <SeverityChip severity={ticket.severity} />
          <Typography variant="body2">{ticket.priority}</Typography>
          <Typography variant="body2">· {t(`status.${ticket.status}`)}</Typography>
          <Typography variant="body2">· {t(`type.${ticket.type}`)}</Typography>
          <Typography variant="body2">· {t(`channel.${ticket.channel}`)}</Typography>
        </Stack>
        <Box
          component="dl"
          sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 3, rowGap: 0.5, m: 0, '& dt': { color: 'text.secondary' }, '& dd': { m: 0 } }}
        >
          <dt>{t('field.customerName')}</dt>
          <dd>{ticket.customerName}</dd>
          <dt>{t('field.contactName')}</dt>
          <dd>{ticket.contactName}</dd>
          <dt>{t('field.region')}</dt>
          <dd>{ticket.region}</dd>
        </Box>
        <Typography variant="subtitle1" component="h2" sx={{ mt: 3 }}>
          {t('field.description')}
        </Typography>
        <Typography sx={{ whiteSpace: 'pre-wrap' }} color={ticket.description ? 'text.primary' : 'text.secondary'}>
          {ticket.description || t('detail.noDescription')}
        </Typography>
        <Typography variant="subtitle1" component="h2" sx={{ mt: 3 }}>
          {t('detail.milestones')}
        </Typography>
        <Box
          component="dl"
          sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 3, rowGap: 0.5, m: 0, '& dt': { color: 'text.secondary' }, '& dd': { m: 0 } }}
        >
          {milestones.map((field) => (
            <Box key={field} sx={{ display: 'contents' }}>
              <dt>{t(`field.${field}`)}</dt>
              <dd>{when(ticket[field])}</dd>
            </Box>
          ))}
        </Box>
      </Paper>
    </>
  );
};
