/**
 * HTTP client for the replication protocol of shared/sync/protocol.ts, on Node's global fetch.
 * Every request carries the protocol version header; authenticated requests carry the bearer
 * access token, refreshed once (single flight) when the server says TOKEN_EXPIRED. A refused
 * refresh token ends the session (Z4). Methods and paths come from the shared route table and
 * every reply is decoded with its schema (replies.ts). Errors are `SyncHttpError` values with a
 * stable code.
 */
import { createHash, randomUUID } from 'node:crypto';
import { MAX_BODY_BYTES, MAX_PUSH_ROWS, SYNC_PROTOCOL_VERSION, SYNC_VERSION_HEADER } from '../../shared/sync/protocol';
import type { Checkpoint, LoginResponse, PullResponse, SessionUser, StreamEvent, WireDocument } from '../../shared/sync/protocol';
import type { ReportName, ReportQuery, ReportResults } from '../../shared/api/reports';
import { reportRoutes, routePath, routes, type RouteBody, type RouteName, type RouteParams } from '../../shared/sync/routes';
import { BLOB_UPLOAD_CONTENT_TYPE, UPLOAD_LENGTH_HEADER, UPLOAD_OFFSET_HEADER, type BlobStatusReply } from '../../shared/sync/blobs';
import { splitIntoBatches, RowTooLargeError } from './batching';
import { bodyBytes, decodeReply, decodeStreamEvent, errorFromResponse, SyncHttpError, type DecodedReply } from './replies';
import type { ServerClock } from './server-clock';
import { readSse } from './sse';
import type { StoredTokens, TokenStore } from './tokens';

export { SyncHttpError } from './replies';
export type { SyncClientErrorCode } from './replies';

export interface PushRow {
  newDocumentState: WireDocument;
  assumedMasterState?: WireDocument;
}

export interface SyncHttpClientOptions {
  serverUrl: string;
  tokenStore: TokenStore;
  /** Per-request timeout (connect + body; for the stream only until the headers). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  device?: string;
  /** Every request's outcome: `false` when the server could not be reached. */
  onReachability?: (reachable: boolean) => void;
  /** The server refused the refresh token: the user was disabled or changed password (Z4). */
  onSessionEnded?: (error: SyncHttpError) => void;
  maxBodyBytes?: number;
  maxPushRows?: number;
  /**
   * A sign-in the server sheds (503 OVERLOADED: it did not run) is sent again after the
   * server's Retry-After, capped at `maxWaitMs`, up to `attempts` times in all.
   */
  busyRetry?: { attempts: number; maxWaitMs: number };
  /** Told the server's `Date` of every answer, with the device times around it (server-clock.ts). */
  serverClock?: Pick<ServerClock, 'deviceNow' | 'observe'>;
}

/** Sign-in while the server sheds load: 4 tries, at most 5 s apart (about 15 s in all). */
export const LOGIN_BUSY_RETRY = { attempts: 4, maxWaitMs: 5_000 } as const;

export interface SyncHttpClient {
  readonly serverUrl: string;
  /** `newPassword`: the user's own, chosen at sign-in (required after an admin's reset). */
  login(username: string, password: string, newPassword?: string): Promise<LoginResponse>;
  logout(): Promise<void>;
  me(): Promise<SessionUser>;
  health(): Promise<boolean>;
  pull(collection: string, checkpoint: Checkpoint | null, batchSize: number): Promise<PullResponse>;
  /**
   * The same request, its answer's bytes undecoded: a download hands them to the store's
   * worker, which parses and checks them (../db/download-page.ts). Optional: without it the
   * replication pulls through `pull`.
   */
  pullRaw?(collection: string, checkpoint: Checkpoint | null, batchSize: number): Promise<ArrayBuffer>;
  /** Pushes in batches under the body and row limits; returns the conflicts of all batches. */
  push(collection: string, rows: readonly PushRow[]): Promise<WireDocument[]>;
  /** As `push`, with the server's two answers apart: true conflicts, and rows it stored otherwise than pushed. */
  pushAnswer(collection: string, rows: readonly PushRow[]): Promise<PushAnswer>;
  /** Opens the SSE stream; yields events until the connection ends or `signal` aborts. */
  stream(collection: string, signal: AbortSignal): AsyncGenerator<StreamEvent>;
  currentUser(): Promise<SessionUser | null>;
  /** A quality report over the server's data in the caller's scope. */
  report<N extends ReportName>(name: N, query: ReportQuery): Promise<ReportResults[N]>;
  /** An admin route of the shared table with this session's tokens; the reply decoded. */
  admin<N extends AdminRoute>(name: N, request: AdminRequest<N>): Promise<DecodedReply<N>>;
  /** How many bytes of a blob the server holds (shared/sync/blobs.ts). */
  blobStatus(sha256: string, ticketId: string): Promise<BlobStatusReply>;
  /** Sends `bytes` of a blob of `length` bytes from `offset`; the server's new state. */
  blobUpload(sha256: string, upload: { ticketId: string; type: string; offset: number; length: number; bytes: Uint8Array }): Promise<BlobStatusReply>;
  /** A blob's bytes (the server checks the caller may see a ticket that names it). */
  blobGet(sha256: string): Promise<Uint8Array>;
}

