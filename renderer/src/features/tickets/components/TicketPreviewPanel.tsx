import { Alert, Box, Chip, Link, List, ListItem, Paper, Skeleton, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { SlaDue, TicketPreviewParams } from '../../../../../shared/api/intake';
import { Facts } from '../../../components/Facts';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { TicketNumber } from './TicketChips';

const clocks = ['firstResponse', 'restore', 'fix'] as const;

/**
 * What the ticket would be if saved now: priority from the severity x tier matrix, the SLA
 * due times in the site's zone, and open tickets that may be the same problem.
 */
export const TicketPreviewPanel = ({ draft }: { draft: TicketPreviewParams }) => {
  const { t } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const { data, error } = useLiveQuery('intake.preview', draft);

  const due = (value: SlaDue) =>
    value.dueAt === null
      ? t('intake.preview.noTarget')
      : `${format.dateTimeIn(value.dueAt, data!.timeZone)} (${t(value.mode === '24x7' ? 'intake.preview.clock24x7' : 'intake.preview.clockBusiness')})`;

  return (
    <Stack spacing={2}>
      <Paper component="section" aria-labelledby="preview-heading" sx={{ p: 2 }} data-testid="ticket-preview">
        <Typography id="preview-heading" variant="subtitle1" component="h2" gutterBottom>
          {t('intake.preview.heading')}
        </Typography>
        {error && <Alert severity="error">{tc(`errors.${error.code}`)}</Alert>}
        {!data ? (
          <Skeleton variant="rounded" height={120} />
        ) : (
          <>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
              <Typography variant="body2" color="text.secondary">
                {t('intake.preview.priority')}
              </Typography>
              <Chip size="small" color={data.priority === 'P1' ? 'error' : data.priority === 'P2' ? 'warning' : 'default'} label={data.priority} data-testid="preview-priority" />
              <Chip size="small" variant="outlined" label={t(`tier.${data.tier}`)} />
            </Stack>
            <Facts
              columnGap={2}
              items={clocks.map((clock) => ({ key: clock, term: t(`intake.preview.${clock}`), value: due(data.due[clock]), testId: `preview-${clock}` }))}
            />
            <Typography variant="caption" color="text.secondary">
              {t('intake.preview.zone', { zone: data.timeZone })}
            </Typography>
          </>
        )}
      </Paper>
      {data && data.duplicates.length > 0 && (
        <Alert severity="warning" component="section" aria-labelledby="duplicates-heading" data-testid="ticket-duplicates">
          <Typography id="duplicates-heading" variant="subtitle2" component="h2">
            {t('intake.duplicates.heading')}
          </Typography>
          <Typography variant="body2">{t('intake.duplicates.intro')}</Typography>
          <List dense disablePadding>
            {data.duplicates.map((ticket) => (
              <ListItem key={ticket.id} disableGutters sx={{ display: 'block' }}>
                <Link component={RouterLink} to={`/tickets/${encodeURIComponent(ticket.number)}`} aria-label={t('intake.duplicates.open', { number: ticket.number })} data-testid="duplicate-link">
                  <TicketNumber ticket={ticket} />
                </Link>{' '}
                <Box component="span" sx={{ overflowWrap: 'anywhere' }}>
                  {ticket.title}
                </Box>{' '}
                <Typography component="span" variant="caption" color="text.secondary">
                  · {t(`status.${ticket.status}`)} · {format.dateTime(ticket.createdAt)}
                </Typography>
              </ListItem>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
};
