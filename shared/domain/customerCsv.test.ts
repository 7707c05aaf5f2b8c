import { describe, expect, it } from 'vitest';
import { checkCustomerRows, customerCsvRow, type CustomerCsvRow } from './customerCsv';

const row = (over: Partial<CustomerCsvRow> = {}): Partial<CustomerCsvRow> => ({
  code: 'C-001',
  name: 'Shenzhen Metro',
  nameZh: '深圳地铁',
  tier: 'key',
  region: 'cn-south',
  timeZone: 'Asia/Shanghai',
  contactName: 'Li Lei',
  contactPhone: '+86 755 0000',
  contactEmail: 'li.lei@example.com',
  siteName: 'Depot 7',
  siteAddress: 'Futian',
  ...over,
});

describe('customer CSV rows', () => {
  it('turns a good row into a draft, accepting the tiers in Chinese too', () => {
    const [a, b] = checkCustomerRows([row(), row({ code: 'C-002', tier: '普遍客户', contactName: '', siteName: '' })]);
    expect(a).toMatchObject({ line: 2, errors: [], draft: { code: 'C-001', tier: 'key', contact: { name: 'Li Lei' }, site: { name: 'Depot 7' } } });
    expect(b!.draft).toMatchObject({ tier: 'general', contact: null, site: null });
  });

  it('reports each bad field of a row with its line, and a code used twice', () => {
    const checked = checkCustomerRows([row(), row({ tier: 'gold', timeZone: 'Mars/Base', contactEmail: 'nope' }), row({ code: '', name: '' }), row()]);
    expect(checked.map((r) => [r.line, r.errors.map((e) => `${e.field}:${e.code}`)])).toEqual([
      [2, []],
      [3, ['tier:badTier', 'timeZone:badZone', 'contactEmail:badEmail', 'code:duplicateCode']],
      [4, ['code:required', 'name:required']],
      [5, ['code:duplicateCode']],
    ]);
    expect(checked.filter((r) => r.draft).length).toBe(1);
  });

  it('exports the columns the import reads, so a file round-trips', () => {
    const [checked] = checkCustomerRows([row()]);
    const d = checked!.draft!;
    const exported = customerCsvRow({ ...d, contacts: [{ name: d.contact!.name, phone: d.contact!.phone, email: d.contact!.email }], sites: [{ name: d.site!.name, address: d.site!.address }] });
    expect(exported).toEqual(row());
  });
});
