import { describe, expect, it } from 'vitest';
import { managerTree, wouldManageThemself, type ChainLink } from './people';

const chain: ChainLink[] = [
  { id: 'director', managerId: null },
  { id: 'manager', managerId: 'director' },
  { id: 'lead', managerId: 'manager' },
  { id: 'tech', managerId: 'lead' },
];

describe('manager chain', () => {
  it('refuses a person as their own manager, directly or through their reports', () => {
    expect(wouldManageThemself(chain, 'tech', 'tech')).toBe(true);
    expect(wouldManageThemself(chain, 'manager', 'tech')).toBe(true);
    expect(wouldManageThemself(chain, 'director', 'lead')).toBe(true);
  });

  it('accepts a manager outside the person’s own reports, and no manager', () => {
    expect(wouldManageThemself(chain, 'tech', 'director')).toBe(false);
    expect(wouldManageThemself(chain, 'lead', null)).toBe(false);
    expect(wouldManageThemself(chain, 'newcomer', 'tech')).toBe(false);
  });

  it('stops on a loop already stored instead of running forever', () => {
    const looped: ChainLink[] = [
      { id: 'a', managerId: 'b' },
      { id: 'b', managerId: 'a' },
    ];
    expect(wouldManageThemself(looped, 'c', 'a')).toBe(false);
  });

  it('builds the tree from the roots, every person once, a stored loop cut', () => {
    const tree = managerTree([...chain, { id: 'x', managerId: 'y' }, { id: 'y', managerId: 'x' }], (a, b) => a.id.localeCompare(b.id));
    expect(tree.map((n) => n.person.id)).toEqual(['director', 'x']);
    expect(tree[0]!.reports[0]!.reports[0]!.reports.map((n) => n.person.id)).toEqual(['tech']);
    expect(tree[1]!.reports.map((n) => n.person.id)).toEqual(['y']);
  });
});
