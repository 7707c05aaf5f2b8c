import { useTranslation } from 'react-i18next';
import type { DesktopNotification } from '../../../../../shared/api/notifications';

/** The one sentence a notification reads as, in the list and on the desktop alike. */
export const useNotificationText = () => {
  const { t } = useTranslation('notifications');
  return (n: Pick<DesktopNotification, 'kind' | 'ticketNumber' | 'clock'>) =>
    t(`title.${n.kind}`, { number: n.ticketNumber, clock: n.clock ? t(`clock.${n.clock}`) : '' });
};
