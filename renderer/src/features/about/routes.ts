import InfoOutlined from '@mui/icons-material/InfoOutlined';
import { lazyPage, type Feature } from '../../app/feature';

export const aboutFeature: Feature = {
  routes: [{ path: 'about', lazy: lazyPage(() => import('./pages/AboutPage'), 'AboutPage') }],
  nav: [{ to: '/about', label: 'nav.about', icon: InfoOutlined, order: 95 }],
};
