import { Chip, Tooltip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { CadenceStatus } from '../../../../../shared/domain/cadence';
import { useFormat } from '../../../i18n/format';

/** Where an account stands against its contact target: overdue in red, on time in green. */
export const CadenceChip = ({ cadence, testId }: { cadence: CadenceStatus; testId?: string }) => {
  const { t } = useTranslation('customers');
  const format = useFormat();
  const label = cadence.never
    ? t('cadence.never')
    : cadence.overdue
      ? t('cadence.overdue', { count: cadence.overdueDays ?? 0 })
      : t('cadence.dueOn', { date: format.date(`${cadence.dueOn}T12:00:00Z`) });
  return (
    <Tooltip title={t('cadence.target', { count: cadence.targetDays })}>
      <Chip size="small" variant={cadence.overdue ? 'filled' : 'outlined'} color={cadence.overdue ? 'error' : 'success'} label={label} data-testid={testId} data-overdue={cadence.overdue} />
    </Tooltip>
  );
};

export const TierChip = ({ tier }: { tier: 'key' | 'general' }) => {
  const { t } = useTranslation('customers');
  return <Chip size="small" color={tier === 'key' ? 'primary' : 'default'} variant={tier === 'key' ? 'filled' : 'outlined'} label={t(`tier.${tier}`)} />;
};
