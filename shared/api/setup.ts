import { z } from 'zod';
import { command, liveQuery, slice } from './define';
import { signInInput } from './session';

/** The server address as the sign-in form checks it: https, or plain http to this machine. */
export const serverAddressInput = z.object({ serverUrl: signInInput.shape.serverUrl }).strict();

/**
 * What the first start needs: whether this computer was ever set up (a server chosen, a
 * sign-in, or local-only work), and the server address chosen so far.
 */
export interface SetupView {
  /** Nothing chosen yet: the app opens on the welcome screen. */
  firstRun: boolean;
  /** The server this computer works with (chosen at first start or in settings). */
  serverUrl: string | null;
}

export interface ServerChange {
  serverUrl: string;
  /** True when a session with the previous server was ended. */
  signedOut: boolean;
  /** Changes still only on this computer; they stay, for the previous server's user. */
  pendingLocalChanges: number;
}

/** First start (language, server, sign-in) and changing the server later. */
export const setupApi = slice({
  commands: {
    /** At first start: remembers the server the sign-in goes to. */
    'setup.chooseServer': command<SetupView>()(serverAddressInput),
    /** Later, in settings: signs out of the current server (local work stays), then remembers the new one. */
    'setup.changeServer': command<ServerChange>()(serverAddressInput),
  },
  liveQueries: {
    'setup.current': liveQuery<SetupView>()(z.object({}).strict()),
  },
});
