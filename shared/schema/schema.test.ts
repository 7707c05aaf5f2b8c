import { describe, expect, it } from 'vitest';
import { createRxDatabase, addRxPlugin } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { collections, COLLECTION_NAMES, validateDocument } from './index';
import { aTicket, anEvent, aCustomer, anAsset, aPerson, aTeam, aPolicy, aProblem, aCycle, anAssessment, aTrainingRecord, newId } from '../domain/testing/builders';

const samples = {
  tickets: aTicket(),
  ticketEvents: anEvent('work_log', { workMinutes: 30, travelMinutes: 45 }),
  customers: aCustomer(),
  assets: anAsset(),
  people: aPerson(),
  teams: aTeam(),
  policies: aPolicy('sla'),
  problems: aProblem(),
  assessmentCycles: aCycle(),
  assessments: anAssessment(),
  records: aTrainingRecord(),
};

describe('collections registry', () => {
  it('has exactly 11 collections (RxDB free build: at most 13 per process)', () => {
    expect(COLLECTION_NAMES).toHaveLength(11);
    expect(COLLECTION_NAMES.sort()).toEqual(
      ['assessmentCycles', 'assessments', 'assets', 'customers', 'people', 'policies', 'problems', 'records', 'teams', 'ticketEvents', 'tickets'].sort(),
    );
  });

  it('derives RxDB schemas of the collection version keyed by id, no additional properties, maxLength on indexed strings', () => {
    expect(collections.tickets.version).toBe(1);
    for (const name of COLLECTION_NAMES) {
      const s = collections[name].rxSchema as unknown as Record<string, unknown> & { properties: Record<string, { maxLength?: number }> };
      expect(s.version).toBe(collections[name].version);
      expect(Object.keys(collections[name].migrations)).toHaveLength(collections[name].version);
      expect(s.primaryKey).toBe('id');
      expect(s.type).toBe('object');
      expect(s.additionalProperties).toBe(false);
      expect(s.properties.id?.maxLength).toBe(36);
      for (const f of (s.indexes as (string | string[])[]).flat()) {
        const p = s.properties[f] as { type?: string; maxLength?: number };
        if (p.type === 'string') expect(p.maxLength, `${name}.${f}`).toBeGreaterThan(0);
      }
    }
    expect(collections.tickets.rxSchema.indexes).toContainEqual(['teamId', 'status', 'slaDueAt']);
    expect(collections.tickets.rxSchema.indexes).toContainEqual(['assigneeId', 'status']);
    expect(collections.ticketEvents.conflict).toBe('immutable');
    expect(collections.people.conflict).toBe('server-owned');
    // Assessors open and move cycles in the app: the cycle must reach the server.
    expect(collections.assessmentCycles.conflict).toBe('merge');
  });

  it('opens all 11 collections in RxDB with dev-mode schema checks and stores a sample of each', async () => {
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
    addRxPlugin(RxDBMigrationSchemaPlugin);
    const db = await createRxDatabase({ name: 'schematest', storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }) });
    try {
      const cols = await db.addCollections(
        Object.fromEntries(
          COLLECTION_NAMES.map((n) => [n, { schema: collections[n].rxSchema, migrationStrategies: collections[n].migrations }]),
        ) as Parameters<typeof db.addCollections>[0],
      );
      for (const n of COLLECTION_NAMES) {
        await cols[n]!.insert(samples[n]);
        expect(await cols[n]!.count().exec()).toBe(1);
      }
      const q = await cols.tickets!.find({ selector: { teamId: samples.tickets.teamId, status: 'new' }, sort: [{ slaDueAt: 'asc' }] }).exec();
      expect(q).toHaveLength(1);
    } finally {
      await db.remove();
    }
  });
});

