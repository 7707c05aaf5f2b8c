// @vitest-environment jsdom
import '../../../testing/setup';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../../../shared/api/result';
import type { QueuePageParams, SavedView } from '../../../../../shared/api/queue';
import { aQueuePage, aQueueRow, queueSettings } from '../../../testing/builders';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';

const session = { user: null, serverUrl: null };
const options = { teams: [], people: [], customers: [], productLines: [], regions: [] };

const transportWith = (page = aQueuePage([]), settings = queueSettings(), handlers: ConstructorParameters<typeof FakeTransport>[0] = {}) =>
  new FakeTransport(handlers, { 'queue.page': page, 'queue.settings': settings, 'queue.filterOptions': options, 'session.current': session });

const lastPageParams = (transport: FakeTransport) => transport.opened.filter((s) => s.name === 'queue.page').at(-1)?.params as QueuePageParams;

describe('QueuePage', () => {
  it('asks main for the view sorted by SLA due, shows the total and the rows, and marks the searched words', async () => {
    const rows = [aQueueRow({ id: 'a', number: 'T-000001', title: '光缆中断 near river' }), aQueueRow({ id: 'b', number: 'T-000002', title: 'LOS on port 11' })];
    const transport = transportWith(aQueuePage(rows, { total: 120 }));
    const { container } = renderApp('/queue/unassigned', { transport });
    expect(await screen.findByRole('heading', { name: 'Unassigned', level: 1 }, pageLoad)).toBeTruthy();
    expect((await screen.findByTestId('queue-total')).textContent).toBe('120 tickets');
    expect(await screen.findByText('LOS on port 11')).toBeTruthy();
    expect(lastPageParams(transport)).toEqual({ offset: 0, limit: 50, sort: { field: 'slaDueAt', direction: 'asc' }, filter: { view: 'unassigned' } });

    act(() => transport.emit('queue.page', aQueuePage(rows, { terms: ['光缆'] })));
    await waitFor(() => expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['光缆']));
    expect(screen.queryByTestId('queue-search-capped')).toBeNull();
    // A search matching more than main ranks says so, and how to narrow it.
    act(() => transport.emit('queue.page', aQueuePage(rows, { terms: ['l'], searchCapped: true })));
    expect((await screen.findByTestId('queue-search-capped')).textContent).toBe('Many matches: the best of the newest are shown. Type more to narrow the search.');
  });

  it('opens a report figure’s tickets from its link: the figure and its scope as filters, said in both languages, and cleared', async () => {
    const transport = transportWith();
    const { router } = renderApp('/queue/all?figure=overdueAtEnd&month=2026-01&productLine=OTN&severity=major', { transport });
    expect((await screen.findByTestId('queue-drill', {}, pageLoad)).textContent).toContain('The tickets behind “Overdue at month end” (2026-01) of a report');
    await waitFor(() =>
      expect(lastPageParams(transport).filter).toEqual({ view: 'all', productLine: ['OTN'], severity: ['major'], drill: { figure: 'overdueAtEnd', month: '2026-01' } }),
    );
    fireEvent.click(screen.getByTestId('queue-drill-clear'));
    await waitFor(() => expect(router?.state.location.search).toBe(''));
    await waitFor(() => expect(lastPageParams(transport).filter).toEqual({ view: 'all' }));
    expect(screen.queryByTestId('queue-drill')).toBeNull();
  });

  it('says which figure in Chinese, and ignores a figure it does not know', async () => {
    renderApp('/queue/all?figure=age&age=%3E30d', { transport: transportWith(), locale: 'zh-CN' });
    expect((await screen.findByTestId('queue-drill', {}, pageLoad)).textContent).toContain('报表数字“按时长统计的未结工单”（已开 >30d）所含的工单');
    const unknown = transportWith();
    renderApp('/queue/open?figure=everything&month=2026-01', { transport: unknown });
    await waitFor(() => expect(lastPageParams(unknown).filter).toEqual({ view: 'open' }), pageLoad);
  });

  it('says the queue is empty in Chinese', async () => {
    renderApp('/queue/mine', { transport: transportWith(), locale: 'zh-CN' });
    expect(await screen.findByRole('heading', { name: '我的未结工单', level: 1 }, pageLoad)).toBeTruthy();
    expect(await screen.findByText('没有分派给您的未结工单。可以从团队队列中领取工单。')).toBeTruthy();
    expect((await screen.findByTestId('queue-total')).textContent).toBe('0 张工单');
  });

  it('opens the user’s default view from #/queue, and sends an unknown view there too', async () => {
    const saved: SavedView = { id: 'v1', name: 'Critical fibre', filter: { view: 'open', severity: ['critical'] } };
    const transport = transportWith(aQueuePage([]), queueSettings({ views: [saved], defaultView: 'saved-v1' }));
    const { router } = renderApp('/queue', { transport });
    await waitFor(() => expect(router?.state.location.pathname).toBe('/queue/saved-v1'), pageLoad);
    expect(await screen.findByRole('heading', { name: 'Critical fibre', level: 1 }, pageLoad)).toBeTruthy();
    expect(lastPageParams(transport).filter).toEqual({ view: 'open', severity: ['critical'] });
    await act(() => router!.navigate('/queue/everything'));
    await waitFor(() => expect(router?.state.location.pathname).toBe('/queue/saved-v1'), pageLoad);
  });

  it('searches as the user types, and explains a search of punctuation only or of too many characters, in both languages', async () => {
    const transport = transportWith();
    renderApp('/queue/all', { transport });
    const search = await screen.findByTestId('queue-search', {}, pageLoad);
    fireEvent.change(search, { target: { value: '断网' } });
    await waitFor(() => expect(lastPageParams(transport).filter).toEqual({ view: 'all', search: '断网' }), pageLoad);

    fireEvent.change(search, { target: { value: '?!…' } });
    expect(await screen.findByText('Type letters or digits to search; punctuation alone finds nothing.', {}, pageLoad)).toBeTruthy();
    // The query for the whole queue may still be open from the first load (shared for a second), so read what the grid asks.
    await waitFor(() => expect(JSON.parse(screen.getByTestId('queue-rows').dataset.wanted!).filter).toEqual({ view: 'all' }), pageLoad);

    const before = transport.opened.length;
    fireEvent.change(search, { target: { value: 'x'.repeat(10_000) } });
    expect(await screen.findByText('A search can have at most 200 characters.', {}, pageLoad)).toBeTruthy();
    await new Promise((r) => setTimeout(r, 300));
    expect(transport.opened.slice(before).filter((s) => s.name === 'queue.page')).toEqual([]);
  });

  it('says a search is too long in Chinese', async () => {
    renderApp('/queue/all', { transport: transportWith(), locale: 'zh-CN' });
    fireEvent.change(await screen.findByTestId('queue-search', {}, pageLoad), { target: { value: '断'.repeat(201) } });
    expect(await screen.findByText('搜索内容最多 200 个字符。', {}, pageLoad)).toBeTruthy();
  });

  it('asks for a second letter before narrowing the queue, in both languages', async () => {
    const first = renderApp('/queue/all', { transport: transportWith() });
    fireEvent.change(await screen.findByTestId('queue-search', {}, pageLoad), { target: { value: 'f' } });
    expect(await screen.findByText('Keep typing: a word needs at least 2 letters or digits (one Chinese character is enough).', {}, pageLoad)).toBeTruthy();
    await new Promise((r) => setTimeout(r, 200));
    expect(JSON.parse(screen.getByTestId('queue-rows').dataset.wanted!).filter).toEqual({ view: 'all' });
    first.unmount();
    renderApp('/queue/all', { transport: transportWith(), locale: 'zh-CN' });
    fireEvent.change(await screen.findByTestId('queue-search', {}, pageLoad), { target: { value: 'f' } });
    expect(await screen.findByText('请继续输入：英文或数字至少 2 个字符（中文 1 个字即可）。', {}, pageLoad)).toBeTruthy();
  });

  it('says in Chinese that a search matched more than was ranked', async () => {
    renderApp('/queue/all', { transport: transportWith(aQueuePage([aQueueRow({ id: 'a' })], { terms: ['告'], searchCapped: true })), locale: 'zh-CN' });
    expect((await screen.findByTestId('queue-search-capped', {}, pageLoad)).textContent).toBe('匹配结果很多：仅显示最新匹配中最相关的工单。请输入更多内容以缩小范围。');
  });

  it('refuses an impossible date range in the filter dialog and applies a valid filter', async () => {
    const transport = transportWith();
    renderApp('/queue/open', { transport, locale: 'zh-CN' });
    fireEvent.click(await screen.findByTestId('queue-filters-button', {}, pageLoad));
    const dialog = await screen.findByTestId('queue-filters');
    fireEvent.change(within(dialog).getByTestId('filter-createdFrom'), { target: { value: '2026-03-09' } });
    fireEvent.change(within(dialog).getByTestId('filter-createdTo'), { target: { value: '2026-03-01' } });
    fireEvent.click(within(dialog).getByTestId('filters-apply'));
    expect(await within(dialog).findByText('截止日期早于起始日期。请选择不早于起始日期的截止日期。')).toBeTruthy();
    expect(lastPageParams(transport).filter).toEqual({ view: 'open' });

    fireEvent.change(within(dialog).getByTestId('filter-createdTo'), { target: { value: '2026-03-10' } });
    fireEvent.click(within(dialog).getByTestId('filters-apply'));
    await waitFor(() => expect(lastPageParams(transport).filter).toEqual({ view: 'open', createdFrom: '2026-03-09', createdTo: '2026-03-10' }));
    expect((await screen.findByTestId('queue-filters-button')).textContent).toBe('2 个筛选条件');
  });

  it('walks the rows with j and k, selects with x, opens with Enter, focuses search with /', async () => {
    const rows = [aQueueRow({ id: 'a', number: 'T-000001', title: 'First' }), aQueueRow({ id: 'b', number: 'T-000002', title: 'Second' }), aQueueRow({ id: 'c', number: 'T-000003', title: 'Third' })];
    const { router, container } = renderApp('/queue/team', { transport: transportWith(aQueuePage(rows)) });
    await screen.findByText('Third', {}, pageLoad);
    const cursorRow = () => container.querySelector('.queue-cursor')?.getAttribute('data-id');
    expect(cursorRow()).toBe('a');
    fireEvent.keyDown(document.body, { key: 'j' });
    fireEvent.keyDown(document.body, { key: 'j' });
    fireEvent.keyDown(document.body, { key: 'k' });
    await waitFor(() => expect(cursorRow()).toBe('b'));
    fireEvent.keyDown(document.body, { key: 'x' });
    expect((await screen.findByTestId('queue-selection')).textContent).toContain('1 selected');
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(screen.getByTestId('queue-search'));
    // Typed into the search field, j is text, not a move.
    fireEvent.keyDown(document.activeElement!, { key: 'j' });
    expect(cursorRow()).toBe('b');
    (document.activeElement as HTMLElement).blur();
    fireEvent.keyDown(document.body, { key: 'Enter' });
    await waitFor(() => expect(router?.state.location.pathname).toBe('/tickets/T-000002'), pageLoad);
  });

  it('selects rows with their boxes (the browser’s own, labelled in both languages), and keeps the selection as a new page of the same tickets arrives', async () => {
    const rows = [aQueueRow({ id: 'a', number: 'T-000001', title: 'First' }), aQueueRow({ id: 'b', number: 'T-000002', title: 'Second' })];
    const transport = transportWith(aQueuePage(rows));
    const { container } = renderApp('/queue/team', { transport });
    await screen.findByText('Second', {}, pageLoad);
    const box = (id: string) => container.querySelector<HTMLInputElement>(`[role="row"][data-id="${id}"] input[type="checkbox"]`)!;
    expect(box('b').getAttribute('aria-label')).toBe('Select row');
    fireEvent.click(box('b'));
    expect((await screen.findByTestId('queue-selection')).textContent).toContain('1 selected');
    expect(box('b').checked).toBe(true);
    expect(box('a').checked).toBe(false);
    expect(box('b').getAttribute('aria-label')).toBe('Unselect row');
    // A live update of the page (a title changed elsewhere) keeps the ticked row ticked.
    act(() => transport.emit('queue.page', aQueuePage([rows[0]!, { ...rows[1]!, title: 'Second, edited' }])));
    await screen.findByText('Second, edited');
    expect(box('b').checked).toBe(true);
    fireEvent.click(box('b'));
    await waitFor(() => expect(screen.queryByTestId('queue-selection')).toBeNull());
  });

  it('labels the row boxes in Chinese', async () => {
    const { container } = renderApp('/queue/team', { transport: transportWith(aQueuePage([aQueueRow({ id: 'a', title: 'First' })])), locale: 'zh-CN' });
    await screen.findByText('First', {}, pageLoad);
    const box = container.querySelector('[role="row"][data-id="a"] input[type="checkbox"]');
    expect(box?.getAttribute('aria-label')).toMatch(/[\u4e00-\u9fff]/);
  });

  it('changes the density from the toolbar: the grid shows it, and it is remembered for the view', async () => {
    const transport = transportWith(aQueuePage([aQueueRow({ id: 'a', title: 'First' })]), queueSettings(), { 'queue.saveGrid': ({ view }) => ok({ view }) });
    const { container } = renderApp('/queue/team', { transport });
    await screen.findByText('First', {}, pageLoad);
    const densityOf = () => container.querySelector('.MuiDataGrid-root')?.className.match(/MuiDataGrid-root--density(\w+)/)?.[1];
    expect(densityOf()).toBe('Compact');
    fireEvent.mouseDown(within(screen.getByTestId('queue-density').parentElement!).getByRole('combobox'));
    fireEvent.click(await screen.findByRole('option', { name: 'Comfortable' }));
    await waitFor(() => expect(densityOf()).toBe('Comfortable'));
    await waitFor(() => expect(transport.calls.find((c) => c.name === 'queue.saveGrid')).toMatchObject({ input: { view: 'team', grid: { density: 'comfortable' } } }), pageLoad);
  });

  it('lists the shortcuts on ? in Chinese', async () => {
    renderApp('/queue/team', { transport: transportWith(), locale: 'zh-CN' });
    await screen.findByTestId('queue-search', {}, pageLoad);
    fireEvent.keyDown(document.body, { key: '?' });
    const dialog = await screen.findByTestId('shortcuts-dialog');
    expect(within(dialog).getByText('键盘快捷键')).toBeTruthy();
    for (const label of ['下一张工单', '上一张工单', '打开工单', '搜索', '选中或取消选中工单', '显示此列表']) expect(within(dialog).getByText(label)).toBeTruthy();
  });

  it('saves the filters as a named view and refuses a blank name', async () => {
    const transport = transportWith(aQueuePage([]), queueSettings(), {
      'queue.saveView': (input) => ok({ ...(input as SavedView), id: 'new1' }),
    });
    const { router } = renderApp('/queue/open', { transport });
    fireEvent.change(await screen.findByTestId('queue-search', {}, pageLoad), { target: { value: 'fibre' } });
    await waitFor(() => expect(lastPageParams(transport).filter).toEqual({ view: 'open', search: 'fibre' }), pageLoad);
    fireEvent.click(screen.getByTestId('queue-save-view'));
    fireEvent.change(await screen.findByTestId('save-view-name'), { target: { value: '   ' } });
    fireEvent.click(screen.getByTestId('save-view-submit'));
    expect(await screen.findByText('Name the view.')).toBeTruthy();
    expect(transport.calls).toEqual([]);
    fireEvent.change(screen.getByTestId('save-view-name'), { target: { value: 'Fibre' } });
    fireEvent.click(screen.getByTestId('save-view-submit'));
    await waitFor(() => expect(router?.state.location.pathname).toBe('/queue/saved-new1'));
    expect(transport.calls[0]).toMatchObject({ name: 'queue.saveView', input: { name: 'Fibre', filter: { view: 'open', search: 'fibre' } } });
  });

  it('counts SLA clocks down with their state: overdue in red, warning, on track, paused', async () => {
    const now = Date.now();
    // Counting floors to the minute: give each time most of a minute's slack for a slow test.
    const at = (min: number) => new Date(now + (min + 0.9) * 60_000).toISOString();
    const rows = [
      aQueueRow({ id: 'a', title: 'Late', clocks: [{ clock: 'firstResponse', dueAt: at(-31), warnAt: at(-41), paused: false }] }),
      aQueueRow({ id: 'b', title: 'Soon', clocks: [{ clock: 'restore', dueAt: at(50), warnAt: at(-10), paused: false }] }),
      aQueueRow({ id: 'c', title: 'Fine', clocks: [{ clock: 'fix', dueAt: at(3 * 1440), warnAt: at(2 * 1440), paused: false }] }),
      aQueueRow({ id: 'd', title: 'Waiting', clocks: [{ clock: 'restore', dueAt: at(60), warnAt: at(30), paused: true }] }),
    ];
    renderApp('/queue/team', { transport: transportWith(aQueuePage(rows)) });
    await screen.findByText('Waiting', {}, pageLoad);
    const chips = screen.getAllByTestId(/^sla-/);
    expect(chips.map((c) => [c.textContent, c.getAttribute('data-state')])).toEqual([
      ['Response −30m', 'breached'],
      ['Restore 50m', 'warning'],
      ['Fix 3d', 'ok'],
      ['Restore paused', 'paused'],
    ]);
  });
});
