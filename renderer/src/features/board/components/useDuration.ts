import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** How long, coarse enough to read at a glance: minutes, then hours up to two days, then days. */
export const useDuration = () => {
  const { t } = useTranslation('board');
  return useCallback(
    (ms: number) => {
      const safe = Math.max(0, ms);
      if (safe < HOUR) return t('duration.minutes', { count: Math.floor(safe / MINUTE) });
      if (safe < 48 * HOUR) return t('duration.hours', { count: Math.floor(safe / HOUR) });
      return t('duration.days', { count: Math.floor(safe / (24 * HOUR)) });
    },
    [t],
  );
};
