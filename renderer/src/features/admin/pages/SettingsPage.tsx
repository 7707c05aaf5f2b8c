import { Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { AdminFrame } from '../components/AdminFrame';
import { SettingsForm } from '../components/SettingsForm';

const Settings = () => {
  const { t } = useTranslation('admin');
  const format = useFormat();
  const current = useLiveQuery('admin.settings', {});
  if (!current.data) return <Typography>{t('loading')}</Typography>;
  return (
    <Stack spacing={3}>
      <Typography variant="body2" color="text.secondary">
        {t('settings.intro')} {current.data.savedAt ? t('settings.savedAt', { at: format.dateTime(current.data.savedAt) }) : t('settings.defaults')}
      </Typography>
      <SettingsForm key={current.data.savedAt ?? 'defaults'} settings={current.data.settings} />
    </Stack>
  );
};

export const SettingsPage = () => (
  <AdminFrame tab="settings">
    <Settings />
  </AdminFrame>
);
