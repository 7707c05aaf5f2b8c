import { Alert, Box, Button, Chip, Paper, Skeleton, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { downloadExport } from '../../stocktakes/components/download';
import { AssignButton } from '../components/AssignDialog';
import { ChecklistPanel } from '../components/ChecklistPanel';
import { useLang } from '../components/lang';
import { AttachmentThumb } from '../../attachments/components/AttachmentThumb';
import { ReadingsChart } from '../components/ReadingsChart';
import { ScanBox } from '../components/ScanBox';
import { SignOffPanel } from '../components/SignOffPanel';
import { WorkWindowNote } from '../components/WorkWindowFields';

/** `#/maintenance/rounds/:id`: do a round: scan an asset, fill its checklist, raise faults, have the customer sign. */
export const RoundPage = () => {
  const { t } = useTranslation('maintenance');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const lang = useLang();
  const { id = '' } = useParams();
  const q = useLiveQuery('maintenance.round', { roundId: id });
  const [picked, setPicked] = useState<string | null>(null);
  const open = useCommand('maintenance.openRound');
  const pause = useCommand('maintenance.pauseRound');
  const report = useCommand('maintenance.makeReport', { success: (r) => t('round.reportMade', { name: r.fileName }) });
  const assetId = picked ?? null;
  const series = useLiveQuery('maintenance.assetReadings', { assetId: assetId ?? '-' });
  if (q.loading) return <Skeleton variant="rounded" height={200} />;
  if (q.error) return <Alert severity="error">{tc(`errors.${q.error.code}`)}</Alert>;
  if (!q.data) return <Alert severity="info">{t('round.notHere')}</Alert>;
  const round = q.data;
  const s = round.summary;
  const asset = round.assets.find((a) => a.assetId === assetId) ?? null;
  const items = round.template?.items.length ?? 0;
  return (
    <Stack spacing={3}>
      <div>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="h4" component="h1">
            {s.planName}
          </Typography>
          <Chip label={t(`status.${s.status}`)} data-testid="round-status" />
          <Chip label={t(`timing.${s.timing}`)} data-testid="round-timing" />
          {s.faults > 0 && <Chip color="error" variant="outlined" label={t('faultsCount', { count: s.faults })} />}
        </Stack>
        <Typography color="text.secondary">
          {s.customerName}
          {s.siteName ? ` · ${s.siteName}` : ''} · {t('due', { date: s.dueDate })} · {t('window', { from: s.windowStart, to: s.windowEnd })}
        </Typography>
        {round.template && (
          <Typography variant="body2" data-testid="round-template">
            {t('round.templateVersion', { name: round.template.name[lang], version: round.template.version })} · {t('roundRow', { done: s.done, total: s.total, assets: s.assets })}
          </Typography>
        )}
      </div>
      <WorkWindowNote window={s.workWindow} />
      {round.newerTemplateVersion !== null && <Alert severity="info">{t('round.newerVersion', { version: round.newerTemplateVersion })}</Alert>}
      {s.status === 'paused' && round.pausedAt && <Alert severity="info">{t('round.paused', { at: format.dateTime(round.pausedAt) })}</Alert>}
      {s.status === 'done' && round.signedAt && (
        <Alert severity="success" data-testid="round-signed">
          {t('round.signed', { signer: round.customerSigner, at: format.dateTime(round.signedAt) })}
          {round.signatureSha256 && (
            <Box sx={{ mt: 1 }} data-testid="round-signature">
              <AttachmentThumb file={{ sha256: round.signatureSha256, fileName: `${s.id.slice(0, 8)}-signature.png`, mimeType: 'image/png', caption: round.customerSigner }} />
            </Box>
          )}
        </Alert>
      )}
      <Stack direction="row" spacing={1}>
        {round.can.work && s.status !== 'in_progress' && (
          <Button variant="contained" onClick={() => void open.run({ roundId: s.id })} disabled={open.pending} data-testid="round-open">
            {s.status === 'planned' ? t('round.open') : t('round.resume')}
          </Button>
        )}
        {round.can.work && s.status === 'in_progress' && (
          <Button variant="outlined" onClick={() => void pause.run({ roundId: s.id })} disabled={pause.pending} data-testid="round-pause">
            {t('round.pause')}
          </Button>
        )}
        <Button variant="outlined" onClick={() => void report.run({ roundId: s.id, locale: lang }).then((r) => r.ok && downloadExport({ fileName: r.value.fileName, contentType: 'application/pdf', base64: r.value.base64, rows: 0 }))} disabled={report.pending} data-testid="round-report">
          {t('round.report')}
        </Button>
        {s.status !== 'done' && <AssignButton round={s} lang={lang} />}
      </Stack>
      {round.template && s.status !== 'planned' && (
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
          <Paper component="section" sx={{ p: 2, width: { md: 320 }, flexShrink: 0 }} aria-labelledby="round-assets">
            <Typography id="round-assets" variant="h6" component="h2" gutterBottom>
              {t('round.assets')}
            </Typography>
            <ScanBox assets={round.assets} onPick={setPicked} />
            <Stack spacing={0.5} sx={{ mt: 1 }} data-testid="round-asset-list">
              {round.assets.map((a) => {
                const done = Object.keys(a.readings).length;
                const faulty = Object.values(a.readings).some((r) => r.outOfRange);
                return (
                  <Button key={a.assetId} variant={a.assetId === assetId ? 'contained' : 'text'} onClick={() => setPicked(a.assetId)} sx={{ justifyContent: 'space-between' }} data-testid={`round-asset-${a.assetCode}`}>
                    <span>{a.assetCode}</span>
                    <Box component="span" sx={{ color: faulty ? 'error.main' : undefined }}>
                      {t('round.assetDone', { done, total: items })}
                    </Box>
                  </Button>
                );
              })}
            </Stack>
          </Paper>
          <Stack spacing={2} sx={{ flex: 1, minWidth: 0 }}>
            {asset ? <ChecklistPanel round={round} asset={asset} lang={lang} /> : <Alert severity="info">{t('round.pickAsset')}</Alert>}
            {asset && series.data && (
              <Paper component="section" sx={{ p: 2 }} aria-labelledby="chart-heading">
                <Typography id="chart-heading" variant="h6" component="h3" gutterBottom>
                  {t('round.chart')}
                </Typography>
                <ReadingsChart series={series.data} lang={lang} />
              </Paper>
            )}
          </Stack>
        </Stack>
      )}
      {round.can.signOff && <SignOffPanel roundId={s.id} missing={round.missing.length} />}
    </Stack>
  );
};
