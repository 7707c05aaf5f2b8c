import { Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';

export const RowStatus = ({ active, off }: { active: boolean; off: 'disabled' | 'retired' }) => {
  const { t } = useTranslation('admin');
  return <Chip size="small" color={active ? 'success' : 'default'} variant={active ? 'outlined' : 'filled'} label={t(active ? 'status.active' : `status.${off}`)} />;
};
