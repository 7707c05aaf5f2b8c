import type { RoundSummary } from '../../../../../shared/api/maintenance';
import type { MaintenanceCalendar, RoundAssignees } from '../../../../../shared/api/maintenanceCalendar';
import { summary } from './test-fixtures';

// A week of team East's rounds for the calendar tests: one for the whole team, one each for
// two technicians (one late, one missed), Monday 2 March 2026 to Sunday 8 March.
const round = (id: string, over: Partial<RoundSummary>): RoundSummary => ({ ...summary, id, status: 'planned', done: 0, ...over });
export const zhang = { id: 'u-zhang', name: 'Tech Zhang', nameZh: '张工' };
export const wang = { id: 'u-wang', name: 'Tech Wang', nameZh: null };
export const teamRound = round('r-team', { dueDate: '2026-03-06', timing: 'upcoming', customerName: 'Zhejiang Mobile', siteName: 'Ningbo 机房 2', assets: 3 });
export const zhangRound = round('r-zhang', { dueDate: '2026-03-03', timing: 'overdue', assigneeId: zhang.id, assets: 2 });
export const wangRound = round('r-wang', { dueDate: '2026-03-04', timing: 'missed', assigneeId: wang.id, customerName: 'China Unicom', siteName: null, assets: 1 });

export const calendar: MaintenanceCalendar = {
  weekStart: '2026-03-02',
  days: ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08'],
  today: '2026-03-04',
  team: { id: 'team1', name: 'East field', nameZh: '华东现场组' },
  teams: [
    { id: 'team1', name: 'East field', nameZh: '华东现场组' },
    { id: 'team2', name: 'North field', nameZh: null },
  ],
  rows: [
    { person: null, outside: false, rounds: [teamRound] },
    { person: wang, outside: false, rounds: [wangRound] },
    { person: zhang, outside: false, rounds: [zhangRound] },
  ],
  can: { assign: true },
};

export const assignees: RoundAssignees = { roundId: zhangRound.id, team: calendar.team, assigneeId: zhang.id, people: [wang, zhang], can: { assign: true } };
