import { Card, CardActionArea, CardContent, Skeleton, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useLiveQuery } from '../data/useLiveQuery';

// A dashboard tile owned by the customers feature (texts in its namespace), here so the
// dashboard mounts it without reaching into that feature's folders.
const SHOWN = 3;

/** The viewer's accounts past their contact target; opens the directory filtered to them. */
export const OverdueContactsTile = () => {
  const { t, i18n } = useTranslation('customers');
  const { data } = useLiveQuery('customers.directory', { search: '', show: 'myOverdue', offset: 0, limit: SHOWN });
  const zh = i18n.language === 'zh-CN';
  return (
    <Card variant="outlined" sx={{ flex: '1 1 280px', minWidth: 260 }} data-testid="tile-overdue-contacts">
      <CardActionArea component={RouterLink} to="/customers?show=myOverdue" sx={{ height: '100%' }}>
        <CardContent>
          <Typography variant="subtitle2" color="text.secondary" component="h2" gutterBottom>
            {t('myOverdue.heading')}
          </Typography>
          {!data ? (
            <Skeleton width="60%" height={40} />
          ) : (
            <>
              <Typography variant="h4" component="p" color={data.total > 0 ? 'error' : 'text.primary'}>
                {data.total}
              </Typography>
              {data.rows.map((r) => (
                <Typography key={r.id} variant="body2" noWrap>
                  {`${r.code} · ${zh && r.nameZh ? r.nameZh : r.name}`}
                </Typography>
              ))}
            </>
          )}
        </CardContent>
      </CardActionArea>
    </Card>
  );
};
