import { Alert, Button, Link, Paper, Skeleton, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { usePersonName } from './names';

/** Actions shown per owner; the rest are one click away in the filtered list. */
const SHOWN = 3;

/**
 * Open and in-progress actions past their due date, per owner: most overdue first, each
 * owner's oldest few; `onOwner` filters the list to that owner's problems with overdue actions.
 */
export const OverdueByOwner = ({ onOwner }: { onOwner: (ownerId: string) => void }) => {
  const { t } = useTranslation('problems');
  const format = useFormat();
  const personName = usePersonName();
  const { data, loading, error } = useLiveQuery('problems.overdue', {});
  return (
    <Paper sx={{ p: 2 }} component="section" aria-labelledby="overdue-heading" data-testid="overdue-by-owner">
      <Typography id="overdue-heading" variant="subtitle1" component="h2" sx={{ mb: 1 }}>
        {t('overdue.heading')}
      </Typography>
      {loading && <Skeleton height={60} />}
      {error && <Alert severity="error">{t('loadError')}</Alert>}
      {data?.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('overdue.none')}
        </Typography>
      )}
      <Stack spacing={2}>
        {data?.map((owner) => (
          <section key={owner.ownerId} aria-label={owner.ownerName} data-testid={`overdue-owner-${owner.ownerId}`}>
            <Typography variant="subtitle2" component="h3">
              {personName(owner.ownerName, owner.ownerNameZh)} · {t('overdue.count', { count: owner.actions.length })}
            </Typography>
            <Stack component="ul" spacing={0.5} sx={{ m: 0, pl: 2 }}>
              {owner.actions.slice(0, SHOWN).map((a) => (
                <li key={a.actionId}>
                  <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                    <Link component={RouterLink} to={`/problems/${a.problemId}`}>
                      {a.problemTitle}
                    </Link>
                    {': '}
                    {a.description}
                  </Typography>
                  <Typography variant="caption" color="error">
                    {t('overdue.due', { date: format.date(`${a.dueDate}T00:00:00`) })} · {t('overdue.days', { count: a.daysOverdue })}
                  </Typography>
                </li>
              ))}
            </Stack>
            <Button size="small" onClick={() => onOwner(owner.ownerId)} data-testid={`overdue-show-${owner.ownerId}`}>
              {t('overdue.showAll', { count: owner.actions.length })}
            </Button>
          </section>
        ))}
      </Stack>
    </Paper>
  );
};
