import { Alert, Box, Button, Chip, Divider, Paper, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  FieldworkPanel as PanelData,
  VisitCorrectionView,
  VisitView,
} from '../../../../../shared/api/fieldwork';
import { currentLocale } from '../../../i18n';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { CheckInDialog } from './CheckInDialog';
import { correctionChanges } from './corrections';
import { CorrectVisitDialog } from './CorrectVisitDialog';
import { useFieldworkText } from './errors';
import { SignOffDialog } from './SignOffDialog';
import { WorkLogForm } from './WorkLogForm';

const statusColor = { open: 'primary', closed: 'default', signed: 'success' } as const;

const VisitRow = ({ visit, onCorrect }: { visit: VisitView; onCorrect: () => void }) => {
  const { t } = useTranslation('fieldwork');
  const format = useFormat();
  const changes = (c: VisitCorrectionView) => correctionChanges(t, format.dateTime, c);
  const signed = visit.signedValues;
  return (
    <Box component="li" data-testid="visit-row" data-status={visit.status} sx={{ py: 0.5 }}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="body2">
          {t('visits.row', {
            technician: visit.technicianName,
            from: format.dateTime(visit.checkInAt),
            to: visit.checkOutAt ? format.dateTime(visit.checkOutAt) : t('visits.stillThere'),
          })}
        </Typography>
        <Chip size="small" color={statusColor[visit.status]} label={t(`visits.status.${visit.status}`)} />
        {visit.corrected && <Chip size="small" variant="outlined" color="warning" label={t('visits.corrected')} />}
        {visit.mayCorrect && (
          <Button size="small" onClick={onCorrect} data-testid="visit-correct">
            {t('corrections.open')}
          </Button>
        )}
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {t('visits.travel', { minutes: visit.travelMinutes })} ·{' '}
        {t('visits.onSiteMinutes', { minutes: visit.onSiteMinutes })}
        {visit.note ? ` · ${visit.note}` : ''}
      </Typography>
      {signed && (
        <Box
          component="ul"
          sx={{ m: 0, mt: 0.5, pl: 1.5, listStyle: 'none', borderLeft: 3, borderColor: 'warning.light' }}
          data-testid="visit-corrections"
        >
          <Typography component="li" variant="caption" color="text.secondary" data-testid="visit-signed-values">
            {t('corrections.signedAs', {
              from: format.dateTime(signed.checkInAt),
              to: signed.checkOutAt ? format.dateTime(signed.checkOutAt) : '—',
              travel: signed.travelMinutes,
            })}
          </Typography>
          {visit.corrections.map((c) => (
            <Typography key={c.id} component="li" variant="caption" data-testid="visit-correction">
              {t('corrections.row', {
                author: c.authorName || '—',
                time: format.dateTime(c.at),
                changes: changes(c),
                reason: c.reason,
              })}
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
};

const Totals = ({ panel }: { panel: PanelData }) => {
  const { t } = useTranslation('fieldwork');
  const m = (count: number) => t('minutes', { count });
  const { totals } = panel;
  return (
    <Box data-testid="fieldwork-totals">
      <Typography variant="body2" sx={{ fontWeight: 500 }}>
        {t('log.totals', {
          work: m(totals.workMinutes),
          travel: m(totals.travelMinutes),
          onSite: m(totals.onSiteMinutes),
          visits: totals.visits,
        })}
      </Typography>
      {totals.byPerson.length > 1 &&
        totals.byPerson.map((p) => (
          <Typography key={p.personId} variant="caption" component="div" color="text.secondary">
            {t('log.byPerson', {
              name: p.name || '—',
              work: m(p.workMinutes),
              travel: m(p.travelMinutes),
              onSite: m(p.onSiteMinutes),
            })}
          </Typography>
        ))}
    </Box>
  );
};

/**
 * Field work on a ticket: site visits (check in / out), the work and travel log with its
 * totals, the customer's sign-off and the service report PDF. Mounted in the ticket page.
 */
export const FieldworkPanel = ({ ticketId }: { ticketId: string }) => {
  const { t, i18n } = useTranslation('fieldwork');
  const format = useFormat();
  const text = useFieldworkText();
  const { data: panel } = useLiveQuery('fieldwork.panel', { ticketId });
  const [dialog, setDialog] = useState<'checkIn' | 'signOff' | null>(null);
  const [correcting, setCorrecting] = useState<string | null>(null);
  const checkOut = useCommand('fieldwork.checkOut', { errors: 'inline' });
  const report = useCommand('fieldwork.makeReport', {
    errors: 'inline',
    success: (r) => t('report.made', { file: r.fileName }),
  });
  if (!panel) return null;
  const correctingVisit = panel.visits.find((v) => v.id === correcting);

  return (
    <Paper
      sx={{ p: 2 }}
      component="section"
      aria-labelledby="fieldwork-heading"
      data-testid="fieldwork-panel"
    >
      <Typography id="fieldwork-heading" variant="subtitle1" component="h2">
        {t('heading')}
      </Typography>
      <Totals panel={panel} />

      <Divider sx={{ my: 1.5 }} />
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="subtitle2" component="h3">
          {t('visits.heading')}
        </Typography>
        {panel.myOpenVisitId ? (
          <Button
            size="small"
            variant="contained"
            disabled={checkOut.pending}
            onClick={() => void checkOut.run({ visitId: panel.myOpenVisitId! })}
            data-testid="visit-check-out"
          >
            {t('visits.checkOut')}
          </Button>
        ) : (
          <Button
            size="small"
            variant="contained"
            onClick={() => setDialog('checkIn')}
            data-testid="visit-check-in"
          >
            {t('visits.checkIn')}
          </Button>
        )}
      </Stack>
      {checkOut.error && <Alert severity="error">{text.error(checkOut.error)}</Alert>}
      {panel.visits.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('visits.none')}
        </Typography>
      ) : (
        <Box component="ul" sx={{ p: 0, m: 0, listStyle: 'none' }} data-testid="visit-list">
          {panel.visits.map((v) => (
            <VisitRow key={v.id} visit={v} onCorrect={() => setCorrecting(v.id)} />
          ))}
        </Box>
      )}

      <Divider sx={{ my: 1.5 }} />
      <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
        {t('log.heading')}
      </Typography>
      <WorkLogForm ticketId={ticketId} />

      <Divider sx={{ my: 1.5 }} />
      {panel.signOff && (
        <Alert
          severity={panel.signOff.score !== null && panel.signOff.score <= 2 ? 'warning' : 'success'}
          sx={{ mb: 1 }}
          data-testid="sign-off-summary"
        >
          {t('signOff.done', {
            name: panel.signOff.signerName,
            time: format.dateTime(panel.signOff.at),
            technician: panel.signOff.technicianName || '—',
            score: panel.signOff.score ?? '—',
          })}
          {panel.signOff.reason ? ` — ${panel.signOff.reason}` : ''}
        </Alert>
      )}
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Button
          variant="outlined"
          size="small"
          onClick={() => setDialog('signOff')}
          data-testid="sign-off-open"
        >
          {t('signOff.open')}
        </Button>
        <Button
          variant="outlined"
          size="small"
          disabled={report.pending}
          onClick={() => void report.run({ ticketId, locale: currentLocale(i18n), photos: true })}
          data-testid="report-make"
        >
          {report.pending ? t('report.making') : t('report.make')}
        </Button>
      </Stack>
      {report.error && (
        <Alert severity="error" sx={{ mt: 1 }} data-testid="report-error">
          {text.error(report.error)}
        </Alert>
      )}
      {panel.reports.length > 0 && (
        <Box sx={{ mt: 1 }} data-testid="report-files">
          <Typography variant="caption" color="text.secondary">
            {t('report.files')}
          </Typography>
          {panel.reports.map((r) => (
            <Typography key={r.eventId} variant="body2" data-testid="report-file" data-sha256={r.sha256}>
              {t('report.file', {
                file: r.fileName,
                size: Math.max(1, Math.round(r.sizeBytes / 1024)),
                time: format.dateTime(r.at),
              })}
            </Typography>
          ))}
        </Box>
      )}
      <CheckInDialog ticketId={ticketId} open={dialog === 'checkIn'} onClose={() => setDialog(null)} />
      <SignOffDialog ticketId={ticketId} open={dialog === 'signOff'} onClose={() => setDialog(null)} />
      {correctingVisit && <CorrectVisitDialog visit={correctingVisit} onClose={() => setCorrecting(null)} />}
    </Paper>
  );
};
