import { Alert, Link, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { PlanSummary } from '../../../../../shared/api/maintenance';

/** Plans with their frequency, team, asset count and next due date. */
export const PlanTable = ({ plans }: { plans: readonly PlanSummary[] }) => {
  const { t } = useTranslation('maintenance');
  if (plans.length === 0) return <Alert severity="info">{t('noPlans')}</Alert>;
  return (
    <Table size="small" aria-label={t('plans')} data-testid="plan-table">
      <TableHead>
        <TableRow>
          <TableCell>{t('planTable.name')}</TableCell>
          <TableCell>{t('planTable.customer')}</TableCell>
          <TableCell>{t('planTable.frequency')}</TableCell>
          <TableCell>{t('planTable.team')}</TableCell>
          <TableCell align="right">{t('planTable.assets')}</TableCell>
          <TableCell>{t('planTable.next')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {plans.map((p) => (
          <TableRow key={p.id}>
            <TableCell>
              <Link component={RouterLink} to={`/maintenance/plans/${p.id}`}>
                {p.name}
              </Link>
            </TableCell>
            <TableCell>
              {p.customerName}
              {p.siteName ? ` · ${p.siteName}` : ''}
            </TableCell>
            <TableCell>{p.frequency.every === 1 ? t(`frequencyOne.${p.frequency.unit}`) : t(`frequency.${p.frequency.unit}`, { count: p.frequency.every })}</TableCell>
            <TableCell>{p.teamName}</TableCell>
            <TableCell align="right">{p.scope === 'model' ? p.model : p.scope === 'site' ? t('plan.scopeSiteShort') : p.assetIds.length}</TableCell>
            <TableCell>{p.nextDue ?? '–'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
