import { Subject } from 'rxjs';

/** Change streams are shared by all instances of one collection in this process (like storage-memory). */
const CHANGE_SUBJECTS = new Map<string, { subject: Subject<unknown>; users: number }>();

/** The change stream of one collection's table (`key`: file and table), for one more instance. */
export function acquireChangeSubject<E>(key: string): Subject<E> {
  let entry = CHANGE_SUBJECTS.get(key);
  if (!entry) {
    entry = { subject: new Subject(), users: 0 };
    CHANGE_SUBJECTS.set(key, entry);
  }
  entry.users++;
  return entry.subject as unknown as Subject<E>;
}

/** One instance fewer; the last one completes the stream. */
export function releaseChangeSubject(key: string): void {
  const entry = CHANGE_SUBJECTS.get(key);
  if (entry && --entry.users === 0) {
    CHANGE_SUBJECTS.delete(key);
    entry.subject.complete();
  }
}
