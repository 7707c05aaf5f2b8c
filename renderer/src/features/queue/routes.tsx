import ViewListOutlined from '@mui/icons-material/ViewListOutlined';
import { lazyPage, type Feature } from '../../app/feature';

const queuePage = lazyPage(() => import('./pages/QueuePage'), 'QueuePage');

export const queueFeature: Feature = {
  routes: [
    // Without a view: the user's default view.
    { path: 'queue', lazy: queuePage },
    { path: 'queue/:view', lazy: queuePage },
  ],
  nav: [{ to: '/queue', label: 'nav.queue', icon: ViewListOutlined, order: 5 }],
};
