// @vitest-environment jsdom
import '../../../testing/setup';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AssetFormOptions, AssetSearchResult } from '../../../../../shared/api/assets';
import { fail, ok } from '../../../../../shared/api/result';
import { checkAssetRows } from '../../../../../shared/domain/assetCsv';
import { keyLookupOf } from '../../../../../shared/domain/assets';
import { aUser, signedIn } from '../../../testing/builders';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';

const options: AssetFormOptions = {
  customers: [{ id: 'cust-1', code: 'CM-SH', name: 'China Mobile Shanghai', sites: [{ id: 'site-1', name: 'Pudong DC' }] }],
  parents: [{ id: 'rack-1', assetCode: 'AS-RACK-1', kind: 'rack', model: 'OSN-9800' }],
};
const search: AssetSearchResult = {
  rows: [{ id: 'rack-1', assetCode: 'AS-RACK-1', serial: 'SN-R1', rfidTag: '', model: 'OSN-9800', kind: 'rack', status: 'in_service', ownership: 'customer', customerName: 'China Mobile Shanghai', siteName: 'Pudong DC' }],
  more: false,
};
// The import check runs the real row rules against a small store.
const lookup = {
  customerByCode: (c: string) => (c === 'CM-SH' ? { id: 'cust-1', sites: [{ id: 'site-1', name: 'Pudong DC' }] } : undefined),
  assetByCode: (c: string) => (c === 'AS-RACK-1' ? { id: 'rack-1', siteId: 'site-1' } : undefined),
  keys: keyLookupOf([{ id: 'rack-1', assetCode: 'AS-RACK-1', rfidTag: '' }]),
};

const transportWith = () =>
  new FakeTransport(
    {
      'assets.save': (input) =>
        input.fields.assetCode === 'AS-RACK-1'
          ? fail('VALIDATION_FAILED', 'assetCode: duplicateCode', [{ path: 'assetCode', code: 'duplicateCode', message: 'duplicateCode' }])
          : ok({ id: 'new-1', assetCode: input.fields.assetCode }),
      'assets.import.check': (input) => ok(checkAssetRows(input.rows, lookup)),
      'assets.import': () => ok({ created: 1, skipped: 1 }),
    },
    {
      'sync.status': localOnlyStatus,
      'session.current': signedIn(aUser({ roles: ['technician'] })),
      'assets.search': search,
      'assets.unknownCodes': [],
      'assets.formOptions': options,
      'assets.detail': null,
    },
  );

const openForm = async (locale: 'en' | 'zh-CN') => {
  const transport = transportWith();
  renderApp('/assets', { transport, locale });
  await userEvent.setup().click(await screen.findByTestId('asset-create', {}, pageLoad));
  return { transport, form: await screen.findByTestId('asset-form') };
};

const fill = async (code: string) => {
  const user = userEvent.setup();
  await user.type(screen.getByTestId('asset-assetCode'), code);
  await user.type(screen.getByTestId('asset-serial'), 'SN-9');
  await user.type(screen.getByTestId('asset-model'), 'TN52');
  await user.type(screen.getByTestId('asset-productLine'), 'transport');
  await user.selectOptions(screen.getByTestId('asset-customerId'), 'cust-1');
  await user.selectOptions(screen.getByTestId('asset-siteId'), 'site-1');
  await user.click(screen.getByTestId('asset-submit'));
};

const HEADER = 'assetCode,serial,model,productLine,kind,customerCode,siteName,installDate';
const csv = [HEADER, 'AS-NEW-1,SN1,TN52,transport,board,CM-SH,Pudong DC,2025-03-01', 'AS-NEW-2,SN2,TN52,transport,board,CM-SH,Atlantis,2025-03-01'].join('\n');

const openImport = async (locale: 'en' | 'zh-CN') => {
  const transport = transportWith();
  renderApp('/assets', { transport, locale });
  await userEvent.setup().click(await screen.findByTestId('asset-import', {}, pageLoad));
  fireEvent.change(screen.getByTestId('asset-import-file'), { target: { files: [new File([csv], 'assets.csv', { type: 'text/csv' })] } });
  return transport;
};

describe('the asset form', () => {
  it('marks the required fields on an empty submit and sends nothing', async () => {
    const { transport, form } = await openForm('en');
    await userEvent.setup().click(screen.getByTestId('asset-submit'));
    expect((await within(form).findAllByText('This field is required.')).length).toBeGreaterThanOrEqual(4);
    expect(transport.calls).toEqual([]);
  });

  it('shows the service refusing a duplicate code on the code field, in English', async () => {
    const { transport } = await openForm('en');
    await fill('AS-RACK-1');
    expect(await screen.findByText('Another asset already has this code.')).toBeTruthy();
    expect(screen.getByTestId('asset-form-error').textContent).toBe('The asset was not saved: correct the marked fields.');
    expect(transport.calls.map((c) => c.name)).toEqual(['assets.save']);
    // The typed text stays for correction.
    expect((screen.getByTestId('asset-assetCode') as HTMLInputElement).value).toBe('AS-RACK-1');
  });

  it('in Chinese, and saves with the chosen customer and site once the code is free', async () => {
    const { transport } = await openForm('zh-CN');
    await fill('AS-RACK-1');
    expect(await screen.findByText('已有其他资产使用此编码。')).toBeTruthy();
    const code = screen.getByTestId('asset-assetCode');
    const user = userEvent.setup();
    await user.clear(code);
    await user.type(code, 'AS-NEW-9');
    await user.click(screen.getByTestId('asset-submit'));
    await waitFor(() => expect(transport.calls).toHaveLength(2));
    expect(transport.calls[1]!.input).toMatchObject({ fields: { assetCode: 'AS-NEW-9', customerId: 'cust-1', siteId: 'site-1', parentId: null, ownership: 'customer', warrantyEnd: null } });
  });
});

describe('the CSV import preview', () => {
  it('lists a row with an unknown site before anything is written, in English', async () => {
    const transport = await openImport('en');
    expect(await screen.findByText('2 rows: 1 ready, 1 with errors (these are skipped).')).toBeTruthy();
    expect(screen.getByTestId('asset-import-error-row').textContent).toBe('3AS-NEW-2siteNamethe customer has no site of this name');
    expect(transport.calls.map((c) => c.name)).toEqual(['assets.import.check']);
    await userEvent.setup().click(screen.getByTestId('asset-import-confirm'));
    expect(await screen.findByText('Imported 1, skipped 1.')).toBeTruthy();
  });

  it('in Chinese', async () => {
    await openImport('zh-CN');
    expect(await screen.findByText('共 2 行：1 行可导入，1 行有错误（将跳过）。')).toBeTruthy();
    expect(screen.getByTestId('asset-import-error-row').textContent).toBe('3AS-NEW-2siteName该客户没有此名称的站点');
    expect(screen.getByTestId('asset-import-confirm').textContent).toBe('导入 1 个资产');
  });
});
