/**
 * Rules of the asset registry, shared by the desktop (before a write), the CSV import
 * preview and the server (when a pushed asset is stored): codes and RFID tags are unique,
 * the site / rack / board hierarchy has no cycles, lifecycle steps follow each other in a
 * sensible order, and a scanner's input is a code or a clear refusal.
 */
import type { AssetCustodyEvent, AssetLifecycleState, AssetOwnership, AssetStatus } from '../schema/enums';

/** Codes and tags compare trimmed and case-blind: scanners and people type them either way. */
export const normalizeCode = (s: string): string => s.trim().toUpperCase();

// ---- scanner input ---------------------------------------------------------------------

/** Longest code a scan may carry (serials are up to 80 characters, codes 40, tags 64). */
export const MAX_SCAN_LENGTH = 80;

export type ScanResult = { ok: true; code: string } | { ok: false; error: 'empty' | 'tooLong' | 'badCharacters' };

// eslint-disable-next-line no-control-regex -- control characters are what a noisy scanner adds
const CONTROL_RE = /[\u0000-\u001f\u007f]/g;

/**
 * What a scan (or a typed code) asks for: trimmed, control characters a scanner may prefix
 * dropped. Longer than any code (a scanner that read a whole label, a paste) is refused, not
 * cut: a cut code could match the wrong asset.
 */
export function parseScan(raw: string): ScanResult {
  if (raw.length > MAX_SCAN_LENGTH * 2) return { ok: false, error: 'tooLong' };
  const code = raw.replace(CONTROL_RE, '').trim();
  if (code === '') return { ok: false, error: 'empty' };
  if (code.length > MAX_SCAN_LENGTH) return { ok: false, error: 'tooLong' };
  if (/\s{2,}/.test(code)) return { ok: false, error: 'badCharacters' };
  return { ok: true, code };
}

// ---- uniqueness ------------------------------------------------------------------------

export interface AssetKeys {
  id: string;
  assetCode: string;
  rfidTag: string;
}

/** Which other assets already use a code or a tag (normalised); the caller's own id excluded. */
export interface AssetKeyLookup {
  idsWithCode(code: string): readonly string[];
  idsWithTag(tag: string): readonly string[];
}

export type AssetDuplicate = { field: 'assetCode'; code: 'duplicateCode' } | { field: 'rfidTag'; code: 'duplicateTag' };

/** Duplicate code or RFID tag of another asset; an empty tag is never a duplicate. */
export function duplicateKeys(asset: AssetKeys, lookup: AssetKeyLookup): AssetDuplicate[] {
  const out: AssetDuplicate[] = [];
  if (lookup.idsWithCode(normalizeCode(asset.assetCode)).some((id) => id !== asset.id)) out.push({ field: 'assetCode', code: 'duplicateCode' });
  const tag = normalizeCode(asset.rfidTag);
  if (tag !== '' && lookup.idsWithTag(tag).some((id) => id !== asset.id)) out.push({ field: 'rfidTag', code: 'duplicateTag' });
  return out;
}

/** A lookup over assets in memory (the import preview, tests). */
export function keyLookupOf(assets: readonly AssetKeys[]): AssetKeyLookup & { add(a: AssetKeys): void } {
  const codes = new Map<string, string[]>();
  const tags = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, k: string, id: string) => {
    if (k !== '') m.set(k, [...(m.get(k) ?? []), id]);
  };
  const add = (a: AssetKeys) => {
    push(codes, normalizeCode(a.assetCode), a.id);
    push(tags, normalizeCode(a.rfidTag), a.id);
  };
  assets.forEach(add);
  return { idsWithCode: (c) => codes.get(c) ?? [], idsWithTag: (t) => tags.get(t) ?? [], add };
}

// ---- hierarchy ---------------------------------------------------------------------------

/** Deeper than any site / rack / shelf / board tree; a longer chain is treated as a cycle. */
export const MAX_ASSET_DEPTH = 32;

/**
 * True when giving `id` the parent `parentId` would make the asset its own ancestor: walking
 * up from the parent reaches the asset (or never ends, for a chain already broken elsewhere).
 */
export function wouldCycle(id: string, parentId: string | null, parentOf: (id: string) => string | null | undefined): boolean {
  let at = parentId;
  for (let depth = 0; at; depth++) {
    if (at === id || depth >= MAX_ASSET_DEPTH) return true;
    at = parentOf(at) ?? null;
  }
  return false;
}

/** The chain from the root down to the asset's parent (for the breadcrumb and tree). */
export function ancestorsOf<T extends { id: string; parentId: string | null }>(asset: T, byId: (id: string) => T | undefined): T[] {
  const out: T[] = [];
  const seen = new Set([asset.id]);
  for (let at = asset.parentId; at && !seen.has(at) && out.length < MAX_ASSET_DEPTH; ) {
    const p = byId(at);
    if (!p) break;
    seen.add(at);
    out.unshift(p);
    at = p.parentId;
  }
  return out;
}

// ---- lifecycle ---------------------------------------------------------------------------

/** Which state may follow which (a retired asset may come back into service; disposed is final). */
export const LIFECYCLE_NEXT: Record<AssetLifecycleState, readonly AssetLifecycleState[]> = {
  acquired: ['registered', 'disposed'],
  registered: ['in_service', 'retired', 'disposed'],
  in_service: ['under_maintenance', 'retired'],
  under_maintenance: ['in_service', 'retired'],
  retired: ['in_service', 'disposed'],
  disposed: [],
};

/** The operational status (queries, reports) that a lifecycle state puts an asset in. */
export const STATUS_OF_LIFECYCLE: Record<AssetLifecycleState, AssetStatus> = {
  acquired: 'spare',
  registered: 'spare',
  in_service: 'in_service',
  under_maintenance: 'under_repair',
  retired: 'retired',
  disposed: 'retired',
};

export interface LifecycleStep {
  state: AssetLifecycleState;
  at: string;
  by: string;
  note: string;
}

export type LifecycleError = 'notAllowed' | 'beforeLast' | 'noteTooLong';

/** Current state: the last step, or none for an asset without history. */
export const currentLifecycle = (steps: readonly LifecycleStep[]): AssetLifecycleState | null => steps.at(-1)?.state ?? null;

/** Checks a new step against the history: allowed after the current state, not dated before it. */
export function lifecycleStepError(steps: readonly LifecycleStep[], next: LifecycleStep): LifecycleError | null {
  const current = currentLifecycle(steps);
  if (current && !LIFECYCLE_NEXT[current].includes(next.state)) return 'notAllowed';
  const last = steps.at(-1);
  if (last && next.at < last.at) return 'beforeLast';
  if (next.note.length > 500) return 'noteTooLong';
  return null;
}

// ---- custody -----------------------------------------------------------------------------

/** Custody events describe customer property in our hands: only such assets have them. */
export function custodyEventError(ownership: AssetOwnership, events: readonly { event: AssetCustodyEvent; at: string }[], next: { event: AssetCustodyEvent; at: string }): 'notCustomerProperty' | 'beforeLast' | 'notHeld' | null {
  if (ownership !== 'customer') return 'notCustomerProperty';
  const last = events.at(-1);
  if (last && next.at < last.at) return 'beforeLast';
  // Moving or returning needs the asset to be with us: received and not yet returned.
  const held = last !== undefined && last.event !== 'returned';
  if (next.event !== 'received' && !held) return 'notHeld';
  return null;
}

/** Whether we hold the customer's asset now (last custody event received or moved). */
export const inOurCustody = (events: readonly { event: AssetCustodyEvent }[]): boolean => {
  const last = events.at(-1);
  return last !== undefined && last.event !== 'returned';
};
