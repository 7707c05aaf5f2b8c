import type { BulkWriteRow, CategorizeBulkWriteRowsOutput } from 'rxdb';
import type { SharedConnection } from './connection';

/** Attachment rows of one bulkWrite, in its transaction. Bytes were read from the Blobs before. */
export function writeAttachments<T>(
  conn: SharedConnection,
  table: string,
  cat: CategorizeBulkWriteRowsOutput<T>,
  bytes: Map<Blob, Uint8Array>,
): void {
  const put = conn.statement(`INSERT OR REPLACE INTO ${table} (doc_id, att_id, digest, type, data) VALUES (?, ?, ?, ?, ?)`);
  for (const att of [...cat.attachmentsAdd, ...cat.attachmentsUpdate]) {
    const data = bytes.get(att.attachmentData.data);
    if (!data) throw new Error(`attachment bytes missing for ${att.documentId}/${att.attachmentId}`);
    put.run(att.documentId, att.attachmentId, att.digest, att.attachmentData.type, data);
  }
  const del = conn.statement(`DELETE FROM ${table} WHERE doc_id = ? AND att_id = ?`);
  for (const att of cat.attachmentsRemove) del.run(att.documentId, att.attachmentId);
}

/** Blob bytes are only available asynchronously; they are read before the (synchronous) transaction. */
export async function readAttachmentBytes<T>(rows: BulkWriteRow<T>[]): Promise<Map<Blob, Uint8Array>> {
  const bytes = new Map<Blob, Uint8Array>();
  for (const row of rows) {
    const atts = row.document._attachments as Record<string, { data?: unknown }> | undefined;
    if (!atts) continue;
    for (const att of Object.values(atts)) {
      if (att.data instanceof Blob && !bytes.has(att.data)) bytes.set(att.data, new Uint8Array(await att.data.arrayBuffer()));
    }
  }
  return bytes;
}
