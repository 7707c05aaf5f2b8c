import NotificationsOutlined from '@mui/icons-material/NotificationsOutlined';
import { lazyPage, type Feature } from '../../app/feature';

export const notificationsFeature: Feature = {
  routes: [{ path: 'notifications', lazy: lazyPage(() => import('./pages/NotificationsPage'), 'NotificationsPage') }],
  nav: [{ to: '/notifications', label: 'nav.notifications', icon: NotificationsOutlined, order: 15 }],
};
