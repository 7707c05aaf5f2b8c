import type { TFunction } from 'i18next';
import type { VisitCorrectionView } from '../../../../../shared/api/fieldwork';

/** What a correction changed, as a short list ("check-out 10:40, travel 30 min"). */
export const correctionChanges = (
  t: TFunction<'fieldwork'>,
  time: (iso: string) => string,
  c: VisitCorrectionView,
): string =>
  [
    ...(c.checkInAt ? [t('corrections.changeIn', { time: time(c.checkInAt) })] : []),
    ...(c.checkOutAt ? [t('corrections.changeOut', { time: time(c.checkOutAt) })] : []),
    ...(c.travelMinutes !== null ? [t('corrections.changeTravel', { minutes: c.travelMinutes })] : []),
  ].join(t('corrections.separator'));
