// @vitest-environment jsdom
import '../../../testing/setup';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../../shared/api/result';
import type { TrainingRow, TrainingView } from '../../../../../shared/api/training';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';
import { TrainingPage } from './TrainingPage';

const me = { id: 'p-tech', name: 'Yang Tao', nameZh: '杨涛' };
const boss = { id: 'p-mgr', name: 'Liu Qiang', nameZh: '刘强' };
const row = (over: Partial<TrainingRow> = {}): TrainingRow => ({
  id: 'r1',
  person: me,
  trainingKind: 'course',
  title: 'OTDR 光纤测试',
  provider: 'CIMS Academy',
  startsOn: '2026-02-02',
  endsOn: '2026-02-03',
  hours: 12,
  result: 'passed',
  expiresOn: null,
  status: 'submitted',
  note: '',
  enteredBy: me,
  decidedBy: null,
  decidedAt: null,
  can: { edit: true, decide: false, remove: true },
  ...over,
});
const view = (rows: TrainingRow[], people = [me]): TrainingView => ({ people, person: people[0]!, own: people[0] === me, rows, canAdd: true });
const transportWith = (v: TrainingView, handlers: ConstructorParameters<typeof FakeTransport>[0] = {}) =>
  new FakeTransport(handlers, {
    'sync.status': localOnlyStatus,
    'session.current': { user: null, serverUrl: null },
    'training.person': v,
    'training.team': { pending: [], expiring: [] },
  });

describe('TrainingPage', () => {
  it('lists the records with their status and refuses a course that ends before it starts, sending nothing', async () => {
    const user = userEvent.setup();
    const transport = transportWith(view([row()]), { 'training.save': () => ok({ id: 'r2' }) });
    renderWithApp(<TrainingPage />, { transport });
    expect(await screen.findByText('OTDR 光纤测试', {}, pageLoad)).toBeTruthy();
    expect(screen.getByTestId('training-status').textContent).toBe('Awaiting confirmation');

    await user.click(screen.getByTestId('training-add'));
    expect(screen.getByText('Your manager confirms the record before it counts.')).toBeTruthy();
    await user.click(screen.getByTestId('training-save'));
    expect(await screen.findByText('Enter the course or certification.')).toBeTruthy();
    await user.type(screen.getByTestId('training-title'), 'Working at height');
    fireEvent.change(screen.getByTestId('training-startsOn'), { target: { value: '2026-03-02' } });
    fireEvent.change(screen.getByTestId('training-endsOn'), { target: { value: '2026-03-01' } });
    await user.click(screen.getByTestId('training-save'));
    expect(await screen.findByText('The end date is before the start date.')).toBeTruthy();
    expect(transport.calls.filter((c) => c.name === 'training.save')).toEqual([]);

    fireEvent.change(screen.getByTestId('training-endsOn'), { target: { value: '2026-03-03' } });
    await user.clear(screen.getByTestId('training-hours'));
    await user.type(screen.getByTestId('training-hours'), '7.5');
    await user.click(screen.getByTestId('training-save'));
    await waitFor(() => expect(transport.calls.filter((c) => c.name === 'training.save')).toHaveLength(1));
    expect(transport.calls.find((c) => c.name === 'training.save')!.input).toMatchObject({
      id: null,
      personId: me.id,
      form: { trainingKind: 'course', title: 'Working at height', startsOn: '2026-03-02', endsOn: '2026-03-03', hours: 7.5, expiresOn: '' },
    });
  });

  it('speaks Chinese: statuses, validation and the manager’s refusal', async () => {
    const user = userEvent.setup();
    const confirmed = row({ status: 'confirmed', decidedBy: boss, can: { edit: false, decide: false, remove: false } });
    const transport = transportWith(view([confirmed]), { 'training.save': () => fail('FORBIDDEN', 'no') });
    renderWithApp(<TrainingPage />, { transport, locale: 'zh-CN' });
    expect(await screen.findByText('培训记录', { selector: 'h1' }, pageLoad)).toBeTruthy();
    expect(screen.getByTestId('training-status').textContent).toBe('已确认');
    expect(screen.getByText('（刘强）')).toBeTruthy();
    // A confirmed record offers no edit or removal to its person.
    expect(screen.queryByTestId('training-edit')).toBeNull();
    expect(screen.queryByTestId('training-remove')).toBeNull();
    await user.click(screen.getByTestId('training-add'));
    await user.click(screen.getByTestId('training-save'));
    expect(await screen.findByText('请填写课程或证书名称。')).toBeTruthy();
    await user.type(screen.getByTestId('training-title'), '登高作业证');
    await user.click(screen.getByTestId('training-save'));
    expect(await screen.findByText('您不能修改这条培训记录。')).toBeTruthy();
  });

  it('previews a CSV with each row’s problems and imports nothing while a row is wrong', async () => {
    const user = userEvent.setup();
    const transport = transportWith(view([], [boss, me]), {
      'training.previewCsv': () =>
        ok({
          rows: [
            { line: 2, username: 'tech', title: '登高作业证', errors: [] },
            { line: 3, username: 'ghost', title: 'X', errors: [{ field: 'username', code: 'unknownPerson' }, { field: 'endsOn', code: 'endsBeforeStart' }] },
          ],
          valid: 1,
          invalid: 1,
        }),
    });
    renderWithApp(<TrainingPage />, { transport });
    await user.click(await screen.findByTestId('training-import', {}, pageLoad));
    const file = new File(['username,kind,title,startsOn,endsOn,hours\n'], 'training.csv', { type: 'text/csv' });
    await user.upload(screen.getByTestId('training-csv-file'), file);
    expect((await screen.findByTestId('training-csv-summary')).textContent).toContain('1 rows ready, 1 with errors.');
    const bad = screen.getAllByTestId('training-csv-row')[1]!;
    expect(within(bad).getByText('no person with this user name; ends before it starts')).toBeTruthy();
    expect((screen.getByTestId('training-csv-import') as HTMLButtonElement).disabled).toBe(true);
    expect(transport.calls.filter((c) => c.name === 'training.importCsv')).toEqual([]);
  });
});
