import { Alert, Link, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { EscalationDryRunRow } from '../../../../../shared/api/admin';
import { useFormat } from '../../../i18n/format';

/** What a dry run of the edited rules found: the open tickets they would escalate now. */
export const EscalationDryRun = ({ result }: { result: { rows: EscalationDryRunRow[]; total: number } }) => {
  const { t } = useTranslation('admin');
  const format = useFormat();
  if (result.total === 0)
    return (
      <Alert severity="success" data-testid="escalation-dry-run-none">
        {t('escalation.dryRunNone')}
      </Alert>
    );
  return (
    <Stack spacing={1} data-testid="escalation-dry-run">
      <Typography variant="body2" data-testid="escalation-dry-run-count">
        {t('escalation.dryRunCount', { count: result.total })}
        {result.total > result.rows.length ? ` ${t('escalation.dryRunShown', { count: result.rows.length })}` : ''}
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t('escalation.column.ticket')}</TableCell>
            <TableCell>{t('sla.severity')}</TableCell>
            <TableCell>{t('escalation.column.rule')}</TableCell>
            <TableCell>{t('escalation.column.escalation')}</TableCell>
            <TableCell>{t('escalation.column.crossed')}</TableCell>
            <TableCell>{t('escalation.column.receiver')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {result.rows.map((r) => (
            <TableRow key={`${r.ticketId}:${r.ruleId}:${r.axis}:${r.toLevel}`} data-testid="escalation-dry-run-row">
              <TableCell>
                <Link component={RouterLink} to={`/tickets/${encodeURIComponent(r.number)}`} sx={{ fontFamily: 'monospace' }}>
                  {r.number}
                </Link>{' '}
                {r.title}
              </TableCell>
              <TableCell>{t(`sla.severities.${r.severity}`)}</TableCell>
              <TableCell>{t('escalation.ruleAt', { id: r.ruleId, clock: t(`escalation.clocks.${r.clock}`), percent: r.atPercent })}</TableCell>
              <TableCell>{t('escalation.move', { axis: t(`escalation.axis.${r.axis}`), from: t(`escalation.to.${r.fromLevel}`), to: t(`escalation.to.${r.toLevel}`) })}</TableCell>
              <TableCell>{format.dateTime(r.thresholdAt)}</TableCell>
              <TableCell>{r.receiver ?? t('escalation.nobody')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Stack>
  );
};
