import { Alert, Button, Checkbox, FormControlLabel, FormGroup, FormLabel, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FREQUENCY_UNITS, type FrequencyUnit } from '../../../../../shared/schema/records/maintenance';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useErrorText } from './errors';
import type { Lang } from './ReadingField';

/** Managers and admins plan rounds: which assets of a site, which template, how often, which team. */
export const PlanForm = ({ lang, onDone }: { lang: Lang; onDone: () => void }) => {
  const { t } = useTranslation('maintenance');
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [teamId, setTeamId] = useState('');
  const [siteKey, setSiteKey] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [every, setEvery] = useState('1');
  const [unit, setUnit] = useState<FrequencyUnit>('month');
  const [startDate, setStartDate] = useState(new Date().toISOString().slice(0, 10));
  const [windowDays, setWindowDays] = useState('');
  const site = siteKey ? siteKey.split('|') : null;
  const options = useLiveQuery('maintenance.planOptions', { siteId: site?.[1] ?? null });
  const save = useCommand('maintenance.savePlan', { errors: 'inline', success: () => t('plan.saved') });
  const problem = errorText(save.error);
  const submit = async () => {
    const r = await save.run({
      name,
      templateId,
      teamId,
      customerId: site?.[0] ?? '',
      siteId: site?.[1] ?? null,
      assetIds: [...chosen],
      frequency: { every: Number.parseInt(every, 10) || 0, unit },
      startDate,
      windowDays: windowDays.trim() === '' ? null : Number.parseInt(windowDays, 10),
      assigneeId: null,
    });
    if (r.ok) onDone();
  };
  const o = options.data;
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
          <TextField size="small" select fullWidth label={t('plan.team')} value={teamId} onChange={(e) => setTeamId(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'plan-team' } }}>
            {(o?.teams ?? []).map((x) => (
              <MenuItem key={x.id} value={x.id}>
                {x.name}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        <TextField
          size="small"
          select
          label={t('plan.site')}
          value={siteKey}
          onChange={(e) => {
            setSiteKey(e.target.value);
            setChosen(new Set());
          }}
          slotProps={{ htmlInput: { 'data-testid': 'plan-site' } }}
        >
          {(o?.sites ?? []).map((x) => (
            <MenuItem key={x.siteId} value={`${x.customerId}|${x.siteId}`}>
              {x.customerName} · {x.siteName}
            </MenuItem>
          ))}
        </TextField>
        {site && (
          <FormGroup data-testid="plan-assets">
            <FormLabel>{t('plan.assets')}</FormLabel>
            <Stack direction="row" sx={{ flexWrap: 'wrap' }}>
              {(o?.assets ?? []).map((a) => (
                <FormControlLabel
                  key={a.id}
                  control={
                    <Checkbox
                      checked={chosen.has(a.id)}
                      onChange={(e) =>
                        setChosen((s) => {
                          const next = new Set(s);
                          if (e.target.checked) next.add(a.id);
                          else next.delete(a.id);
                          return next;
                        })
                      }
                    />
                  }
                  label={`${a.assetCode} (${a.model})`}
                />
              ))}
            </Stack>
          </FormGroup>
        )}
        <Stack direction="row" spacing={2}>
          <TextField size="small" label={t('plan.every')} value={every} onChange={(e) => setEvery(e.target.value)} sx={{ width: 100 }} slotProps={{ htmlInput: { 'data-testid': 'plan-every', inputMode: 'numeric' } }} />
          <TextField size="small" select label={t('plan.unit')} value={unit} onChange={(e) => setUnit(e.target.value as FrequencyUnit)} sx={{ width: 140 }}>
            {FREQUENCY_UNITS.map((u) => (
              <MenuItem key={u} value={u}>
                {t(`unit.${u}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField size="small" type="date" label={t('plan.startDate')} value={startDate} onChange={(e) => setStartDate(e.target.value)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'plan-start' } }} />
          <TextField size="small" label={t('plan.windowDays')} value={windowDays} onChange={(e) => setWindowDays(e.target.value)} sx={{ minWidth: 260 }} />
        </Stack>
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
