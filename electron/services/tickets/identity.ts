import { Observable, distinctUntilChanged } from 'rxjs';
import type { SessionView } from '../../../shared/api/session';
import type { SettingsStore } from '../../core/settings';
import type { QueueIdentity } from './queries';

/**
 * Who "me" and "my team" are for the queues: the signed-in user, or the device's local
 * identity before any sign-in. Emits again when the user signs in or out.
 */
export const queueIdentity$ = (
  watchSession: (emit: (view: SessionView) => void) => () => void,
  settings: SettingsStore,
): Observable<QueueIdentity> =>
  new Observable<QueueIdentity>((subscriber) => {
    const stop = watchSession(({ user }) => {
      const local = settings.get();
      subscriber.next(user ? { personId: user.id, teamId: user.teamId } : { personId: local.localPersonId, teamId: local.localTeamId });
    });
    return () => {
      stop();
    };
  }).pipe(distinctUntilChanged((a, b) => a.personId === b.personId && a.teamId === b.teamId));
