import { Alert, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewView } from '../../../../../shared/api/assessments';
import { useCommand } from '../../../data/useCommand';
import { useFormat } from '../../../i18n/format';
import { usePersonName } from './names';
import { useValidationText } from './validation';

/**
 * One-up approval of a reward or an improvement plan: where it stands for everyone above the
 * person, and for the manager one level up (or the assessor where there is none) the
 * approve and return buttons; returning needs a reason.
 */
export const ApprovalPanel = ({ view }: { view: ReviewView }) => {
  const { t } = useTranslation('assessments');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const name = usePersonName();
  const message = useValidationText();
  const [comment, setComment] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const decide = useCommand('assessments.decideOutcome', { errors: 'inline', success: () => t('approval.decided') });
  const approval = view.approval;
  if (!approval || !view.outcome) return null;
  const d = approval.decision;
  const send = async (decision: 'approved' | 'returned') => {
    setMissingReason(decision === 'returned' && !comment.trim());
    if (decision === 'returned' && !comment.trim()) return;
    const r = await decide.run({ assessmentId: view.assessmentId, decision, comment });
    if (r.ok) setComment('');
  };
  const fieldError = missingReason ? 'validation.returnReasonRequired' : decide.error?.fields?.find((f) => f.path === 'comment')?.message;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="approval-heading" data-testid="approval-panel">
      <Typography id="approval-heading" variant="subtitle1" component="h2">
        {t('approval.heading', { outcome: t(`outcome.${view.outcome}`) })}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 1 }}>
        {approval.approver ? t('approval.by', { name: name(approval.approver) }) : t('approval.byAssessor')}
      </Typography>
      {d ? (
        <Alert severity={d.status === 'approved' ? 'success' : 'warning'} data-testid="approval-status" sx={{ mb: 1 }}>
          {t(`approval.${d.status}`, { name: name(d.by), when: format.dateTime(d.at) })}
          {d.comment && <Typography sx={{ mt: 1, whiteSpace: 'pre-wrap' }}>{d.comment}</Typography>}
        </Alert>
      ) : (
        <Alert severity="info" data-testid="approval-status" sx={{ mb: 1 }}>
          {t('approval.waiting')}
        </Alert>
      )}
      {view.can.decideOutcome && d?.status !== 'approved' && (
        <Stack spacing={1}>
          <TextField
            multiline
            minRows={2}
            label={t('approval.comment')}
            value={comment}
            onChange={(e) => {
              setComment(e.target.value);
              setMissingReason(false);
            }}
            error={!!fieldError}
            helperText={message(fieldError)}
            slotProps={{ htmlInput: { 'data-testid': 'approval-comment', maxLength: 2000 } }}
          />
          {decide.error && !fieldError && <Alert severity="error">{tc(`errors.${decide.error.code}`)}</Alert>}
          <Stack direction="row" spacing={1}>
            <Button variant="contained" onClick={() => void send('approved')} disabled={decide.pending} data-testid="approval-approve">
              {t('approval.approve')}
            </Button>
            <Button color="warning" onClick={() => void send('returned')} disabled={decide.pending} data-testid="approval-return">
              {t('approval.return')}
            </Button>
          </Stack>
        </Stack>
      )}
    </Paper>
  );
};
