import CloseOutlined from '@mui/icons-material/CloseOutlined';
import {
  Alert,
  Box,
  Button,
  Chip,
  IconButton,
  Link,
  MenuItem,
  Paper,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import type { ProblemDetail } from '../../../../../shared/api/problems';
import { PROBLEM_STATUSES, type ProblemStatus } from '../../../../../shared/schema/enums';
import { Facts } from '../../../components/Facts';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { EffectivenessCard } from '../components/EffectivenessCard';
import { LinkTicketsDialog } from '../components/LinkTicketsDialog';
import { formDefaults, ProblemForm } from '../components/ProblemForm';
import { ResolveDialog } from '../components/ResolveDialog';
import { StatusChip } from '../components/StatusChip';
import { usePersonName } from '../components/names';

const EditProblem = ({ problem, onDone }: { problem: ProblemDetail; onDone: () => void }) => {
  const { t } = useTranslation('problems');
  const { data: people } = useLiveQuery('problems.people', {});
  const update = useCommand('problems.update', { errors: 'inline', success: () => t('form.saved') });
  if (!people) return <Skeleton height={200} />;
  const defaults = formDefaults({
    title: problem.title,
    description: problem.description,
    causeCategory: problem.causeCategory,
    productLine: problem.productLine,
    ownerId: problem.owner?.id ?? '',
    ticketIds: problem.tickets.map((t) => t.id),
    whys: problem.whys,
    rootCause: problem.rootCause,
    actions: problem.actions.map((a) => ({ id: a.id, kind: a.kind, description: a.description, ownerId: a.ownerId, dueDate: a.dueDate, status: a.status })),
  });
  return (
    <ProblemForm
      mode="edit"
      defaults={defaults}
      people={people}
      onCancel={onDone}
      onSubmit={async ({ ticketIds: _linked, ...changes }) => {
        const result = await update.run({ id: problem.id, changes });
        if (result.ok) onDone();
        return result;
      }}
    />
  );
};

/** `#/problems/:id`: one problem, its whys, actions, linked tickets and the effectiveness check. */
export const ProblemPage = () => {
  const { id = '' } = useParams();
  const { t } = useTranslation('problems');
  const format = useFormat();
  const personName = usePersonName();
  const { data: problem, loading, error } = useLiveQuery('problems.detail', { id });
  const update = useCommand('problems.update');
  const unlink = useCommand('problems.unlink');
  const [editing, setEditing] = useState(false);
  const [resolving, setResolving] = useState(false);
  const [linking, setLinking] = useState(false);

  if (loading) return <Skeleton variant="rectangular" height={320} />;
  if (error) return <Alert severity="error">{t('loadError')}</Alert>;
  if (!problem)
    return (
      <Stack spacing={2}>
        <Alert severity="info">{t('detail.notFound')}</Alert>
        <Link component={RouterLink} to="/problems">
          {t('detail.back')}
        </Link>
      </Stack>
    );

  return (
    <Stack spacing={2} data-testid="problem-detail">
      <Link component={RouterLink} to="/problems" variant="body2">
        {t('detail.back')}
      </Link>
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" sx={{ overflowWrap: 'anywhere' }} data-testid="problem-heading">
          {problem.title}
        </Typography>
        <StatusChip status={problem.status} />
        <Box sx={{ flex: 1 }} />
        {problem.mayEdit && !editing && (
          <>
            <TextField
              select
              size="small"
              label={t('detail.statusLabel')}
              value={problem.status}
              onChange={(e) => void update.run({ id: problem.id, changes: { status: e.target.value as ProblemStatus } })}
              sx={{ minWidth: 170 }}
              slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'problem-status-select' } as object } }}
            >
              {PROBLEM_STATUSES.map((s) => (
                <MenuItem key={s} value={s}>
                  {t(`status.${s}`)}
                </MenuItem>
              ))}
            </TextField>
            <Button variant="outlined" onClick={() => setEditing(true)} data-testid="problem-edit">
              {t('detail.edit')}
            </Button>
            <Button variant="contained" onClick={() => setResolving(true)} disabled={problem.status === 'closed'} data-testid="problem-resolve">
              {t('detail.resolve')}
            </Button>
          </>
        )}
      </Stack>
      {!problem.mayEdit && <Alert severity="info">{t('detail.readOnly')}</Alert>}

      {editing ? (
        <EditProblem problem={problem} onDone={() => setEditing(false)} />
      ) : (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 2fr) minmax(0, 1fr)' }, gap: 2, alignItems: 'start' }}>
          <Stack spacing={2} sx={{ minWidth: 0 }}>
            <Paper sx={{ p: 2 }} component="section" aria-labelledby="whys-heading">
              {problem.description && (
                <Typography sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', mb: 2 }} data-testid="problem-description">
                  {problem.description}
                </Typography>
              )}
              <Typography id="whys-heading" variant="subtitle1" component="h2">
                {t('detail.whys')}
              </Typography>
              {problem.whys.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {t('detail.noWhys')}
                </Typography>
              ) : (
                <Box component="ol" sx={{ m: 0, pl: 3 }} data-testid="problem-whys">
                  {problem.whys.map((w, i) => (
                    <li key={i}>
                      <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                        {w}
                      </Typography>
                    </li>
                  ))}
                </Box>
              )}
              <Typography variant="subtitle1" component="h2" sx={{ mt: 2 }}>
                {t('detail.rootCause')}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} color={problem.rootCause ? 'text.primary' : 'text.secondary'} data-testid="problem-root-cause">
                {problem.rootCause || t('detail.noRootCause')}
              </Typography>
            </Paper>

            <Paper sx={{ p: 2, overflowX: 'auto' }} component="section" aria-labelledby="actions-heading">
              <Typography id="actions-heading" variant="subtitle1" component="h2">
                {t('detail.actions')}
              </Typography>
              {problem.actions.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {t('detail.noActions')}
                </Typography>
              ) : (
                <Table size="small" aria-labelledby="actions-heading" data-testid="problem-actions">
                  <TableHead>
                    <TableRow>
                      <TableCell>{t('form.actionKind')}</TableCell>
                      <TableCell>{t('form.actionDescription')}</TableCell>
                      <TableCell>{t('form.actionOwner')}</TableCell>
                      <TableCell>{t('form.actionDue')}</TableCell>
                      <TableCell>{t('form.actionStatus')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {problem.actions.map((a) => (
                      <TableRow key={a.id}>
                        <TableCell>{t(`actionKind.${a.kind}`)}</TableCell>
                        <TableCell sx={{ overflowWrap: 'anywhere' }}>{a.description}</TableCell>
                        <TableCell>{personName(a.ownerName, a.ownerNameZh)}</TableCell>
                        <TableCell sx={{ whiteSpace: 'nowrap' }}>
                          {format.date(`${a.dueDate}T00:00:00`)}
                          {a.overdue && <Chip size="small" color="error" variant="outlined" label={t('detail.overdueChip')} sx={{ ml: 1 }} />}
                        </TableCell>
                        <TableCell sx={{ whiteSpace: 'nowrap' }}>
                          {t(`actionStatus.${a.status}`)}
                          {a.effective !== null && <Chip size="small" color={a.effective ? 'success' : 'warning'} label={a.effective ? t('detail.effective') : t('detail.notEffective')} sx={{ ml: 1 }} />}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </Paper>

            <EffectivenessCard problemId={problem.id} mayRecord={problem.mayEdit} />
          </Stack>

          <Stack spacing={2} sx={{ minWidth: 0 }}>
            <Paper sx={{ p: 2 }}>
              <Facts
                items={[
                  { key: 'owner', term: t('detail.owner'), value: problem.owner ? personName(problem.owner.name, problem.owner.nameZh) : '—', testId: 'fact-owner' },
                  { key: 'cause', term: t('detail.cause'), value: t(`cause.${problem.causeCategory}`), testId: 'fact-cause' },
                  { key: 'line', term: t('detail.productLine'), value: problem.productLine || '—' },
                  { key: 'created', term: t('detail.created'), value: format.dateTime(problem.createdAt) },
                  { key: 'updated', term: t('detail.updated'), value: format.dateTime(problem.updatedAt) },
                ]}
              />
            </Paper>
            <Paper sx={{ p: 2 }} component="section" aria-labelledby="linked-heading">
              <Typography id="linked-heading" variant="subtitle1" component="h2">
                {t('detail.tickets', { count: problem.tickets.length })}
              </Typography>
              <Stack component="ul" spacing={0.5} sx={{ p: 0, m: 0, listStyle: 'none' }} data-testid="problem-linked">
                {problem.tickets.map((ticket) => (
                  <Stack component="li" key={ticket.id} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                    {ticket.visible ? (
                      <Box sx={{ flex: 1, minWidth: 0 }}>
                        <Link component={RouterLink} to={`/tickets/${encodeURIComponent(ticket.number)}`} sx={{ overflowWrap: 'anywhere' }}>
                          {ticket.number} · {ticket.title}
                        </Link>{' '}
                        <Typography component="span" variant="caption" color="text.secondary" data-testid={`linked-status-${ticket.number}`}>
                          {ticket.status ? t(`ticketStatus.${ticket.status}`) : ''}
                        </Typography>
                      </Box>
                    ) : (
                      <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
                        {t('detail.outOfSight')}
                      </Typography>
                    )}
                    {problem.mayEdit && problem.tickets.length > 1 && ticket.visible && (
                      <IconButton size="small" aria-label={t('detail.unlink', { number: ticket.number })} onClick={() => void unlink.run({ id: problem.id, ticketId: ticket.id })}>
                        <CloseOutlined fontSize="small" />
                      </IconButton>
                    )}
                  </Stack>
                ))}
              </Stack>
              {problem.mayEdit && (
                <Button size="small" sx={{ mt: 1 }} onClick={() => setLinking(true)} data-testid="problem-link">
                  {t('detail.link')}
                </Button>
              )}
            </Paper>
          </Stack>
        </Box>
      )}
      {linking && <LinkTicketsDialog problem={problem} onClose={() => setLinking(false)} />}
      {resolving && <ResolveDialog problem={problem} onClose={() => setResolving(false)} />}
    </Stack>
  );
};
