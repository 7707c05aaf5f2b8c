/**
 * Messages of the browser harness WebSocket (ARCHITECTURE, "The browser harness"): the
 * renderer's WebSocket transport and the harness server both speak these shapes, and each
 * side parses what it receives with the schema here instead of trusting the other.
 *
 * client -> server: `command` (one request, one `result`), `subscribe` / `unsubscribe`
 * (a live query, any number of `live` messages). server -> client: `result`, `live`, and
 * `error` for a message the server could not read at all (no id to answer to).
 */
import { z } from 'zod';
import { MAX_BLOB_BYTES, MAX_THUMBNAIL_BYTES } from '../domain/attachments';
import { apiErrorCodes } from './result';

/** Path of the socket on the harness origin; the per-launch token rides in the query. */
export const HARNESS_SOCKET_PATH = '/api';
export const HARNESS_TOKEN_PARAM = 'token';
/**
 * Largest message either side sends; the server closes a socket that sends more. Room for
 * the largest attachment (`attachments.add` carries its bytes as base64) and its thumbnail.
 */
export const MAX_HARNESS_MESSAGE_BYTES = Math.ceil((MAX_BLOB_BYTES + MAX_THUMBNAIL_BYTES) / 3) * 4 + 64 * 1024;

const messageId = z.number().int().nonnegative();
const name = z.string().max(100);

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('command'), id: messageId, name, input: z.unknown() }).strict(),
  z.object({ type: z.literal('subscribe'), id: messageId, name, params: z.unknown() }).strict(),
  z.object({ type: z.literal('unsubscribe'), id: messageId }).strict(),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

const fieldIssueSchema = z.object({ path: z.string(), code: z.string(), message: z.string() });

export const apiErrorSchema = z.object({
  code: z.enum(apiErrorCodes),
  message: z.string(),
  fields: z.array(fieldIssueSchema).optional(),
});

/**
 * A command or live-query `Result`. The value stays `unknown` on the wire: its type is the
 * contract's for the command the id belongs to, which only the sender of the request knows.
 * A command with no value arrives as `{ ok: true }` (JSON drops `undefined`).
 */
export const wireResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown().optional() }),
  z.object({ ok: z.literal(false), error: apiErrorSchema }),
]);

export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: messageId, result: wireResultSchema }),
  z.object({ type: z.literal('live'), id: messageId, result: wireResultSchema }),
  z.object({ type: z.literal('error'), error: apiErrorSchema }),
]);

/** What the server sends; a handler's `Result<T>` fits `result` as it is. */
export type ServerMessage = z.infer<typeof serverMessageSchema>;
