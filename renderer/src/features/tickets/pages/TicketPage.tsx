import LockOutlined from '@mui/icons-material/LockOutlined';
import { Alert, Box, Breadcrumbs, Button, Chip, Link, Paper, Skeleton, Stack, Tooltip, Typography } from '@mui/material';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import type { EditableTicketField, EscalationNotice, TicketWorkDetail } from '../../../../../shared/api/ticketWork';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { FieldworkPanel } from '../../fieldwork/components/FieldworkPanel';
import { TicketPartsPanel } from '../../parts/components/TicketPartsPanel';
import { AssignDialog } from '../components/detail/AssignDialog';
import { Composer, type ComposerHandle } from '../components/detail/Composer';
import { EditDialog } from '../components/detail/EditDialog';
import { AcknowledgeDialog, EscalateDialog } from '../components/detail/EscalateDialog';
import { SlaClocks } from '../components/detail/SlaClocks';
import { ReopenDialog, ResolveDialog, StatusDialog } from '../components/detail/StatusDialogs';
import { Timeline } from '../components/detail/Timeline';
import { TicketProblems } from '../../problems/components/TicketProblems';
import { AttachmentsPanel } from '../../attachments/components/AttachmentsPanel';
import { useErrorText } from '../components/detail/useActionForm';

type DialogName = 'edit' | 'status' | 'resolve' | 'reopen' | 'assign' | 'escalate';

const severityColor = { critical: 'error', major: 'warning', minor: 'default' } as const;
const statusColor = { new: 'info', acknowledged: 'info', in_progress: 'primary', pending: 'default', restored: 'success', resolved: 'success', closed: 'default' } as const;

/** A read-only field says why, on hover and to screen readers. */
const ReadOnlyHint = ({ ticket, field }: { ticket: TicketWorkDetail; field: EditableTicketField }) => {
  const { t } = useTranslation('ticketDetail');
  const access = ticket.fields[field];
  if (access.editable) return null;
  return (
    <Tooltip title={t(`readOnly.${access.reason}`)}>
      <LockOutlined fontSize="inherit" aria-label={t(`readOnly.${access.reason}`)} sx={{ ml: 0.5, verticalAlign: 'middle', color: 'text.disabled' }} data-testid={`readonly-${field}`} tabIndex={0} />
    </Tooltip>
  );
};

const Facts = ({ rows }: { rows: [string, ReactNode][] }) => (
  <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: 2, rowGap: 0.5, m: 0, '& dt': { color: 'text.secondary' }, '& dd': { m: 0, overflowWrap: 'anywhere' } }}>
    {rows.map(([term, value]) => (
      <Box key={term} sx={{ display: 'contents' }}>
        <dt>{term}</dt>
        <dd>{value}</dd>
      </Box>
    ))}
  </Box>
);

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.getAttribute('role') === 'option');

