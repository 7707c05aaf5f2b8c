import { Alert, Box, Button, Chip, Paper, Skeleton, Stack, Tooltip, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../../../../../shared/api/ticketWork';
import { useLiveQuery } from '../../../../data/useLiveQuery';
import { AttachmentThumb } from '../../../attachments/components/AttachmentThumb';
import { useFormat } from '../../../../i18n/format';
import { useErrorText } from './useActionForm';

export const TIMELINE_PAGE = 50;
/** A device clock or an offline stretch this far from the server's receive time is worth telling. */
const RECEIPT_GAP_MS = 5 * 60_000;

/** When the server received the event, if that differs from the device's time by more than five minutes. */
export const receivedApart = (e: TimelineEntry): string | null => {
  const received = 'receivedAt' in e && typeof e.receivedAt === 'string' ? e.receivedAt : null;
  return received && Math.abs(Date.parse(received) - Date.parse(e.at)) > RECEIPT_GAP_MS ? received : null;
};

/** The author id of automatic events (server/sla/scheduler.ts). */
const SYSTEM_AUTHOR_ID = '00000000-0000-7000-8000-000000000000';

/** One sentence per event, in the user's language. */
const useDescribe = () => {
  const { t } = useTranslation('ticketDetail');
  const format = useFormat();
  const nameOf = (e: TimelineEntry, id: string | null | undefined) => (id ? (e.names[id] ?? t('timeline.unknownPerson')) : t('unassigned'));
  const level = (l: string) => t(`level.${l as 'L1'}`);
  return (e: TimelineEntry): string => {
    switch (e.kind) {
      case 'reply':
      case 'note':
      case 'sla_pause':
      case 'sla_resume':
      case 'escalation_ack':
      case 'checklist':
      case 'problem_link':
        return t(`timeline.${e.kind}`);
      case 'status_change':
        return e.pendingReason
          ? t('timeline.status_change_pending', { from: t(`status.${e.from}`), to: t(`status.${e.to}`), reason: t(`pendingReason.${e.pendingReason}`) })
          : t('timeline.status_change', { from: t(`status.${e.from}`), to: t(`status.${e.to}`) });
      case 'severity_change':
        return t('timeline.severity_change', { from: t(`severity.${e.fromSeverity}`), to: t(`severity.${e.toSeverity}`) });
      case 'priority_change':
        return t('timeline.priority_change', { from: e.fromPriority, to: e.toPriority });
      case 'assignment':
        return t('timeline.assignment', { to: e.toAssigneeId ? `${nameOf(e, e.toAssigneeId)} (${nameOf(e, e.toTeamId)})` : nameOf(e, e.toTeamId) });
      case 'escalation':
        return t(`timeline.escalation_${e.direction}`, { axis: t(`axis.${e.axis}`), from: level(e.fromLevel), to: level(e.toLevel) });
      case 'field_conflict':
        return t('timeline.field_conflict', {
          field: e.field,
          lost: e.lostValue,
          kept: e.keptValue,
          author: e.lostAuthorId ? nameOf(e, e.lostAuthorId) : t('timeline.field_conflict_someone'),
        });
      case 'work_log':
        return t('timeline.work_log', { work: String(e.workMinutes), travel: String(e.travelMinutes) });
      case 'part':
        return t('timeline.part', { part: e.partNumber });
      case 'attachment':
        return t('timeline.attachment', { file: e.fileName });
      case 'signature':
        return t('timeline.signature', { name: e.signerName });
      case 'csat':
        return t('timeline.csat', { score: String(e.score) });
      case 'visit_travel':
        return t('timeline.visit_travel');
      case 'visit_check_in':
        return e.travelMinutes > 0 ? t('timeline.visit_check_in_travel', { travel: String(e.travelMinutes) }) : t('timeline.visit_check_in');
      case 'visit_check_out':
        return t('timeline.visit_check_out', { minutes: String(e.onSiteMinutes) });
      case 'visit_correction': {
        const changes = [
          ...(e.checkInAt ? [t('timeline.visit_correction_in', { time: format.dateTime(e.checkInAt) })] : []),
          ...(e.checkOutAt ? [t('timeline.visit_correction_out', { time: format.dateTime(e.checkOutAt) })] : []),
          ...(e.travelMinutes !== null ? [t('timeline.visit_correction_travel', { travel: String(e.travelMinutes) })] : []),
        ];
        return t('timeline.visit_correction', { changes: changes.join(t('timeline.listSeparator')) });
      }
    }
  };
};

const Entry = ({ e }: { e: TimelineEntry }) => {
  const { t } = useTranslation('ticketDetail');
  const format = useFormat();
  const describe = useDescribe();
  const author = e.mine ? t('timeline.you') : e.authorId === SYSTEM_AUTHOR_ID ? t('timeline.system') : e.authorName || t('timeline.unknownPerson');
  const isText = e.kind === 'reply' || e.kind === 'note';
  const isVisit = e.kind.startsWith('visit_');
  const detail = e.kind === 'work_log' || e.kind === 'visit_check_in' ? (e.kind === 'work_log' ? e.body : e.note) : null;
  const reason = 'reason' in e && typeof e.reason === 'string' && e.reason ? e.reason : null;
  const received = receivedApart(e);
  return (
    <Box component="li" sx={{ listStyle: 'none', py: 1 }} data-testid={`timeline-${e.kind}`}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {author}
        </Typography>
        <Typography variant="body2">{describe(e)}</Typography>
        {isText && <Chip size="small" color={e.kind === 'reply' ? 'primary' : 'warning'} label={t(`composer.${e.kind}`)} />}
        {isVisit && <Chip size="small" variant="outlined" color={e.kind === 'visit_correction' ? 'warning' : 'info'} label={t('timeline.visitChip')} />}
        {received ? (
          <Tooltip title={t('timeline.receivedApart', { at: format.dateTime(e.at), received: format.dateTime(received) })} describeChild>
            <Typography variant="caption" color="text.secondary" component="time" dateTime={e.at} tabIndex={0} sx={{ textDecoration: 'underline dotted' }} data-testid="timeline-time">
              {format.dateTime(e.at)}
            </Typography>
          </Tooltip>
        ) : (
          <Typography variant="caption" color="text.secondary" component="time" dateTime={e.at} data-testid="timeline-time">
            {format.dateTime(e.at)}
          </Typography>
        )}
      </Stack>
      {isText && (
        <Paper
          variant="outlined"
          sx={{
            mt: 0.5,
            p: 1.5,
            whiteSpace: 'pre-wrap',
            overflowWrap: 'anywhere',
            borderLeft: 4,
            borderLeftColor: e.kind === 'reply' ? 'primary.main' : 'warning.main',
            bgcolor: e.kind === 'note' ? 'action.hover' : 'background.paper',
          }}
        >
          {e.body}
        </Paper>
      )}
      {e.kind === 'attachment' && <AttachmentThumb file={e} />}
      {detail && (
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {detail}
        </Typography>
      )}
      {reason && (
        <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
          {t('timeline.reasonLabel', { reason })}
        </Typography>
      )}
    </Box>
  );
};

const TimelinePage = ({ ticketId, index, onTotal }: { ticketId: string; index: number; onTotal?: (total: number) => void }) => {
  const { t } = useTranslation('ticketDetail');
  const errorText = useErrorText();
  const { data, error, loading } = useLiveQuery('ticketWork.timeline', { ticketId, offset: index * TIMELINE_PAGE, limit: TIMELINE_PAGE });
  const total = data?.total;
  useEffect(() => {
    if (total !== undefined) onTotal?.(total);
  }, [total, onTotal]);
  if (loading && !data)
    return (
      <Box aria-busy="true">
        <Skeleton height={48} />
        <Skeleton height={48} />
      </Box>
    );
  if (error && !data) return <Alert severity="error">{errorText(error)}</Alert>;
  if (index === 0 && data?.total === 0) return <Typography color="text.secondary">{t('timeline.empty')}</Typography>;
  return (
    <>
      {data?.rows.map((e) => (
        <Entry key={e.id} e={e} />
      ))}
    </>
  );
};

/** The ticket's history, newest first, a page at a time. */
export const Timeline = ({ ticketId }: { ticketId: string }) => {
  const { t } = useTranslation('ticketDetail');
  const [pages, setPages] = useState(1);
  const [total, setTotal] = useState(0);
  const format = useFormat();
  const shown = Math.min(total, pages * TIMELINE_PAGE);
  return (
    <Box component="section" aria-labelledby="timeline-heading" data-testid="timeline">
      <Stack direction="row" sx={{ alignItems: 'baseline', justifyContent: 'space-between' }}>
        <Typography id="timeline-heading" variant="h6" component="h2">
          {t('timeline.heading')}
        </Typography>
        {total > 0 && (
          <Typography variant="caption" color="text.secondary" data-testid="timeline-count">
            {t('timeline.count', { shown: format.integer(shown), total: format.integer(total) })}
          </Typography>
        )}
      </Stack>
      <Box component="ol" sx={{ p: 0, m: 0 }}>
        {Array.from({ length: pages }, (_, i) => (
          <TimelinePage key={i} ticketId={ticketId} index={i} {...(i === 0 ? { onTotal: setTotal } : {})} />
        ))}
      </Box>
      {shown < total && (
        <Button onClick={() => setPages((p) => p + 1)} data-testid="timeline-older">
          {t('timeline.older')}
        </Button>
      )}
    </Box>
  );
};
