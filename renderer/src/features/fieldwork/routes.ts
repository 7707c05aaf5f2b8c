import { lazyPage, type Feature } from '../../app/feature';

export const fieldworkFeature: Feature = {
  routes: [],
  nav: [],
  // The service report's print view: A4, without the frame, what the PDF is printed from.
  bareRoutes: [
    { path: '/tickets/:number/report', lazy: lazyPage(() => import('./pages/ReportPage'), 'ReportPage') },
  ],
};
