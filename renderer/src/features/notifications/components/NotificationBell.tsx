import NotificationsOutlined from '@mui/icons-material/NotificationsOutlined';
import { Badge, IconButton, Tooltip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useLiveQuery } from '../../../data/useLiveQuery';

/** The app bar's way to the notifications, with the unread count. */
export const NotificationBell = () => {
  const { t } = useTranslation('notifications');
  // The list query the page uses too: one subscription for both.
  const { data } = useLiveQuery('notifications.list', { limit: 50 });
  const unread = data?.unread ?? 0;
  const label = unread ? t('bellUnread', { count: unread }) : t('bell');
  return (
    <Tooltip title={label}>
      <IconButton component={RouterLink} to="/notifications" color="inherit" aria-label={label} data-testid="notification-bell">
        <Badge badgeContent={unread} color="error" max={99} data-testid="notification-count">
          <NotificationsOutlined />
        </Badge>
      </IconButton>
    </Tooltip>
  );
};
