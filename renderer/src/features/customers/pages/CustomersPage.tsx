import {
  Alert,
  Button,
  Link,
  Paper,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { DIRECTORY_SHOWS, type DirectoryShow } from '../../../../../shared/api/customers';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { CadenceChip, TierChip } from '../components/CadenceChip';
import { MyOverdue } from '../components/MyOverdue';

const showLabel = { all: 'directory.showAll', overdue: 'directory.showOverdue', myOverdue: 'directory.showMyOverdue' } as const;
const columns = ['code', 'name', 'tier', 'region', 'manager', 'lastContact', 'cadence'] as const;

/** `#/customers`: the directory of accounts, searchable, with the overdue contacts on top. */
export const CustomersPage = () => {
  const { t, i18n } = useTranslation('customers');
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const show: DirectoryShow = (DIRECTORY_SHOWS as readonly string[]).includes(params.get('show') ?? '') ? (params.get('show') as DirectoryShow) : 'all';
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(25);
  const session = useLiveQuery('session.current', {});
  const isAdmin = session.data?.user?.roles.includes('admin') === true;
  const { data, error, loading } = useLiveQuery('customers.directory', { search: search.trim(), show, offset: page * rowsPerPage, limit: rowsPerPage });
  const zh = i18n.language === 'zh-CN';

  const choose = (next: DirectoryShow | null) => {
    if (!next) return;
    setPage(0);
    setParams(next === 'all' ? {} : { show: next }, { replace: true });
  };

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="h5" component="h1">
          {t('directory.heading')}
        </Typography>
        {isAdmin && (
          <Button component={RouterLink} to="/admin/customers" data-testid="customers-admin-link">
            {t('directory.admin')}
          </Button>
        )}
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t('directory.intro')}
      </Typography>
      {data && show !== 'myOverdue' && <MyOverdue rows={data.myOverdue} />}
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'center' } }}>
        <TextField
          size="small"
          label={t('directory.search')}
          value={search}
          onChange={(e) => (setSearch(e.target.value), setPage(0))}
          slotProps={{ htmlInput: { 'data-testid': 'customers-search' } }}
        />
        <ToggleButtonGroup size="small" exclusive value={show} onChange={(_e, v: DirectoryShow | null) => choose(v)} aria-label={t('directory.show')}>
          {DIRECTORY_SHOWS.map((s) => (
            <ToggleButton key={s} value={s} data-testid={`customers-show-${s}`}>
              {t(showLabel[s])}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <Typography variant="body2" sx={{ flexGrow: 1, textAlign: { md: 'right' } }} data-testid="customers-count">
          {data ? t('directory.count', { count: data.total }) : ''}
        </Typography>
      </Stack>
      {error && !data && <Alert severity="error">{t('directory.loadFailed')}</Alert>}
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label={t('directory.heading')}>
          <TableHead>
            <TableRow>
              {columns.map((c) => (
                <TableCell key={c}>{t(`directory.column.${c}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {loading && !data
              ? Array.from({ length: 5 }, (_, i) => (
                  <TableRow key={i}>
                    <TableCell colSpan={columns.length}>
                      <Skeleton />
                    </TableCell>
                  </TableRow>
                ))
              : data?.rows.map((r) => (
                  <TableRow key={r.id} hover data-testid="customer-row" data-code={r.code} data-overdue={r.cadence.overdue}>
                    <TableCell>{r.code}</TableCell>
                    <TableCell>
                      <Link component={RouterLink} to={`/customers/${r.id}`} data-testid="customer-link">
                        {zh && r.nameZh ? r.nameZh : r.name}
                      </Link>
                      {r.nameZh && (
                        <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                          {zh ? r.name : r.nameZh}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell>
                      <TierChip tier={r.tier} />
                    </TableCell>
                    <TableCell>{r.region}</TableCell>
                    <TableCell>{r.accountManagerName ?? t('account.none')}</TableCell>
                    <TableCell>{r.cadence.lastContactAt ? format.date(r.cadence.lastContactAt) : t('account.none')}</TableCell>
                    <TableCell>
                      <CadenceChip cadence={r.cadence} />
                    </TableCell>
                  </TableRow>
                ))}
            {data && data.rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={columns.length} data-testid="customers-empty">
                  {show === 'all' ? t('directory.empty') : t('directory.emptyOverdue')}
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={data?.total ?? 0}
        page={page}
        rowsPerPage={rowsPerPage}
        rowsPerPageOptions={[25, 50, 100]}
        onPageChange={(_e, p) => setPage(p)}
        onRowsPerPageChange={(e) => (setRowsPerPage(Number(e.target.value)), setPage(0))}
      />
    </Stack>
  );
};
