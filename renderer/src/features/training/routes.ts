import SchoolOutlined from '@mui/icons-material/SchoolOutlined';
import { lazyPage, type Feature } from '../../app/feature';

/** `#/training`: training records sit with the assessments they feed. */
export const trainingFeature: Feature = {
  routes: [{ path: 'training', lazy: lazyPage(() => import('./pages/TrainingPage'), 'TrainingPage') }],
  // Everyone assessed keeps their own; administrators do not see people's records (Z5).
  nav: [{ to: '/training', label: 'nav.training', icon: SchoolOutlined, order: 61, roles: ['technician', 'engineer', 'expert', 'manager', 'assessor'] }],
};
