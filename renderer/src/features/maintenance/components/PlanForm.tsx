import { Alert, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkPlan, MaintenanceRuleError, type MaintenanceIssue } from '../../../../../shared/domain/maintenance';
import { FREQUENCY_UNITS, type FrequencyUnit, type WorkWindow } from '../../../../../shared/schema/records/maintenance';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useErrorText } from './errors';
import { PlanScopeFields, type ScopeValue } from './PlanScopeFields';
import type { Lang } from './ReadingField';
import { WorkWindowFields } from './WorkWindowFields';

/**
 * Managers and admins plan rounds: which assets (chosen ones of a site, every one at a site, or
 * every one of a model at a customer), which template, how often (days, weeks, months or
 * running hours), in which maintenance window, for which team and technician. The plan's rules
 * (shared/domain checkPlan) are checked here before saving, and again in main.
 */
export const PlanForm = ({ lang, onDone }: { lang: Lang; onDone: () => void }) => {
  const { t } = useTranslation('maintenance');
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [teamId, setTeamId] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [scope, setScope] = useState<ScopeValue>({ scope: 'assets', siteKey: '', customerId: '', model: '', chosen: new Set() });
  const [every, setEvery] = useState('1');
  const [unit, setUnit] = useState<FrequencyUnit>('month');
  const [startDate, setStartDate] = useState(new Date().toISOString().slice(0, 10));
  const [windowDays, setWindowDays] = useState('');
  const [workWindow, setWorkWindow] = useState<WorkWindow | null>(null);
  /** A save was asked for: from then on the form's own check speaks as the fields change. */
  const [tried, setTried] = useState(false);
  const site = scope.scope !== 'model' && scope.siteKey ? scope.siteKey.split('|') : null;
  const options = useLiveQuery('maintenance.planOptions', { siteId: site?.[1] ?? null });
  const save = useCommand('maintenance.savePlan', { errors: 'inline', success: () => t('plan.saved') });
  const input = {
    name,
    templateId,
    teamId,
    customerId: (scope.scope === 'model' ? scope.customerId : site?.[0]) ?? '',
    siteId: site?.[1] ?? null,
    scope: scope.scope,
    model: scope.scope === 'model' ? scope.model : '',
    assetIds: scope.scope === 'assets' ? [...scope.chosen] : [],
    frequency: { every: Number.parseInt(every, 10) || 0, unit },
    startDate,
    windowDays: windowDays.trim() === '' ? null : Number.parseInt(windowDays, 10),
    workWindow,
    assigneeId: assigneeId || null,
  };
  const issue = planIssue(input);
  const problem = tried && issue ? t(`errors.${issue}`) : errorText(save.error);
  const submit = async () => {
    setTried(true);
    if (issue) return;
    const r = await save.run(input);
    if (r.ok) onDone();
  };
  const o = options.data;
  const staff = (o?.staff ?? []).filter((p) => p.teamId === teamId);
  return (
    <Paper component="section" sx={{ p: 2 }} aria-labelledby="plan-form-heading" data-testid="plan-form">
      <Typography id="plan-form-heading" variant="h6" component="h2" gutterBottom>
        {t('plan.heading')}
      </Typography>
      <Stack spacing={2}>
        <TextField size="small" label={t('plan.name')} value={name} onChange={(e) => setName(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'plan-name' } }} />
        <Stack direction="row" spacing={2}>
          <TextField size="small" select fullWidth label={t('plan.template')} value={templateId} onChange={(e) => setTemplateId(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'plan-template' } }}>
            {(o?.templates ?? []).map((x) => (
              <MenuItem key={x.id} value={x.id}>
                {x.name[lang]} · {t('template.version', { version: x.version })}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            size="small"
            select
            fullWidth
            label={t('plan.team')}
            value={teamId}
            onChange={(e) => {
              setTeamId(e.target.value);
              setAssigneeId('');
            }}
            slotProps={{ htmlInput: { 'data-testid': 'plan-team' } }}
          >
            {(o?.teams ?? []).map((x) => (
              <MenuItem key={x.id} value={x.id}>
                {x.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField size="small" select fullWidth label={t('plan.assignee')} value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)} disabled={!teamId} slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'plan-assignee' } }}>
            <MenuItem value="">{t('plan.assigneeTeam')}</MenuItem>
            {staff.map((p) => (
              <MenuItem key={p.id} value={p.id}>
                {p.name}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        <PlanScopeFields value={scope} options={o} onChange={setScope} />
        <Stack direction="row" spacing={2}>
          <TextField size="small" label={t('plan.every')} value={every} onChange={(e) => setEvery(e.target.value)} sx={{ width: 100 }} slotProps={{ htmlInput: { 'data-testid': 'plan-every', inputMode: 'numeric' } }} />
          <TextField size="small" select label={t('plan.unit')} value={unit} onChange={(e) => setUnit(e.target.value as FrequencyUnit)} sx={{ width: 160 }} slotProps={{ htmlInput: { 'data-testid': 'plan-unit' } }}>
            {FREQUENCY_UNITS.map((u) => (
              <MenuItem key={u} value={u}>
                {t(`unit.${u}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField size="small" type="date" label={t('plan.startDate')} value={startDate} onChange={(e) => setStartDate(e.target.value)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'plan-start' } }} />
          <TextField size="small" label={t('plan.windowDays')} value={windowDays} onChange={(e) => setWindowDays(e.target.value)} sx={{ minWidth: 260 }} />
        </Stack>
        {unit === 'running_hours' && <Typography variant="body2" color="text.secondary">{t('plan.hoursHint')}</Typography>}
        <WorkWindowFields value={workWindow} onChange={setWorkWindow} />
        {problem && (
          <Alert severity="error" data-testid="plan-error">
            {problem}
          </Alert>
        )}
        <Stack direction="row" spacing={1}>
          <Button variant="contained" onClick={() => void submit()} disabled={save.pending} data-testid="plan-save">
            {t('plan.save')}
          </Button>
          <Button onClick={onDone}>{t('template.cancel')}</Button>
        </Stack>
      </Stack>
    </Paper>
  );
};

/** The first rule a plan breaks, or null when it may be saved. */
function planIssue(input: Parameters<typeof checkPlan>[0]): MaintenanceIssue | null {
  try {
    checkPlan(input);
    return null;
  } catch (e) {
    if (e instanceof MaintenanceRuleError) return e.code;
    throw e;
  }
}
