import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { SyncErrorBody, SyncErrorCode } from '../../shared/sync/protocol';

/** An error with a stable code for the client; the message is safe to show. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: SyncErrorCode,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function sendError(reply: FastifyReply, status: number, code: SyncErrorCode, message: string, field?: string): FastifyReply {
  const body: SyncErrorBody = { error: { code, message, ...(field ? { field } : {}) } };
  return reply.code(status).send(body);
}

/** Maps every error to the coded body; internals never leak (B3: generic error text). */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
    if (err instanceof HttpError) {
      for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
      return sendError(reply, err.status, err.code, err.message, err.field);
    }
    const code = (err as FastifyError).code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 413, 'BODY_TOO_LARGE', 'Request body is too large');
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, 415, 'BAD_REQUEST', 'Unsupported content type');
    const status = (err as FastifyError).statusCode ?? 500;
    if (status >= 400 && status < 500) return sendError(reply, status, 'BAD_REQUEST', 'Malformed request');
    request.log.error({ err }, 'request failed');
    return sendError(reply, 500, 'INTERNAL', 'Internal server error');
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'NOT_FOUND', 'No such route'));
}
