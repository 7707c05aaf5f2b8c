import { Alert, Button, Paper, Stack, Tab, Tabs, Typography } from '@mui/material';
import {
  DataGrid,
  useGridApiRef,
  type GridColDef,
  type GridColumnVisibilityModel,
  type GridDensity,
  type GridPaginationModel,
  type GridRowSelectionModel,
  type GridSortModel,
} from '@mui/x-data-grid';
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { builtInViews, queueSortFields, type QueuePage, type QueueRow, type QueueSettings, type QueueSort, type QueueSortField } from '../../../../../shared/api/queue';
import { KeyboardShortcuts, type Shortcut } from '../../../components/KeyboardShortcuts';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { queueActions } from '../actions';
import type { ResolvedView } from '../pages/QueuePage';
import { applyPrefs, ColumnMoveContext, moveColumn, prefsOf, QueueColumnMenu, visibilityOf } from './columns';
import { Highlight, HIT_CLASS, SearchTermsContext } from './Highlight';
import { type QueueFilterFields } from './QueueFilters';
import { BulkToolbar } from '../bulk/BulkToolbar';
import { QueueToolbar } from './QueueToolbar';
import { gridChipStyles, GridChip, GridTicketNumber } from './GridChip';
import { SEVERITIES, TICKET_STATUSES, TIERS } from '../../../../../shared/schema/enums';
import { SlaChips, SlaWordsProvider } from './SlaChip';
import { useQueueSearch } from './useQueueSearch';
import { RowCheckbox, rowCheckboxStyles } from './RowCheckbox';
import { drillFromSearch } from '../../reports/components/drill';

const Empty = ({ text }: { text: string }) => (
  <Stack sx={{ height: '100%', alignItems: 'center', justifyContent: 'center', p: 2 }}>
    <Typography color="text.secondary" sx={{ textAlign: 'center', maxWidth: 480 }}>
      {text}
    </Typography>
  </Stack>
);

/**
 * What the empty grid says, through context: as a prop of a new overlay component it changed
 * the grid's slots, and so re-rendered the whole grid, at every keystroke of a search.
 */
const EmptyTextContext = createContext('');
const NoRows = () => <Empty text={useContext(EmptyTextContext)} />;

const severityTone = { critical: 'error', major: 'warning', minor: 'default' } as const;

/** Each key's word, looked up once. */
const labels = <K extends string>(keys: readonly K[], name: (key: K) => string): Record<K, string> =>
  Object.fromEntries(keys.map((k) => [k, name(k)])) as Record<K, string>;

const isSortField = (value: string): value is QueueSortField => queueSortFields.includes(value as QueueSortField);
const NO_SELECTION: GridRowSelectionModel = { type: 'include', ids: new Set() };
const NO_ROWS: QueueRow[] = [];
const ROW_BUFFER_PX = 72;
const COLUMN_BUFFER_PX = 0;
const SAVE_DELAY_MS = 600;

