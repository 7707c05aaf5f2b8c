import type { RouteObject } from 'react-router';
import { AppShell } from './AppShell';
import { features } from './features';
import { Landing } from './Landing';
import { NotFound } from './NotFound';
import { PageSkeleton } from './PageSkeleton';
import { RouteError } from './RouteError';

/**
 * The route tree: the shell around every page, each feature's routes with their own error
 * boundary (a failing screen keeps the shell and offers a way back), and "not found".
 */
export const appRoutes = (): RouteObject[] => [
  {
    path: '/',
    element: <AppShell />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageSkeleton />,
    children: [
      { index: true, element: <Landing /> },
      ...features.flatMap((f) => f.routes).map((route) => ({ ...route, errorElement: <RouteError /> })),
      { path: '*', element: <NotFound /> },
    ],
  },
  ...features.flatMap((f) => f.bareRoutes ?? []).map((route) => ({ ...route, errorElement: <RouteError />, hydrateFallbackElement: <PageSkeleton /> })),
];
