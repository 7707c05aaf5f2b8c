import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCollection, type MigrationContext } from './builder';
import { previousVersions } from './history';
import { collections, COLLECTION_NAMES, MIGRATION_ORDER, validateDocument } from './index';
import { customerFactsOf, migrateTicketV0ToV1, ticketMigrations, ticketSchemaV0, type TicketV0 } from './tickets';
import { aCustomer, anAsset, aTicket, newId } from '../domain/testing/builders';
import { assetMigrations, assetSchemaV0, migrateAssetV0ToV1, type AssetV0 } from './assets';

const v0Of = (over: Parameters<typeof aTicket>[0] = {}): TicketV0 => {
  const { customerName, customerTier, ...v0 } = aTicket(over);
  void [customerName, customerTier];
  return ticketSchemaV0.parse(v0);
};

const contextWith = (docs: Record<string, Record<string, unknown>>): MigrationContext & { reads: string[] } => {
  const reads: string[] = [];
  return {
    reads,
    findById: (collection, id) => {
      reads.push(`${collection}/${id}`);
      return Promise.resolve(docs[id] ?? null);
    },
  };
};

describe('ticket schema v0 -> v1', () => {
  it('adds the customer name and tier and keeps every other field as it was', () => {
    const old = v0Of({ title: 'Board alarm', status: 'pending', pendingReason: 'parts' });
    const migrated = migrateTicketV0ToV1(old, { name: 'Northwind Power', tier: 'key' });
    expect(migrated).toEqual({ ...old, customerName: 'Northwind Power', customerTier: 'key' });
    expect(validateDocument('tickets', migrated).ok).toBe(true);
  });

  it('fills an unknown customer with "" and general, still a valid v1 ticket', () => {
    const migrated = migrateTicketV0ToV1(v0Of(), null);
    expect(migrated).toMatchObject({ customerName: '', customerTier: 'general' });
    expect(validateDocument('tickets', migrated).ok).toBe(true);
  });

  it('the strategy reads the ticket customer through the context; malformed customers count as unknown', async () => {
    const customer = aCustomer({ id: newId(), name: '东方电信', tier: 'key' });
    const broken = { id: newId(), name: 'No tier' };
    const ctx = contextWith({ [customer.id]: customer, [broken.id]: broken });
    const known = await ticketMigrations[1]!(v0Of({ customerId: customer.id }), ctx);
    expect(known).toMatchObject({ customerName: '东方电信', customerTier: 'key' });
    expect(ctx.reads).toEqual([`customers/${customer.id}`]);
    expect(await ticketMigrations[1]!(v0Of({ customerId: broken.id }), ctx)).toMatchObject({ customerName: '', customerTier: 'general' });
    expect(customerFactsOf({ name: 'x', tier: 'vip' })).toBeNull();
  });

  it('a v0 ticket is not a valid v1 ticket and a v1 ticket is not a valid v0 ticket', () => {
    expect(validateDocument('tickets', v0Of()).ok).toBe(false);
    expect(ticketSchemaV0.safeParse(aTicket()).success).toBe(false);
  });
});

const assetV0Of = (over: Parameters<typeof anAsset>[0] = {}): AssetV0 => {
  const { ownership, contractEnd, lifecycle, custody, ...v0 } = anAsset({ createdAt: '2025-02-03T04:05:06.000Z', updatedAt: '2026-01-02T10:00:00.000Z', ...over });
  void [ownership, contractEnd, lifecycle, custody];
  return assetSchemaV0.parse(v0);
};

describe('asset schema v0 -> v1', () => {
  it('keeps every field and adds ownership, no contract end, the history the status stands for and no custody', async () => {
    const old = assetV0Of({ status: 'in_service', installDate: '2025-03-01' });
    const migrated = migrateAssetV0ToV1(old);
    expect(migrated).toEqual({
      ...old,
      ownership: 'customer',
      contractEnd: null,
      lifecycle: [
        { state: 'registered', at: '2025-02-03', by: '', note: '' },
        { state: 'in_service', at: '2025-03-01', by: '', note: '' },
      ],
      custody: [],
    });
    expect(validateDocument('assets', migrated).ok).toBe(true);
    expect(await assetMigrations[1]!(old, contextWith({}))).toEqual(migrated);
  });

  it('spares are ours with only the registration; repairs and retirements date from the last change', () => {
    expect(migrateAssetV0ToV1(assetV0Of({ status: 'spare' }))).toMatchObject({ ownership: 'ours', lifecycle: [{ state: 'registered' }] });
    expect(migrateAssetV0ToV1(assetV0Of({ status: 'spare' })).lifecycle).toHaveLength(1);
    expect(migrateAssetV0ToV1(assetV0Of({ status: 'under_repair' })).lifecycle[1]).toEqual({ state: 'under_maintenance', at: '2026-01-02', by: '', note: '' });
    expect(migrateAssetV0ToV1(assetV0Of({ status: 'retired' })).lifecycle[1]).toMatchObject({ state: 'retired', at: '2026-01-02' });
  });

  it('a v0 asset is not a valid v1 asset and a v1 asset is not a valid v0 asset', () => {
    expect(validateDocument('assets', assetV0Of()).ok).toBe(false);
    expect(assetSchemaV0.safeParse(anAsset()).success).toBe(false);
  });
});

describe('schema versions', () => {
  it('keeps the released v0 tickets schema exactly as it was shipped', () => {
    // A hash of the RxDB schema the release before ticket v1 derived; a changed history
    // entry would make the fixture stores of the migration tests lie.
    expect(fnv1a(JSON.stringify(previousVersions.tickets[0].rxSchema))).toBe(RELEASED_TICKETS_V0_FNV1A);
    expect(previousVersions.tickets[0].rxSchema.version).toBe(0);
    expect(fnv1a(JSON.stringify(previousVersions.assets[0].rxSchema))).toBe(RELEASED_ASSETS_V0_FNV1A);
    expect(collections.assets.rxSchema.version).toBe(1);
  });

  it('refuses a version without its migration strategies, or strategies without the version', () => {
    const zod = z.strictObject({ id: z.string().max(36) });
    expect(() => defineCollection({ name: 'x', zod, conflict: 'merge', indexes: [], version: 2, migrations: { 1: (d) => d } })).toThrow(/strategies 1, 2/);
    expect(() => defineCollection({ name: 'x', zod, conflict: 'merge', indexes: [], migrations: { 1: (d) => d } })).toThrow(/version 0/);
    expect(defineCollection({ name: 'x', zod, conflict: 'merge', indexes: [], version: 1, migrations: { 1: (d) => d } }).rxSchema.version).toBe(1);
  });

  it('migrates every collection, customers before tickets (the ticket strategy reads customers)', () => {
    expect([...MIGRATION_ORDER].sort()).toEqual([...COLLECTION_NAMES].sort());
    expect(MIGRATION_ORDER.indexOf('customers')).toBeLessThan(MIGRATION_ORDER.indexOf('tickets'));
    expect(collections.tickets.migrations[1]).toBe(ticketMigrations[1]);
  });
});

/** 32-bit FNV-1a over UTF-16 code units: enough to notice a changed schema, no runtime API needed. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const RELEASED_TICKETS_V0_FNV1A = 'cec41996';
const RELEASED_ASSETS_V0_FNV1A = '319e266c';
