import AddOutlined from '@mui/icons-material/AddOutlined';
import {
  Alert,
  Box,
  Button,
  Chip,
  FormControlLabel,
  Link,
  MenuItem,
  Paper,
  Skeleton,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TableSortLabel,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { ListParams, problemSortFields } from '../../../../../shared/api/problems';
import { CAUSE_CATEGORIES, PROBLEM_STATUSES, type CauseCategory, type ProblemStatus } from '../../../../../shared/schema/enums';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { OverdueByOwner } from '../components/OverdueByOwner';
import { StatusChip } from '../components/StatusChip';
import { usePersonName } from '../components/names';
import { useMayWriteProblems } from '../components/access';

type SortField = (typeof problemSortFields)[number];
const PAGE_SIZES = [25, 50, 100];

/** `#/problems`: the problems with filters, and the overdue actions per owner beside them. */
export const ProblemsPage = () => {
  const { t } = useTranslation('problems');
  const format = useFormat();
  const personName = usePersonName();
  const mayWrite = useMayWriteProblems();
  const [status, setStatus] = useState<ProblemStatus | ''>('');
  const [cause, setCause] = useState<CauseCategory | ''>('');
  const [productLine, setProductLine] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [text, setText] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [sort, setSort] = useState<{ field: SortField; direction: 'asc' | 'desc' }>({ field: 'updatedAt', direction: 'desc' });
  const [page, setPage] = useState(0);
  const [limit, setLimit] = useState(50);
  const params: ListParams = {
    offset: page * limit,
    limit,
    sort,
    status: status ? [status] : [],
    causeCategory: cause ? [cause] : [],
    productLine,
    ownerId,
    text,
    overdueOnly,
  };
  const { data, error, loading } = useLiveQuery('problems.list', params);
  const filtered = Boolean(status || cause || productLine || ownerId || text || overdueOnly);
  const refilter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(0);
  };
  const clear = () => {
    setStatus('');
    setCause('');
    setProductLine('');
    setOwnerId('');
    setText('');
    setOverdueOnly(false);
    setPage(0);
  };
  const sortBy = (field: SortField) => setSort((s) => ({ field, direction: s.field === field && s.direction === 'desc' ? 'asc' : 'desc' }));
  const header = (field: SortField | null, label: string) => (
    <TableCell sx={{ whiteSpace: 'nowrap' }} sortDirection={field && sort.field === field ? sort.direction : false}>
      {field ? (
        <TableSortLabel active={sort.field === field} direction={sort.field === field ? sort.direction : 'desc'} onClick={() => sortBy(field)}>
          {label}
        </TableSortLabel>
      ) : (
        label
      )}
    </TableCell>
  );

  return (
    <Stack spacing={2} data-testid="problems-page">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Box>
          <Typography variant="h5" component="h1">
            {t('heading')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('intro')}
          </Typography>
        </Box>
        {mayWrite && (
          <Button variant="contained" startIcon={<AddOutlined />} component={RouterLink} to="/problems/new" data-testid="problems-new">
            {t('newProblem')}
          </Button>
        )}
      </Stack>

      <Paper sx={{ p: 2 }} component="section" aria-label={t('filter.label')}>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
          <TextField size="small" label={t('filter.text')} value={text} onChange={(e) => refilter(setText)(e.target.value)} sx={{ minWidth: 260 }} slotProps={{ htmlInput: { 'data-testid': 'filter-text' } }} />
          <TextField select size="small" label={t('filter.status')} value={status} onChange={(e) => refilter(setStatus)(e.target.value as ProblemStatus | '')} sx={{ minWidth: 160 }} slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'filter-status' } as object } }}>
            <MenuItem value="">{t('filter.all')}</MenuItem>
            {PROBLEM_STATUSES.map((s) => (
              <MenuItem key={s} value={s}>
                {t(`status.${s}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField select size="small" label={t('filter.cause')} value={cause} onChange={(e) => refilter(setCause)(e.target.value as CauseCategory | '')} sx={{ minWidth: 150 }}>
            <MenuItem value="">{t('filter.all')}</MenuItem>
            {CAUSE_CATEGORIES.map((c) => (
              <MenuItem key={c} value={c}>
                {t(`cause.${c}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField select size="small" label={t('filter.productLine')} value={productLine} onChange={(e) => refilter(setProductLine)(e.target.value)} sx={{ minWidth: 150 }}>
            <MenuItem value="">{t('filter.all')}</MenuItem>
            {(data?.options.productLines ?? []).map((l) => (
              <MenuItem key={l} value={l}>
                {l}
              </MenuItem>
            ))}
          </TextField>
          <TextField select size="small" label={t('filter.owner')} value={ownerId} onChange={(e) => refilter(setOwnerId)(e.target.value)} sx={{ minWidth: 200 }}>
            <MenuItem value="">{t('filter.all')}</MenuItem>
            {(data?.options.owners ?? []).map((o) => (
              <MenuItem key={o.id} value={o.id}>
                {personName(o.name, o.nameZh)}
              </MenuItem>
            ))}
          </TextField>
          <FormControlLabel control={<Switch checked={overdueOnly} onChange={(e) => refilter(setOverdueOnly)(e.target.checked)} data-testid="filter-overdue" />} label={t('filter.overdueOnly')} />
          {filtered && <Button onClick={clear}>{t('filter.clear')}</Button>}
        </Stack>
      </Paper>

      {error && <Alert severity="error">{t('loadError')}</Alert>}

      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', xl: 'minmax(0, 3fr) minmax(0, 1fr)' }, gap: 2, alignItems: 'start' }}>
        <TableContainer component={Paper}>
          <Table size="small" aria-label={t('list.label')} data-testid="problems-table">
            <TableHead>
              <TableRow>
                {header('title', t('list.title'))}
                {header('status', t('list.status'))}
                {header(null, t('list.cause'))}
                {header(null, t('list.productLine'))}
                {header(null, t('list.owner'))}
                {header(null, t('list.tickets'))}
                {header(null, t('list.actions'))}
                {header('updatedAt', t('list.updated'))}
              </TableRow>
            </TableHead>
            <TableBody>
              {loading &&
                [0, 1, 2].map((i) => (
                  <TableRow key={i}>
                    <TableCell colSpan={8}>
                      <Skeleton />
                    </TableCell>
                  </TableRow>
                ))}
              {data && data.rows.length === 0 && (
                <TableRow>
                  <TableCell colSpan={8}>{filtered ? t('list.empty') : t('list.emptyAll')}</TableCell>
                </TableRow>
              )}
              {data?.rows.map((r) => (
                <TableRow key={r.id} hover data-testid={`problem-row-${r.id}`}>
                  <TableCell sx={{ minWidth: 200, maxWidth: 360 }}>
                    <Link component={RouterLink} to={`/problems/${r.id}`} sx={{ overflowWrap: 'anywhere' }}>
                      {r.title}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <StatusChip status={r.status} />
                  </TableCell>
                  <TableCell>{t(`cause.${r.causeCategory}`)}</TableCell>
                  <TableCell>{r.productLine || '—'}</TableCell>
                  <TableCell>{personName(r.ownerName, r.ownerNameZh)}</TableCell>
                  <TableCell align="right">{format.integer(r.tickets)}</TableCell>
                  <TableCell>
                    {format.integer(r.openActions)}
                    {r.overdueActions > 0 && <Chip size="small" color="error" variant="outlined" sx={{ ml: 1 }} label={t('overdue.count', { count: r.overdueActions })} />}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{format.date(r.updatedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <TablePagination
            component="div"
            count={data?.total ?? 0}
            page={page}
            rowsPerPage={limit}
            rowsPerPageOptions={PAGE_SIZES}
            onPageChange={(_e, p) => setPage(p)}
            onRowsPerPageChange={(e) => {
              setLimit(Number(e.target.value));
              setPage(0);
            }}
          />
        </TableContainer>
        <OverdueByOwner
          onOwner={(id) => {
            setOwnerId(id);
            setOverdueOnly(true);
            setPage(0);
          }}
        />
      </Box>
    </Stack>
  );
};
