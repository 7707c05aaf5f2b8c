import { useTranslation } from 'react-i18next';
import type { StocktakeSummary } from '../../../../../shared/api/stocktakes';

/** "Customer · Site (region)" or "Region cn-east". */
export const useScopeText = () => {
  const { t } = useTranslation('stocktakes');
  return (s: StocktakeSummary) => (s.scope === 'site' ? t('scope.site', { customer: s.customerName ?? '', site: s.siteName ?? '', region: s.region }) : t('scope.region', { region: s.region }));
};
