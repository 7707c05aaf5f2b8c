import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ComplianceFigures } from '../../../../../shared/api/maintenance';
import { useFormat } from '../../../i18n/format';

/** Rounds on time, late and missed, and the on-time rate, per team, customer or month. */
export const ComplianceTable = ({ rows, by }: { rows: readonly ComplianceFigures[]; by: 'team' | 'customer' | 'month' }) => {
  const { t } = useTranslation('maintenance');
  const format = useFormat();
  return (
    <Table size="small" aria-label={`${t('compliance')} · ${t(`complianceTable.${by}`)}`} data-testid={`compliance-${by}`}>
      <TableHead>
        <TableRow>
          <TableCell>{t(`complianceTable.${by}`)}</TableCell>
          <TableCell align="right">{t('complianceTable.onTime')}</TableCell>
          <TableCell align="right">{t('complianceTable.late')}</TableCell>
          <TableCell align="right">{t('complianceTable.missed')}</TableCell>
          <TableCell align="right">{t('complianceTable.open')}</TableCell>
          <TableCell align="right">{t('complianceTable.rate')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.key}>
            <TableCell>{r.label}</TableCell>
            <TableCell align="right">{r.onTime}</TableCell>
            <TableCell align="right">{r.late}</TableCell>
            <TableCell align="right">{r.missed}</TableCell>
            <TableCell align="right">{r.open}</TableCell>
            <TableCell align="right">{r.rate === null ? t('complianceTable.none') : format.percent(r.rate)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
