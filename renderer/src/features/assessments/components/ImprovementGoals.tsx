import { Alert, Button, Chip, List, ListItem, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GoalView, ReviewView } from '../../../../../shared/api/assessments';
import { useCommand } from '../../../data/useCommand';
import { useFormat } from '../../../i18n/format';
import { usePersonName } from './names';
import { useValidationText } from './validation';

const statusColor = (s: GoalView['status']) => (s === 'met' ? 'success' : s === 'not_met' ? 'error' : 'default');

const GoalLine = ({ goal, children }: { goal: GoalView; children?: React.ReactNode }) => {
  const { t } = useTranslation('assessments');
  const format = useFormat();
  const name = usePersonName();
  return (
    <ListItem disableGutters sx={{ display: 'block' }} data-testid={`goal-${goal.id}`}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography sx={{ fontWeight: 500 }}>{goal.title}</Typography>
        <Chip size="small" color={statusColor(goal.status)} label={t(`goals.status.${goal.status}`)} data-testid="goal-status" />
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t('goals.line', { owner: name(goal.owner), due: format.date(`${goal.dueOn}T00:00:00`), cycle: goal.cycleName })}
      </Typography>
      {goal.followUp && <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>{goal.followUp}</Typography>}
      {children}
    </ListItem>
  );
};

/** The goals of a final improvement plan; the managers above the person add them (owner, due date). */
export const PlanGoalsPanel = ({ view }: { view: ReviewView }) => {
  const { t } = useTranslation('assessments');
  const { t: tc } = useTranslation();
  const name = usePersonName();
  const message = useValidationText();
  const plan = view.plan;
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState(view.person.id);
  const [dueOn, setDueOn] = useState('');
  const [shown, setShown] = useState<Record<string, string>>({});
  const setGoal = useCommand('assessments.setGoal', { errors: 'inline', success: () => t('goals.added') });
  if (!plan) return null;
  const add = async () => {
    const local: Record<string, string> = {};
    if (!title.trim()) local.title = 'validation.goalTitle';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueOn) || dueOn <= view.cycle.endsOn) local.dueOn = 'validation.goalDue';
    setShown(local);
    if (Object.keys(local).length > 0) return;
    const r = await setGoal.run({ assessmentId: view.assessmentId, title, ownerId, dueOn });
    if (r.ok) {
      setTitle('');
      setDueOn('');
    } else setShown(Object.fromEntries((r.error.fields ?? []).map((f) => [f.path, f.message])));
  };
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="plan-heading" data-testid="plan-panel">
      <Typography id="plan-heading" variant="subtitle1" component="h2">
        {t('goals.heading')}
      </Typography>
      {plan.goals.length === 0 ? (
        <Typography color="text.secondary">{t('goals.none')}</Typography>
      ) : (
        <List dense>
          {plan.goals.map((g) => (
            <GoalLine key={g.id} goal={g} />
          ))}
        </List>
      )}
      {plan.canSet && (
        <Stack spacing={1} sx={{ mt: 1 }}>
          <TextField size="small" label={t('goals.title')} value={title} onChange={(e) => setTitle(e.target.value)} error={!!shown.title} helperText={message(shown.title)} slotProps={{ htmlInput: { 'data-testid': 'goal-title', maxLength: 500 } }} />
          <Stack direction="row" spacing={1}>
            <TextField select size="small" label={t('goals.owner')} value={ownerId} onChange={(e) => setOwnerId(e.target.value)} error={!!shown.ownerId} helperText={message(shown.ownerId)} sx={{ minWidth: 200 }} slotProps={{ htmlInput: { 'data-testid': 'goal-owner' } }}>
              {plan.owners.map((o) => (
                <MenuItem key={o.id} value={o.id}>
                  {name(o)}
                </MenuItem>
              ))}
            </TextField>
            <TextField size="small" type="date" label={t('goals.due')} value={dueOn} onChange={(e) => setDueOn(e.target.value)} error={!!shown.dueOn} helperText={message(shown.dueOn)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'goal-due' } }} />
          </Stack>
          {setGoal.error && !setGoal.error.fields && <Alert severity="error">{tc(`errors.${setGoal.error.code}`)}</Alert>}
          <Button variant="contained" onClick={() => void add()} disabled={setGoal.pending} data-testid="goal-add" sx={{ alignSelf: 'flex-start' }}>
            {t('goals.add')}
          </Button>
        </Stack>
      )}
    </Paper>
  );
};

const FollowUpActions = ({ goal }: { goal: GoalView }) => {
  const { t } = useTranslation('assessments');
  const [note, setNote] = useState('');
  const followUp = useCommand('assessments.followUpGoal', { success: () => t('goals.followedUp') });
  return (
    <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center' }}>
      <TextField size="small" label={t('goals.note')} value={note} onChange={(e) => setNote(e.target.value)} slotProps={{ htmlInput: { 'data-testid': `goal-note-${goal.id}`, maxLength: 2000 } }} sx={{ flex: 1 }} />
      <Button size="small" color="success" disabled={followUp.pending} onClick={() => void followUp.run({ goalId: goal.id, status: 'met', note })} data-testid={`goal-met-${goal.id}`}>
        {t('goals.met')}
      </Button>
      <Button size="small" color="error" disabled={followUp.pending} onClick={() => void followUp.run({ goalId: goal.id, status: 'not_met', note })} data-testid={`goal-not-met-${goal.id}`}>
        {t('goals.notMet')}
      </Button>
    </Stack>
  );
};

/** Beside the KPI panel: the goals of earlier improvement plans, followed up in this cycle. */
export const GoalFollowUpPanel = ({ goals }: { goals: GoalView[] }) => {
  const { t } = useTranslation('assessments');
  if (goals.length === 0) return null;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="follow-up-heading" data-testid="follow-up-panel">
      <Typography id="follow-up-heading" variant="subtitle1" component="h2">
        {t('goals.followUpHeading')}
      </Typography>
      <List dense>
        {goals.map((g) => (
          <GoalLine key={g.id} goal={g}>
            {g.canFollowUp && g.status === 'open' && <FollowUpActions goal={g} />}
          </GoalLine>
        ))}
      </List>
    </Paper>
  );
};
