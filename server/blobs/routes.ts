/**
 * The blob routes (shared/sync/blobs.ts): status, resumable upload, download, for blobs of a
 * ticket or of a maintenance round (who may do what: access.ts; every refusal of access and
 * every upload whose content is not its name is audited: audit.ts). Upload bodies
 * are read raw, in this plugin's scope only, so the JSON body limit of the sync routes stays
 * as it is and the bytes of a cut request can still be kept.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isBlobType, isSha256, sniffBlobType } from '../../shared/domain/attachments';
import {
  BLOB_UPLOAD_CONTENT_TYPE,
  blobOwnerOf,
  blobStatusQuerySchema,
  blobUploadQuerySchema,
  UPLOAD_LENGTH_HEADER,
  UPLOAD_OFFSET_HEADER,
  type BlobStatusReply,
} from '../../shared/sync/blobs';
import { HttpError } from '../http/errors';
import { parseBody, route } from '../http/route';
import { assertMayDownload, assertMayUpload, BlobRefusal } from './access';
import { auditBlobRefusal, type BlobAction, type BlobCaller } from './audit';
import type { BlobConfig } from './config';
import { blobKey, finishUpload, keepPart, uploadStatus } from './uploads';

const shaParam = (params: { sha256: string }): string => {
  if (!isSha256(params.sha256))
    throw new HttpError(400, 'BAD_REQUEST', 'The blob name must be a lower-case hex SHA-256', 'sha256');
  return params.sha256;
};

const headerInt = (value: string | string[] | undefined, name: string): number => {
  const n = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n))
    throw new HttpError(400, 'BAD_REQUEST', `The ${name} header must be a whole number`, name);
  return n;
};

interface Received {
  bytes: Uint8Array;
  /** The request body arrived to its end (false: the connection was cut). */
  whole: boolean;
  /** More bytes came than the upload has left. */
  overflow: boolean;
}

