import { Button, FormControl, InputLabel, MenuItem, Select, Stack, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BoardFilterOptions, BoardParams } from '../../../../../shared/api/board';
import { SEVERITIES, type EscalationAxis, type Severity } from '../../../../../shared/schema/enums';

export type BoardFilterValues = Omit<BoardParams, 'axis'>;

const ALL = '';

/** The axis switch and the filters: region, team, product line, severity. */
export const BoardFilters = ({
  axis,
  values,
  options,
  onAxis,
  onChange,
}: {
  axis: EscalationAxis;
  values: BoardFilterValues;
  options: BoardFilterOptions | undefined;
  onAxis: (axis: EscalationAxis) => void;
  onChange: (values: BoardFilterValues) => void;
}) => {
  const { t, i18n } = useTranslation('board');
  const zh = i18n.language === 'zh-CN';
  const single = (key: 'region' | 'teamId' | 'productLine', label: string, items: { value: string; label: string }[]) => (
    <FormControl size="small" sx={{ minWidth: 150 }}>
      <InputLabel id={`board-${key}`}>{label}</InputLabel>
      <Select
        labelId={`board-${key}`}
        label={label}
        value={values[key] ?? ALL}
        data-testid={`filter-${key}`}
        onChange={(e) => onChange({ ...values, [key]: e.target.value === ALL ? undefined : e.target.value })}
      >
        <MenuItem value={ALL}>{t('filter.all')}</MenuItem>
        {items.map((i) => (
          <MenuItem key={i.value} value={i.value}>
            {i.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
  const any = Object.values(values).some((v) => v !== undefined && (!Array.isArray(v) || v.length > 0));
  return (
    <Stack direction="row" role="group" aria-label={t('filter.label')} sx={{ flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }}>
      <ToggleButtonGroup size="small" exclusive value={axis} aria-label={t('axis.label')} onChange={(_, v: EscalationAxis | null) => v && onAxis(v)}>
        <ToggleButton value="functional" data-testid="axis-functional">
          {t('axis.functional')}
        </ToggleButton>
        <ToggleButton value="hierarchical" data-testid="axis-hierarchical">
          {t('axis.hierarchical')}
        </ToggleButton>
      </ToggleButtonGroup>
      {single('region', t('filter.region'), (options?.regions ?? []).map((r) => ({ value: r, label: r })))}
      {single('teamId', t('filter.team'), (options?.teams ?? []).map((tm) => ({ value: tm.id, label: zh && tm.nameZh ? tm.nameZh : tm.name })))}
      {single('productLine', t('filter.productLine'), (options?.productLines ?? []).map((p) => ({ value: p, label: p })))}
      <FormControl size="small" sx={{ minWidth: 170 }}>
        <InputLabel id="board-severity">{t('filter.severity')}</InputLabel>
        <Select<Severity[]>
          labelId="board-severity"
          label={t('filter.severity')}
          multiple
          value={values.severity ?? []}
          data-testid="filter-severity"
          renderValue={(selected) => selected.map((s) => t(`severity.${s}`)).join(', ')}
          onChange={(e) => {
            const v = e.target.value;
            const list = (typeof v === 'string' ? v.split(',') : v) as Severity[];
            onChange({ ...values, severity: list.length ? list : undefined });
          }}
        >
          {SEVERITIES.map((s) => (
            <MenuItem key={s} value={s}>
              {t(`severity.${s}`)}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {any && (
        <Button size="small" onClick={() => onChange({})} data-testid="filter-clear">
          {t('filter.clear')}
        </Button>
      )}
    </Stack>
  );
};
