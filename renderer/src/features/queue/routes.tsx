import ViewListOutlined from '@mui/icons-material/ViewListOutlined';
import { lazyPage, type Feature } from '../../app/feature';

const loadQueuePage = () => import('./pages/QueuePage');
const queuePage = lazyPage(loadQueuePage, 'QueuePage');

export const queueFeature: Feature = {
  routes: [
    // Without a view: the user's default view.
    { path: 'queue', lazy: queuePage },
    { path: 'queue/:view', lazy: queuePage },
  ],
  nav: [{ to: '/queue', label: 'nav.queue', icon: ViewListOutlined, order: 5 }],
  // Technicians, engineers and experts land on a queue; managers live in them.
  preload: loadQueuePage,
};
