import { DEMO_PASSWORD } from '../../shared/domain/demo';
import type { Core } from './core';

/**
 * Demo start-up: resume a stored session, or sign in to the embedded demo server as one of
 * its demo people, so a new user lands in a working, synced system.
 */
export const signInToDemo = async (core: Core, serverUrl: string, username = 'manager'): Promise<string> => {
  if (await core.session.resume()) return `Resumed the stored session of ${core.session.user()?.username ?? 'the last user'}.`;
  try {
    const user = await core.session.signIn({ serverUrl, username, password: DEMO_PASSWORD });
    return `Signed in as ${user.displayName} (${user.username}).`;
  } catch (error) {
    return `Could not sign in as ${username}: ${(error as Error).message}`;
  }
};
