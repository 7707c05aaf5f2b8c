import DashboardOutlined from '@mui/icons-material/DashboardOutlined';
import InsightsOutlined from '@mui/icons-material/InsightsOutlined';
import { lazyPage, type Feature } from '../../app/feature';

export const reportsFeature: Feature = {
  routes: [
    { path: 'dashboard', lazy: lazyPage(() => import('./pages/DashboardPage'), 'DashboardPage') },
    { path: 'reports', lazy: lazyPage(() => import('./pages/ReportPage'), 'ReportPage') },
    { path: 'reports/:report', lazy: lazyPage(() => import('./pages/ReportPage'), 'ReportPage') },
  ],
  nav: [
    { to: '/dashboard', label: 'nav.dashboard', icon: DashboardOutlined, order: 1, roles: ['manager', 'admin'] },
    { to: '/reports/tl9000', label: 'nav.reports', icon: InsightsOutlined, order: 40, roles: ['manager', 'admin'] },
  ],
  // The quarterly review pack's print view: A4, without the frame, what its PDF is printed from.
  bareRoutes: [{ path: '/reports/review-pack', lazy: lazyPage(() => import('./pages/ReviewPackPage'), 'ReviewPackPage') }],
};
