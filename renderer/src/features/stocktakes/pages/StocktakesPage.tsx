import { Alert, Card, CardActionArea, CardContent, Chip, Skeleton, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { OpenStocktakeForm } from '../components/OpenStocktakeForm';
import { useScopeText } from '../components/scope';

const STATUS_COLOR = { counting: 'primary', reconciling: 'warning', closed: 'default' } as const;

/** `#/stocktakes`: open ones first; asset managers open new ones here. */
export const StocktakesPage = () => {
  const { t } = useTranslation('stocktakes');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const scopeText = useScopeText();
  const list = useLiveQuery('stocktakes.list', {});
  return (
    <Stack spacing={3}>
      <div>
        <Typography variant="h4" component="h1">
          {t('heading')}
        </Typography>
        <Typography color="text.secondary">{t('intro')}</Typography>
      </div>
      {list.data?.canOpen && <OpenStocktakeForm />}
      {list.loading && <Skeleton variant="rounded" height={96} />}
      {list.error && <Alert severity="error">{tc(`errors.${list.error.code}`)}</Alert>}
      {list.data?.rows.length === 0 && <Alert severity="info">{t('none')}</Alert>}
      <Stack spacing={2} data-testid="stocktake-list">
        {list.data?.rows.map((s) => (
          <Card key={s.id} variant="outlined">
            <CardActionArea component={RouterLink} to={`/stocktakes/${s.id}`} data-testid={`stocktake-${s.id}`}>
              <CardContent>
                <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
                  <Typography variant="h6" component="h2">
                    {s.title}
                  </Typography>
                  <Chip size="small" color={STATUS_COLOR[s.status]} label={t(`status.${s.status}`)} />
                  <Typography variant="body2" color="text.secondary">
                    {format.date(s.openedAt)}
                  </Typography>
                </Stack>
                <Typography variant="body2">{scopeText(s)}</Typography>
                <Typography variant="body2" color="text.secondary">
                  {t('listRow', { found: s.found, expected: s.expected, unexpected: s.unexpected, missing: s.missing })}
                </Typography>
              </CardContent>
            </CardActionArea>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
};
