import type { ApiError, ApiErrorCode, FieldIssue } from '../../shared/api/result';

/**
 * A failure a service expects and the UI can act on; anything else is INTERNAL. `fields` name
 * the offending inputs with a precise reason (e.g. `reason_required`), which the UI translates.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** The fields at fault, with i18n message keys, so a form can mark them. */
    readonly fields?: FieldIssue[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const toResultError = (error: unknown): ApiError => {
  if (error instanceof DomainError)
    return error.fields ? { code: error.code, message: error.message, fields: error.fields } : { code: error.code, message: error.message };
  const storageCode = (error as { code?: unknown } | null)?.code;
  if (typeof storageCode === 'string' && storageCode.startsWith('STORAGE_')) {
    return { code: 'STORAGE_FAILED', message: (error as Error).message };
  }
  // Internal details stay in the main process log; the renderer gets a generic message.
  console.error('[cims] internal error', error);
  return { code: 'INTERNAL', message: 'Internal error' };
};
