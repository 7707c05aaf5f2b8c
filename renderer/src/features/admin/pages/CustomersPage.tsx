import {
  Alert,
  Button,
  Chip,
  Link,
  Stack,
  TableCell,
  TablePagination,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { downloadText } from '../../../components/download';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { AdminFrame } from '../components/AdminFrame';
import { AdminTable } from '../components/AdminTable';
import { customerCsvText } from '../components/csvFile';
import { CustomerDialog } from '../components/CustomerDialog';
import { CustomerImportDialog } from '../components/CustomerImportDialog';
import { ORGANISATION_TIME_ZONE } from '../../../../../shared/domain/policyForms';
import type { CustomerRow } from '../../../../../shared/api/admin';

const Customers = () => {
  const { t } = useTranslation('admin');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(25);
  const [importing, setImporting] = useState(false);
  // undefined: no dialog; null: a new customer; a row: that customer's form.
  const [editing, setEditing] = useState<CustomerRow | null | undefined>(undefined);
  const settings = useLiveQuery('admin.settings', {});
  const defaultZone = settings.data?.settings.defaultTimeZone ?? ORGANISATION_TIME_ZONE;
  const customers = useLiveQuery('admin.customers.page', {
    offset: page * rowsPerPage,
    limit: rowsPerPage,
    ...(search.trim() ? { filter: { search: search.trim() } } : {}),
  });
  const exportRows = useCommand('admin.customers.export');
  const rows = customers.data?.rows ?? [];
  const total = customers.data?.total ?? 0;
  const cols = ['code', 'name', 'tier', 'region', 'timeZone', 'contacts', 'sites', 'actions'] as const;

  const download = async () => {
    const result = await exportRows.run({});
    if (result.ok)
      downloadText(
        `cims-customers-${new Date().toISOString().slice(0, 10)}.csv`,
        customerCsvText(result.value),
        'text/csv',
      );
  };

  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="text.secondary">
        {t('customers.intro')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <TextField
          size="small"
          label={t('customers.search')}
          value={search}
          onChange={(e) => (setSearch(e.target.value), setPage(0))}
          slotProps={{ htmlInput: { 'data-testid': 'customer-search' } }}
        />
        <Typography variant="body2" sx={{ flexGrow: 1 }} data-testid="customers-count">
          {t('customers.count', { count: total })}
        </Typography>
        <Button
          onClick={() => void download()}
          disabled={exportRows.pending || total === 0}
          data-testid="customer-export"
        >
          {t('customers.export')}
        </Button>
        <Button onClick={() => setImporting(true)} data-testid="customer-import">
          {t('customers.import')}
        </Button>
        <Button variant="contained" onClick={() => setEditing(null)} data-testid="customer-add">
          {t('customers.add')}
        </Button>
      </Stack>
      {customers.error && !customers.data && <Alert severity="error">{t('loadFailed')}</Alert>}
      <AdminTable
        label={t('customers.heading')}
        headings={cols.map((c) => t(`customers.column.${c}`))}
        loading={customers.loading && !customers.data}
        empty={customers.data && rows.length === 0 ? t('customers.empty') : null}
        footer={
          <TablePagination
            component="div"
            count={total}
            page={Math.min(page, Math.max(0, Math.ceil(total / rowsPerPage) - 1))}
            rowsPerPage={rowsPerPage}
            rowsPerPageOptions={[25, 50, 100]}
            onPageChange={(_e, p) => setPage(p)}
            onRowsPerPageChange={(e) => (setRowsPerPage(Number(e.target.value)), setPage(0))}
          />
        }
      >
        {rows.map((c) => (
          <TableRow key={c.id} data-testid="customer-row" hover>
            <TableCell>{c.code}</TableCell>
            <TableCell>
              {/* The account view (#/customers/:id): tickets, figures and contact log of the customer. */}
              <Link component={RouterLink} to={`/customers/${c.id}`} data-testid="customer-account-link">
                {c.name}
              </Link>
              {!c.active && <Chip size="small" sx={{ ml: 1 }} label={t('customers.inactive')} data-testid="customer-inactive" />}
              {c.nameZh && (
                <Typography variant="body2" color="text.secondary" component="span" sx={{ ml: 1 }}>
                  {c.nameZh}
                </Typography>
              )}
            </TableCell>
            <TableCell>
              <Chip
                size="small"
                color={c.tier === 'key' ? 'primary' : 'default'}
                variant="outlined"
                label={t(`customers.tier.${c.tier}`)}
              />
            </TableCell>
            <TableCell>{c.region}</TableCell>
            <TableCell>{c.timeZone}</TableCell>
            <TableCell>{c.contacts}</TableCell>
            <TableCell>{c.sites}</TableCell>
            <TableCell>
              <Button size="small" onClick={() => setEditing(c)} aria-label={`${t('customers.edit')} ${c.code}`} data-testid="customer-edit">
                {t('customers.edit')}
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </AdminTable>
      {importing && <CustomerImportDialog onClose={() => setImporting(false)} />}
      {editing !== undefined && <CustomerDialog customer={editing} defaultZone={defaultZone} onClose={() => setEditing(undefined)} />}
    </Stack>
  );
};

/** `#/admin/customers`: accounts, CSV import with a preview of every row's errors, export. */
export const CustomersPage = () => (
  <AdminFrame tab="customers">
    <Customers />
  </AdminFrame>
);
