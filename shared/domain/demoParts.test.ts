import { describe, expect, it } from 'vitest';
import { recordSchema, type StockMovementRecord } from '../schema';
import { generateDemoData } from './demo';
import { stockByHolder } from './parts';
import { supplierQuality } from './suppliers';

describe('demo spare parts', () => {
  const data = generateDemoData({ seed: 1, tickets: 600 });
  const of = (kind: string) => data.records.filter((r) => r.kind === kind);

  it('a catalogue of 18 parts from 3 suppliers, every record valid, every part event backed by a movement', () => {
    expect(of('part')).toHaveLength(18);
    expect(of('supplier')).toHaveLength(3);
    for (const r of data.records) expect(recordSchema.safeParse(r).success).toBe(true);
    const movements = of('stockMovement') as StockMovementRecord[];
    const partEvents = data.ticketEvents.filter((e) => e.kind === 'part');
    expect(partEvents.length).toBeGreaterThan(0);
    expect(new Set(movements.map((m) => m.body.eventId))).toEqual(new Set([null, ...partEvents.map((e) => e.id)]));
  });

  it('every demo technician carries stock, and no holder’s stock of any part is below zero', () => {
    const movements = of('stockMovement') as StockMovementRecord[];
    const stock = stockByHolder(movements);
    for (const tech of data.people.filter((p) => p.roles.includes('technician') && p.active)) expect([...(stock.get(tech.id)?.values() ?? [])].some((q) => q > 0)).toBe(true);
    for (const parts of stock.values()) for (const q of parts.values()) expect(q).toBeGreaterThanOrEqual(0);
  });

  it('gives each supplier figures to show', () => {
    const movements = of('stockMovement') as StockMovementRecord[];
    const figures = supplierQuality({ parts: of('part') as never, movements, tickets: data.tickets, events: data.ticketEvents }, Date.parse('2026-11-30T00:00:00Z'));
    expect(figures.size).toBe(3);
    const all = [...figures.values()].flat();
    expect(all.reduce((s, q) => s + q.defective, 0)).toBeGreaterThan(0);
  });
});
