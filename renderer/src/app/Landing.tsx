import { Navigate } from 'react-router';
import { useLiveQuery } from '../data/useLiveQuery';
import { landingFor } from './landing';
import { PageSkeleton } from './PageSkeleton';

/** Opens the start page of the signed-in user's role. */
export const Landing = () => {
  const { data, loading } = useLiveQuery('session.current', {});
  if (loading) return <PageSkeleton />;
  return <Navigate to={landingFor(data?.user?.roles)} replace />;
};
