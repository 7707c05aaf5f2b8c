// @vitest-environment jsdom
import '../../../testing/setup';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardCard, BoardView } from '../../../../../shared/api/board';
import { fail, ok } from '../../../../../shared/api/result';
import type { TicketChange } from '../../../../../shared/api/ticketWork';
import { aUser, signedIn } from '../../../testing/builders';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';

const NOW = '2026-03-02T08:00:00.000Z';
const aCard = (over: Partial<BoardCard> = {}): BoardCard => ({
  id: 'c1',
  number: 'T-000101',
  title: 'LOS on the Pudong ring',
  status: 'in_progress',
  severity: 'critical',
  priority: 'P1',
  customerName: 'East Telecom',
  tier: 'key',
  region: 'cn-east',
  productLine: 'OTN',
  teamName: 'Shanghai field team',
  assigneeName: 'Zhang San',
  level: 'L1',
  atLevelSince: '2026-03-02T05:00:00.000Z',
  clocks: [{ kind: 'restore', dueAt: '2026-03-02T09:00:00.000Z', state: 'warning', paused: false, met: null }],
  unacknowledged: [],
  ...over,
});
const aBoard = (cards: BoardCard[] = [aCard()]): BoardView => ({
  axis: 'functional',
  columns: (['L1', 'L2', 'L3', 'spare_parts', 'logistics'] as const).map((level) => {
    const here = cards.filter((c) => c.level === level);
    return { level, total: here.length, cards: here };
  }),
  options: { regions: ['cn-east'], teams: [{ id: 'tm', name: 'East L2 support', nameZh: '华东二线' }], productLines: ['OTN'] },
  computedAt: NOW,
});
const change: TicketChange = { ticketId: 'c1', before: { functionalLevel: 'L1' }, after: { functionalLevel: 'L2' }, eventIds: ['e1'] };

const setup = (locale: 'en' | 'zh-CN', handlers: ConstructorParameters<typeof FakeTransport>[0] = {}) => {
  const transport = new FakeTransport(handlers, {
    'sync.status': localOnlyStatus,
    'session.current': signedIn(aUser({ roles: ['manager'] })),
    'board.view': aBoard([aCard(), aCard({ id: 'c2', number: 'T-000102', title: 'Fan alarm', severity: 'minor', priority: 'P3', level: 'L2', clocks: [], unacknowledged: [{ eventId: 'e0', receiver: 'East L2 support', toLevel: 'L2', at: NOW }] })]),
  });
  return renderApp('/board', { transport, locale });
};

// jsdom lays nothing out: columns get side-by-side boxes so dnd-kit can measure where a card is.
const original = Element.prototype.getBoundingClientRect;
beforeEach(() => {
  Element.prototype.getBoundingClientRect = function (this: Element) {
    const column = this.closest('[data-testid^="column-"]');
    const index = column ? [...column.parentElement!.children].indexOf(column) : -1;
    if (index < 0) return original.call(this);
    const inCard = this.closest('[data-testid^="card-"]');
    const [left, top, width, height] = inCard ? [index * 300 + 10, 60, 260, 120] : [index * 300, 0, 280, 800];
    return { left, top, width, height, right: left + width, bottom: top + height, x: left, y: top, toJSON: () => ({}) } as DOMRect;
  };
});
afterEach(() => {
  Element.prototype.getBoundingClientRect = original;
});

