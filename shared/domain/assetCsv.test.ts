import { describe, expect, it } from 'vitest';
import { checkAssetRows, type AssetCsvRow, type AssetImportLookup } from './assetCsv';
import { keyLookupOf } from './assets';

const customers = { 'CU-1': { id: 'cust-1', sites: [{ id: 'site-1', name: 'Pudong DC' }, { id: 'site-2', name: 'Hongqiao' }] } };
const registered = [{ id: 'rack-1', assetCode: 'AS-RACK-1', rfidTag: 'E200TAG1', siteId: 'site-1' }];
const lookup: AssetImportLookup = {
  customerByCode: (c) => customers[c as keyof typeof customers],
  assetByCode: (c) => registered.find((a) => a.assetCode === c),
  keys: keyLookupOf(registered),
};
const row = (over: Partial<AssetCsvRow> = {}): Partial<AssetCsvRow> => ({
  assetCode: 'AS-NEW-1', serial: 'SN1', rfidTag: '', model: 'OSN-9800', productLine: 'transport', kind: 'board',
  customerCode: 'CU-1', siteName: 'Pudong DC', parentCode: '', installDate: '2025-03-01', ...over,
});

describe('asset CSV rows', () => {
  it('turns a good row into a draft with the customer, site and defaults (in service, customer property)', () => {
    const [r] = checkAssetRows([row({ parentCode: 'as-rack-1', warrantyEnd: '2028-03-01' })], lookup);
    expect(r!.errors).toEqual([]);
    expect(r!.draft).toMatchObject({ customerId: 'cust-1', siteId: 'site-1', parentCode: 'AS-RACK-1', status: 'in_service', ownership: 'customer', warrantyEnd: '2028-03-01', contractEnd: null });
    expect(r!.line).toBe(2);
  });

  it('names an unknown site, customer and parent, and bad values, per row; nothing is drafted for them', () => {
    const checked = checkAssetRows(
      [
        row({ siteName: 'Nowhere' }),
        row({ assetCode: 'AS-2', customerCode: 'CU-9' }),
        row({ assetCode: 'AS-3', parentCode: 'AS-MISSING' }),
        row({ assetCode: 'AS-4', kind: 'tower', installDate: '2025-02-30', status: 'lost', ownership: 'theirs' }),
        row({ assetCode: '', serial: '' }),
      ],
      lookup,
    );
    expect(checked.map((r) => r.errors)).toEqual([
      [{ field: 'siteName', code: 'unknownSite' }],
      [{ field: 'customerCode', code: 'unknownCustomer' }],
      [{ field: 'parentCode', code: 'unknownParent' }],
      [
        { field: 'installDate', code: 'badDate' },
        { field: 'kind', code: 'badKind' },
        { field: 'status', code: 'badStatus' },
        { field: 'ownership', code: 'badOwnership' },
      ],
      [
        { field: 'assetCode', code: 'required' },
        { field: 'serial', code: 'required' },
      ],
    ]);
    expect(checked.every((r) => r.draft === null)).toBe(true);
  });

  it('refuses codes and tags already registered or repeated in the file, and a row that is its own parent', () => {
    const checked = checkAssetRows(
      [row({ assetCode: 'as-rack-1' }), row({ rfidTag: 'e200tag1' }), row({ assetCode: 'AS-5', rfidTag: 'T5' }), row({ assetCode: 'AS-5 ', rfidTag: 't5' }), row({ assetCode: 'AS-6', parentCode: 'AS-6' })],
      lookup,
    );
    expect(checked.map((r) => r.errors.map((e) => e.code))).toEqual([['duplicateCode'], ['duplicateTag'], [], ['duplicateCode', 'duplicateTag'], ['ownParent']]);
  });

  it('a parent may be an earlier row of the file, at the same site; Chinese kind, status and owner words are understood', () => {
    const checked = checkAssetRows(
      [row({ assetCode: 'AS-R', kind: '机柜', status: '备用', ownership: '我方' }), row({ assetCode: 'AS-B', parentCode: 'AS-R' }), row({ assetCode: 'AS-C', parentCode: 'AS-R', siteName: 'Hongqiao' })],
      lookup,
    );
    expect(checked[0]!.draft).toMatchObject({ kind: 'rack', status: 'spare', ownership: 'ours' });
    expect(checked[1]!.errors).toEqual([]);
    expect(checked[2]!.errors).toEqual([{ field: 'parentCode', code: 'parentElsewhere' }]);
  });
});
