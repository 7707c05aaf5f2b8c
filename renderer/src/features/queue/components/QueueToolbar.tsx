import ClearOutlined from '@mui/icons-material/ClearOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import FilterListOutlined from '@mui/icons-material/FilterListOutlined';
import SaveOutlined from '@mui/icons-material/SaveOutlined';
import SearchOutlined from '@mui/icons-material/SearchOutlined';
import StarBorderOutlined from '@mui/icons-material/StarBorderOutlined';
import StarOutlined from '@mui/icons-material/StarOutlined';
import { Badge, Button, IconButton, InputAdornment, MenuItem, Stack, TextField, Tooltip, Typography } from '@mui/material';
import { memo, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { GridPrefs, QueueRow, QueueSettings, QueueSort } from '../../../../../shared/api/queue';
import { useCommand } from '../../../data/useCommand';
import { queueActions } from '../actions';
import type { ResolvedView } from '../pages/QueuePage';
import { activeFilterCount, QueueFiltersDialog, type QueueFilterFields } from './QueueFilters';
import { SaveViewDialog } from './SaveViewDialog';
import type { QueueSearch } from './useQueueSearch';

/**
 * The queue's search, filters, views and density. Memoized: a new page of rows re-renders
 * the queue, and the toolbar's fields and buttons need not render with it.
 */
export const QueueToolbar = memo(function QueueToolbar({
  view,
  settings,
  search,
  searchRef,
  filters,
  onFilters,
  sort,
  grid,
  selected,
  density,
  onDensity,
}: {
  view: ResolvedView;
  settings: QueueSettings | undefined;
  search: QueueSearch;
  searchRef: RefObject<HTMLInputElement | null>;
  filters: QueueFilterFields;
  onFilters: (f: QueueFilterFields) => void;
  sort: QueueSort | undefined;
  grid: GridPrefs;
  selected: QueueRow[];
  density: GridPrefs['density'];
  onDensity: (d: GridPrefs['density']) => void;
}) {
  const { t, i18n } = useTranslation('queue');
  const navigate = useNavigate();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [saveOpen, setSaveOpen] = useState(false);
  const setDefault = useCommand('queue.setDefaultView');
  const remove = useCommand('queue.deleteView', { success: () => t('views.deleted') });
  const isDefault = settings?.defaultView === view.key;
  const active = activeFilterCount(filters);

  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', flexWrap: 'wrap', rowGap: 1 }}>
      <TextField
        size="small"
        sx={{ width: { xs: '100%', sm: 420 } }}
        label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={search.text}
        onChange={(e) => search.setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            search.setText('');
            (e.target as HTMLInputElement).blur();
          }
        }}
        error={search.problem === 'validation.searchTooLong'}
        helperText={search.problem ? t(search.problem) : ' '}
        inputRef={searchRef}
        slotProps={{
          htmlInput: { 'data-testid': 'queue-search', 'aria-keyshortcuts': '/' },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchOutlined fontSize="small" />
              </InputAdornment>
            ),
            endAdornment: search.text ? (
              <InputAdornment position="end">
                <IconButton size="small" aria-label={t('search.clear')} onClick={() => search.setText('')}>
                  <ClearOutlined fontSize="small" />
                </IconButton>
              </InputAdornment>
            ) : undefined,
          },
        }}
      />
      <Badge badgeContent={active} color="primary">
        <Button variant="outlined" startIcon={<FilterListOutlined />} onClick={() => setFiltersOpen(true)} data-testid="queue-filters-button">
          {active ? t('filters.active', { count: active }) : t('filters.button')}
        </Button>
      </Badge>
      <Button startIcon={<SaveOutlined />} onClick={() => setSaveOpen(true)} data-testid="queue-save-view">
        {t('views.save')}
      </Button>
      <Tooltip title={isDefault ? t('views.isDefault') : t('views.makeDefault')}>
        <span>
          <IconButton aria-label={t('views.makeDefault')} aria-pressed={isDefault} disabled={isDefault || !settings} onClick={() => void setDefault.run({ view: view.key })} data-testid="queue-make-default">
            {isDefault ? <StarOutlined color="warning" /> : <StarBorderOutlined />}
          </IconButton>
        </span>
      </Tooltip>
      <TextField
        select
        size="small"
        label={t('density.label')}
        value={density}
        onChange={(e) => onDensity(e.target.value as GridPrefs['density'])}
        sx={{ width: 140 }}
        slotProps={{ htmlInput: { 'data-testid': 'queue-density' } }}
      >
        {(['compact', 'standard', 'comfortable'] as const).map((d) => (
          <MenuItem key={d} value={d}>
            {t(`density.${d}`)}
          </MenuItem>
        ))}
      </TextField>
      {view.saved && (
        <Tooltip title={t('views.delete')}>
          <IconButton
            aria-label={t('views.delete')}
            onClick={async () => {
              const r = await remove.run({ id: view.saved!.id });
              if (r.ok) void navigate('/queue', { replace: true });
            }}
          >
            <DeleteOutlined />
          </IconButton>
        </Tooltip>
      )}
      {selected.length > 0 && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', ml: 'auto' }} data-testid="queue-selection">
          <Typography color="text.secondary">{t('selection', { count: selected.length })}</Typography>
          {queueActions.map((a) => (
            <Button key={a.id} startIcon={a.icon} onClick={() => a.run(selected)}>
              {a.label(i18n)}
            </Button>
          ))}
        </Stack>
      )}
      {filtersOpen && (
        <QueueFiltersDialog
          open
          value={filters}
          onClose={() => setFiltersOpen(false)}
          onApply={(f) => {
            onFilters(f);
            setFiltersOpen(false);
          }}
        />
      )}
      {saveOpen && (
        <SaveViewDialog
          initialName={view.saved?.name ?? ''}
          existingId={view.saved?.id}
          filter={{ view: view.base, ...filters, ...(search.query ? { search: search.query } : {}) }}
          sort={sort}
          grid={grid}
          onClose={() => setSaveOpen(false)}
        />
      )}
    </Stack>
  );
});
