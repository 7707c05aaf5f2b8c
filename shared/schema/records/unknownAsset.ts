import { z } from 'zod';
import { isoTime, name, refOrNone, text } from '../primitives';
import { RECORD_REF_LENGTH, recordKind, recordRef } from './kind';

// A code that was scanned or typed but names no asset here: kept for the asset team, who
// register the asset or dismiss the note. ref = the code as scanned, ref2 = the asset
// registered for it ('' until then).
export const UNKNOWN_ASSET_STATUSES = ['open', 'registered', 'dismissed'] as const;

export const unknownAssetRecord = recordKind('unknownAsset', {
  ref: name(RECORD_REF_LENGTH),
  ref2: recordRef(),
  status: z.enum(UNKNOWN_ASSET_STATUSES),
  body: {
    reportedBy: refOrNone(),
    reportedAt: isoTime(),
    // Where the code was met: the global scan box or the new-ticket form.
    source: z.enum(['scan', 'ticket']),
    note: text(500),
  },
});
export type UnknownAssetRecord = z.infer<typeof unknownAssetRecord>;
