import AddOutlined from '@mui/icons-material/AddOutlined';
import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import { Alert, Button, Chip, Dialog, DialogActions, DialogContent, DialogContentText, MenuItem, Paper, Skeleton, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { TrainingRow } from '../../../../../shared/api/training';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useNotify } from '../../../data/notify';
import { usePersonName } from '../../assessments/components/names';
import { TrainingDialog } from '../components/TrainingDialog';
import { TrainingImportDialog } from '../components/TrainingImportDialog';
import { TrainingTable } from '../components/TrainingTable';

/** What a manager acts on: records waiting for a decision and certifications that lapse. */
const TeamSection = ({ onDecide, onRemove }: { onDecide: (r: TrainingRow, d: 'confirm' | 'reject') => void; onRemove: (r: TrainingRow) => void }) => {
  const { t } = useTranslation('training');
  const team = useLiveQuery('training.team', {});
  if (!team.data || (team.data.pending.length === 0 && team.data.expiring.length === 0)) return null;
  const lapse = (days: number) => (days === 0 ? t('team.today') : days > 0 ? t('team.daysLeft', { count: days }) : t('team.lapsed', { count: -days }));
  const daysOf = new Map(team.data.expiring.map((e) => [e.row.id, e.daysLeft]));
  return (
    <>
      <Paper component="section" sx={{ p: 2 }} aria-labelledby="training-pending-heading">
        <Typography id="training-pending-heading" variant="h6" component="h2" gutterBottom>
          {t('team.pending')}
        </Typography>
        {team.data.pending.length === 0 ? (
          <Typography color="text.secondary">{t('team.pendingEmpty')}</Typography>
        ) : (
          <TrainingTable rows={team.data.pending} showPerson onDecide={onDecide} onRemove={onRemove} testId="training-pending" />
        )}
      </Paper>
      <Paper component="section" sx={{ p: 2 }} aria-labelledby="training-expiring-heading">
        <Typography id="training-expiring-heading" variant="h6" component="h2" gutterBottom>
          {t('team.expiring')}
        </Typography>
        {team.data.expiring.length === 0 ? (
          <Typography color="text.secondary">{t('team.expiringEmpty')}</Typography>
        ) : (
          <TrainingTable
            rows={team.data.expiring.map((e) => e.row)}
            showPerson
            extra={{
              heading: t('column.daysLeft'),
              cell: (r) => {
                const days = daysOf.get(r.id) ?? 0;
                return <Chip size="small" color={days < 0 ? 'error' : days <= 14 ? 'warning' : 'default'} label={lapse(days)} />;
              },
            }}
            onDecide={onDecide}
            onRemove={onRemove}
            testId="training-expiring"
          />
        )}
      </Paper>
    </>
  );
};

/** `#/training`: a person's courses and certifications; a manager's decisions and lapsing certificates. */
export const TrainingPage = () => {
  const { t } = useTranslation('training');
  const { t: tc } = useTranslation();
  const name = usePersonName();
  const notify = useNotify();
  const [params, setParams] = useSearchParams();
  const personId = params.get('person');
  const view = useLiveQuery('training.person', { personId });
  const [dialog, setDialog] = useState<{ editing: TrainingRow | null } | null>(null);
  const [importing, setImporting] = useState(false);
  const [removing, setRemoving] = useState<TrainingRow | null>(null);
  const decide = useCommand('training.decide');
  const remove = useCommand('training.remove', { success: () => t('removed') });
  const onDecide = (r: TrainingRow, decision: 'confirm' | 'reject') =>
    void decide.run({ id: r.id, decision }).then((res) => res.ok && notify.success(t(decision === 'confirm' ? 'confirmed' : 'rejected')));
  const data = view.data;
  const managesSomeone = (data?.people.length ?? 0) > 1;

  return (
    <Stack spacing={3}>
      <div>
        <Typography variant="h4" component="h1">
          {t('heading')}
        </Typography>
        <Typography color="text.secondary">{t('intro')}</Typography>
      </div>
      <TeamSection onDecide={onDecide} onRemove={setRemoving} />
      {view.loading && <Skeleton variant="rounded" height={160} />}
      {view.error && <Alert severity="error">{tc(`errors.${view.error.code}`)}</Alert>}
      {view.data === null && !view.loading && <Alert severity="warning">{tc('errors.NOT_FOUND')}</Alert>}
      {data && (
        <Paper component="section" sx={{ p: 2 }} aria-labelledby="training-person-heading">
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' }, mb: 2 }}>
            <Typography id="training-person-heading" variant="h6" component="h2" sx={{ flexGrow: 1 }}>
              {name(data.person)}
            </Typography>
            {managesSomeone && (
              <TextField
                select
                size="small"
                label={t('person')}
                value={data.person.id}
                onChange={(e) => setParams(e.target.value === data.people[0]?.id ? {} : { person: e.target.value })}
                sx={{ minWidth: 220 }}
                slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'training-person' } as object } }}
              >
                {data.people.map((p) => (
                  <MenuItem key={p.id} value={p.id}>
                    {name(p)}
                  </MenuItem>
                ))}
              </TextField>
            )}
            {managesSomeone && (
              <Button startIcon={<UploadFileOutlined />} onClick={() => setImporting(true)} data-testid="training-import">
                {t('import')}
              </Button>
            )}
            {data.canAdd && (
              <Button variant="contained" startIcon={<AddOutlined />} onClick={() => setDialog({ editing: null })} data-testid="training-add">
                {t('add')}
              </Button>
            )}
          </Stack>
          {data.rows.length === 0 ? (
            <Alert severity="info">{t('empty', { name: name(data.person) })}</Alert>
          ) : (
            <TrainingTable rows={data.rows} onEdit={(r) => setDialog({ editing: r })} onDecide={onDecide} onRemove={setRemoving} testId="training-records" />
          )}
        </Paper>
      )}
      {dialog && data && (
        <TrainingDialog open personId={data.person.id} personName={name(data.person)} editing={dialog.editing} own={data.own} onClose={() => setDialog(null)} />
      )}
      <TrainingImportDialog open={importing} onClose={() => setImporting(false)} />
      <Dialog open={removing !== null} onClose={() => setRemoving(null)}>
        <DialogContent>
          <DialogContentText>{removing && t('removeConfirm', { title: removing.title })}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setRemoving(null)}>{t('cancel')}</Button>
          <Button
            color="error"
            variant="contained"
            data-testid="training-remove-confirm"
            onClick={() => {
              if (removing) void remove.run({ id: removing.id });
              setRemoving(null);
            }}
          >
            {t('remove')}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
};