/** One ticket, deep-linkable by its number (`#/tickets/T-000123`): everything to work it. */
export const TicketPage = () => {
  const { number = '' } = useParams();
  const { t, i18n } = useTranslation('ticketDetail');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const { data: ticket, error, loading } = useLiveQuery('ticketWork.detail', { number });
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const [acknowledging, setAcknowledging] = useState<EscalationNotice | null>(null);
  const composer = useRef<ComposerHandle>(null);

  // Keyboard: the frequent actions without a mouse (listed beside the buttons).
  useEffect(() => {
    if (!ticket) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || dialog || acknowledging || document.querySelector('[role="dialog"]')) return;
      const key = e.key.toLowerCase();
      const actions: Record<string, () => void> = {
        r: () => composer.current?.focus('reply'),
        n: () => composer.current?.focus('note'),
        s: () => setDialog('status'),
        a: () => ticket.mayAssign && setDialog('assign'),
        e: () => ticket.mayEscalate && setDialog('escalate'),
      };
      const run = actions[key];
      if (run) {
        e.preventDefault();
        run();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ticket, dialog, acknowledging]);

  const crumbs = (
    <Breadcrumbs sx={{ mb: 2 }}>
      <Link component={RouterLink} to="/queue">
        {t('back')}
      </Link>
      <Typography color="text.primary" aria-current="page">
        {ticket?.number ?? number}
      </Typography>
    </Breadcrumbs>
  );
  if (loading && !ticket)
    return (
      <Box data-testid="ticket-loading">
        <Skeleton variant="text" width={320} height={48} />
        <Skeleton variant="rectangular" height={120} sx={{ mb: 2 }} />
        <Skeleton variant="rectangular" height={240} />
      </Box>
    );
  if (error && !ticket)
    return (
      <>
        {crumbs}
        <Alert severity="error" data-testid="ticket-error">
          {errorText(error)}
        </Alert>
      </>
    );
  if (!ticket)
    return (
      <>
        {crumbs}
        <Alert
          severity="info"
          data-testid="ticket-not-found"
          action={
            <Button component={RouterLink} to="/queue" color="inherit" size="small">
              {t('notFoundAction')}
            </Button>
          }
        >
          {t('notFound', { number })}
        </Alert>
      </>
    );

  const isClosed = ticket.status === 'resolved' || ticket.status === 'closed';
  const canResolve = ticket.transitions.includes('resolved') || ticket.transitions.includes('restored');
  const canReopen = isClosed && ticket.transitions.includes('in_progress') && ticket.reopenUntil !== null;
  const teamName = ticket.team ? (i18n.language === 'zh-CN' && ticket.team.nameZh ? ticket.team.nameZh : ticket.team.name) || t('unassigned') : t('unassigned');
  const close = () => setDialog(null);
  return (
    <Box data-testid="ticket-detail" data-status={ticket.status}>
      {crumbs}
      <Paper component="header" sx={{ p: 2, mb: 2 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
          <Typography variant="h5" component="h1" sx={{ overflowWrap: 'anywhere', minWidth: 0 }}>
            <span data-testid="ticket-number">{ticket.number}</span> · {ticket.title}
            <ReadOnlyHint ticket={ticket} field="title" />
          </Typography>
          {ticket.provisional && (
            <Tooltip title={t('provisionalHint')}>
              <Chip size="small" variant="outlined" label={t('provisional')} data-testid="ticket-provisional" tabIndex={0} />
            </Tooltip>
          )}
        </Stack>
        <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <Chip size="small" color={severityColor[ticket.severity]} label={t(`severity.${ticket.severity}`)} data-testid="ticket-severity" />
          <Chip size="small" variant="outlined" label={ticket.priority} data-testid="ticket-priority" />
          <Chip
            size="small"
            color={statusColor[ticket.status]}
            label={ticket.pendingReason ? `${t(`status.${ticket.status}`)} · ${t(`pendingReason.${ticket.pendingReason}`)}` : t(`status.${ticket.status}`)}
            data-testid="ticket-status"
          />
          <Chip size="small" variant="outlined" color={ticket.customer.tier === 'key' ? 'secondary' : 'default'} label={t(`tier.${ticket.customer.tier}`)} data-testid="ticket-tier" />
          <Box sx={{ flexGrow: 1 }} />
          <SlaClocks sla={ticket.sla} />
        </Stack>
        <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 2, flexWrap: 'wrap' }} role="toolbar" aria-label={t('actions.label')}>
          <Button variant="outlined" onClick={() => setDialog('edit')} data-testid="action-edit">
            {t('actions.edit')}
          </Button>
          {!isClosed && (
            <Button variant="outlined" onClick={() => setDialog('status')} data-testid="action-status">
              {t('actions.status')}
            </Button>
          )}
          {canResolve && (
            <Button variant="outlined" color="success" onClick={() => setDialog('resolve')} data-testid="action-resolve">
              {t('actions.resolve')}
            </Button>
          )}
          {canReopen && (
            <Button variant="outlined" onClick={() => setDialog('reopen')} data-testid="action-reopen">
              {t('actions.reopen')}
            </Button>
          )}
          {isClosed && ticket.transitions.includes('closed') && (
            <Button variant="outlined" onClick={() => setDialog('status')} data-testid="action-status">
              {t('actions.status')}
            </Button>
          )}
          {ticket.mayAssign && (
            <Button variant="outlined" onClick={() => setDialog('assign')} data-testid="action-assign">
              {t('actions.assign')}
            </Button>
          )}
          {ticket.mayEscalate && (
            <Button variant="outlined" color="warning" onClick={() => setDialog('escalate')} data-testid="action-escalate">
              {t('actions.escalate')}
            </Button>
          )}
          <Typography variant="caption" color="text.secondary" sx={{ alignSelf: 'center' }}>
            {t('actions.shortcuts')}
          </Typography>
        </Stack>
      </Paper>

      {ticket.openEscalations.map((n) => (
        <Alert
          key={n.eventId}
          severity="warning"
          sx={{ mb: 2, overflowWrap: 'anywhere' }}
          data-testid="escalation-banner"
          action={
            n.forMe ? (
              <Button color="inherit" size="small" onClick={() => setAcknowledging(n)} data-testid="action-acknowledge">
                {t('actions.acknowledge')}
              </Button>
            ) : undefined
          }
        >
          {t(n.forMe ? 'escalationBanner' : 'escalationBannerOthers', { level: t(`level.${n.toLevel as 'L1'}`), reason: n.reason })}
        </Alert>
      ))}

      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 2fr) minmax(0, 1fr)' }, gap: 2 }}>
        <Stack spacing={2} sx={{ minWidth: 0 }}>
          <Paper sx={{ p: 2 }}>
            <Typography variant="subtitle1" component="h2">
              {t('field.description')}
              <ReadOnlyHint ticket={ticket} field="description" />
            </Typography>
            <Typography sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} color={ticket.description ? 'text.primary' : 'text.secondary'} data-testid="ticket-description">
              {ticket.description || t('noDescription')}
            </Typography>
          </Paper>
          <Composer ref={composer} ticketId={ticket.id} />
          <FieldworkPanel ticketId={ticket.id} />
          <AttachmentsPanel ticketId={ticket.id} />
          <Paper sx={{ p: 2 }}>
            <Timeline ticketId={ticket.id} />
          </Paper>
        </Stack>
        <Stack spacing={2} sx={{ minWidth: 0 }}>
          <Paper sx={{ p: 2 }} data-testid="ticket-facts">
            <Facts
              rows={[
                [t('field.customer'), <Link component={RouterLink} to={`/customers/${ticket.customer.id}`} data-testid="link-customer">{ticket.customer.name || t('timeline.unknownPerson')}</Link>],
                [t('field.site'), ticket.site.name ?? ticket.region],
                [t('field.contact'), <>{[ticket.contact.name, ticket.contact.phone, ticket.contact.email].filter(Boolean).join(' · ')}<ReadOnlyHint ticket={ticket} field="contact" /></>],
                [t('field.asset'), ticket.asset ? <Link component={RouterLink} to={`/assets/${encodeURIComponent(ticket.asset.code)}`} data-testid="link-asset">{ticket.asset.code}{ticket.asset.model ? ` · ${ticket.asset.model}` : ''}</Link> : tc('common.none')],
                [t('field.type'), <>{t(`type.${ticket.type}`)}<ReadOnlyHint ticket={ticket} field="type" /></>],
                [t('field.severity'), <>{t(`severity.${ticket.severity}`)}<ReadOnlyHint ticket={ticket} field="severity" /></>],
                [t('field.priority'), <>{ticket.priority}<ReadOnlyHint ticket={ticket} field="priority" /></>],
                [t('field.productLine'), <>{ticket.productLine || '—'}<ReadOnlyHint ticket={ticket} field="productLine" /></>],
                [t('field.team'), teamName],
                [t('field.assignee'), ticket.assignee?.name || t('unassigned')],
                [t('field.levels'), `${t(`level.${ticket.levels.functional}`)} · ${t(`level.${ticket.levels.management}`)}`],
                ...(ticket.cause ? [[t('field.cause'), t(`cause.${ticket.cause}`)] as [string, ReactNode]] : []),
                [t('field.created'), format.dateTime(ticket.createdAt)],
                [t('field.updated'), format.dateTime(ticket.updatedAt)],
              ]}
            />
          </Paper>
          <TicketProblems ticketId={ticket.id} />
          <TicketPartsPanel ticketId={ticket.id} />
          <Paper sx={{ p: 2 }} component="section" aria-labelledby="related-heading">
            <Typography id="related-heading" variant="subtitle1" component="h2">
              {t('related')}
            </Typography>
            {ticket.related.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                {t('noRelated')}
              </Typography>
            ) : (
              <Stack component="ul" sx={{ p: 0, m: 0, listStyle: 'none' }} spacing={0.5}>
                {ticket.related.map((r) => (
                  <li key={r.number}>
                    <Link component={RouterLink} to={`/tickets/${encodeURIComponent(r.number)}`} sx={{ overflowWrap: 'anywhere' }}>
                      {r.number} · {r.title}
                    </Link>{' '}
                    <Typography component="span" variant="caption" color="text.secondary">
                      {t(`status.${r.status}`)}
                    </Typography>
                  </li>
                ))}
              </Stack>
            )}
          </Paper>
        </Stack>
      </Box>

      {dialog === 'edit' && <EditDialog ticket={ticket} open onClose={close} />}
      {dialog === 'status' && <StatusDialog ticket={ticket} open onClose={close} />}
      {dialog === 'resolve' && <ResolveDialog ticket={ticket} open onClose={close} />}
      {dialog === 'reopen' && <ReopenDialog ticket={ticket} open onClose={close} />}
      {dialog === 'assign' && <AssignDialog ticket={ticket} open onClose={close} />}
      {dialog === 'escalate' && <EscalateDialog ticket={ticket} open onClose={close} />}
      {acknowledging && <AcknowledgeDialog key={acknowledging.eventId} ticket={ticket} notice={acknowledging} onClose={() => setAcknowledging(null)} />}
    </Box>
  );
};
