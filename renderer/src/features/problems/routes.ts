import BugReportOutlined from '@mui/icons-material/BugReportOutlined';
import { lazyPage, type Feature } from '../../app/feature';

export const problemsFeature: Feature = {
  routes: [
    { path: 'problems', lazy: lazyPage(() => import('./pages/ProblemsPage'), 'ProblemsPage') },
    { path: 'problems/new', lazy: lazyPage(() => import('./pages/NewProblemPage'), 'NewProblemPage') },
    { path: 'problems/:id', lazy: lazyPage(() => import('./pages/ProblemPage'), 'ProblemPage') },
  ],
  nav: [{ to: '/problems', label: 'nav.problems', icon: BugReportOutlined, order: 12, roles: ['technician', 'engineer', 'expert', 'manager', 'admin'] }],
};
