import { attachmentErrorCodes } from '../domain/attachments';
import { reportErrorCodes } from '../domain/report-codes';

/**
 * Errors cross process boundaries as values, never as thrown exceptions: the renderer
 * branches on `code` and translates it; `message` is for logs and developers.
 */
export const apiErrorCodes = [
  'VALIDATION_FAILED',
  'UNKNOWN_COMMAND',
  'UNKNOWN_QUERY',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'STORAGE_FAILED',
  'TRANSPORT_FAILED',
  'SERVER_UNREACHABLE',
  // The server sheds load (503 OVERLOADED) and still did after a few tries: try again shortly.
  'SERVER_BUSY',
  'SIGN_IN_FAILED',
  // The password was reset by an admin: choose a new one to sign in.
  'PASSWORD_CHANGE_REQUIRED',
  'RATE_LIMITED',
  'UPDATE_REQUIRED',
  // Signing in as another user while the previous one's work is not on the server yet.
  'STORE_HAS_UNSYNCED',
  // "Restart to install" while a push is on its way to the server, or with nothing downloaded.
  'PUSH_IN_FLIGHT',
  'NO_UPDATE_READY',
  // Opening the log folder where the app writes no log files (the browser harness).
  'NOT_SUPPORTED',
  // A print view (report, review pack, round report) said it cannot be drawn: a report refused, or nothing to print.
  'PRINT_VIEW_FAILED',
  'INTERNAL',
  // A report's range or filter (shared/domain/reports.ts).
  ...reportErrorCodes,
  // Attachments (shared/domain/attachments.ts).
  ...attachmentErrorCodes,
] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `title` or `contact.phone`. */
  path: string;
  /** Machine-readable reason (zod issue code), translated by the UI. */
  code: string;
  message: string;
}

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  fields?: FieldIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ApiErrorCode, message: string, fields?: FieldIssue[]): Result<never> => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});
