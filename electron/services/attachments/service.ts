/**
 * Attachments in main (shared/api/attachments.ts): adding a file to a ticket (bytes into the
 * local store, the `attachment` event into the timeline, the upload into the queue) or a
 * maintenance round's blob (bytes and upload only: the round names it), opening
 * one (from this device, or fetched once from the server and kept), and what the timeline
 * shows of each.
 */
import type { z } from 'zod';
import type { addAttachmentInput, AddedAttachment, AttachmentItem, AttachmentUsage, OpenedAttachment } from '../../../shared/api/attachments';
import type { ApiErrorCode } from '../../../shared/api/result';
import { blobProblem, sniffBlobType, type BlobType } from '../../../shared/domain/attachments';
import { attachmentMaxBytes } from '../../../shared/domain/organisation';
import { currentOrgSettings } from '../admin/orgSettings';
import { canReadTicket } from '../../../shared/domain/ticketAccess';
import { validateDocument, type Ticket, type TicketEvent } from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import { DomainError } from '../../core/errors';
import { newId, type SettingsStore } from '../../core/settings';
import type { CimsDatabase } from '../../db/open';
import { SyncHttpError, type SyncHttpClient } from '../../sync/http';
import { workerOf } from '../ticketWork/viewer';
import { sha256Of, type LocalBlobStore } from './local-store';
import type { Uploader } from './uploader';

export interface AttachmentServiceOptions {
  db: CimsDatabase;
  settings: SettingsStore;
  store: LocalBlobStore;
  uploader: Uploader;
  user: () => SessionUser | null;
  client: () => SyncHttpClient | null;
  clock?: () => Date;
}

const decode = (base64: string): Uint8Array => new Uint8Array(Buffer.from(base64, 'base64'));
const encode = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');

const problemCode: Record<NonNullable<ReturnType<typeof blobProblem>>, ApiErrorCode> = {
  BLOB_EMPTY: 'VALIDATION_FAILED',
  BLOB_TOO_LARGE: 'ATTACHMENT_TOO_LARGE',
  BLOB_TYPE_REFUSED: 'ATTACHMENT_TYPE_REFUSED',
  BLOB_TYPE_MISMATCH: 'ATTACHMENT_TYPE_REFUSED',
};