/** Reads up to `limit` bytes; never rejects, so a cut request still hands over what came. */
const receive = (raw: IncomingMessage, limit: number): Promise<Received> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (whole: boolean, overflow = false) => {
      if (done) return;
      done = true;
      resolve({ bytes: Buffer.concat(chunks, size), whole, overflow });
    };
    raw.on('data', (chunk: Buffer) => {
      if (done) return;
      if (size + chunk.length > limit) {
        finish(false, true);
        raw.resume();
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    raw.on('end', () => finish(true));
    raw.on('error', () => finish(false));
    raw.on('close', () => finish(raw.readableEnded));
    // Cut while the request was being authorised: its close event has passed already.
    if (raw.destroyed) finish(raw.readableEnded);
  });

const refusal = {
  BLOB_EMPTY: [400, 'BAD_REQUEST', 'The file is empty'],
  BLOB_TOO_LARGE: [413, 'BLOB_TOO_LARGE', 'The file is larger than the server accepts'],
  BLOB_TYPE_REFUSED: [
    415,
    'BLOB_TYPE_REFUSED',
    'The content is not a photo or document type the server accepts',
  ],
  BLOB_TYPE_MISMATCH: [415, 'BLOB_TYPE_REFUSED', 'The content is not of the type the file claims'],
  BLOB_HASH_MISMATCH: [
    422,
    'BLOB_HASH_MISMATCH',
    'The content does not match its SHA-256 name; the upload was discarded',
  ],
} as const;

/**
 * One request per blob at a time in this process: a request cut mid-body is still storing
 * what arrived when the device, seeing the cut, already asks where to resume. Waiting for it
 * means the answer includes those bytes, so they are not sent again.
 */
const serialiser = () => {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
};

export function registerBlobRoutes(app: FastifyInstance, blobs: BlobConfig): void {
  const { store, maxBytes } = blobs;
  const oneAtATime = serialiser();

  /** Runs an access check; a refusal is audited, then answered as it was thrown. */
  const authorise = async (
    caller: BlobCaller,
    action: BlobAction,
    sha: string,
    check: () => Promise<void>,
  ): Promise<void> => {
    try {
      await check();
    } catch (error) {
      if (error instanceof BlobRefusal)
        await auditBlobRefusal(app.deps.db, caller, action, 'unreadable', sha, error.owners);
      throw error;
    }
  };

  route(app, 'blobStatus', async (request) => {
    const sha = shaParam(request.params);
    const query = parseBody(blobStatusQuerySchema, request.query);
    const user = await app.deps.requireUser(request);
    await authorise({ user, ip: request.ip }, 'blob.status', sha, () =>
      assertMayUpload(app.deps.db, user, query.ticketId, sha),
    );
    return oneAtATime(sha, () => uploadStatus(store, sha));
  });

  route(app, 'blobGet', async (request, reply) => {
    const sha = shaParam(request.params);
    const user = await app.deps.requireUser(request);
    await authorise({ user, ip: request.ip }, 'blob.download', sha, () =>
      assertMayDownload(app.deps.db, user, sha),
    );
    const bytes = await store.get(blobKey(sha));
    if (!bytes) throw new HttpError(404, 'NOT_FOUND', 'The file has not reached the server yet');
    return reply
      .header('content-type', sniffBlobType(bytes) ?? 'application/octet-stream')
      .header('content-length', String(bytes.length))
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', 'attachment')
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  });

  void app.register(async (scope) => {
    // The raw body stays unread here; the handler streams it (see `receive`).
    scope.addContentTypeParser(BLOB_UPLOAD_CONTENT_TYPE, (_request, _payload, done) => done(null, undefined));
    route(
      scope,
      'blobUpload',
      async (request, reply: FastifyReply): Promise<BlobStatusReply | FastifyReply> => {
        const sha = shaParam(request.params);
        const query = parseBody(blobUploadQuerySchema, request.query);
        if (request.headers['content-type'] !== BLOB_UPLOAD_CONTENT_TYPE)
          throw new HttpError(415, 'BAD_REQUEST', `Uploads are sent as ${BLOB_UPLOAD_CONTENT_TYPE}`);
        if (!isBlobType(query.type))
          throw new HttpError(
            415,
            'BLOB_TYPE_REFUSED',
            'The server does not accept files of this type',
            'type',
          );
        const offset = headerInt(request.headers[UPLOAD_OFFSET_HEADER], UPLOAD_OFFSET_HEADER);
        const length = headerInt(request.headers[UPLOAD_LENGTH_HEADER], UPLOAD_LENGTH_HEADER);
        if (length > maxBytes)
          throw new HttpError(
            413,
            'BLOB_TOO_LARGE',
            `The file is larger than the server accepts (${maxBytes} bytes)`,
            UPLOAD_LENGTH_HEADER,
          );
        if (length === 0) throw new HttpError(400, 'BAD_REQUEST', 'The file is empty', UPLOAD_LENGTH_HEADER);
        const user = await app.deps.requireUser(request);
        const caller = { user, ip: request.ip };
        await authorise(caller, 'blob.upload', sha, () =>
          assertMayUpload(app.deps.db, user, query.ticketId, sha),
        );
        return oneAtATime(sha, async () => {
          const state = await uploadStatus(store, sha);
          if (state.complete) {
            // Never stored twice: the bytes are dropped unread.
            request.raw.resume();
            return state;
          }
          if (offset !== state.offset) {
            request.raw.resume();
            reply.header(UPLOAD_OFFSET_HEADER, String(state.offset));
            throw new HttpError(
              409,
              'BLOB_OFFSET_MISMATCH',
              `The server holds ${state.offset} bytes of this file; resume from there`,
              UPLOAD_OFFSET_HEADER,
              {
                [UPLOAD_OFFSET_HEADER]: String(state.offset),
              },
            );
          }
          const got = await receive(request.raw, length - offset);
          if (got.overflow)
            throw new HttpError(
              400,
              'BAD_REQUEST',
              'More bytes than the declared length',
              UPLOAD_LENGTH_HEADER,
            );
          // A first part already shows the type: junk is refused before 25 MB of it arrive.
          if (offset === 0 && got.bytes.length >= 16 && sniffBlobType(got.bytes) !== query.type) {
            const [status, code, message] = sniffBlobType(got.bytes)
              ? refusal.BLOB_TYPE_MISMATCH
              : refusal.BLOB_TYPE_REFUSED;
            throw new HttpError(status, code, message, 'type');
          }
          await keepPart(store, sha, offset, got.bytes);
          const reached = offset + got.bytes.length;
          if (reached < length) return { offset: reached, complete: false };
          const outcome = await finishUpload(store, sha, length, query.type, maxBytes);
          if (!outcome.ok && outcome.problem === 'INCOMPLETE')
            return { offset: outcome.offset, complete: false };
          if (!outcome.ok) {
            const [status, code, message] = refusal[outcome.problem];
            request.log.warn({ sha, problem: outcome.problem, user: user.id }, 'blob upload refused');
            // Content that is not its name is damaged or forged (Z6); a refused type or size is
            // an input check like any other 4xx and stays in the request log only.
            if (outcome.problem === 'BLOB_HASH_MISMATCH')
              await auditBlobRefusal(
                app.deps.db,
                caller,
                'blob.upload',
                'hash_mismatch',
                sha,
                blobOwnerOf(query.ticketId),
              );
            throw new HttpError(status, code, message);
          }
          return { offset: length, complete: true };
        });
      },
    );
  });
}