/** The queue of one view: toolbar, grid, keyboard. */
export const Queue = ({ view, settings }: { view: ResolvedView; settings: QueueSettings | undefined }) => {
  const { t, i18n } = useTranslation('queue');
  const { t: tt } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const apiRef = useGridApiRef();
  const searchRef = useRef<HTMLInputElement>(null);

  const saved = view.saved;
  const gridPrefs = settings?.grid[view.key] ?? saved?.grid;
  // A report figure's link (`?figure=…&month=…&severity=…`) opens the queue on its tickets:
  // the figure is the report's rule (in main), its scope the queue's own filters.
  const [searchParams] = useSearchParams();
  const fromReport = useMemo(() => drillFromSearch(searchParams), [searchParams]);
  const drill = fromReport.drill;
  const [filters, setFilters] = useState<QueueFilterFields>(() => {
    const { view: _v, search: _s, ...rest } = saved?.filter ?? { view: view.base };
    return { ...rest, ...fromReport.filters };
  });
  const search = useQueueSearch(saved?.filter.search ?? '');
  const [pagination, setPagination] = useState<GridPaginationModel>({ page: 0, pageSize: 50 });
  const [sortModel, setSortModel] = useState<GridSortModel>(() => {
    const s = saved?.sort ?? { field: 'slaDueAt', direction: 'asc' };
    return s.field === 'relevance' ? [] : [{ field: s.field, sort: s.direction }];
  });
  const [selection, setSelection] = useState<GridRowSelectionModel>(NO_SELECTION);
  const [cursor, setCursor] = useState(0);
  const [density, setDensity] = useState<GridDensity>(gridPrefs?.density ?? 'compact');
  const [visibility, setVisibility] = useState<GridColumnVisibilityModel>(() => visibilityOf(gridPrefs));

  // A search orders by relevance until the user picks a column to sort by.
  const sort = useMemo<QueueSort | undefined>(
    () => (sortModel[0] && isSortField(sortModel[0].field) ? { field: sortModel[0].field, direction: sortModel[0].sort ?? 'asc' } : undefined),
    [sortModel],
  );
  const filter = { view: view.base, ...filters, ...(search.query ? { search: search.query } : {}), ...(drill ? { drill } : {}) };
  const params = { offset: pagination.page * pagination.pageSize, limit: pagination.pageSize, ...(sort ? { sort } : {}), filter };
  const { data, error, loading } = useLiveQuery('queue.page', params);
  // While the next page is on its way the grid keeps showing the last one (no flicker).
  const last = useRef<{ page: QueuePage; params: string } | undefined>(undefined);
  const wanted = JSON.stringify(params);
  if (data) last.current = { page: data, params: wanted };
  const page = data ?? last.current?.page;
  // Only the first load shows the grid's spinner: a search or filter on its way keeps the last
  // page and does not re-render the grid until its rows arrive.
  const firstLoad = loading && !page;
  const rows = useMemo(() => page?.rows ?? [], [page]);
  const shownRows = useMemo(() => rows.map((r) => r.id).join(' '), [rows]);
  // The same array while the terms are the same: the highlighted cells re-render only when they change.
  const termsKey = (page?.terms ?? []).join('\u0000');
  const terms = useMemo(() => (termsKey ? termsKey.split('\u0000') : []), [termsKey]);

  // A filter or search change starts at the first page and the first row.
  const filterKey = JSON.stringify(filter);
  useEffect(() => {
    setPagination((p) => (p.page === 0 ? p : { ...p, page: 0 }));
    setCursor(0);
  }, [filterKey]);
  useEffect(() => setCursor((c) => Math.min(c, Math.max(rows.length - 1, 0))), [rows.length]);

  const baseColumns = useMemo<GridColDef<QueueRow>[]>(() => {
    // Each cell renders again with every page: its words are looked up once per language.
    const severityName = labels(SEVERITIES, (v) => tt(`severity.${v}`));
    const statusName = labels(TICKET_STATUSES, (v) => tt(`status.${v}`));
    const tierName = labels(TIERS, (v) => t(`tier.${v}`));
    const provisionalHint = tt('provisionalHint');
    return [
      { field: 'number', headerName: tt('field.number'), width: 130, sortable: false, renderCell: ({ row }) => <GridTicketNumber ticket={row} hint={provisionalHint} /> },
      { field: 'title', headerName: tt('field.title'), flex: 2, minWidth: 220, sortable: false, renderCell: ({ row }) => <Highlight text={row.title} /> },
      { field: 'customerName', headerName: tt('field.customerName'), flex: 1, minWidth: 140, sortable: false, renderCell: ({ row }) => <Highlight text={row.customerName} /> },
      { field: 'severity', headerName: tt('field.severity'), width: 100, renderCell: ({ row }) => <GridChip tone={severityTone[row.severity]}>{severityName[row.severity]}</GridChip> },
      { field: 'priority', headerName: tt('field.priority'), width: 80 },
      { field: 'status', headerName: tt('field.status'), width: 120, valueFormatter: (value: QueueRow['status']) => statusName[value] },
      { field: 'slaDueAt', headerName: t('sla.column'), width: 250, renderCell: ({ row }) => <SlaChips clocks={row.clocks} /> },
      { field: 'customerTier', headerName: t('columns.tier'), width: 120, sortable: false, valueFormatter: (value: QueueRow['customerTier']) => tierName[value] },
      { field: 'region', headerName: tt('field.region'), width: 110, sortable: false },
      { field: 'productLine', headerName: t('columns.productLine'), width: 120, sortable: false },
      { field: 'createdAt', headerName: tt('field.createdAt'), width: 150, valueFormatter: (value: string) => format.dateTime(value) },
      { field: 'updatedAt', headerName: tt('field.updatedAt'), width: 150, valueFormatter: (value: string) => format.dateTime(value) },
    ];
  }, [tt, t, format]);
  const [order, setOrder] = useState<GridColDef<QueueRow>[] | null>(null);
  const columns = useMemo(() => {
    const arranged = applyPrefs(baseColumns, gridPrefs);
    if (!order) return arranged;
    const byField = new Map(arranged.map((c) => [c.field, c]));
    return order.map((c) => ({ ...byField.get(c.field)!, ...(c.width && !c.flex ? { width: c.width, flex: undefined } : {}) }));
  }, [baseColumns, gridPrefs, order]);

  // The command's run, not its state: the state is a new object at every render, and the grid
  // (memoized below on `remember`) then rendered again at every keystroke of a search.
  const { run: saveGrid } = useCommand('queue.saveGrid');
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const remember = useCallback(
    (cols: GridColDef<QueueRow>[], vis: GridColumnVisibilityModel, dens: GridDensity) => {
      clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(() => void saveGrid({ view: view.key, grid: prefsOf(cols, vis, dens) }), SAVE_DELAY_MS);
    },
    [saveGrid, view.key],
  );
  useEffect(() => () => clearTimeout(saveTimer.current), []);
  const move = useCallback(
    (field: string, by: -1 | 1) => {
      const next = moveColumn(columns, field, by);
      setOrder(next);
      remember(next, visibility, density);
    },
    [columns, visibility, density, remember],
  );

  const gridPrefsNow = useMemo(() => prefsOf(columns, visibility, density), [columns, visibility, density]);
  const changeDensity = useCallback(
    (d: GridDensity) => {
      setDensity(d);
      remember(columns, visibility, d);
    },
    [columns, visibility, remember],
  );

  const selectedIds = selection.ids;
  const toggle = useCallback(
    (id: string) =>
      setSelection((s) => {
        const ids = new Set(s.ids);
        if (ids.has(id)) ids.delete(id);
        else ids.add(id);
        return { type: 'include', ids };
      }),
    [],
  );
  const moveCursor = useCallback(
    (by: 1 | -1) => {
      if (rows.length === 0) return;
      const next = Math.min(Math.max(cursor + by, 0), rows.length - 1);
      setCursor(next);
      apiRef.current?.scrollToIndexes({ rowIndex: next });
    },
    [rows.length, cursor, apiRef],
  );
  const open = useCallback((row: QueueRow | undefined) => row && void navigate(`/tickets/${encodeURIComponent(row.number)}`), [navigate]);
  // "Select all" selects the visible page: main pages the queue, so "all but" is read against its rows.
  // The same arrays while the page and the selection are the same: the toolbars are memoized.
  const selectedRows = useMemo(() => {
    const picked = rows.filter((r) => (selection.type === 'include' ? selectedIds.has(r.id) : !selectedIds.has(r.id)));
    return picked.length === 0 ? NO_ROWS : picked;
  }, [rows, selection.type, selectedIds]);
  const selectedIdList = useMemo(() => selectedRows.map((r) => r.id), [selectedRows]);
  const clearSelection = useCallback(() => setSelection(NO_SELECTION), []);

  const shortcuts: Shortcut[] = [
    { key: 'j', label: t('shortcuts.down'), run: () => moveCursor(1) },
    { key: 'k', label: t('shortcuts.up'), run: () => moveCursor(-1) },
    { key: 'Enter', label: t('shortcuts.open'), run: () => open(rows[cursor]) },
    { key: '/', label: t('shortcuts.search'), run: () => searchRef.current?.focus() },
    { key: 'x', label: t('shortcuts.select'), run: () => rows[cursor] && toggle(rows[cursor].id) },
    ...queueActions.filter((a) => a.key).map((a) => ({ key: a.key!, label: a.label(i18n), run: () => selectedRows.length && a.run(selectedRows) })),
  ];

  const emptyText = search.query ? t('empty.search', { search: search.query }) : view.base === 'mine' ? t('empty.mine') : t('empty.other');
  const heading = view.saved?.name ?? t(`views.${view.base}`);

  // A new page reaches the grid through its API, not its props. A new `rows` or `rowCount`
  // prop renders every cell of the old page again (the grid's props are a context its cells
  // read), and the grid applies the new rows in an effect of its own, in a second render
  // scheduled after the browser may already have painted. Set in a layout effect, the new
  // rows render once, before the next paint.
  const [mountRows] = useState(rows);
  const applied = useRef(mountRows);
  const total = page?.total ?? 0;
  useLayoutEffect(() => {
    const api = apiRef.current;
    if (!api) return;
    if (applied.current !== rows) {
      applied.current = rows;
      api.setRows(rows);
    }
    api.setRowCount(total);
  }, [apiRef, rows, total]);

  // Typing in the search re-renders the queue on every keystroke; the grid (the costly part)
  // only when how it shows rows changes.
  const grid = useMemo(
    () => (
    <DataGrid
      apiRef={apiRef}
      data-testid="queue-grid"
      rows={mountRows}
      columns={columns}
      loading={firstLoad}
      paginationMode="server"
      sortingMode="server"
      paginationModel={pagination}
      onPaginationModelChange={(m) => {
        setPagination(m);
        setCursor(0);
      }}
      sortModel={sortModel}
      onSortModelChange={setSortModel}
      pageSizeOptions={[25, 50, 100]}
      // Rows and columns rendered beyond the visible ones (150 px each by default): every new
      // page renders them all, and a page of 50 rows scrolls a short way.
      rowBufferPx={ROW_BUFFER_PX}
      columnBufferPx={COLUMN_BUFFER_PX}
      disableColumnFilter
      checkboxSelection
      keepNonExistentRowsSelected
      disableRowSelectionOnClick
      rowSelectionModel={selection}
      onRowSelectionModelChange={setSelection}
      density={density}
      onDensityChange={changeDensity}
      columnVisibilityModel={visibility}
      onColumnVisibilityModelChange={(m) => {
        setVisibility(m);
        remember(columns, m, density);
      }}
      onColumnWidthChange={({ colDef, width }) => {
        const next = columns.map((c) => (c.field === colDef.field ? { ...c, width, flex: undefined } : c));
        setOrder(next);
        remember(next, visibility, density);
      }}
      showToolbar
      // The queue has its own search (the store's index); the grid's would search one page only.
      slotProps={{ toolbar: { showQuickFilter: false } }}
      getRowClassName={({ indexRelativeToCurrentPage }) => (indexRelativeToCurrentPage === cursor ? 'queue-cursor' : '')}
      onRowClick={({ row }) => open(row)}
      slots={{ noRowsOverlay: NoRows, columnMenu: QueueColumnMenu, rowCheckbox: RowCheckbox }}
      sx={{
        border: 0,
        '& .MuiDataGrid-row': { cursor: 'pointer' },
        '& .queue-cursor': { outline: 2, outlineColor: 'primary.main', outlineOffset: -2, bgcolor: 'action.selected' },
        [`& mark.${HIT_CLASS}`]: { bgcolor: 'warning.light', color: 'warning.contrastText', borderRadius: 0.5, px: 0.25 },
        ...gridChipStyles,
        ...rowCheckboxStyles,
      }}
    />
    ),
    [apiRef, mountRows, firstLoad, columns, pagination, sortModel, selection, density, visibility, remember, changeDensity, cursor, open],
  );

  // MUI's Tabs measure the page after every render of theirs (a forced layout): rendered again
  // only when the views or the language change, not with every page of rows or keystroke.
  const savedViews = settings?.views;
  const tabs = useMemo(
    () => (
      // Tab widths change with the language: a new language lays the tabs out again.
      <Tabs key={i18n.language} value={view.key} aria-label={t('views.label')} variant="scrollable">
        {builtInViews.map((option) => (
          <Tab key={option} value={option} label={t(`views.${option}`)} component={RouterLink} to={`/queue/${option}`} data-testid={`queue-tab-${option}`} />
        ))}
        {savedViews?.map((v) => (
          <Tab key={v.id} value={`saved-${v.id}`} label={v.name} component={RouterLink} to={`/queue/saved-${v.id}`} data-testid={`queue-tab-saved-${v.id}`} />
        ))}
      </Tabs>
    ),
    [i18n.language, view.key, t, savedViews],
  );

  return (
    <Stack spacing={1.5}>
      <KeyboardShortcuts shortcuts={shortcuts} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline' }}>
        <Typography variant="h5" component="h1">
          {heading}
        </Typography>
        {page && (
          <Typography color="text.secondary" data-testid="queue-total">
            {t('total', { count: page.total })}
          </Typography>
        )}
        {page?.searchCapped && (
          <Typography variant="body2" color="text.secondary" data-testid="queue-search-capped">
            {t('searchCapped')}
          </Typography>
        )}
      </Stack>
      {tabs}
      {drill && (
        <Alert
          severity="info"
          data-testid="queue-drill"
          action={
            <Button color="inherit" size="small" component={RouterLink} to={`/queue/${view.key}`} data-testid="queue-drill-clear">
              {t('drill.clear')}
            </Button>
          }
        >
          {t('drill.showing', { figure: t(`drill.figure.${drill.figure}`), period: drill.figure === 'age' ? t('drill.age', { age: drill.age }) : drill.month })}
        </Alert>
      )}
      <BulkToolbar selected={selectedIdList} onClear={clearSelection} />
      <QueueToolbar
        view={view}
        settings={settings}
        search={search}
        searchRef={searchRef}
        filters={filters}
        onFilters={setFilters}
        sort={sort}
        grid={gridPrefsNow}
        selected={selectedRows}
        density={density}
        onDensity={changeDensity}
      />
      {error && <Alert severity="error">{error.code === 'VALIDATION_FAILED' ? t('validation.rangeImpossible') : tc(`errors.${error.code}`)}</Alert>}
      {/*
        Which query the rows answer, and the ids of its page: tests and the benchmark wait for
        shown = wanted and for the grid's rendered rows to be of that page (the grid applies new
        rows in a render of its own, after the one that sets these).
      */}
      <Paper
        sx={{ height: 'calc(100vh - 300px)', minHeight: 360 }}
        data-testid="queue-rows"
        data-wanted={wanted}
        data-shown={last.current?.params ?? ''}
        data-shown-rows={shownRows}
      >
        <ColumnMoveContext.Provider value={move}>
          <SearchTermsContext.Provider value={terms}>
            <EmptyTextContext.Provider value={emptyText}>
              <SlaWordsProvider>{grid}</SlaWordsProvider>
            </EmptyTextContext.Provider>
          </SearchTermsContext.Provider>
        </ColumnMoveContext.Provider>
      </Paper>
    </Stack>
  );
};
