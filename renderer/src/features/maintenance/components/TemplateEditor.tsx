import { Alert, Box, Button, Checkbox, FormControlLabel, IconButton, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateView } from '../../../../../shared/api/maintenance';
import { CHECK_ITEM_TYPES, type CheckItem, type CheckItemType } from '../../../../../shared/schema/records/maintenance';
import { useCommand } from '../../../data/useCommand';
import { useErrorText } from './errors';

interface Row {
  type: CheckItemType;
  key: string;
  en: string;
  zh: string;
  unit: string;
  low: string;
  high: string;
  safety: boolean;
  photoRequired: boolean;
  /** A number item in hours that is the asset's running-hours meter. */
  meter: boolean;
  options: string;
}

const blank = (n: number): Row => ({ type: 'number', key: `item${n}`, en: '', zh: '', unit: '', low: '', high: '', safety: false, photoRequired: false, meter: false, options: '' });

const rowOf = (i: CheckItem): Row => ({
  ...blank(0),
  type: i.type,
  key: i.key,
  en: i.label.en,
  zh: i.label['zh-CN'],
  photoRequired: i.photoRequired,
  ...(i.type === 'number' ? { unit: i.unit, low: i.low === null ? '' : String(i.low), high: i.high === null ? '' : String(i.high), meter: i.meter === 'running_hours' } : {}),
  ...(i.type === 'yesno' ? { safety: i.safety } : {}),
  ...(i.type === 'choice' ? { options: i.options.map((o) => `${o.fault ? '!' : ''}${o.value}=${o.label.en}/${o.label['zh-CN']}`).join('\n') } : {}),
});

const num = (s: string): number | null => (s.trim() === '' ? null : Number(s.trim().replace('−', '-')));

const itemOf = (r: Row): CheckItem => {
  const common = { key: r.key.trim(), label: { en: r.en.trim(), 'zh-CN': r.zh.trim() }, photoRequired: r.photoRequired };
  switch (r.type) {
    case 'number':
      return { ...common, type: 'number', unit: r.unit.trim(), low: num(r.low), high: num(r.high), ...(r.meter ? { meter: 'running_hours' as const } : {}) };
    case 'yesno':
      return { ...common, type: 'yesno', safety: r.safety };
    case 'choice':
      return {
        ...common,
        type: 'choice',
        options: r.options
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
          .map((line) => {
            const fault = line.startsWith('!');
            const [value = '', labels = ''] = line.replace(/^!/, '').split('=');
            const [en = value, zh = en] = labels.split('/');
            return { value: value.trim(), label: { en: en.trim() || value.trim(), 'zh-CN': zh.trim() || en.trim() || value.trim() }, fault };
          }),
      };
    default:
      return { ...common, type: r.type };
  }
};

