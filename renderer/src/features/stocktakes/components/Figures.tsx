import { Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { StocktakeView } from '../../../../../shared/api/stocktakes';
import { useFormat } from '../../../i18n/format';

const TILES = [
  ['expected', 'text.primary'],
  ['found', 'success.main'],
  ['unexpected', 'warning.main'],
  ['missing', 'error.main'],
] as const;

/** Expected / found / unexpected / missing, big enough to read at arm's length on a site. */
export const Figures = ({ totals }: { totals: StocktakeView['totals'] }) => {
  const { t } = useTranslation('stocktakes');
  const format = useFormat();
  return (
    <section aria-label={t('figures.expected')}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }} aria-live="polite">
        {TILES.map(([key, color]) => (
          <Paper key={key} variant="outlined" sx={{ p: 2, minWidth: 160, flex: 1 }} data-testid={`figure-${key}`}>
            <Typography variant="overline" component="div" id={`figure-${key}-label`}>
              {t(`figures.${key}`)}
            </Typography>
            <Typography sx={{ fontSize: '3rem', fontWeight: 700, lineHeight: 1.1, color }} aria-labelledby={`figure-${key}-label`} data-testid={`figure-${key}-value`}>
              {format.integer(totals[key])}
            </Typography>
          </Paper>
        ))}
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid="figure-scans">
        {t('figures.scans', { count: totals.scans, counters: totals.counters, duplicates: totals.duplicates })}
        {totals.open > 0 && ` · ${t('figures.open', { count: totals.open })}`}
      </Typography>
    </section>
  );
};
