import { z } from 'zod';
import { command, liveQuery, slice } from './define';
import type { SessionUser } from '../sync/protocol';

/**
 * Passwords and tokens travel to the server: over TLS, or over plain HTTP only to this
 * machine (the embedded demo server, a local test server).
 */
export const isSecureServerUrl = (value: string): boolean => {
  const m = /^(https?):\/\/(\[[0-9a-f:.]+\]|[^\s/:?#[\]@]+)(:\d{1,5})?([/?#]\S*)?$/i.exec(value.trim());
  if (!m) return false;
  if (m[1]!.toLowerCase() === 'https') return true;
  const host = m[2]!.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
};

/** The sign-in form. Messages are i18n keys, as in the ticket form. */
export const signInInput = z
  .object({
    serverUrl: z
      .string()
      .trim()
      .max(300, 'validation.serverUrlInvalid')
      .regex(/^https?:\/\/[^\s/]+(:\d+)?(\/.*)?$/i, 'validation.serverUrlInvalid')
      .refine(isSecureServerUrl, 'validation.serverUrlInsecure'),
    username: z.string().trim().min(1, 'validation.usernameRequired').max(128, 'validation.usernameTooLong'),
    password: z.string().min(1, 'validation.passwordRequired').max(1024, 'validation.passwordRequired'),
    /** The user's own password, asked for after an admin reset theirs (PASSWORD_CHANGE_REQUIRED). */
    newPassword: z.string().min(8, 'validation.newPasswordTooShort').max(1024, 'validation.newPasswordTooShort').optional(),
    /** Sign in as another user although the previous one's unsynced work (exported) is lost here. */
    discardUnsynced: z.boolean().optional(),
  })
  .strict();
export type SignInInput = z.input<typeof signInInput>;

export interface SessionView {
  user: SessionUser | null;
  serverUrl: string | null;
  /** Whose records this computer holds (signing in as someone else clears them first). */
  storeOwner?: { username: string; serverUrl: string } | null;
  /** True when this computer has no keychain: the sign-in is kept in memory, not on disk. */
  signInInMemoryOnly?: boolean;
  /**
   * Server time minus this computer's clock, learnt from the server's answers; 0 while the
   * clock is right. SLA countdowns add it to the clock they tick on (RELIABILITY S5).
   */
  clockOffsetMs?: number;
}

/** Local work the server has not acknowledged, as a file the user can keep (RELIABILITY Z4). */
export interface UnsyncedExportFile {
  fileName: string;
  json: string;
  documents: number;
}

/** Signing in and out of the central server, and rescuing unsynced work. */
export const sessionApi = slice({
  commands: {
    'session.signIn': command<SessionUser>()(signInInput),
    'session.signOut': command<null>()(z.object({}).strict()),
    'session.exportUnsynced': command<UnsyncedExportFile>()(z.object({}).strict()),
  },
  liveQueries: {
    'session.current': liveQuery<SessionView>()(z.object({}).strict()),
  },
});
