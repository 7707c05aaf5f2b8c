import AssignmentIndOutlined from '@mui/icons-material/AssignmentIndOutlined';
import { lazyPage, type Feature } from '../../app/feature';

/** Routes of UI.md's map: `#/assessments`, its cycle, review and calibration. */
export const assessmentsFeature: Feature = {
  routes: [
    { path: 'assessments', lazy: lazyPage(() => import('./pages/AssessmentsPage'), 'AssessmentsPage') },
    { path: 'assessments/:cycle', lazy: lazyPage(() => import('./pages/CyclePage'), 'CyclePage') },
    { path: 'assessments/:cycle/review/:person', lazy: lazyPage(() => import('./pages/ReviewPage'), 'ReviewPage') },
    { path: 'assessments/:cycle/calibration', lazy: lazyPage(() => import('./pages/CalibrationPage'), 'CalibrationPage') },
  ],
  // A person's final result as a print view: A4, without the frame, what its PDF is printed from.
  bareRoutes: [{ path: '/assessments/:cycle/result/:person', lazy: lazyPage(() => import('./pages/ResultPrintPage'), 'ResultPrintPage') }],
  // Everyone may have an assessment of their own; admins never see assessment content.
  nav: [{ to: '/assessments', label: 'nav.assessments', icon: AssignmentIndOutlined, order: 60, roles: ['technician', 'engineer', 'expert', 'manager', 'assessor'] }],
};