/** A push's answer: rows in conflict (the master's state), and rows the server stored otherwise than pushed. */
export interface PushAnswer {
  conflicts: WireDocument[];
  stored: WireDocument[];
  /**
   * Per pushed row, the collection's sequence once the server stored its batch (the reply's
   * `seq`); rows of a server that does not tell are absent.
   */
  seqs?: Map<string, number>;
}

/** The administration routes: what the admin screens send to the server. */
export type AdminRoute = 'createUser' | 'updateUser' | 'createTeam' | 'updateTeam' | 'auditLog' | 'savePolicy' | 'rollbackPolicy' | 'policySchedule' | 'cancelPolicySchedule' | 'saveSettings';
export interface AdminRequest<N extends AdminRoute> {
  params?: RouteParams<N>;
  json?: RouteBody<N>;
  /** Query string parameters (the audit log's filters); undefined values are left out. */
  query?: Record<string, string | number | undefined>;
}

interface RequestExtras<N extends RouteName> {
  /** The route's path parameters, filled in by `routePath`. */
  params?: Record<string, string>;
  /** Query string parameters (GET routes with a `query` schema); undefined values are left out. */
  query?: Record<string, string | number | undefined>;
  /** The body, typed by the route's body schema. */
  json?: RouteBody<N>;
  accessToken?: string;
  headersOnlyTimeout?: boolean;
  /** A binary body (blob uploads) instead of `json`, with its own headers. */
  bytes?: Uint8Array;
  headers?: Record<string, string>;
}

function fingerprint(collection: string, rows: readonly PushRow[]): string {
  return createHash('sha256').update(collection).update('\0').update(JSON.stringify(rows)).digest('hex');
}

