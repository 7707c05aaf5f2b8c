import type { PartRecord, StockMovementRecord, Ticket, TicketEvent } from '../schema';

// Supplier quality per quarter (DOMAIN.md, "Suppliers"; seed: 供应商管理), computed from the
// movements booked on tickets and the tickets' timelines. Definitions:
//
// - parts used: units fitted on tickets ('use' movements, whatever their source) less units
//   brought back unused from tickets ('return' movements with a ticket), in the quarter of
//   the movement;
// - defective: units flagged defective for return to the supplier: the removed unit of a
//   'use' movement marked defective, and 'defective_return' movements (a unit from the van
//   found defective); defect rate = defective / parts used;
// - dead on arrival (DOA): a defective unit that had been fitted no more than DOA_DAYS before
//   it was found defective: traced by serial (the removed unit's serial was fitted earlier by
//   a 'use' movement of the same part) or, for parts without serials, by a 'use' of the same
//   part on the same ticket within the window; a 'defective_return' of a unit never fitted
//   failed out of the box and counts as DOA too. DOA rate = DOA / parts used;
// - escalated to the supplier: nothing in a ticket names a supplier, so a ticket counts as
//   escalated to supplier S when it went pending for a third party (pending reason
//   `third_party`) and a part of S was fitted on it. Its quarter is that of its first
//   third-party pause; its restore time runs from creation to `restoredAt` (open when not
//   restored), and its third-party wait is the time spent pending for the third party.
// Every figure is in the quarter (UTC) of the movement or pause it counts.

export const DOA_DAYS = 30;
const DAY = 24 * 3600 * 1000;
const H = 3600 * 1000;

export const quarterOf = (at: string | number): string => {
  const d = new Date(at);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
};

export interface SupplierQuarter {
  quarter: string;
  used: number;
  defective: number;
  /** Defective per part used, 0..1; null without parts used. */
  defectRate: number | null;
  doa: number;
  doaRate: number | null;
  escalated: number;
  restored: number;
  /** Mean and longest hours from creation to restore of the escalated tickets that were restored. */
  restoreHoursMean: number | null;
  restoreHoursMax: number | null;
  /** Hours the escalated tickets waited for the third party, summed. */
  thirdPartyHours: number;
  /** The tickets behind the escalation figures (for links). */
  ticketIds: string[];
}

type Part = Pick<PartRecord, 'id' | 'ref'>;
type Movement = Pick<StockMovementRecord, 'id' | 'ref' | 'status' | 'body'>;
type TicketFacts = Pick<Ticket, 'id' | 'createdAt' | 'restoredAt'>;

export interface QualityInput {
  parts: readonly Part[];
  movements: readonly Movement[];
  tickets: readonly TicketFacts[];
  /** Status changes of the tickets (other kinds are ignored). */
  events: readonly TicketEvent[];
  doaDays?: number;
}

const blank = (quarter: string): SupplierQuarter => ({
  quarter, used: 0, defective: 0, defectRate: null, doa: 0, doaRate: null, escalated: 0, restored: 0, restoreHoursMean: null, restoreHoursMax: null, thirdPartyHours: 0, ticketIds: [],
});

/** Third-party pauses of one ticket: [start, end) in ms; an open pause ends at `now`. */
function thirdPartyPauses(events: readonly TicketEvent[], now: number): [number, number][] {
  const changes = events.filter((e): e is Extract<TicketEvent, { kind: 'status_change' }> => e.kind === 'status_change').sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const out: [number, number][] = [];
  let open: number | null = null;
  for (const c of changes) {
    if (open !== null && c.from === 'pending') {
      out.push([open, Date.parse(c.at)]);
      open = null;
    }
    if (c.to === 'pending' && c.pendingReason === 'third_party' && open === null) open = Date.parse(c.at);
  }
  if (open !== null) out.push([open, Math.max(open, now)]);
  return out;
}

