import { Navigate } from 'react-router';
import { useLiveQuery } from '../data/useLiveQuery';
import { landingFor } from './landing';
import { PageSkeleton } from './PageSkeleton';

/** Opens the start page of the signed-in user's role, or the welcome screen at first start. */
export const Landing = () => {
  const { data, loading } = useLiveQuery('session.current', {});
  const setup = useLiveQuery('setup.current', {});
  if (loading) return <PageSkeleton />;
  if (data?.user) return <Navigate to={landingFor(data.user.roles)} replace />;
  if (setup.loading) return <PageSkeleton />;
  return <Navigate to={setup.data?.firstRun ? '/welcome' : landingFor(undefined)} replace />;
};
