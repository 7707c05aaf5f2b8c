import { lazyPage, type Feature } from '../../app/feature';

/** The first start's welcome screen; the account menu and banner live in the frame. */
export const sessionFeature: Feature = {
  routes: [{ path: 'welcome', lazy: lazyPage(() => import('./pages/WelcomePage'), 'WelcomePage') }],
  nav: [],
};
