import DownloadOutlined from '@mui/icons-material/DownloadOutlined';
import { Button, Link, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useCommand } from '../../../data/useCommand';
import { base64Bytes, download, toCsv, XLSX_TYPE } from './csv';
import { usePrinting } from './printing';

export interface Column<R> {
  key: string;
  label: string;
  /** Text of the cell, also what the CSV holds. */
  text: (row: R) => string;
  numeric?: boolean;
  /** Where the figure's tickets are listed (drill-down), if anywhere. */
  link?: (row: R) => string | null;
}

/** The figures of a chart as a table beneath it, exportable as CSV with the same texts. */
export function FigureTable<R>(props: { title: string; columns: Column<R>[]; rows: R[]; fileName: string; testId?: string; caption?: ReactNode }) {
  const { t } = useTranslation('reports');
  const printing = usePrinting();
  const texts = () => props.rows.map((r) => props.columns.map((c) => c.text(r)));
  const exportCsv = () => download(`${props.fileName}.csv`, toCsv([props.columns.map((c) => c.label), ...texts()]));
  const xlsx = useCommand('reports.xlsx');
  const exportXlsx = async () => {
    const r = await xlsx.run({ title: props.title, fileName: props.fileName, columns: props.columns.map((c) => c.label), rows: texts() });
    if (r.ok) download(r.value.fileName, base64Bytes(r.value.base64), XLSX_TYPE);
  };
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
        <Typography variant="subtitle1" component="h2">
          {props.title}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ display: printing ? 'none' : undefined }}>
          <Button size="small" startIcon={<DownloadOutlined />} onClick={exportCsv} data-testid={props.testId ? `${props.testId}-csv` : undefined}>
            {t('export.csv')}
          </Button>
          <Button size="small" startIcon={<DownloadOutlined />} onClick={() => void exportXlsx()} disabled={xlsx.pending} data-testid={props.testId ? `${props.testId}-xlsx` : undefined}>
            {t('export.xlsx')}
          </Button>
        </Stack>
      </Stack>
      {props.caption}
      {props.rows.length === 0 ? (
        <Typography color="text.secondary">{t('empty')}</Typography>
      ) : (
        <TableContainer sx={printing ? undefined : { maxHeight: 480 }}>
          <Table size="small" stickyHeader={!printing} data-testid={props.testId} sx={{ '& tbody td': { whiteSpace: 'nowrap' } }}>
            <TableHead>
              <TableRow>
                {props.columns.map((c) => (
                  <TableCell key={c.key} align={c.numeric ? 'right' : 'left'}>
                    {c.label}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {props.rows.map((r, i) => (
                <TableRow key={i} hover={!printing}>
                  {props.columns.map((c) => {
                    const to = printing ? null : (c.link?.(r) ?? null);
                    const text = c.text(r);
                    return (
                      <TableCell key={c.key} align={c.numeric ? 'right' : 'left'}>
                        {to ? (
                          <Link component={RouterLink} to={to} title={t('drill')}>
                            {text}
                          </Link>
                        ) : (
                          text
                        )}
                      </TableCell>
                    );
                  })}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Paper>
  );
}
