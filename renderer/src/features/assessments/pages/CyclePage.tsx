import { Alert, Box, Breadcrumbs, Button, Chip, Link, List, ListItem, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import type { CycleSummary } from '../../../../../shared/api/assessments';
import { nextPhase } from '../../../../../shared/domain/assessment';
import { PageSkeleton } from '../../../app/PageSkeleton';
import { downloadBase64, downloadText } from '../../../components/download';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { usePersonName } from '../components/names';

/** `#/assessments/:cycle`: the progress board (who submitted, who is late) and the phase. */
export const CyclePage = () => {
  const { cycle: cycleId = '' } = useParams();
  const { t } = useTranslation('assessments');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const name = usePersonName();
  const { data, error, loading } = useLiveQuery('assessments.cycle', { cycleId });
  const advanced = useCallback((c: CycleSummary) => t('board.advanced', { phase: t(`phase.${c.phase}`) }), [t]);
  const advance = useCommand('assessments.advancePhase', { success: advanced });
  const exportCycle = useCommand('assessments.exportCycle');
  const exportXlsx = useCommand('assessments.exportCycleXlsx');
  const download = async () => {
    const r = await exportCycle.run({ cycleId });
    if (r.ok) downloadText(r.value.fileName, r.value.csv, 'text/csv');
  };
  const downloadXlsx = async () => {
    const r = await exportXlsx.run({ cycleId });
    if (r.ok) downloadBase64(r.value.fileName, r.value.base64, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  };

  const crumbs = (
    <Breadcrumbs sx={{ mb: 2 }}>
      <Link component={RouterLink} to="/assessments">
        {t('heading')}
      </Link>
      <Typography color="text.primary" aria-current="page">
        {data?.cycle.name ?? ''}
      </Typography>
    </Breadcrumbs>
  );
  if (loading) return <PageSkeleton />;
  if (error) return <Alert severity="error">{tc(`errors.${error.code}`)}</Alert>;
  if (!data)
    return (
      <Alert severity="info" data-testid="cycle-not-found">
        {t('board.notFound')}
      </Alert>
    );
  const { cycle, rows, missing, canAdvance } = data;
  const step = (done: boolean, late: boolean) =>
    done ? <Chip size="small" color="success" label={t('board.done')} /> : <Chip size="small" color={late ? 'error' : 'default'} variant="outlined" label={late ? t('board.late') : t('board.open')} />;

  return (
    <Stack spacing={3}>
      {crumbs}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h4" component="h1">
          {cycle.name}
        </Typography>
        <Chip color="primary" label={t(`phase.${cycle.phase}`)} data-testid="cycle-phase" />
        <Typography color="text.secondary">{t('board.dates', { from: format.date(`${cycle.startsOn}T00:00:00`), to: format.date(`${cycle.endsOn}T00:00:00`) })}</Typography>
        <Box sx={{ flex: 1 }} />
        {rows.length > 0 && (
          <Button onClick={() => void download()} disabled={exportCycle.pending} data-testid="export-csv">
            {t('board.exportCsv')}
          </Button>
        )}
        {rows.length > 0 && (
          <Button onClick={() => void downloadXlsx()} disabled={exportXlsx.pending} data-testid="export-xlsx">
            {t('board.exportXlsx')}
          </Button>
        )}
        {(cycle.phase === 'calibration' || cycle.phase === 'acknowledgement' || cycle.phase === 'closed' || canAdvance) && (
          <Button component={RouterLink} to={`/assessments/${cycle.id}/calibration`} data-testid="open-calibration">
            {t('board.calibration')}
          </Button>
        )}
        {canAdvance && (
          <Button variant="contained" disabled={advance.pending || missing.length > 0} onClick={() => void advance.run({ cycleId: cycle.id })} data-testid="advance-phase">
            {t('board.advance', { phase: t(`phase.${nextPhase(cycle.phase)}`) })}
          </Button>
        )}
      </Stack>
      {canAdvance && (
        <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="missing-heading">
          <Typography id="missing-heading" variant="subtitle1" component="h2">
            {t('board.missingHeading')}
          </Typography>
          {missing.length === 0 ? (
            <Typography color="text.secondary">{t('board.nothingMissing')}</Typography>
          ) : (
            <List dense data-testid="missing-list">
              {missing.map((m) => (
                <ListItem key={`${m.assessmentId}-${m.what}`} disableGutters>
                  {t(`board.missing.${m.what}`, { name: name(m.person) })}
                </ListItem>
              ))}
            </List>
          )}
        </Paper>
      )}
      <TableContainer component={Paper} aria-label={t('board.heading')}>
        <Table size="small" data-testid="progress-board">
          <TableHead>
            <TableRow>
              <TableCell>{t('board.person')}</TableCell>
              <TableCell>{t('board.chain')}</TableCell>
              <TableCell>{t('board.team')}</TableCell>
              <TableCell>{t('board.self')}</TableCell>
              <TableCell>{t('board.manager')}</TableCell>
              <TableCell>{t('board.ack')}</TableCell>
              <TableCell align="right">{t('board.total')}</TableCell>
              <TableCell>{t('board.outcome')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.assessmentId} data-testid={`board-row-${r.person.id}`}>
                <TableCell>
                  <Link component={RouterLink} to={`/assessments/${cycle.id}/review/${r.person.id}`}>
                    {name(r.person)}
                  </Link>
                </TableCell>
                <TableCell>{r.managerChain.map(name).join(' › ')}</TableCell>
                <TableCell>{r.teamName ?? tc('common.none')}</TableCell>
                <TableCell>{step(r.selfSubmitted, r.late && cycle.phase === 'self_review')}</TableCell>
                <TableCell>{step(r.managerSubmitted, r.late && cycle.phase === 'manager_review')}</TableCell>
                <TableCell>
                  {cycle.phase === 'closed' && !r.acknowledged ? <Chip size="small" variant="outlined" label={t('board.notAcknowledged')} /> : step(r.acknowledged, r.late && cycle.phase === 'acknowledgement')}
                </TableCell>
                <TableCell align="right">{r.total === null ? '–' : format.decimal(r.total)}</TableCell>
                <TableCell>{r.outcome ? t(`outcome.${r.outcome}`) : '–'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Stack>
  );
};
