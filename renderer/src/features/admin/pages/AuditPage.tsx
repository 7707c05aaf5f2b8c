import {
  Alert,
  Button,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import Papa from 'papaparse';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditLogEntry } from '../../../../../shared/api/admin';
import { AUDIT_OUTCOMES, type AuditQuery } from '../../../../../shared/sync/admin';
import { downloadText } from '../../../components/download';
import { useCommand } from '../../../data/useCommand';
import { useFormat } from '../../../i18n/format';
import { AdminFrame } from '../components/AdminFrame';

const PAGE = 200;
type Outcome = (typeof AUDIT_OUTCOMES)[number];

interface Filters {
  action: string;
  actor: string;
  outcome: Outcome | '';
  from: string;
  to: string;
}

/** Local dates of the form become instants: `to` includes its whole day. */
const toQuery = (f: Filters, before?: number): AuditQuery => ({
  limit: PAGE,
  ...(f.action.trim() ? { action: f.action.trim() } : {}),
  ...(f.actor.trim() ? { actor: f.actor.trim() } : {}),
  ...(f.outcome ? { outcome: f.outcome } : {}),
  ...(f.from ? { from: new Date(`${f.from}T00:00:00`).toISOString() } : {}),
  ...(f.to ? { to: new Date(new Date(`${f.to}T00:00:00`).getTime() + 86_400_000).toISOString() } : {}),
  ...(before ? { before } : {}),
});

/** The entries as a CSV file; details stay one JSON cell so nothing is lost or reshaped. */
export const auditCsv = (entries: readonly AuditLogEntry[]): string =>
  Papa.unparse(
    entries.map((e) => ({
      id: e.id,
      at: e.at,
      action: e.action,
      outcome: e.outcome,
      actor: e.actor ?? '',
      actorId: e.actorId ?? '',
      ip: e.ip ?? '',
      target: e.target ?? '',
      detail: e.detail ? JSON.stringify(e.detail) : '',
    })),
    // Cells starting with = + - @ are escaped so a spreadsheet never runs them as formulas.
    { escapeFormulae: true },
  );

const Audit = () => {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const [filters, setFilters] = useState<Filters>({ action: '', actor: '', outcome: '', from: '', to: '' });
  const [entries, setEntries] = useState<AuditLogEntry[] | null>(null);
  const [more, setMore] = useState(false);
  const query = useCommand('admin.audit.query', { errors: 'inline' });
  const { run } = query;

  const search = useCallback(
    async (f: Filters, before?: number) => {
      const result = await run(toQuery(f, before));
      if (!result.ok) return;
      setEntries((old) => (before ? [...(old ?? []), ...result.value] : result.value));
      setMore(result.value.length === PAGE);
    },
    [run],
  );
  // The newest entries when the screen opens; filters apply on "Search".
  useEffect(() => {
    void search({ action: '', actor: '', outcome: '', from: '', to: '' });
  }, [search]);

  const field = (name: 'action' | 'actor' | 'from' | 'to', type = 'text') => (
    <TextField
      size="small"
      type={type}
      label={t(`audit.${name}`)}
      value={filters[name]}
      onChange={(e) => setFilters({ ...filters, [name]: e.target.value })}
      slotProps={{ htmlInput: { 'data-testid': `audit-${name}` }, inputLabel: { shrink: true } }}
    />
  );
  const cols = ['at', 'action', 'outcome', 'actor', 'ip', 'target', 'detail'] as const;

  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="text.secondary">
        {t('audit.intro')}
      </Typography>
      <Stack
        component="form"
        direction="row"
        spacing={1.5}
        sx={{ flexWrap: 'wrap', alignItems: 'center' }}
        onSubmit={(e) => (e.preventDefault(), void search(filters))}
      >
        {field('action')}
        {field('actor')}
        <TextField
          select
          size="small"
          label={t('audit.outcome')}
          value={filters.outcome}
          onChange={(e) => setFilters({ ...filters, outcome: e.target.value as Outcome | '' })}
          sx={{ minWidth: 140 }}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'audit-outcome' } as object } }}
        >
          <MenuItem value="">{t('audit.anyOutcome')}</MenuItem>
          {AUDIT_OUTCOMES.map((o) => (
            <MenuItem key={o} value={o}>
              {t(`audit.outcomes.${o}`)}
            </MenuItem>
          ))}
        </TextField>
        {field('from', 'date')}
        {field('to', 'date')}
        <Button type="submit" variant="contained" disabled={query.pending} data-testid="audit-search">
          {t('audit.search')}
        </Button>
        <Button
          disabled={!entries?.length}
          onClick={() =>
            downloadText(
              `cims-audit-${new Date().toISOString().slice(0, 10)}.csv`,
              auditCsv(entries ?? []),
              'text/csv',
            )
          }
          data-testid="audit-export"
        >
          {t('audit.export')}
        </Button>
      </Stack>
      {query.error && <Alert severity="error">{tc(`errors.${query.error.code}`)}</Alert>}
      {entries && (
        <Typography variant="body2" data-testid="audit-count">
          {t('audit.count', { count: entries.length })}
        </Typography>
      )}
      <TableContainer component={Paper}>
        <Table size="small" aria-label={t('audit.heading')}>
          <TableHead>
            <TableRow>
              {cols.map((c) => (
                <TableCell key={c} sx={{ whiteSpace: 'nowrap' }}>
                  {t(`audit.column.${c}`)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {entries?.length === 0 && (
              <TableRow>
                <TableCell colSpan={cols.length}>{t('audit.empty')}</TableCell>
              </TableRow>
            )}
            {entries?.map((e) => (
              <TableRow key={e.id} data-testid="audit-row">
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{format.dateTimeLong(e.at)}</TableCell>
                <TableCell>{e.action}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {(AUDIT_OUTCOMES as readonly string[]).includes(e.outcome)
                    ? t(`audit.outcomes.${e.outcome as Outcome}`)
                    : e.outcome}
                </TableCell>
                <TableCell>{e.actor ?? '—'}</TableCell>
                <TableCell>{e.ip ?? '—'}</TableCell>
                <TableCell>{e.target ?? '—'}</TableCell>
                <TableCell
                  sx={{
                    maxWidth: 360,
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                    whiteSpace: 'nowrap',
                    fontFamily: 'monospace',
                    fontSize: 12,
                  }}
                  title={e.detail ? JSON.stringify(e.detail) : ''}
                >
                  {e.detail ? JSON.stringify(e.detail) : ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {more && (
        <Button
          onClick={() => void search(filters, entries?.at(-1)?.id)}
          disabled={query.pending}
          data-testid="audit-more"
        >
          {t('audit.more')}
        </Button>
      )}
    </Stack>
  );
};

/** `#/admin/audit`: who did what, when and from where; admins only. */
export const AuditPage = () => (
  <AdminFrame tab="audit">
    <Audit />
  </AdminFrame>
);
