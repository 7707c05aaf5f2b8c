// @vitest-environment jsdom
import '../../../testing/setup';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../testing/render';
import { PlanTable } from './PlanTable';
import { plan } from './test-fixtures';

describe('PlanTable', () => {
  it('lists plans with frequency, team, assets and next due date (English)', () => {
    renderWithApp(<PlanTable plans={[plan, { ...plan, id: 'p2', name: 'Weekly', frequency: { every: 2, unit: 'week' } }]} />);
    expect(screen.getByText('Every month')).toBeTruthy();
    expect(screen.getByText('Every 2 weeks')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Hangzhou OLTs monthly' }).getAttribute('href')).toBe('/maintenance/plans/p1');
    expect(screen.getAllByText('2026-04-10')).toHaveLength(2);
  });
  it('a plan of a model by running hours shows the model; a site plan all its assets in service (English, zh-CN)', () => {
    const byModel = { ...plan, id: 'p3', scope: 'model' as const, model: 'MA5800', assetIds: [], frequency: { every: 500, unit: 'running_hours' as const } };
    const bySite = { ...plan, id: 'p4', scope: 'site' as const, assetIds: [] };
    const { unmount } = renderWithApp(<PlanTable plans={[byModel, bySite]} />);
    expect(screen.getByText('Every 500 running hours')).toBeTruthy();
    expect(screen.getByText('MA5800')).toBeTruthy();
    expect(screen.getByText('all in service')).toBeTruthy();
    unmount();
    renderWithApp(<PlanTable plans={[byModel, bySite]} />, { locale: 'zh-CN' });
    expect(screen.getByText('每运行 500 小时')).toBeTruthy();
    expect(screen.getByText('全部在用')).toBeTruthy();
  });
  it('in Chinese, and says when there is none (zh-CN)', () => {
    const { unmount } = renderWithApp(<PlanTable plans={[plan]} />, { locale: 'zh-CN' });
    expect(screen.getByText('每月')).toBeTruthy();
    expect(screen.getByText('下次到期')).toBeTruthy();
    unmount();
    renderWithApp(<PlanTable plans={[]} />, { locale: 'zh-CN' });
    expect(screen.getByText('还没有维护计划。')).toBeTruthy();
  });
});
