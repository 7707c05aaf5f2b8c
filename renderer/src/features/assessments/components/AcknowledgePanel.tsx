import { Alert, Button, Chip, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewView } from '../../../../../shared/api/assessments';
import { downloadBase64 } from '../../../components/download';
import { useCommand } from '../../../data/useCommand';
import { useFormat } from '../../../i18n/format';

/** The final result and its acknowledgement (acknowledging is not agreeing). */
export const AcknowledgePanel = ({ view }: { view: ReviewView }) => {
  const { t } = useTranslation('assessments');
  const format = useFormat();
  const [comment, setComment] = useState('');
  const acknowledge = useCommand('assessments.acknowledge', { success: () => t('review.acknowledgedOk') });
  const pdf = useCommand('assessments.resultPdf');
  const { i18n } = useTranslation();
  const savePdf = async () => {
    const r = await pdf.run({ cycleId: view.cycle.id, locale: i18n.language === 'zh-CN' ? 'zh-CN' : 'en' });
    if (r.ok) downloadBase64(r.value.fileName, r.value.base64, 'application/pdf');
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="result-heading" data-testid="result-panel">
      <Typography id="result-heading" variant="subtitle1" component="h2">
        {t('review.result')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', my: 1 }}>
        <Typography data-testid="result-total">
          {t('review.total')}: <strong>{view.total === null ? '–' : format.decimal(view.total)}</strong>
        </Typography>
        {view.outcome && <Chip label={t(`outcome.${view.outcome}`)} color={view.outcome === 'reward' ? 'success' : view.outcome === 'meets' ? 'default' : 'warning'} data-testid="result-outcome" />}
        {view.can.printResult && (
          <Button size="small" onClick={() => void savePdf()} disabled={pdf.pending} data-testid="result-pdf">
            {t('review.pdf')}
          </Button>
        )}
      </Stack>
      {view.acknowledgement ? (
        <Alert severity="success" data-testid="acknowledged">
          {t('review.acknowledged', { when: format.dateTime(view.acknowledgement.at) })}
          {view.acknowledgement.comment && <Typography sx={{ mt: 1, whiteSpace: 'pre-wrap' }}>{view.acknowledgement.comment}</Typography>}
        </Alert>
      ) : (
        view.can.acknowledge && (
          <Stack spacing={1}>
            <Typography color="text.secondary">{t('review.ackHint')}</Typography>
            <TextField multiline minRows={2} label={t('review.ackComment')} value={comment} onChange={(e) => setComment(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'ack-comment', maxLength: 4000 } }} />
            <Button variant="contained" onClick={() => void acknowledge.run({ assessmentId: view.assessmentId, comment })} disabled={acknowledge.pending} data-testid="ack-submit" sx={{ alignSelf: 'flex-start' }}>
              {t('review.acknowledge')}
            </Button>
          </Stack>
        )
      )}
    </Paper>
  );
};
