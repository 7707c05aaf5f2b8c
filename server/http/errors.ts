import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
  const inputs = longInputs(reply.request);
  const body: SyncErrorBody = {
    error: { code, message: withoutEchoes(message, inputs, MAX_MESSAGE), ...(field ? { field: withoutEchoes(field, inputs, MAX_FIELD) } : {}) },
  };
  return reply.code(status).send(body);
}

/**
 * B3, generic error text: a refusal names the id, key or value it refuses, and a hostile one
 * can be long. No refusal repeats more than MAX_ECHO characters of a request string, and
 * none is longer than MAX_MESSAGE (the field: what clients accept, syncErrorBodySchema).
 */
const MAX_ECHO = 64;
const MAX_MESSAGE = 300;
const MAX_FIELD = 200;

/** Strings of the request (header values, path, query and body strings and keys) longer than MAX_ECHO. */
function longInputs(request: FastifyRequest | undefined): string[] {
  if (!request) return [];
  const out: string[] = [];
  // Walked without recursion: a body that nests too deep is refused with this very answer.
  const stack: unknown[] = [request.headers, request.params, request.query, request.body];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.length > MAX_ECHO) out.push(value);
    } else if (Array.isArray(value)) {
      for (const item of value as unknown[]) stack.push(item);
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key.length > MAX_ECHO) out.push(key);
        stack.push(item);
      }
    }
  }
  // Longest first: a string that holds another is cut as a whole.
  return out.sort((a, b) => b.length - a.length);
}

/** `text` with each long request string in it cut short, and at most `max` characters. */
function withoutEchoes(text: string, inputs: readonly string[], max: number): string {
  let out = text;
  for (const input of inputs) if (out.includes(input)) out = out.split(input).join(`${cut(input, MAX_ECHO / 2)}…`);
  return out.length > max ? `${cut(out, max - 1)}…` : out;
}

/** The first `n` UTF-16 units of `s`, never half a surrogate pair. */
const cut = (s: string, n: number): string => (/[\uD800-\uDBFF]/.test(s.charAt(n - 1)) ? s.slice(0, n - 1) : s.slice(0, n));

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
