import { Alert, FormControlLabel, FormGroup, Link, MenuItem, Paper, Stack, Switch, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { PackMailView, PackSubscriptionView } from '../../../../../shared/api/reportPacks';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';

const LOCALES = ['zh-CN', 'en'] as const;

/**
 * The monthly review pack subscription: in notifications, and also by mail. Shown to those
 * who may subscribe (managers and administrators); saved locally and synced, so it works
 * offline.
 */
export const PackSubscription = () => {
  const { t } = useTranslation('reports');
  const { t: tc } = useTranslation();
  const { data } = useLiveQuery('reportPacks.subscription', {});
  const set = useCommand('reportPacks.setSubscription', { errors: 'inline' });
  if (!data?.allowed) return null;
  const save = (change: Partial<Pick<PackSubscriptionView, 'active' | 'mail' | 'locale'>>) =>
    void set.run({ active: data.active, mail: data.mail, locale: data.locale, ...change });
  return (
    <Paper variant="outlined" component="section" aria-labelledby="pack-subscription-heading" sx={{ p: 2 }} data-testid="pack-subscription">
      <Typography id="pack-subscription-heading" variant="subtitle1" component="h2">
        {t('subscription.heading')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('subscription.intro')}
      </Typography>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'center' } }}>
        <FormGroup row>
          <FormControlLabel
            label={t('subscription.inNotifications')}
            control={<Switch checked={data.active} disabled={set.pending} onChange={(_, on) => save({ active: on })} slotProps={{ input: { 'data-testid': 'pack-subscribe' } as object }} />}
          />
          <FormControlLabel
            label={t('subscription.byMail')}
            control={<Switch checked={data.mail} disabled={set.pending || !data.active} onChange={(_, on) => save({ mail: on })} slotProps={{ input: { 'data-testid': 'pack-mail' } as object }} />}
          />
        </FormGroup>
        <TextField
          select
          size="small"
          label={t('subscription.language')}
          value={data.locale}
          disabled={set.pending || !data.active}
          onChange={(e) => save({ locale: e.target.value as PackSubscriptionView['locale'] })}
          sx={{ minWidth: 200 }}
          slotProps={{ select: { inputProps: { 'data-testid': 'pack-locale' } } }}
        >
          {LOCALES.map((l) => (
            <MenuItem key={l} value={l}>
              {t(`subscription.locales.${l}`)}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {data.active && data.mail && (
        <Typography variant="body2" color="text.secondary">
          {t('subscription.mailHint')}
        </Typography>
      )}
      {data.latest && (
        <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'baseline', flexWrap: 'wrap' }}>
          <Link component={RouterLink} to={data.latest.href} data-testid="pack-latest">
            {t('subscription.latest', { month: data.latest.month })}
          </Link>
          <PackMailLine mail={data.latest.mail} />
        </Stack>
      )}
      {set.error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {tc(`errors.${set.error.code}`)}
        </Alert>
      )}
    </Paper>
  );
};

/** How the newest pack's mail went, as the server recorded it; nothing when it was not asked for. */
const PackMailLine = ({ mail }: { mail: PackMailView }) => {
  const { t } = useTranslation('reports');
  const format = useFormat();
  if (mail.state === 'off') return null;
  const text =
    mail.state === 'sent'
      ? t('subscription.mailState.sent', { at: mail.sentAt ? format.dateTime(mail.sentAt) : '' })
      : mail.state === 'failed'
        ? mail.nextAttemptAt
          ? t('subscription.mailState.retrying', { count: mail.attempts, at: format.dateTime(mail.nextAttemptAt) })
          : t('subscription.mailState.failed', { count: mail.attempts })
        : t('subscription.mailState.pending');
  return (
    <Typography variant="body2" color={mail.state === 'failed' ? 'error' : 'text.secondary'} data-testid="pack-mail-state">
      {text}
    </Typography>
  );
};
