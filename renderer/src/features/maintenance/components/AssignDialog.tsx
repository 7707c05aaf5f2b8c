import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Radio, RadioGroup, Skeleton, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoundSummary } from '../../../../../shared/api/maintenance';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useErrorText } from './errors';
import type { Lang } from './ReadingField';
import { personName } from './WeekCalendar';

const TEAM = '__team__';

/**
 * A manager assigns a round to a technician of its team, or back to the whole team. The
 * choices come from main (the team's technicians); main refuses anyone else with a code,
 * shown here in words. Works offline: the change syncs later.
 */
export const AssignDialog = ({ round, lang, onClose }: { round: RoundSummary; lang: Lang; onClose: () => void }) => {
  const { t } = useTranslation('maintenance');
  const errorText = useErrorText();
  const q = useLiveQuery('maintenance.assignees', { roundId: round.id });
  const assign = useCommand('maintenance.assignRound', { errors: 'inline', success: () => t('assign.done') });
  const [choice, setChoice] = useState<string | null>(null);
  const current = q.data ? (q.data.assigneeId ?? TEAM) : TEAM;
  const picked = choice ?? current;
  const place = round.siteName ? `${round.customerName} / ${round.siteName}` : round.customerName;
  const teamName = q.data?.team ? (lang === 'zh-CN' && q.data.team.nameZh ? q.data.team.nameZh : q.data.team.name) : '';
  const save = async () => {
    const r = await assign.run({ roundId: round.id, assigneeId: picked === TEAM ? null : picked });
    if (r.ok) onClose();
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="assign-dialog-title" data-testid="assign-dialog">
      <DialogTitle id="assign-dialog-title">{t('assign.heading')}</DialogTitle>
      <DialogContent>
        <Typography id="assign-dialog-intro" variant="body2" sx={{ mb: 1 }}>
          {t('assign.intro', { place, date: round.dueDate })}
        </Typography>
        {q.loading && <Skeleton variant="rounded" height={96} />}
        {q.data && (
          <RadioGroup aria-labelledby="assign-dialog-intro" value={picked} onChange={(e) => setChoice(e.target.value)}>
            <FormControlLabel value={TEAM} control={<Radio />} label={t('assign.team', { team: teamName })} />
            {q.data.people.map((p) => (
              <FormControlLabel key={p.id} value={p.id} control={<Radio />} label={personName(p, lang)} />
            ))}
          </RadioGroup>
        )}
        {assign.error && (
          <Alert severity="error" sx={{ mt: 1 }} data-testid="assign-error">
            {errorText(assign.error)}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('assign.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={assign.pending || !q.data?.can.assign} data-testid="assign-save">
          {t('assign.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/** The round page's assign button: shown to those who may assign the round. */
export const AssignButton = ({ round, lang }: { round: RoundSummary; lang: Lang }) => {
  const { t } = useTranslation('maintenance');
  const q = useLiveQuery('maintenance.assignees', { roundId: round.id });
  const [open, setOpen] = useState(false);
  if (!q.data?.can.assign) return null;
  return (
    <>
      <Button variant="outlined" onClick={() => setOpen(true)} data-testid="round-assign">
        {t('assign.button')}
      </Button>
      {open && <AssignDialog round={round} lang={lang} onClose={() => setOpen(false)} />}
    </>
  );
};
