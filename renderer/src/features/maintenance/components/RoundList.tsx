import { Alert, Card, CardActionArea, CardContent, Chip, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { RoundSummary } from '../../../../../shared/api/maintenance';

export const TIMING_COLOR = { on_time: 'success', late: 'warning', missed: 'error', upcoming: 'default', due: 'primary', overdue: 'error' } as const;

/** Rounds as cards: plan, site, due date and window, progress and faults; those assigned to the viewer marked. */
export const RoundList = ({ rounds, empty, testId, viewerId = null }: { rounds: readonly RoundSummary[]; empty: string; testId: string; viewerId?: string | null }) => {
  const { t } = useTranslation('maintenance');
  if (rounds.length === 0) return <Alert severity="info">{empty}</Alert>;
  return (
    <Stack spacing={1.5} data-testid={testId}>
      {rounds.map((r) => (
        <Card key={r.id} variant="outlined">
          <CardActionArea component={RouterLink} to={`/maintenance/rounds/${r.id}`} data-testid={`round-${r.id}`}>
            <CardContent>
              <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 0.5 }}>
                <Typography variant="h6" component="h3">
                  {r.planName}
                </Typography>
                <Chip size="small" label={t(`status.${r.status}`)} />
                <Chip size="small" color={TIMING_COLOR[r.timing]} label={t(`timing.${r.timing}`)} />
                {r.faults > 0 && <Chip size="small" color="error" variant="outlined" label={t('faultsCount', { count: r.faults })} />}
                {viewerId !== null && r.assigneeId === viewerId && <Chip size="small" color="primary" variant="outlined" label={t('assign.mine')} data-testid={`mine-${r.id}`} />}
              </Stack>
              <Typography variant="body2">
                {r.customerName}
                {r.siteName ? ` · ${r.siteName}` : ''} · {t('due', { date: r.dueDate })} · {t('window', { from: r.windowStart, to: r.windowEnd })}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {t('roundRow', { done: r.done, total: r.total, assets: r.assets })}
              </Typography>
            </CardContent>
          </CardActionArea>
        </Card>
      ))}
    </Stack>
  );
};
