import ViewListOutlined from '@mui/icons-material/ViewListOutlined';
import { Navigate } from 'react-router';
import { lazyPage, type Feature } from '../../app/feature';

export const queueFeature: Feature = {
  routes: [
    { path: 'queue', element: <Navigate to="/queue/team" replace /> },
    { path: 'queue/:view', lazy: lazyPage(() => import('./pages/QueuePage'), 'QueuePage') },
  ],
  nav: [{ to: '/queue/team', label: 'nav.queue', icon: ViewListOutlined, order: 5 }],
};