/** Quality figures of each supplier (by id) per quarter, quarters ascending. */
export function supplierQuality(input: QualityInput, now: number): Map<string, SupplierQuarter[]> {
  const doaMs = (input.doaDays ?? DOA_DAYS) * DAY;
  const supplierOfPart = new Map(input.parts.map((p) => [p.id, p.ref]));
  const table = new Map<string, Map<string, SupplierQuarter>>();
  const cell = (supplier: string, quarter: string) => {
    const bySupplier = table.get(supplier) ?? new Map<string, SupplierQuarter>();
    table.set(supplier, bySupplier);
    const c = bySupplier.get(quarter) ?? blank(quarter);
    bySupplier.set(quarter, c);
    return c;
  };
  const fitted = input.movements.filter((m) => m.status === 'use');

  /** Was the defective unit of `m` fitted within the window before it was found defective? */
  const deadOnArrival = (m: Movement): boolean => {
    const at = Date.parse(m.body.at);
    const within = (f: Movement) => f.id !== m.id && f.ref === m.ref && Date.parse(f.body.at) <= at && at - Date.parse(f.body.at) <= doaMs;
    const serial = m.body.serialOut.trim();
    if (serial !== '') {
      const installs = fitted.filter((f) => f.ref === m.ref && f.body.serialIn.trim() === serial);
      if (installs.length === 0) return m.status === 'defective_return';
      return installs.some(within);
    }
    if (m.status === 'defective_return') return true;
    return m.body.ticketId !== null && fitted.some((f) => within(f) && f.body.ticketId === m.body.ticketId);
  };

  for (const m of input.movements) {
    const supplier = supplierOfPart.get(m.ref);
    if (!supplier) continue;
    const c = cell(supplier, quarterOf(m.body.at));
    if (m.status === 'use') c.used += m.body.quantity;
    if (m.status === 'return' && m.body.ticketId !== null) c.used -= m.body.quantity;
    const defective = (m.status === 'use' && m.body.defective) || m.status === 'defective_return';
    if (defective) {
      c.defective += m.body.quantity;
      if (deadOnArrival(m)) c.doa += m.body.quantity;
    }
  }

  // Escalations to a supplier: third-party pauses of tickets on which its parts were fitted.
  const suppliersOfTicket = new Map<string, Set<string>>();
  for (const m of fitted) {
    const supplier = supplierOfPart.get(m.ref);
    if (!supplier || m.body.ticketId === null) continue;
    const set = suppliersOfTicket.get(m.body.ticketId) ?? new Set<string>();
    set.add(supplier);
    suppliersOfTicket.set(m.body.ticketId, set);
  }
  const eventsOf = new Map<string, TicketEvent[]>();
  for (const e of input.events) if (suppliersOfTicket.has(e.ticketId)) eventsOf.set(e.ticketId, [...(eventsOf.get(e.ticketId) ?? []), e]);
  const restoreHours = new Map<SupplierQuarter, number[]>();
  for (const t of input.tickets) {
    const suppliers = suppliersOfTicket.get(t.id);
    if (!suppliers) continue;
    const pauses = thirdPartyPauses(eventsOf.get(t.id) ?? [], now);
    if (pauses.length === 0) continue;
    const quarter = quarterOf(pauses[0]![0]);
    const wait = pauses.reduce((sum, [a, b]) => sum + (b - a), 0) / H;
    for (const s of suppliers) {
      const c = cell(s, quarter);
      c.escalated += 1;
      c.thirdPartyHours += wait;
      c.ticketIds.push(t.id);
      if (t.restoredAt) {
        c.restored += 1;
        restoreHours.set(c, [...(restoreHours.get(c) ?? []), (Date.parse(t.restoredAt) - Date.parse(t.createdAt)) / H]);
      }
    }
  }

  const out = new Map<string, SupplierQuarter[]>();
  for (const [supplier, quarters] of table) {
    const rows = [...quarters.values()].sort((a, b) => a.quarter.localeCompare(b.quarter));
    for (const c of rows) {
      c.used = Math.max(0, c.used);
      c.defectRate = c.used > 0 ? c.defective / c.used : null;
      c.doaRate = c.used > 0 ? c.doa / c.used : null;
      const hours = restoreHours.get(c) ?? [];
      c.restoreHoursMean = hours.length ? hours.reduce((a, b) => a + b, 0) / hours.length : null;
      c.restoreHoursMax = hours.length ? Math.max(...hours) : null;
      c.thirdPartyHours = Math.round(c.thirdPartyHours * 10) / 10;
    }
    out.set(supplier, rows);
  }
  return out;
}
