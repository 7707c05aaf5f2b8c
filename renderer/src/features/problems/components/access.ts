import { useLiveQuery } from '../../../data/useLiveQuery';

/** Roles that write problems (the server's problemAccess); others read them. */
const WRITERS = ['admin', 'manager', 'expert', 'engineer'];

/** Whether the signed-in user may create and change problems: hides what main would refuse. */
export const useMayWriteProblems = (): boolean => {
  const { data } = useLiveQuery('session.current', {});
  return data?.user?.roles.some((r) => WRITERS.includes(r)) ?? false;
};