describe('zod validators', () => {
  it('accept every builder sample', () => {
    for (const n of COLLECTION_NAMES) {
      const r = validateDocument(n, samples[n]);
      expect(r.ok ? 'ok' : r.errors.join('\n'), n).toBe('ok');
    }
  });

  it('accept every policy kind', () => {
    for (const k of ['sla', 'calendar', 'escalation', 'priority', 'assessmentTemplate', 'general'] as const) {
      expect(validateDocument('policies', aPolicy(k)).ok, k).toBe(true);
    }
  });

  const errorsOf = (name: Parameters<typeof validateDocument>[0], doc: unknown) => {
    const r = validateDocument(name, doc);
    return r.ok ? [] : r.errors;
  };

  it('each registry entry validates with field-named errors', () => {
    expect(collections.tickets.validate(aTicket()).ok).toBe(true);
    const r = collections.tickets.validate(aTicket({ priority: 'P9' as never }));
    expect(r.ok ? [] : r.errors).toEqual([expect.stringMatching(/^priority: /)]);
  });

  it('reject unknown fields, naming them', () => {
    expect(errorsOf('tickets', { ...aTicket(), hack: 1 })).toEqual([expect.stringContaining('hack')]);
    expect(errorsOf('ticketEvents', { ...samples.ticketEvents, __proto__x: 1 }).join()).toContain('__proto__x');
  });

  it('reject wrong enums naming the field', () => {
    expect(errorsOf('tickets', aTicket({ severity: 'urgent' as never })).join()).toMatch(/^severity: /);
    expect(errorsOf('tickets', aTicket({ status: 'open' as never })).join()).toMatch(/^status: /);
    expect(errorsOf('ticketEvents', { ...samples.ticketEvents, kind: 'explode' }).join()).toMatch(/^kind: /);
  });

  it('reject malformed ids (not UUID v7) naming the field', () => {
    expect(errorsOf('tickets', aTicket({ customerId: 'abc' })).join()).toMatch(/^customerId: must be a UUID v7/);
    expect(errorsOf('tickets', aTicket({ id: '550e8400-e29b-41d4-a716-446655440000' })).join()).toMatch(/^id: /);
    expect(errorsOf('tickets', aTicket({ assigneeId: '' }))).toEqual([]);
  });

  it('reject out-of-range scores naming the field', () => {
    const bad = anAssessment({ selfReview: { scores: [{ criterion: 'businessSkill', score: 6, comment: '' }], summary: '', submittedAt: null } });
    expect(errorsOf('assessments', bad).join()).toMatch(/^selfReview\.scores\[0\]\.score: /);
    expect(errorsOf('ticketEvents', anEvent('csat', { score: 0, reason: 'x' })).join()).toMatch(/^score: /);
  });

  it('require a CSAT reason for scores 1-2 and a pending reason when pending', () => {
    expect(errorsOf('ticketEvents', anEvent('csat', { score: 2 })).join()).toMatch(/^reason: /);
    expect(errorsOf('ticketEvents', anEvent('csat', { score: 3 }))).toEqual([]);
    expect(errorsOf('tickets', aTicket({ status: 'pending' })).join()).toMatch(/^pendingReason: /);
  });

  it('reject timestamps that are not ISO UTC', () => {
    expect(errorsOf('tickets', aTicket({ createdAt: '2026-03-01 10:00' })).join()).toMatch(/^createdAt: /);
    expect(errorsOf('tickets', aTicket({ createdAt: '2026-02-31T10:00:00.000Z' })).join()).toMatch(/^createdAt: /);
  });

  it('reject unknown time zones', () => {
    expect(errorsOf('customers', aCustomer({ timeZone: 'Mars/Olympus' })).join()).toMatch(/^timeZone: /);
  });

  it('covers every event kind of DOMAIN.md', () => {
    const kinds = collections.ticketEvents.rxSchema.properties.kind as unknown as { enum: string[] };
    for (const k of ['reply', 'note', 'work_log', 'part', 'status_change', 'severity_change', 'assignment', 'escalation', 'escalation_ack', 'sla_pause', 'sla_resume', 'attachment', 'signature', 'csat'])
      expect(kinds.enum).toContain(k);
    expect(newId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