export const createAttachmentService = (o: AttachmentServiceOptions) => {
  const { db, store } = o;
  const clock = o.clock ?? (() => new Date());
  const quota = () => o.settings.get().attachmentQuotaBytes;

  const assertRoom = (bytes: number) => {
    if (store.usedBytes() + bytes > quota())
      throw new DomainError('ATTACHMENT_QUOTA_FULL', `attachments use ${store.usedBytes()} of ${quota()} bytes; ${bytes} more do not fit`);
  };

  const item = async (sha: string): Promise<AttachmentItem> => {
    const thumb = await store.readThumbnail(sha);
    const upload = store.upload(sha);
    return {
      sha256: sha,
      local: store.has(sha),
      thumbnail: thumb ? `data:${sniffBlobType(thumb) ?? 'image/jpeg'};base64,${encode(thumb)}` : null,
      upload: upload?.state ?? 'none',
      uploadError: upload?.state === 'refused' ? ((upload.error as ApiErrorCode | null) ?? 'INTERNAL') : null,
    };
  };

  /** Keeps a thumbnail if it is a small image (a thumbnail is shown, never trusted as more). */
  const keepThumbnail = async (sha: string, base64: string | undefined) => {
    if (!base64) return;
    const thumb = decode(base64);
    const type = sniffBlobType(thumb);
    if (!type || type === 'application/pdf' || (store.entry(sha)?.thumbBytes ?? 0) > 0) return;
    assertRoom(thumb.length);
    await store.putThumbnail(sha, thumb);
  };

  return {
    async add(input: z.output<typeof addAttachmentInput>): Promise<AddedAttachment> {
      const bytes = decode(input.dataBase64);
      // The organisation may set a lower limit than every device accepts (admin settings).
      const problem = blobProblem(bytes, input.mimeType, attachmentMaxBytes(await currentOrgSettings(db)));
      if (problem) throw new DomainError(problemCode[problem], `the file was refused: ${problem}`, [{ path: 'dataBase64', code: problem, message: problem }]);
      const w = await workerOf(db, o.settings, o.user());
      const ticket = (await db.tickets.findOne(input.ticketId).exec())?.toJSON() as Ticket | undefined;
      if (!ticket || !canReadTicket(w, ticket)) throw new DomainError('NOT_FOUND', `ticket ${input.ticketId} is not here`, [{ path: 'ticketId', code: 'ticket_not_found', message: 'ticket not found' }]);

      const sha = sha256Of(bytes);
      const alreadyStored = store.has(sha);
      const now = clock().toISOString();
      const event = input.withEvent
        ? ({
            id: newId(),
            ticketId: ticket.id,
            authorId: w.me,
            at: now,
            createdAt: now,
            updatedAt: now,
            kind: 'attachment',
            fileName: input.fileName,
            mimeType: input.mimeType,
            sizeBytes: bytes.length,
            sha256: sha,
            ...(input.caption ? { caption: input.caption } : {}),
          } as TicketEvent)
        : null;
      if (event) {
        const check = validateDocument('ticketEvents', event);
        if (!check.ok) throw new DomainError('VALIDATION_FAILED', `ticketEvents: ${check.errors.join('; ')}`);
      }
      // Bytes first, then the queue entry, then the event: a crash in between leaves at worst
      // bytes nobody names, never an event whose bytes were not kept or queued.
      if (!alreadyStored) {
        assertRoom(bytes.length);
        await store.put(sha, bytes, { size: bytes.length, type: input.mimeType, source: 'added', at: now });
      }
      await keepThumbnail(sha, input.thumbnailBase64).catch((error: unknown) => {
        if (!(error instanceof DomainError)) throw error;
      });
      const queued = store.upload(sha);
      if (!queued || (queued.state === 'refused' && queued.ticketId !== ticket.id)) {
        await store.setUpload(sha, { ticketId: ticket.id, type: input.mimeType, size: bytes.length, queuedAt: now, state: 'waiting', error: null, attempts: 0 });
      }
      if (event) await db.ticketEvents.insert(event);
      o.uploader.kick();
      return { sha256: sha, sizeBytes: bytes.length, eventId: event?.id ?? null, alreadyStored };
    },

    /**
     * Stores a maintenance round's blob (a reading photo, the customer's signature, the round
     * report) and queues it for upload for the round, whose readers may then fetch it. No
     * event: the round and its readings name their blobs. The maintenance commands check who
     * may work on the round; here only that the round is on this device.
     */
    async addForRound(input: { roundId: string; bytes: Uint8Array; mimeType: BlobType; at?: string }): Promise<{ sha256: string; sizeBytes: number; alreadyStored: boolean }> {
      const { bytes, roundId } = input;
      const problem = blobProblem(bytes, input.mimeType, attachmentMaxBytes(await currentOrgSettings(db)));
      if (problem) throw new DomainError(problemCode[problem], `the file was refused: ${problem}`, [{ path: 'dataBase64', code: problem, message: problem }]);
      const round = (await db.records.findOne(roundId).exec())?.toJSON() as { kind?: string } | undefined;
      if (round?.kind !== 'maintenanceRound') throw new DomainError('NOT_FOUND', `round ${roundId} is not here`, [{ path: 'roundId', code: 'not_found', message: 'errors.not_found' }]);
      const sha = sha256Of(bytes);
      const alreadyStored = store.has(sha);
      const now = input.at ?? clock().toISOString();
      if (!alreadyStored) {
        assertRoom(bytes.length);
        await store.put(sha, bytes, { size: bytes.length, type: input.mimeType, source: 'added', at: now });
      }
      // Queued for a ticket (reached through its events whoever sends it) or another round:
      // queued for this round, so the server links it to the round too.
      const queued = store.upload(sha);
      if (!queued || queued.roundId !== roundId) {
        await store.setUpload(sha, { ticketId: '', roundId, type: input.mimeType, size: bytes.length, queuedAt: clock().toISOString(), state: 'waiting', error: null, attempts: 0 });
      }
      o.uploader.kick();
      return { sha256: sha, sizeBytes: bytes.length, alreadyStored };
    },

    async open(input: { sha256: string }): Promise<OpenedAttachment> {
      const sha = input.sha256;
      // Only what this device may see: a timeline event, a round's signature or a reading here
      // names the hash. Also for a copy kept here: once its ticket moved out of sight (the
      // event left the device), the copy fetched before is not shown any more (RELIABILITY Z8).
      const inRecords = async (selector: object) => (await db.records.findOne({ selector: selector as never }).exec()) !== null;
      const named =
        (await db.ticketEvents.findOne({ selector: { sha256: sha } as never }).exec()) !== null ||
        (await inRecords({ kind: 'maintenanceRound', 'body.signatureSha256': sha })) ||
        (await inRecords({ kind: 'maintenanceReading', 'body.photos': { $elemMatch: { $eq: sha } } }));
      if (!named) throw new DomainError('NOT_FOUND', 'no attachment with this content here');
      const local = await store.read(sha);
      if (local) return { sha256: sha, mimeType: store.entry(sha)!.type, sizeBytes: local.length, dataBase64: encode(local) };
      const client = o.client();
      if (!client) throw new DomainError('ATTACHMENT_UNAVAILABLE', 'not on this device, and not signed in to a server');
      let bytes: Uint8Array;
      try {
        bytes = await client.blobGet(sha);
      } catch (error) {
        if (error instanceof SyncHttpError && error.code === 'FORBIDDEN') throw new DomainError('FORBIDDEN', error.message);
        throw new DomainError('ATTACHMENT_UNAVAILABLE', error instanceof Error ? error.message : 'fetch failed');
      }
      const type = sniffBlobType(bytes);
      if (sha256Of(bytes) !== sha || !type) throw new DomainError('ATTACHMENT_UNAVAILABLE', 'the server sent other content than the name says');
      // Kept for offline use when there is room; shown either way.
      if (store.usedBytes() + bytes.length <= quota()) await store.put(sha, bytes, { size: bytes.length, type, source: 'fetched', at: clock().toISOString() });
      return { sha256: sha, mimeType: type, sizeBytes: bytes.length, dataBase64: encode(bytes) };
    },

    async thumbnail(input: { sha256: string; thumbnailBase64: string }): Promise<null> {
      if (!store.has(input.sha256)) throw new DomainError('NOT_FOUND', 'open the attachment first');
      await keepThumbnail(input.sha256, input.thumbnailBase64);
      return null;
    },

    item,
    /** The owner a blob's upload is queued for (sent, waiting or refused), or null. */
    queuedFor: (sha: string): { ticketId: string; roundId?: string } | null => {
      const queued = store.upload(sha);
      return queued ? { ticketId: queued.ticketId, ...(queued.roundId ? { roundId: queued.roundId } : {}) } : null;
    },
    usage: (): AttachmentUsage => ({
      usedBytes: store.usedBytes(),
      quotaBytes: quota(),
      waitingUploads: store.uploads().filter(([, e]) => e.state === 'waiting').length,
    }),
    /** Fires after every change of the local store (live queries recompute). */
    changes$: store.changes$,
  };
};

export type AttachmentService = ReturnType<typeof createAttachmentService>;