describe('BoardPage', () => {
  it('shows a column per level with cards, clocks, time at level and who has not acknowledged, in English', async () => {
    const { transport } = setup('en');
    expect(await screen.findByRole('heading', { name: 'Escalation board', level: 1 }, pageLoad)).toBeTruthy();
    const l1 = await screen.findByTestId('column-L1');
    expect(within(l1).getByRole('heading', { name: 'L1 frontline' })).toBeTruthy();
    const card = within(l1).getByTestId('card-T-000101');
    expect(within(card).getByText('LOS on the Pudong ring')).toBeTruthy();
    expect(within(card).getByText('Critical')).toBeTruthy();
    expect(within(card).getByText('Key account')).toBeTruthy();
    expect(within(card).getByTestId('clock-restore').textContent).toMatch(/^Restore: due /);
    expect(within(card).getByTestId('at-level').textContent).toBe('At this level 3 h');
    expect(within(screen.getByTestId('card-T-000102')).getByTestId('unacknowledged').textContent).toBe('Not acknowledged: East L2 support');
    expect(within(screen.getByTestId('column-L3')).getByText('No tickets at this level.')).toBeTruthy();
    expect(transport.opened.find((s) => s.name === 'board.view')?.params).toEqual({ axis: 'functional' });
  });

  it('asks main again for the other axis and the filters', async () => {
    const { transport } = setup('en');
    await screen.findByTestId('column-L1', undefined, pageLoad);
    await userEvent.click(screen.getByTestId('axis-hierarchical'));
    await waitFor(() => expect(transport.opened.at(-1)).toEqual({ name: 'board.view', params: { axis: 'hierarchical' } }));
    await userEvent.click(within(screen.getByTestId('filter-severity')).getByRole('combobox'));
    await userEvent.click(await screen.findByRole('option', { name: 'Critical' }));
    await waitFor(() => expect(transport.opened.at(-1)?.params).toEqual({ axis: 'hierarchical', severity: ['critical'] }));
  });

  it('refuses a whitespace reason in Chinese, then escalates with the keyboard to the next column', async () => {
    const { transport } = setup('zh-CN', { 'ticketWork.escalate': () => ok(change) });
    const card = await screen.findByTestId('card-T-000101', undefined, pageLoad);
    card.focus();
    fireEvent.keyDown(card, { code: 'Space', key: ' ' });
    // The columns are measured once the drag has started.
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    fireEvent.keyDown(document, { code: 'ArrowRight', key: 'ArrowRight' });
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    fireEvent.keyDown(document, { code: 'Space', key: ' ' });
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('将 T-000101 升级到二线技术支持 L2')).toBeTruthy();
    await userEvent.type(within(dialog).getByTestId('reason-input'), '   ');
    await userEvent.click(within(dialog).getByTestId('reason-confirm'));
    expect(await within(dialog).findByText('请填写原因：接收人需要知道为什么。')).toBeTruthy();
    expect(transport.calls.filter((c) => c.name === 'ticketWork.escalate')).toEqual([]);
    await userEvent.type(within(dialog).getByTestId('reason-input'), '需要远程分析');
    await userEvent.click(within(dialog).getByTestId('reason-confirm'));
    await waitFor(() => expect(transport.calls.find((c) => c.name === 'ticketWork.escalate')?.input).toEqual({ ticketId: 'c1', axis: 'functional', to: 'L2', reason: '需要远程分析' }));
    expect(await screen.findByText('T-000101 已移至二线技术支持 L2。')).toBeTruthy();
  });

  it('says a drop on its own column changes nothing, and sends nothing', async () => {
    const { transport } = setup('en');
    const card = await screen.findByTestId('card-T-000101', undefined, pageLoad);
    card.focus();
    fireEvent.keyDown(card, { code: 'Space', key: ' ' });
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    fireEvent.keyDown(document, { code: 'Space', key: ' ' });
    expect(await screen.findByText('T-000101 is already at L1 frontline: nothing changed.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(transport.calls.filter((c) => c.name === 'ticketWork.escalate')).toEqual([]);
  });

  it('de-escalates from the card menu and reports a refusal with its reason in Chinese', async () => {
    const refused = fail('CONFLICT', 'status: only open tickets can be escalated', [{ path: 'to', code: 'ticket_not_open', message: 'x' }]);
    setup('zh-CN', { 'ticketWork.escalate': () => refused });
    await screen.findByTestId('card-T-000102', undefined, pageLoad);
    await userEvent.click(screen.getByTestId('move-T-000102'));
    await userEvent.click(await screen.findByRole('menuitem', { name: '一线 L1' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('将 T-000102 降级到一线 L1')).toBeTruthy();
    await userEvent.type(within(dialog).getByTestId('reason-input'), '已恢复');
    await userEvent.click(within(dialog).getByTestId('reason-confirm'));
    expect(await screen.findByText('T-000102 未移动：只能升级未结工单')).toBeTruthy();
  });

  it('says what to do when nothing matches and when the board fails', async () => {
    const { transport } = setup('en');
    await screen.findByTestId('column-L1', undefined, pageLoad);
    act(() => transport.emit('board.view', aBoard([])));
    expect(await screen.findByText('No open tickets match these filters. Clear the filters or switch the axis.')).toBeTruthy();
    act(() => transport.emitError('board.view', { code: 'STORAGE_FAILED', message: 'x' }));
    expect(await screen.findByText(/^The board could not be loaded: /)).toBeTruthy();
  });
});
