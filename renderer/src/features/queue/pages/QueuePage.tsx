import { Alert, Paper, Stack, Tab, Tabs, Typography } from '@mui/material';
import { DataGrid, type GridColDef, type GridPaginationModel, type GridRowSelectionModel, type GridSortModel } from '@mui/x-data-grid';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, Navigate, useNavigate, useParams } from 'react-router';
import { queueViews, ticketSortFields, type QueueView, type TicketSortField, type TicketSummary } from '../../../../../shared/api/tickets';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { SeverityChip, TicketNumber } from '../../tickets/components/TicketChips';
import { BulkToolbar } from '../bulk/BulkToolbar';

const Empty = ({ text }: { text: string }) => (
  <Stack sx={{ height: '100%', alignItems: 'center', justifyContent: 'center', p: 2 }}>
    <Typography color="text.secondary">{text}</Typography>
  </Stack>
);
const EmptyMine = () => <Empty text={useTranslation('queue').t('empty.mine')} />;
const EmptyOther = () => <Empty text={useTranslation('queue').t('empty.other')} />;

const noSelection = (): GridRowSelectionModel => ({ type: 'include', ids: new Set() });
/** "Select all" selects the visible page: main pages the queue, so "all but" is read against its rows. */
const selectedIds = (s: GridRowSelectionModel, rows: TicketSummary[]): string[] =>
  s.type === 'include' ? [...s.ids].map(String) : rows.map((r) => r.id).filter((id) => !s.ids.has(id));
const isView = (value: string | undefined): value is QueueView => queueViews.includes(value as QueueView);
const isSortField = (value: string): value is TicketSortField => ticketSortFields.includes(value as TicketSortField);

/**
 * A ticket queue (`#/queue/:view`): one page at a time from main, sorted there, pushed again
 * after every change, so 100,000 local tickets stay fast and the page stays live.
 */
export const QueuePage = () => {
  const { view } = useParams();
  if (!isView(view)) return <Navigate to="/queue/team" replace />;
  return <Queue view={view} key={view} />;
};

const Queue = ({ view }: { view: QueueView }) => {
  const { t, i18n } = useTranslation('queue');
  const { t: tt } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const [pagination, setPagination] = useState<GridPaginationModel>({ page: 0, pageSize: 50 });
  const [selection, setSelection] = useState<GridRowSelectionModel>(noSelection());
  const [sortModel, setSortModel] = useState<GridSortModel>([{ field: 'slaDueAt', sort: 'asc' }]);
  const sort = sortModel[0] && isSortField(sortModel[0].field) ? { field: sortModel[0].field, direction: sortModel[0].sort ?? 'asc' } : undefined;
  const { data, error, loading } = useLiveQuery('tickets.page', {
    offset: pagination.page * pagination.pageSize,
    limit: pagination.pageSize,
    sort,
    filter: { view },
  });

  const columns = useMemo<GridColDef<TicketSummary>[]>(
    () => [
      { field: 'number', headerName: tt('field.number'), width: 130, sortable: false, renderCell: ({ row }) => <TicketNumber ticket={row} /> },
      { field: 'title', headerName: tt('field.title'), flex: 2, minWidth: 200, sortable: false },
      { field: 'customerName', headerName: tt('field.customerName'), flex: 1, minWidth: 140, sortable: false },
      { field: 'severity', headerName: tt('field.severity'), width: 110, renderCell: ({ row }) => <SeverityChip severity={row.severity} /> },
      { field: 'priority', headerName: tt('field.priority'), width: 90 },
      { field: 'status', headerName: tt('field.status'), width: 120, valueFormatter: (value: TicketSummary['status']) => tt(`status.${value}`) },
      {
        field: 'slaDueAt',
        headerName: tt('field.slaDueAt'),
        width: 160,
        valueFormatter: (value: string | null) => (value ? format.dateTime(value) : tc('common.none')),
      },
      { field: 'createdAt', headerName: tt('field.createdAt'), width: 160, valueFormatter: (value: string) => format.dateTime(value) },
    ],
    [tt, tc, format],
  );

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline' }}>
        <Typography variant="h5" component="h1">
          {t(`views.${view}`)}
        </Typography>
        {data && (
          <Typography color="text.secondary" data-testid="queue-total">
            {t('total', { count: data.total })}
          </Typography>
        )}
      </Stack>
      {/* Tab widths change with the language: a new language lays the tabs out again. */}
      <Tabs key={i18n.language} value={view} aria-label={t('views.label')} variant="scrollable">
        {queueViews.map((option) => (
          <Tab key={option} value={option} label={t(`views.${option}`)} component={RouterLink} to={`/queue/${option}`} data-testid={`queue-tab-${option}`} />
        ))}
      </Tabs>
      {error && <Alert severity="error">{tc(`errors.${error.code}`)}</Alert>}
      <BulkToolbar selected={selectedIds(selection, data?.rows ?? [])} onClear={() => setSelection(noSelection())} />
      <Paper sx={{ height: 'calc(100vh - 260px)', minHeight: 360 }}>
        <DataGrid
          data-testid="queue-grid"
          rows={data?.rows ?? []}
          rowCount={data?.total ?? 0}
          columns={columns}
          loading={loading}
          paginationMode="server"
          sortingMode="server"
          paginationModel={pagination}
          onPaginationModelChange={setPagination}
          sortModel={sortModel}
          onSortModelChange={setSortModel}
          pageSizeOptions={[25, 50, 100]}
          disableColumnFilter
          checkboxSelection
          keepNonExistentRowsSelected
          disableRowSelectionOnClick
          rowSelectionModel={selection}
          onRowSelectionModelChange={setSelection}
          density="compact"
          onRowClick={({ row }) => void navigate(`/tickets/${encodeURIComponent(row.number)}`)}
          // The grid's own texts come from the theme's locale pack (a localeText prop would replace it).
          slots={{ noRowsOverlay: view === 'mine' ? EmptyMine : EmptyOther }}
          sx={{ border: 0, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
        />
      </Paper>
    </Stack>
  );
};
