import { Button, MenuItem, Paper, Stack, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportQuery } from '../../../../../shared/api/reports';

const SEVERITIES = ['critical', 'major', 'minor'] as const;
const TIERS = ['key', 'general'] as const;

const SelectFilter = (p: { label: string; value: string; onChange: (e: { target: { value: string } }) => void; options: [string, string][] }) => {
  const { t } = useTranslation('reports');
  return (
    <TextField size="small" select label={p.label} value={p.value} onChange={p.onChange} sx={{ minWidth: 130 }} slotProps={{ inputLabel: { shrink: true } }}>
      <MenuItem value="">{t('filters.any')}</MenuItem>
      {p.options.map(([value, text]) => (
        <MenuItem key={value} value={value}>
          {text}
        </MenuItem>
      ))}
    </TextField>
  );
};

/** The period and filters of a report; applied together with "Show". */
export const ReportFilters = ({ value, onChange }: { value: ReportQuery; onChange: (q: ReportQuery) => void }) => {
  const { t } = useTranslation('reports');
  const [draft, setDraft] = useState<Record<keyof ReportQuery, string>>({
    from: value.from,
    to: value.to,
    productLine: value.productLine ?? '',
    region: value.region ?? '',
    teamId: value.teamId ?? '',
    severity: value.severity ?? '',
    tier: value.tier ?? '',
  });
  const set = (k: keyof ReportQuery) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const opt = (v: string) => (v.trim() === '' ? undefined : v.trim());
    onChange({
      from: draft.from,
      to: draft.to,
      productLine: opt(draft.productLine),
      region: opt(draft.region),
      teamId: opt(draft.teamId),
      severity: opt(draft.severity) as ReportQuery['severity'],
      tier: opt(draft.tier) as ReportQuery['tier'],
    });
  };
  const field = { size: 'small' as const, slotProps: { inputLabel: { shrink: true } } };
  return (
    <Paper variant="outlined" component="form" onSubmit={submit} aria-label={t('filters.label')} sx={{ p: 1.5 }}>
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <TextField {...field} type="month" label={t('filters.from')} value={draft.from} onChange={set('from')} slotProps={{ ...field.slotProps, htmlInput: { 'data-testid': 'filter-from' } }} />
        <TextField {...field} type="month" label={t('filters.to')} value={draft.to} onChange={set('to')} slotProps={{ ...field.slotProps, htmlInput: { 'data-testid': 'filter-to' } }} />
        <TextField {...field} label={t('filters.productLine')} value={draft.productLine} onChange={set('productLine')} placeholder={t('filters.any')} slotProps={{ ...field.slotProps, htmlInput: { 'data-testid': 'filter-productLine' } }} />
        <TextField {...field} label={t('filters.region')} value={draft.region} onChange={set('region')} placeholder={t('filters.any')} sx={{ width: 120 }} />
        <TextField {...field} label={t('filters.team')} value={draft.teamId} onChange={set('teamId')} placeholder={t('filters.any')} sx={{ width: 140 }} />
        <SelectFilter label={t('filters.severity')} value={draft.severity} onChange={set('severity')} options={SEVERITIES.map((s) => [s, t(`severity.${s}`)])} />
        <SelectFilter label={t('filters.tier')} value={draft.tier} onChange={set('tier')} options={TIERS.map((s) => [s, t(`tier.${s}`)])} />
        <Button type="submit" variant="contained" data-testid="filter-apply">
          {t('filters.apply')}
        </Button>
      </Stack>
    </Paper>
  );
};