export function createSyncHttpClient(options: SyncHttpClientOptions): SyncHttpClient {
  const serverUrl = options.serverUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const maxPushRows = options.maxPushRows ?? MAX_PUSH_ROWS;
  let tokens: StoredTokens | null | undefined;
  let refreshing: Promise<StoredTokens> | null = null;
  let sessionEnded = false;
  /**
   * pushIds of the batches of the last push call that failed, by content. RxDB retries a
   * failed push with the very same rows, so each batch is sent again under its old pushId and
   * the server treats it as a replay (S2), also for the batches that had already committed.
   */
  const retryPushIds = new Map<string, Map<string, string>>();

  async function getTokens(): Promise<StoredTokens> {
    if (tokens === undefined) tokens = await options.tokenStore.load();
    if (!tokens) throw new SyncHttpError('SIGNED_OUT', 'Not signed in', 0);
    if (sessionEnded) throw new SyncHttpError('SESSION_ENDED', 'The session has ended; sign in again', 401);
    return tokens;
  }

  function tokensFrom(res: LoginResponse, previous?: StoredTokens): StoredTokens {
    return {
      serverUrl,
      accessToken: res.accessToken,
      // Our own clock at receipt plus the server's lifetime: immune to client clock skew (S5).
      accessExpiresAt: Date.now() + res.expiresIn * 1000,
      refreshToken: res.refreshToken ?? previous?.refreshToken ?? '',
      user: res.user ?? previous?.user,
    };
  }

  /** One request to a route of the shared table: its method and path come from there. */
  async function raw<N extends RouteName>(name: N, init: RequestExtras<N> & (keyof RouteParams<N> extends never ? object : { params: RouteParams<N> }), signal?: AbortSignal): Promise<Response> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(init.query ?? {})) if (value !== undefined) search.set(key, String(value));
    const path = (routePath as (n: RouteName, p?: Record<string, string>) => string)(name, init.params) + (search.size > 0 ? `?${search}` : '');
    const headers: Record<string, string> = { [SYNC_VERSION_HEADER]: String(SYNC_PROTOCOL_VERSION), accept: 'application/json' };
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, init.headers);
    if (init.accessToken) headers.authorization = `Bearer ${init.accessToken}`;
    // A plain request's timeout also covers reading its body; a stream's only the headers.
    const timer = new AbortController();
    const handle = init.headersOnlyTimeout ? setTimeout(() => timer.abort(), timeoutMs) : undefined;
    const timeout = init.headersOnlyTimeout ? timer.signal : AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const sentAt = options.serverClock?.deviceNow() ?? 0;
    try {
      const res = await doFetch(serverUrl + path, {
        method: routes[name].method,
        headers,
        body: init.bytes ?? (init.json === undefined ? undefined : JSON.stringify(init.json)),
        signal: combined,
      });
      const date = res.headers.get('date');
      if (options.serverClock && date) options.serverClock.observe(date, sentAt, options.serverClock.deviceNow());
      options.onReachability?.(true);
      clearTimeout(handle);
      return res;
    } catch (err) {
      clearTimeout(handle);
      if (signal?.aborted) throw err;
      options.onReachability?.(false);
      if (timeout.aborted) throw new SyncHttpError('TIMEOUT', `No answer from ${serverUrl} within ${timeoutMs} ms`, 0);
      throw new SyncHttpError('NETWORK', `Cannot reach ${serverUrl}: ${(err as Error).message}`, 0);
    }
  }

  async function refresh(): Promise<StoredTokens> {
    refreshing ??= (async () => {
      const current = await getTokens();
      const res = await raw('refresh', { json: { refreshToken: current.refreshToken } });
      if (!res.ok) {
        const err = await errorFromResponse(res);
        if (res.status === 401 || res.status === 403) {
          // The server no longer honours this session (user disabled, password changed).
          sessionEnded = true;
          const ended = new SyncHttpError('SESSION_ENDED', err.message, res.status);
          options.onSessionEnded?.(ended);
          throw ended;
        }
        throw err;
      }
      const next = tokensFrom(await decodeReply('refresh', res), current);
      tokens = next;
      await options.tokenStore.save(next);
      return next;
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /** An authenticated request; refreshes the access token once if the server asks for it. */
  async function authed<N extends RouteName>(name: N, init: Parameters<typeof raw<N>>[1], signal?: AbortSignal): Promise<Response> {
    let t = await getTokens();
    if (t.accessExpiresAt - 5_000 < Date.now()) t = await refresh();
    let res = await raw(name, { ...init, accessToken: t.accessToken }, signal);
    if (res.status === 401) {
      await res.body?.cancel();
      t = await refresh();
      res = await raw(name, { ...init, accessToken: t.accessToken }, signal);
    }
    if (!res.ok) throw await errorFromResponse(res);
    return res;
  }

  async function pushBatch(collection: string, rows: PushRow[], pushId: string): Promise<PushAnswer> {
    const res = await authed('push', { params: { collection }, json: { pushId, rows } });
    const reply = await decodeReply('push', res);
    const seqs = new Map<string, number>();
    if (reply.seq !== undefined) for (const r of rows) seqs.set(String((r.newDocumentState as { id?: unknown }).id), reply.seq);
    return { conflicts: reply.conflicts, stored: reply.stored ?? [], seqs };
  }

  async function pushAnswer(collection: string, rows: readonly PushRow[]): Promise<PushAnswer> {
    let batches: PushRow[][];
    try {
      batches = splitIntoBatches(rows, maxBodyBytes, maxPushRows);
    } catch (err) {
      if (err instanceof RowTooLargeError) throw new SyncHttpError('BODY_TOO_LARGE', err.message, 0);
      throw err;
    }
    const previous = retryPushIds.get(collection) ?? new Map<string, string>();
    const ids = new Map<string, string>();
    const answer: PushAnswer = { conflicts: [], stored: [], seqs: new Map() };
    try {
      for (const batch of batches) {
        const fp = fingerprint(collection, batch);
        const pushId = previous.get(fp) ?? randomUUID();
        ids.set(fp, pushId);
        const part = await pushBatch(collection, batch, pushId);
        answer.conflicts.push(...part.conflicts);
        answer.stored.push(...part.stored);
        for (const [id, seq] of part.seqs ?? []) answer.seqs!.set(id, seq);
      }
    } catch (err) {
      // Remember every batch of this call (the committed ones too) for the retry.
      for (const batch of batches) {
        const fp = fingerprint(collection, batch);
        if (!ids.has(fp)) ids.set(fp, previous.get(fp) ?? randomUUID());
      }
      retryPushIds.set(collection, ids);
      throw err;
    }
    retryPushIds.delete(collection);
    return answer;
  }

  return {
    serverUrl,

    async login(username, password, newPassword) {
      const json: RouteBody<'login'> = { username, password, ...(options.device ? { device: options.device } : {}), ...(newPassword === undefined ? {} : { newPassword }) };
      const busy = options.busyRetry ?? LOGIN_BUSY_RETRY;
      let res = await raw('login', { json });
      for (let attempt = 1; !res.ok; attempt++) {
        const error = await errorFromResponse(res);
        if (error.code !== 'OVERLOADED' || attempt >= busy.attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(error.retryAfterMs ?? 1000, busy.maxWaitMs)));
        res = await raw('login', { json });
      }
      const body = await decodeReply('login', res);
      tokens = tokensFrom(body);
      sessionEnded = false;
      await options.tokenStore.save(tokens);
      return body;
    },

    async logout() {
      const t = tokens === undefined ? await options.tokenStore.load() : tokens;
      if (t && !sessionEnded) {
        try {
          const res = await raw('logout', { json: { refreshToken: t.refreshToken }, accessToken: t.accessToken });
          await res.body?.cancel();
        } catch {
          // Offline sign-out still signs out locally; the refresh token expires on its own.
        }
      }
      tokens = null;
      await options.tokenStore.clear();
    },

    async me() {
      const res = await authed('me', {});
      return (await decodeReply('me', res)).user;
    },

    async health() {
      try {
        const res = await raw('health', {});
        if (!res.ok) {
          await res.body?.cancel();
          return false;
        }
        // A captive portal or proxy answering 200 with its own page is not our server.
        await decodeReply('health', res);
        return true;
      } catch {
        return false;
      }
    },

    async pull(collection, checkpoint, batchSize) {
      const res = await authed('pull', { params: { collection }, json: { checkpoint, batchSize } });
      return decodeReply('pull', res);
    },

    async pullRaw(collection, checkpoint, batchSize) {
      const res = await authed('pull', { params: { collection }, json: { checkpoint, batchSize } });
      return bodyBytes(res);
    },

    async push(collection, rows) {
      // RxDB takes both as the master's state: a conflict is resolved, a stored row adopted.
      const answer = await pushAnswer(collection, rows);
      return [...answer.conflicts, ...answer.stored];
    },

    pushAnswer,

    async *stream(collection, signal) {
      // The timeout covers connecting only; an open stream lives until the server or we end it.
      const connect = new AbortController();
      const onAbort = () => connect.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        const res = await authed('stream', { params: { collection }, headersOnlyTimeout: true }, connect.signal);
        if (!res.body) throw new SyncHttpError('INTERNAL', 'Stream without body', res.status);
        for await (const msg of readSse(res.body)) {
          if (!msg.data) continue;
          // A malformed event ends this connection as PROTOCOL_ERROR; the caller reconnects.
          yield decodeStreamEvent(msg.data);
        }
      } finally {
        signal.removeEventListener('abort', onAbort);
        connect.abort();
      }
    },

    async blobStatus(sha256, ticketId) {
      return decodeReply('blobStatus', await authed('blobStatus', { params: { sha256 }, query: { ticketId } }));
    },

    async blobUpload(sha256, u) {
      const res = await authed('blobUpload', {
        params: { sha256 },
        query: { ticketId: u.ticketId, type: u.type },
        bytes: u.bytes,
        headers: { 'content-type': BLOB_UPLOAD_CONTENT_TYPE, [UPLOAD_OFFSET_HEADER]: String(u.offset), [UPLOAD_LENGTH_HEADER]: String(u.length) },
      });
      return decodeReply('blobUpload', res);
    },

    async blobGet(sha256) {
      const res = await authed('blobGet', { params: { sha256 } });
      return new Uint8Array(await res.arrayBuffer());
    },

    async report(name, query) {
      const route: (typeof reportRoutes)[ReportName] = reportRoutes[name];
      const res = await authed(route, { query: query as Record<string, string | undefined> });
      return (await decodeReply(route, res)) as ReportResults[typeof name];
    },

    async currentUser() {
      if (tokens === undefined) tokens = await options.tokenStore.load();
      return tokens?.user ?? null;
    },

    async admin(name, request) {
      const init = { params: request.params, json: request.json, query: request.query } as Parameters<typeof raw<typeof name>>[1];
      return decodeReply(name, await authed(name, init));
    },
  };
}