/** Managers and admins edit a checklist template; each save is a new version, open rounds keep theirs. */
export const TemplateEditor = ({ template, onDone }: { template: TemplateView | null; onDone: () => void }) => {
  const { t } = useTranslation('maintenance');
  const errorText = useErrorText();
  const [nameEn, setNameEn] = useState(template?.name.en ?? '');
  const [nameZh, setNameZh] = useState(template?.name['zh-CN'] ?? '');
  const [model, setModel] = useState(template?.model ?? '');
  const [faults, setFaults] = useState<'offer' | 'create'>(template?.faults ?? 'offer');
  const [rows, setRows] = useState<Row[]>(template ? template.items.map(rowOf) : [blank(1)]);
  const save = useCommand('maintenance.saveTemplate', {
    errors: 'inline',
    success: (v) => [t('template.saved', { version: v.version }), v.openRoundsOnOlderVersion > 0 ? t('template.keepOlder', { count: v.openRoundsOnOlderVersion }) : ''].join(' ').trim(),
  });
  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const problem = errorText(save.error);
  const submit = async () => {
    const r = await save.run({
      ...(template ? { templateId: template.id, baseVersion: template.version } : {}),
      name: { en: nameEn, 'zh-CN': nameZh },
      model,
      items: rows.map(itemOf),
      faults,
    });
    if (r.ok) onDone();
  };

  return (
    <Paper component="section" sx={{ p: 2 }} aria-labelledby="template-heading" data-testid="template-editor">
      <Typography id="template-heading" variant="h6" component="h2" gutterBottom>
        {t('template.heading')}
        {template ? ` · ${t('template.version', { version: template.version })}` : ''}
      </Typography>
      <Stack spacing={2}>
        <Stack direction="row" spacing={2}>
          <TextField size="small" fullWidth label={t('template.nameEn')} value={nameEn} onChange={(e) => setNameEn(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'template-name-en' } }} />
          <TextField size="small" fullWidth label={t('template.nameZh')} value={nameZh} onChange={(e) => setNameZh(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'template-name-zh' } }} />
        </Stack>
        <Stack direction="row" spacing={2}>
          <TextField size="small" fullWidth label={t('template.model')} value={model} onChange={(e) => setModel(e.target.value)} />
          <TextField size="small" select fullWidth label={t('template.faults')} value={faults} onChange={(e) => setFaults(e.target.value as 'offer' | 'create')}>
            <MenuItem value="offer">{t('template.faultsOffer')}</MenuItem>
            <MenuItem value="create">{t('template.faultsCreate')}</MenuItem>
          </TextField>
        </Stack>
        <Typography variant="subtitle1" component="h3">
          {t('template.items')}
        </Typography>
        {rows.map((r, i) => (
          <Box key={i} data-testid={`template-item-${i}`} sx={{ p: 1.5, border: 1, borderColor: 'divider', borderRadius: 1 }}>
            <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1, alignItems: 'center' }}>
              <TextField size="small" select label={t('template.type')} value={r.type} onChange={(e) => set(i, { type: e.target.value as CheckItemType })} sx={{ minWidth: 120 }} slotProps={{ htmlInput: { 'data-testid': `item-${i}-type` } }}>
                {CHECK_ITEM_TYPES.map((type) => (
                  <MenuItem key={type} value={type}>
                    {t(`template.types.${type}`)}
                  </MenuItem>
                ))}
              </TextField>
              <TextField size="small" label={t('template.key')} value={r.key} onChange={(e) => set(i, { key: e.target.value })} sx={{ width: 110 }} slotProps={{ htmlInput: { 'data-testid': `item-${i}-key` } }} />
              <TextField size="small" label={t('template.labelEn')} value={r.en} onChange={(e) => set(i, { en: e.target.value })} slotProps={{ htmlInput: { 'data-testid': `item-${i}-en` } }} />
              <TextField size="small" label={t('template.labelZh')} value={r.zh} onChange={(e) => set(i, { zh: e.target.value })} slotProps={{ htmlInput: { 'data-testid': `item-${i}-zh` } }} />
              {r.type === 'number' && (
                <>
                  <TextField size="small" label={t('template.unit')} value={r.unit} onChange={(e) => set(i, { unit: e.target.value })} sx={{ width: 90 }} slotProps={{ htmlInput: { 'data-testid': `item-${i}-unit` } }} />
                  <TextField size="small" label={t('template.low')} value={r.low} onChange={(e) => set(i, { low: e.target.value })} sx={{ width: 90 }} slotProps={{ htmlInput: { 'data-testid': `item-${i}-low`, inputMode: 'decimal' } }} />
                  <TextField size="small" label={t('template.high')} value={r.high} onChange={(e) => set(i, { high: e.target.value })} sx={{ width: 90 }} slotProps={{ htmlInput: { 'data-testid': `item-${i}-high`, inputMode: 'decimal' } }} />
                </>
              )}
              {r.type === 'number' && <FormControlLabel control={<Checkbox checked={r.meter} onChange={(e) => set(i, { meter: e.target.checked })} />} label={t('template.meter')} />}
              {r.type === 'yesno' && <FormControlLabel control={<Checkbox checked={r.safety} onChange={(e) => set(i, { safety: e.target.checked })} />} label={t('template.safety')} />}
              <FormControlLabel control={<Checkbox checked={r.photoRequired} onChange={(e) => set(i, { photoRequired: e.target.checked })} />} label={t('template.photoRequired')} />
              <IconButton aria-label={t('template.removeItem', { n: i + 1 })} onClick={() => setRows((rs) => rs.filter((_r, j) => j !== i))} disabled={rows.length === 1}>
                <DeleteOutlined />
              </IconButton>
            </Stack>
            {r.type === 'choice' && (
              <TextField size="small" multiline minRows={2} fullWidth sx={{ mt: 1 }} label={t('template.options')} value={r.options} onChange={(e) => set(i, { options: e.target.value })} />
            )}
          </Box>
        ))}
        <Box>
          <Button onClick={() => setRows((rs) => [...rs, blank(rs.length + 1)])} data-testid="template-add-item">
            {t('template.addItem')}
          </Button>
        </Box>
        {problem && (
          <Alert severity="error" data-testid="template-error">
            {problem}
          </Alert>
        )}
        <Stack direction="row" spacing={1}>
          <Button variant="contained" onClick={() => void submit()} disabled={save.pending} data-testid="template-save">
            {t('template.save')}
          </Button>
          <Button onClick={onDone}>{t('template.cancel')}</Button>
        </Stack>
      </Stack>
    </Paper>
  );
};
