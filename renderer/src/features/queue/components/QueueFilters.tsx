import { Autocomplete, Button, Dialog, DialogActions, DialogContent, DialogTitle, Grid, TextField } from '@mui/material';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  queueFilter,
  slaStates,
  type FilterOption,
  type QueueFilter,
  type QueueFilterOptions,
} from '../../../../../shared/api/queue';
import { PENDING_REASONS, PRIORITIES, SEVERITIES, TICKET_STATUSES, TICKET_TYPES, TIERS } from '../../../../../shared/schema/enums';
import { useLiveQuery } from '../../../data/useLiveQuery';

/** The filters the dialog edits: everything but the view and the search. */
export type QueueFilterFields = Omit<QueueFilter, 'view' | 'search'>;

/** A filter option's name in the user's language (the Chinese name where there is one). */
export const useLabel = (): ((o: FilterOption) => string) => {
  const { i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  return (o) => (zh && o.labelZh ? o.labelZh : o.label);
};

const LIST_FIELDS = ['status', 'severity', 'priority', 'type', 'tier', 'pendingReason', 'sla', 'teamId', 'assigneeId', 'customerId', 'productLine', 'region'] as const;
const DATE_FIELDS = ['createdFrom', 'createdTo', 'dueFrom', 'dueTo'] as const;

/** How many filters are set (a list counts once). */
export const activeFilterCount = (f: QueueFilterFields): number =>
  LIST_FIELDS.filter((k) => (f[k]?.length ?? 0) > 0).length + DATE_FIELDS.filter((k) => f[k]).length;

/** Drops empty lists and dates so that the query and a saved view carry only what is set. */
export const compactFilters = (f: QueueFilterFields): QueueFilterFields => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) if (Array.isArray(v) ? v.length > 0 : v) out[k] = v;
  return out as QueueFilterFields;
};

const NO_OPTIONS: QueueFilterOptions = { teams: [], people: [], customers: [], productLines: [], regions: [] };

export const QueueFiltersDialog = ({
  open,
  value,
  onClose,
  onApply,
}: {
  open: boolean;
  value: QueueFilterFields;
  onClose: () => void;
  onApply: (filters: QueueFilterFields) => void;
}) => {
  const { t } = useTranslation('queue');
  const { t: tt } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  const [draft, setDraft] = useState<QueueFilterFields>(value);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const options = useLiveQuery('queue.filterOptions', {}).data ?? NO_OPTIONS;
  const labelOf = useLabel();

  const set = <K extends keyof QueueFilterFields>(key: K, v: QueueFilterFields[K]) => setDraft((d) => ({ ...d, [key]: v }));

  const enumField = <K extends keyof QueueFilterFields>(key: K, values: readonly string[], label: string, text: (v: string) => string) => (
    <Grid size={{ xs: 12, sm: 6 }}>
      <Autocomplete
        multiple
        size="small"
        options={[...values]}
        value={(draft[key] as string[] | undefined) ?? []}
        getOptionLabel={text}
        onChange={(_e, v) => set(key, v as QueueFilterFields[K])}
        renderInput={(params) => <TextField {...params} label={label} />}
        data-testid={`filter-${String(key)}`}
      />
    </Grid>
  );

  const recordField = (key: 'teamId' | 'assigneeId' | 'customerId', list: FilterOption[], label: string) => (
    <Grid size={{ xs: 12, sm: 6 }}>
      <Autocomplete
        multiple
        size="small"
        options={list}
        value={list.filter((o) => draft[key]?.includes(o.id))}
        getOptionLabel={labelOf}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        onChange={(_e, v) => set(key, v.map((o) => o.id))}
        renderInput={(params) => <TextField {...params} label={label} />}
        data-testid={`filter-${key}`}
      />
    </Grid>
  );

  const dateField = (key: (typeof DATE_FIELDS)[number]) => (
    <Grid size={{ xs: 12, sm: 6 }}>
      <TextField
        type="date"
        size="small"
        fullWidth
        label={t(`filters.${key}`)}
        value={draft[key] ?? ''}
        onChange={(e) => set(key, e.target.value || undefined)}
        error={!!errors[key]}
        helperText={errors[key] ? t(errors[key] as 'validation.rangeImpossible') : ' '}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `filter-${key}` } }}
      />
    </Grid>
  );

  const apply = () => {
    const parsed = queueFilter.safeParse({ view: 'all', ...compactFilters(draft) });
    if (!parsed.success) {
      // Impossible ranges and bad dates stay in the dialog with their message; nothing is applied.
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    onApply(compactFilters(draft));
  };

  return (
    <Dialog open={open} onClose={onClose} maxWidth="md" fullWidth aria-labelledby="queue-filters-title" data-testid="queue-filters">
      <DialogTitle id="queue-filters-title">{t('filters.title')}</DialogTitle>
      <DialogContent>
        <Grid container spacing={2} sx={{ pt: 1 }}>
          {enumField('status', TICKET_STATUSES, t('filters.status'), (v) => tt(`status.${v as 'new'}`))}
          {enumField('severity', SEVERITIES, t('filters.severity'), (v) => tt(`severity.${v as 'major'}`))}
          {enumField('priority', PRIORITIES, t('filters.priority'), (v) => v)}
          {enumField('type', TICKET_TYPES, t('filters.type'), (v) => tt(`type.${v as 'fault'}`))}
          {enumField('tier', TIERS, t('filters.tier'), (v) => t(`tier.${v as 'key'}`))}
          {enumField('pendingReason', PENDING_REASONS, t('filters.pendingReason'), (v) => t(`pendingReason.${v as 'parts'}`))}
          {enumField('sla', slaStates, t('filters.sla'), (v) => t(`slaState.${v as 'ok'}`))}
          {recordField('teamId', options.teams, t('filters.team'))}
          {recordField('assigneeId', options.people, t('filters.assignee'))}
          {recordField('customerId', options.customers, t('filters.customer'))}
          {enumField('productLine', options.productLines, t('filters.productLine'), (v) => v)}
          {enumField('region', options.regions, t('filters.region'), (v) => v)}
          {DATE_FIELDS.map((k) => (
            <Fragment key={k}>{dateField(k)}</Fragment>
          ))}
        </Grid>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => setDraft({})} data-testid="filters-clear">
          {t('filters.clear')}
        </Button>
        <Button onClick={onClose}>{tc('common.cancel')}</Button>
        <Button variant="contained" onClick={apply} data-testid="filters-apply">
          {t('filters.apply')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
