import AddOutlined from '@mui/icons-material/AddOutlined';
import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import { Alert, Button, Chip, Skeleton, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router';
import { normalizeCode, parseScan } from '../../../../../shared/domain/assets';
import { KeyboardShortcuts } from '../../../components/KeyboardShortcuts';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { AssetFormDialog } from '../components/AssetFormDialog';
import { AssetImportDialog } from '../components/AssetImportDialog';
import { UnknownCodes } from '../components/UnknownCodes';

const LIMIT = 100;

/** The registry: search (a scanner works here too), the results, register, import, unknown codes. */
export const AssetsPage = () => {
  const { t } = useTranslation('assets');
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const [dialog, setDialog] = useState<{ kind: 'create'; code: string } | { kind: 'import' } | null>(null);
  const found = useLiveQuery('assets.search', { search: deferred.trim().slice(0, 200), limit: LIMIT });
  const rows = found.data?.rows ?? [];

  // Enter on an exact code, serial or tag (what a scanner sends) opens that asset.
  const openExact = () => {
    const scan = parseScan(search);
    if (!scan.ok) return;
    const wanted = normalizeCode(scan.code);
    const hit = rows.find((r) => [r.assetCode, r.serial, r.rfidTag].some((v) => v && normalizeCode(v) === wanted));
    if (hit) void navigate(`/assets/${encodeURIComponent(hit.assetCode)}`);
  };

  return (
    <Stack spacing={2} data-testid="assets-page">
      <KeyboardShortcuts
        shortcuts={[
          { key: '/', label: t('search'), run: () => document.querySelector<HTMLInputElement>('[data-testid="asset-search"]')?.focus() },
          { key: 'n', label: t('create'), run: () => setDialog({ kind: 'create', code: '' }) },
        ]}
      />
      <Typography variant="h5" component="h1">
        {t('heading')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('intro')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField
          size="small"
          sx={{ minWidth: 360 }}
          label={t('search')}
          placeholder={t('searchHint')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              openExact();
            }
          }}
          slotProps={{ htmlInput: { 'data-testid': 'asset-search', maxLength: 200 } }}
        />
        <Button variant="contained" startIcon={<AddOutlined />} onClick={() => setDialog({ kind: 'create', code: '' })} data-testid="asset-create">
          {t('create')}
        </Button>
        <Button variant="outlined" startIcon={<UploadFileOutlined />} onClick={() => setDialog({ kind: 'import' })} data-testid="asset-import">
          {t('import')}
        </Button>
      </Stack>
      <UnknownCodes onRegister={(code) => setDialog({ kind: 'create', code })} />
      {found.loading && !found.data ? (
        <Skeleton variant="rectangular" height={240} />
      ) : rows.length === 0 ? (
        <Alert severity="info" data-testid="assets-empty">
          {deferred.trim() ? t('searchEmpty', { search: deferred.trim() }) : t('noAssets')}
        </Alert>
      ) : (
        <Table size="small" aria-label={t('heading')} data-testid="asset-table">
          <TableHead>
            <TableRow>
              {(['code', 'serial', 'model', 'kind', 'status', 'customer', 'site', 'ownership'] as const).map((c) => (
                <TableCell key={c}>{t(`column.${c}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.id} hover data-testid="asset-row">
                <TableCell>
                  <RouterLink to={`/assets/${encodeURIComponent(r.assetCode)}`}>{r.assetCode}</RouterLink>
                </TableCell>
                <TableCell>{r.serial}</TableCell>
                <TableCell>{r.model}</TableCell>
                <TableCell>{t(`kind.${r.kind}`)}</TableCell>
                <TableCell>
                  <Chip size="small" label={t(`status.${r.status}`)} color={r.status === 'in_service' ? 'success' : r.status === 'under_repair' ? 'warning' : 'default'} variant="outlined" />
                </TableCell>
                <TableCell>{r.customerName}</TableCell>
                <TableCell>{r.siteName}</TableCell>
                <TableCell>{t(`ownership.${r.ownership}`)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {found.data?.more && <Typography variant="body2">{t('more', { count: LIMIT })}</Typography>}
      {dialog?.kind === 'create' && (
        <AssetFormDialog
          asset={null}
          initialCode={dialog.code}
          onClose={(saved) => {
            setDialog(null);
            if (saved) void navigate(`/assets/${encodeURIComponent(saved)}`);
          }}
        />
      )}
      {dialog?.kind === 'import' && <AssetImportDialog onClose={() => setDialog(null)} />}
    </Stack>
  );
};
