import type { Duplex } from 'node:stream';
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

/**
 * Fastify's own refusals before routing (a path that is not valid UTF-8 once decoded, a
 * parameter over the length limit) get the same coded body as every other refusal.
 */
export function frameworkErrors(error: FastifyError, _request: unknown, reply: FastifyReply): FastifyReply {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendError(reply, 414, 'BAD_REQUEST', 'A path segment is too long');
  return sendError(reply, error.statusCode && error.statusCode < 500 ? error.statusCode : 400, 'BAD_REQUEST', 'Malformed request URL');
}

/**
 * Refusals by Node's HTTP parser, before Fastify sees a request (headers or URL over the size
 * limit, a malformed request line, a client too slow to send its request): the coded body
 * too, written straight to the socket as Node's own handler does.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, text, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', 'The request took too long to arrive']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'The request line or headers are too large']
        : [400, 'Bad Request', 'Malformed request'];
  const body = JSON.stringify({ error: { code: 'BAD_REQUEST', message } } satisfies SyncErrorBody);
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${text}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
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
