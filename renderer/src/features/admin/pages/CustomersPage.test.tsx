// @vitest-environment jsdom
import '../../../testing/setup';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../../../shared/api/result';
import { aUser, signedIn } from '../../../testing/builders';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';

const HEADER =
  'code,name,nameZh,tier,region,timeZone,contactName,contactPhone,contactEmail,siteName,siteAddress';
const line = (code: string, tier = 'key') =>
  `${code},Metro ${code},,${tier},cn-south,Asia/Shanghai,Li Lei,,li@example.com,Depot,Futian`;

const transportWith = () =>
  new FakeTransport(
    { 'admin.customers.import': (input) => ok({ created: input.drafts.length, updated: 0 }) },
    {
      'sync.status': localOnlyStatus,
      'session.current': signedIn(aUser({ roles: ['admin'] })),
      'admin.customers.page': {
        rows: [
          {
            id: 'c1',
            code: 'C-001',
            name: 'Shenzhen Metro',
            nameZh: '深圳地铁',
            tier: 'key',
            region: 'cn-south',
            timeZone: 'Asia/Shanghai',
            contacts: 1,
            sites: 2,
            active: true,
          },
        ],
        total: 1,
      },
    },
  );

const open = async (locale: 'en' | 'zh-CN' = 'en') => {
  const transport = transportWith();
  const view = renderApp('/admin/customers', { transport, locale });
  await userEvent.setup().click(await screen.findByTestId('customer-import', {}, pageLoad));
  const choose = (file: File) =>
    fireEvent.change(screen.getByTestId('customer-import-file'), { target: { files: [file] } });
  return { transport, view, choose };
};

describe('CustomersPage', () => {
  it('lists customers with their tier, in Chinese', async () => {
    renderApp('/admin/customers', { transport: transportWith(), locale: 'zh-CN' });
    expect(await screen.findByText('1 个客户', {}, pageLoad)).toBeTruthy();
    expect(screen.getByText('关键客户')).toBeTruthy();
    expect(screen.getByText('深圳地铁')).toBeTruthy();
  });

  it('previews each bad row before anything is written, then imports the good ones in chunks', async () => {
    const { transport, choose } = await open();
    const rows = Array.from({ length: 150 }, (_, i) => line(`C-${i}`, i === 7 ? 'gold' : 'key'));
    choose(new File([[HEADER, ...rows].join('\n')], 'customers.csv', { type: 'text/csv' }));
    expect(await screen.findByText('150 rows: 149 ready, 1 with errors (they are skipped).')).toBeTruthy();
    expect(screen.getByTestId('customer-import-error-row').textContent).toBe(
      '9tierTier must be key or general (关键客户 / 普遍客户)',
    );
    expect(transport.calls).toEqual([]);
    await userEvent.setup().click(screen.getByTestId('customer-import-confirm'));
    expect(
      await screen.findByText('Customers imported: 149 (149 new, 0 updated). Rows skipped: 1.'),
    ).toBeTruthy();
    expect(transport.calls.map((c) => (c.input as { drafts: unknown[] }).drafts.length)).toEqual([100, 49]);
  });

  it('reports a bad tier in Chinese', async () => {
    const { choose } = await open('zh-CN');
    choose(new File([[HEADER, line('C-1', 'gold')].join('\n')], 'c.csv'));
    expect(await screen.findByText('等级须为 key 或 general（关键客户 / 普遍客户）')).toBeTruthy();
    expect(screen.getByText('共 1 行：0 行可导入，1 行有错误（将被跳过）。')).toBeTruthy();
  });

  it('reads a GBK file (Excel on Chinese Windows) and says so', async () => {
    const { transport, choose } = await open();
    // "C-9,Metro,,关键客户,..." with the tier written in GBK bytes.
    const head = new TextEncoder().encode(`${HEADER}\nC-9,Metro,,`);
    const tier = Uint8Array.from([0xb9, 0xd8, 0xbc, 0xfc, 0xbf, 0xcd, 0xbb, 0xa7]);
    const tail = new TextEncoder().encode(',cn-south,Asia/Shanghai,,,,,\n');
    choose(new File([head, tier, tail], 'gbk.csv'));
    expect(await screen.findByText('Read as GBK.')).toBeTruthy();
    await userEvent.setup().click(screen.getByTestId('customer-import-confirm'));
    await waitFor(() => expect(transport.calls).toHaveLength(1));
    expect((transport.calls[0]!.input as { drafts: { tier: string }[] }).drafts[0]!.tier).toBe('key');
  });

  it('refuses a file over 10 MB and one without the columns, with what to do', async () => {
    const { choose } = await open();
    choose(new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'big.csv'));
    expect(
      await screen.findByText(
        'The file is larger than 10 MB. Split it into smaller files and import them one by one.',
      ),
    ).toBeTruthy();
    choose(new File(['name,tier\nA,key\n'], 'cols.csv'));
    expect(
      await screen.findByText(
        'The first line must name the columns; these are missing: code, region, timeZone.',
      ),
    ).toBeTruthy();
  });
});
