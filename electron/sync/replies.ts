/**
 * Decoding of the sync server's answers at the client boundary. Every JSON reply is parsed
 * with its route's schema from the shared table; an answer that is not what the protocol
 * says (a proxy's page, a truncated body, a server bug) becomes a `SyncHttpError` with code
 * PROTOCOL_ERROR instead of a value the replication would trust (STYLE 4).
 */
import type { z } from 'zod';
import { streamEventSchema, syncErrorBodySchema, syncErrorCodes, type StreamEvent, type SyncErrorCode } from '../../shared/sync/protocol';
import { acceptedPull } from './pull-reply';
import { routes, type RouteName } from '../../shared/sync/routes';

/** Server codes plus the ones only a client can observe. */
export type SyncClientErrorCode = SyncErrorCode | 'NETWORK' | 'TIMEOUT' | 'SESSION_ENDED' | 'SIGNED_OUT' | 'PROTOCOL_ERROR';

export class SyncHttpError extends Error {
  constructor(
    readonly code: SyncClientErrorCode,
    message: string,
    /** HTTP status, 0 when no response arrived. */
    readonly status: number,
    readonly field?: string,
    /** The server's Retry-After, in milliseconds, when it said one (503 OVERLOADED, 429). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }

  /** True when the server was not reached at all (drives the offline state). */
  get isNetwork(): boolean {
    return this.code === 'NETWORK' || this.code === 'TIMEOUT';
  }
}

type ReplyRoute = { [N in RouteName]: (typeof routes)[N] extends { reply: z.ZodType } ? N : never }[RouteName];
export type DecodedReply<N extends ReplyRoute> = z.output<(typeof routes)[N]['reply']>;

const STATUS_CODES: Record<number, SyncErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'BODY_TOO_LARGE',
  426: 'SYNC_VERSION_MISMATCH',
  429: 'RATE_LIMITED',
};

const isServerCode = (code: string): code is SyncErrorCode => (syncErrorCodes as readonly string[]).includes(code);

/** Reads a body; a connection that drops or times out mid-body is a network failure. */
async function readBody<T>(res: Response, read: (res: Response) => Promise<T>): Promise<T> {
  try {
    return await read(res);
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new SyncHttpError('TIMEOUT', 'The answer did not arrive in time', res.status);
    throw new SyncHttpError('NETWORK', `The connection dropped while reading the answer: ${(err as Error).message}`, res.status);
  }
}

const bodyText = (res: Response): Promise<string> => readBody(res, (r) => r.text());

/** A body's bytes, undecoded (a download's pages: the store's worker parses them). */
export const bodyBytes = (res: Response): Promise<ArrayBuffer> => readBody(res, (r) => r.arrayBuffer());

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function protocolError(what: string, detail: string, status: number): SyncHttpError {
  return new SyncHttpError('PROTOCOL_ERROR', `The server's answer to ${what} is not valid: ${detail}`.slice(0, 500), status);
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape';
}

/** Decodes a successful reply of `name` with the table's reply schema. */
export async function decodeReply<N extends ReplyRoute>(name: N, res: Response): Promise<DecodedReply<N>> {
  const text = await bodyText(res);
  const json = parseJson(text);
  if (!json.ok) throw protocolError(name, 'not JSON', res.status);
  if (name === 'pull') {
    const pulled = acceptedPull(json.value);
    if (pulled) return pulled as DecodedReply<N>;
  }
  const parsed = (routes[name].reply as z.ZodType).safeParse(json.value);
  if (!parsed.success) throw protocolError(name, describe(parsed.error), res.status);
  return parsed.data as DecodedReply<N>;
}

/** Decodes the `data` of one Server-Sent Event of the stream route. */
export function decodeStreamEvent(data: string): StreamEvent {
  const json = parseJson(data);
  if (!json.ok) throw protocolError('stream', 'an event is not JSON', 200);
  const parsed = streamEventSchema.safeParse(json.value);
  if (!parsed.success) throw protocolError('stream', describe(parsed.error), 200);
  return parsed.data as StreamEvent;
}

/**
 * The coded error of a refused request. A body that is not ours (a proxy's HTML page) or a
 * code this client does not know leaves the HTTP status as all we know.
 */
export async function errorFromResponse(res: Response): Promise<SyncHttpError> {
  let code: SyncErrorCode = STATUS_CODES[res.status] ?? (res.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
  let message = `HTTP ${res.status}`;
  let field: string | undefined;
  let text = '';
  try {
    text = await res.text();
  } catch {
    // The body did not arrive: the status still says what happened.
  }
  const json = parseJson(text);
  const parsed = json.ok ? syncErrorBodySchema.safeParse(json.value) : null;
  if (parsed?.success) {
    const e = parsed.data.error;
    if (isServerCode(e.code)) code = e.code;
    message = e.message;
    field = e.field;
  }
  return new SyncHttpError(code, message, res.status, field, retryAfterMs(res.headers.get('retry-after')));
}

/** A Retry-After header (delay in seconds, or an HTTP date) in milliseconds from now. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its day and month; a bare number that is not a count of seconds ('-3') is no date.
  const at = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
