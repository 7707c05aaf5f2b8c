import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../server/testing/harness';
import { DEMO_PASSWORD } from '../../shared/domain/demo';
import { aCycle, anAssessment, aTicket, newId } from '../../shared/domain/testing/builders';
import type { Assessment, Customer, Person, Team, Ticket } from '../../shared/schema';
import { launchChromium, signInOnForm, startHarnessProcess, storedSessionArrives, type RunningHarness } from './harness';
import { relay } from './relay';
import { demoServer } from './server-api';
import { SCREENSHOT_DIR } from './tickets.spec';

/**
 * The quarterly assessment across three desktops and one server. The assessor's desktop holds
 * the embedded demo server; the technician's desktop reaches it through a TCP relay this test
 * cuts, so the self review is partly written offline; the third desktop is the director's, then
 * the manager's. The assessor opens a cycle; the technician self-reviews; in a past quarter
 * held in calibration the assessor changes a score with a reason, which turns the outcome into
 * an improvement plan; the director one level up approves it; the manager sets a goal of the
 * plan (owner, due date), checks the quarter's KPI panel against a fixture of tickets counted
 * by hand, opens the late-review reminder and reviews the current quarter with its KPIs and the
 * goal to follow up; the technician acknowledges with a comment; a peer engineer, on the
 * technician's desktop, can neither see nor open it.
 */
const STEP = 600_000;
/** The past quarter of the plan: the demo organisation has no tickets there but the fixture. */
const PAST = { name: '2024-Q4', year: 2024, quarter: 4, startsOn: '2024-10-01', endsOn: '2024-12-31' };

describe('quarterly staff assessment across desktops', () => {
  let hq: RunningHarness;
  let deskA: RunningHarness;
  let deskB: RunningHarness;
  let dirA = '';
  let dirB = '';
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let net: Awaited<ReturnType<typeof relay>>;
  let assessorPage: Page;
  let techPage: Page;
  let bossPage: Page;
  let cycleUrl = '';
  let q3Url = '';
  let tech: Person;
  let manager: Person;
  let director: Person;
  let past: Assessment;
  const fixture: Ticket[] = [];
  const errors: string[] = [];

  const state = (page: Page) => page.getByTestId('sync-indicator').textContent({ timeout: 10_000 });
  // A first sync pulls the user's share of the demo organisation: slow on a loaded machine.
  // A loop of its own rather than expect.poll, which only runs inside a test: the desktops sign in before them.
  const synced = async (page: Page) => {
    let last: string | null = null;
    for (const until = Date.now() + 300_000; Date.now() < until; await page.waitForTimeout(1000)) {
      last = await state(page).catch(() => null);
      if (last === 'Synced' || last === '已同步') return;
    }
    throw new Error(`the desktop did not sync within 5 minutes: ${last}`);
  };
  const shoot = async (page: Page, name: string) => {
    // From the top: a full-page shot of a scrolled page draws the fixed app bar midway.
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    // A full-page shot of a long page takes a while on a loaded machine.
    await page.screenshot({ path: `${SCREENSHOT_DIR}/assessments-${name}-en.png`, fullPage: true, timeout: 120_000 });
    // Dispatched on the switch itself: an open dialog covers the app bar.
    await page.getByTestId('locale-zh-CN').dispatchEvent('click');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/assessments-${name}-zh-CN.png`, fullPage: true, timeout: 120_000 });
    await page.getByTestId('locale-en').dispatchEvent('click');
  };
  /** Moves by hash (the page keeps its harness token) and waits until the route is the one asked for. */
  const go = async (page: Page, path: string) => {
    await expect
      .poll(
        async () => {
          const now = page.url().split('#')[1];
          if (now !== path) await page.evaluate((p) => ((globalThis as unknown as { location: { hash: string } }).location.hash = p), path);
          return page.url().split('#')[1];
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(path);
  };
  /** Another user on the same desktop, once everything of the previous one reached the server. */
  const switchUser = async (page: Page, serverUrl: string, username: string) => {
    await synced(page);
    await page.getByTestId('account-menu').click();
    await page.getByTestId('account-sign-out').click();
    await signInOnForm(page, serverUrl, username, DEMO_PASSWORD, synced);
  };

  const server = () => demoServer(hq.serverUrl!);
  const pullAs = (username: string, collection: string) => server().pullAs(username, collection);
  const push = (username: string, collection: string, docs: readonly object[]) => server().push(username, collection, docs);

  /**
   * The past quarter, in calibration: the manager's review of the technician (3, 3, 2, 2: a
   * total of 2.5, "meets expectations" by a hair). The fixture of the technician's tickets in
   * that quarter, counted by hand: four resolved by them, one of which was reopened (a reopen
   * rate of 25 %), and one complaint about them, which their manager handled.
   */
  const preparePastQuarter = async () => {
    const people = (await pullAs('admin', 'people')) as unknown as Person[];
    tech = people.find((p) => p.username === 'technician')!;
    manager = people.find((p) => p.id === tech.managerId)!;
    expect(manager.username).toBe('manager');
    director = people.find((p) => p.id === manager.managerId)!;
    const team = ((await pullAs('admin', 'teams')) as unknown as Team[]).find((t) => t.id === tech.teamId)!;
    const customer = ((await pullAs('admin', 'customers')) as unknown as Customer[]).find((c) => c.region === team.region && c.sites.length > 0)!;
    const base = { customerId: customer.id, customerName: customer.name, customerTier: customer.tier, siteId: customer.sites[0]!.id, region: team.region, teamId: team.id, createdBy: tech.id };
    for (const [i, day] of ['04', '11', '18', '25'].entries()) {
      const created = `2024-11-${day}T02:00:00.000Z`;
      const resolved = `2024-11-${day}T08:00:00.000Z`;
      fixture.push(
        aTicket({ ...base, id: newId(), provisionalNumber: `E2E-KPI-${i + 1}`, title: `KPI fixture ${i + 1}`, createdAt: created, updatedAt: resolved, assigneeId: tech.id, status: 'resolved', respondedAt: `2024-11-${day}T02:30:00.000Z`, restoredAt: resolved, resolvedAt: resolved, reopenCount: i === 1 ? 1 : 0 }),
      );
    }
    // Handled and resolved by the manager: no clock of it runs, and it is credited to them.
    fixture.push(
      aTicket({ ...base, id: newId(), provisionalNumber: 'E2E-KPI-5', title: 'KPI fixture complaint', type: 'complaint', createdAt: '2024-11-20T03:00:00.000Z', updatedAt: '2024-11-21T03:00:00.000Z', assigneeId: manager.id, subjectPersonId: tech.id, status: 'resolved', respondedAt: '2024-11-20T03:30:00.000Z', restoredAt: '2024-11-21T03:00:00.000Z', resolvedAt: '2024-11-21T03:00:00.000Z' }),
    );
    await push('admin', 'tickets', fixture);

    const cycle = aCycle({ id: newId(), ...PAST, phase: 'calibration', createdAt: '2025-01-02T00:00:00.000Z', updatedAt: '2025-01-20T00:00:00.000Z' });
    const scores = (list: number[]) => ['businessSkill', 'serviceAttitude', 'workEfficiency', 'customerSatisfaction'].map((criterion, i) => ({ criterion, score: list[i]!, comment: '' }));
    past = anAssessment({
      id: newId(),
      cycleId: cycle.id,
      personId: tech.id,
      managerId: manager.id,
      phase: 'calibration',
      selfReview: { scores: scores([3, 3, 3, 3]), summary: 'A hard quarter', submittedAt: '2025-01-05T00:00:00.000Z' },
      managerReview: { scores: scores([3, 3, 2, 2]), summary: 'Slow on the backlog', submittedAt: '2025-01-15T00:00:00.000Z' },
      total: 2.5,
      outcome: 'meets',
    });
    await push('assessor', 'assessmentCycles', [cycle]);
    await push('assessor', 'assessments', [past]);
  };

  const startDesk = (dir: string) => startHarnessProcess({ CIMS_SERVER_URL: 'none', CIMS_DATA_DIR: dir }, 500_000);

  beforeAll(async () => {
    [dirA, dirB] = await Promise.all([mkdtemp(join(tmpdir(), 'cims-e2e-desk-')), mkdtemp(join(tmpdir(), 'cims-e2e-desk-'))]);
    [hq, deskA, deskB, browser] = await Promise.all([
      startHarnessProcess({ CIMS_DEMO_USER: 'assessor', CIMS_SERVER_START_TIMEOUT_MS: '480000' }, 500_000),
      startDesk(dirA),
      startDesk(dirB),
      launchChromium(),
    ]);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    net = await relay(hq.serverUrl!);
    await preparePastQuarter();
    assessorPage = await browser.context.newPage();
    techPage = await browser.context.newPage();
    bossPage = await browser.context.newPage();
    for (const page of [assessorPage, techPage, bossPage]) page.on('pageerror', (error) => errors.push(error.message));
    await Promise.all([assessorPage.goto(hq.url), techPage.goto(deskA.url), bossPage.goto(deskB.url)]);
    // The three first syncs run side by side.
    await Promise.all([
      (async () => {
        if (!(await storedSessionArrives(assessorPage, 120_000))) await signInOnForm(assessorPage, hq.serverUrl!, 'assessor', DEMO_PASSWORD, synced);
        await synced(assessorPage);
      })(),
      signInOnForm(techPage, net.url, 'technician', DEMO_PASSWORD, synced),
      signInOnForm(bossPage, hq.serverUrl!, director.username, DEMO_PASSWORD, synced),
    ]);
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    await net?.cut();
    await Promise.all([hq?.stop(), deskA?.stop(), deskB?.stop()]);
    await Promise.all([dirA, dirB].filter(Boolean).map((d) => rm(d, { recursive: true, force: true })));
  }, STEP);

  it('the assessor opens a cycle; the board lists the people in scope with their manager chain', async () => {
    const page = assessorPage;
    await go(page, '/assessments');
    await expect.poll(() => page.getByTestId('cycle-2026-Q3').isVisible(), { timeout: 30_000 }).toBe(true);
    await page.getByTestId('cycle-year').fill('2026');
    await page.getByTestId('cycle-quarter').click();
    await page.getByRole('option', { name: 'Q4' }).click();
    await page.getByTestId('cycle-open').click();
    await expect.poll(() => page.getByTestId('cycle-phase').textContent(), { timeout: 30_000 }).toBe('Self review');
    cycleUrl = page.url().split('#')[1]!;
    await expect.poll(() => page.locator('[data-testid^="board-row-"]').count()).toBeGreaterThan(5);
    expect(await page.getByTestId(`board-row-${tech.id}`).textContent()).toContain(manager.displayName);
    // Nobody has submitted: the phase cannot move, and the board says who is missing.
    expect(await page.getByTestId('advance-phase').isDisabled()).toBe(true);
    expect(await page.getByTestId('missing-list').textContent()).toContain('self review not submitted');
    await shoot(page, 'board');
    await go(page, '/assessments');
    await expect.poll(() => page.getByTestId('cycle-2026-Q4').isVisible()).toBe(true);
    await shoot(page, 'cycles');
    // The cycle reached the server: the technician's pull holds it and their one assessment.
    await synced(page);
    const cycleId = cycleUrl.split('/')[2]!;
    await expect.poll(async () => (await pullAs('technician', 'assessmentCycles')).map((c) => c.id), { timeout: 60_000 }).toContain(cycleId);
    expect((await pullAs('technician', 'assessments')).filter((a) => a.cycleId === cycleId)).toHaveLength(1);
    // The calibration view of a closed quarter: the distribution by team.
    await page.getByTestId('cycle-2026-Q2').click();
    await expect.poll(() => page.getByTestId('cycle-phase').textContent(), { timeout: 30_000 }).toBe('Closed');
    await page.getByTestId('open-calibration').click();
    await expect.poll(() => page.getByTestId('distribution-chart').locator('svg').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('calibration-team').count()).toBeGreaterThan(1);
    await shoot(page, 'calibration');
  }, STEP);

  it('the technician, on their own desktop, self-reviews partly offline and submits once back online', async () => {
    const page = techPage;
    await go(page, cycleUrl);
    // The peer's and everyone else's lines are not there: only their own.
    await expect.poll(() => page.locator('[data-testid^="board-row-"]').count(), { timeout: 120_000 }).toBe(1);
    await page.locator('[data-testid^="board-row-"] a').click();
    await page.getByTestId('form-selfReview').waitFor({ timeout: 30_000 });
    // Offline from here: the relay to the server is cut.
    await net.cut();
    await expect.poll(() => state(page), { timeout: 120_000 }).not.toMatch(/^Synced$/);
    // A 5 without its comment is not saved as a draft: the first draft saved is the whole of it, so
    // its "saved" line means everything below reached the desktop's store.
    await page.getByTestId('score-selfReview-serviceAttitude-5').check();
    await page.getByTestId('score-selfReview-businessSkill-4').check();
    await page.getByTestId('summary-selfReview').fill('Closed the Shenzhen backlog. 清理了深圳积压工单。');
    await page.getByTestId('comment-selfReview-serviceAttitude').fill('Two thank-you letters');
    await expect.poll(() => page.getByTestId('draft-saved').isVisible(), { timeout: 30_000 }).toBe(true);
    // The draft is kept on the desktop across a reload, still offline.
    await page.reload();
    await expect.poll(() => page.getByTestId('summary-selfReview').inputValue(), { timeout: 60_000 }).toBe('Closed the Shenzhen backlog. 清理了深圳积压工单。');
    expect(await page.getByTestId('score-selfReview-serviceAttitude-5').isChecked()).toBe(true);
    await page.getByTestId('score-selfReview-workEfficiency-3').check();
    await page.getByTestId('score-selfReview-customerSatisfaction-1').check();
    await page.getByTestId('submit-selfReview').click();
    await expect.poll(() => page.getByText('A score of 1 or 5 needs a comment.').isVisible()).toBe(true);
    await page.getByTestId('score-selfReview-customerSatisfaction-3').check();
    await expect.poll(() => page.getByTestId('total-selfReview').textContent()).toContain('3.75');
    await shoot(page, 'self-review');
    // Nothing of it reached the server while offline.
    const cycleId = cycleUrl.split('/')[2]!;
    const onServer = async () => ((await pullAs('technician', 'assessments')).find((a) => a.cycleId === cycleId) as unknown as Assessment).selfReview;
    expect((await onServer()).summary).toBe('');
    // Back online, the review is submitted and reaches the server.
    await net.restore();
    await page.getByTestId('submit-selfReview').click();
    await expect.poll(() => page.getByTestId('submit-selfReview').count(), { timeout: 20_000 }).toBe(0);
    await synced(page);
    await expect.poll(async () => (await onServer()).submittedAt, { timeout: 120_000, interval: 2000 }).not.toBeNull();
    expect((await onServer()).summary).toBe('Closed the Shenzhen backlog. 清理了深圳积压工单。');
  }, STEP);

  it('the assessor changes a score of a past quarter in calibration, with a reason: the outcome becomes an improvement plan', async () => {
    const page = assessorPage;
    await go(page, `/assessments/${past.cycleId}/review/${tech.id}`);
    await page.getByTestId('calibration-panel').waitFor({ timeout: 60_000 });
    await page.getByTestId('calibrate-criterion').click();
    await page.getByRole('option', { name: 'Business skill' }).click();
    await page.getByTestId('calibrate-to').click();
    await page.getByRole('option', { name: '2', exact: true }).click();
    // No reason: refused with its reason, nothing changes.
    await page.getByTestId('calibrate-apply').click();
    await expect.poll(() => page.getByText('A calibration change needs a reason.').isVisible()).toBe(true);
    expect(await page.getByTestId('calibration-panel').textContent()).toContain('No calibration changes');
    await page.getByTestId('calibrate-reason').fill('Two repeat faults on the same OLT 同一OLT重复故障');
    await page.getByTestId('calibrate-apply').click();
    await expect.poll(() => page.getByTestId('calibration-panel').textContent(), { timeout: 30_000 }).toContain('Business skill: 3 → 2 (Two repeat faults on the same OLT 同一OLT重复故障)');
    // The one-up approval of the plan is now what the cycle waits for.
    await expect.poll(() => page.getByTestId('approval-panel').textContent(), { timeout: 30_000 }).toContain('One-up approval: Improvement plan');
    expect(await page.getByTestId('approval-panel').textContent()).toContain(director.displayName);
    await shoot(page, 'calibration-change');
    await synced(page);
    await expect
      .poll(async () => ((await pullAs('assessor', 'assessments')).find((a) => a.id === past.id) as unknown as Assessment).outcome, { timeout: 120_000, interval: 2000 })
      .toBe('improvement_plan');
    await go(page, `/assessments/${past.cycleId}`);
    expect(await page.getByTestId('advance-phase').isDisabled()).toBe(true);
    expect(await page.getByTestId('missing-list').textContent()).toContain('outcome not yet approved one level up');
  }, STEP);

  it('the director, one level above the reviewing manager, approves the improvement plan on their desktop', async () => {
    const page = bossPage;
    await go(page, `/assessments/${past.cycleId}/review/${tech.id}`);
    await expect.poll(() => page.getByTestId('approval-panel').textContent().catch(() => ''), { timeout: 120_000, interval: 1000 }).toContain('One-up approval: Improvement plan');
    expect(await page.getByTestId('approval-status').textContent()).toContain('Waiting for the decision');
    // Returning needs a reason: nothing is sent without one.
    await page.getByTestId('approval-return').click();
    await expect.poll(() => page.getByText('Say why the outcome goes back.').isVisible()).toBe(true);
    await page.getByTestId('approval-comment').fill('Agreed: a plan for the backlog 同意');
    await shoot(page, 'approval');
    await page.getByTestId('approval-approve').click();
    await expect.poll(() => page.getByTestId('approval-status').textContent(), { timeout: 20_000 }).toContain(`Approved by ${director.displayName}`);
    await synced(page);
    await expect
      .poll(async () => (await pullAs('assessor', 'records')).filter((r) => r.kind === 'outcomeApproval' && r.ref === past.id).map((r) => r.status), { timeout: 120_000, interval: 2000 })
      .toEqual(['approved']);
  }, STEP);

  it('the assessor moves the past quarter to the acknowledgement once the approval has arrived', async () => {
    const page = assessorPage;
    await go(page, `/assessments/${past.cycleId}`);
    await expect.poll(() => page.getByTestId('advance-phase').isEnabled(), { timeout: 180_000, interval: 1000 }).toBe(true);
    await page.getByTestId('advance-phase').click();
    await expect.poll(() => page.getByTestId('cycle-phase').textContent(), { timeout: 30_000 }).toBe('Acknowledgement');
    await synced(page);
    await expect
      .poll(async () => ((await pullAs('technician', 'assessments')).find((a) => a.id === past.id) as unknown as Assessment).phase, { timeout: 120_000, interval: 2000 })
      .toBe('acknowledgement');
  }, STEP);

  it('the manager sets a goal of the plan with an owner and a due date, and checks the KPI panel of that quarter against the fixture', async () => {
    const page = bossPage;
    await switchUser(page, hq.serverUrl!, 'manager');
    await go(page, `/assessments/${past.cycleId}/review/${tech.id}`);
    await page.getByTestId('plan-panel').waitFor({ timeout: 120_000 });
    // The quarter's KPIs, counted from the fixture by hand.
    const figure = (key: string) => page.getByTestId(`kpi-${key}`).locator('.MuiTypography-h6').textContent();
    await expect.poll(() => figure('ticketsResolved'), { timeout: 60_000 }).toBe('4');
    expect(await figure('reopenRatePercent')).toBe('25%');
    expect(await figure('complaintsReceived')).toBe('1');
    expect(await figure('escalationsRaised')).toBe('0');
    expect(await figure('averageCsat')).toBe('–');
    await page.getByTestId('kpi-ticketsResolved').click();
    await expect.poll(() => page.getByTestId('kpi-tickets').locator('li').count(), { timeout: 30_000 }).toBe(4);
    expect((await page.getByTestId('kpi-tickets').textContent())!.match(/KPI fixture \d/g)!.sort()).toEqual(['KPI fixture 1', 'KPI fixture 2', 'KPI fixture 3', 'KPI fixture 4']);
    await shoot(page, 'kpi-fixture');
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('kpi-complaintsReceived').click();
    await expect.poll(() => page.getByTestId('kpi-tickets').textContent(), { timeout: 30_000 }).toContain('KPI fixture complaint');
    await page.getByRole('button', { name: 'Close' }).click();

    // A due date inside the plan's quarter is refused with its reason; the owner is the technician.
    await page.getByTestId('goal-title').fill('Clear the repeat-fault backlog 清理重复故障积压');
    await page.getByTestId('goal-due').fill(PAST.endsOn);
    await page.getByTestId('goal-add').click();
    await expect.poll(() => page.getByText('Choose a due date after the quarter\'s end.').isVisible()).toBe(true);
    await page.getByTestId('goal-due').fill('2025-03-31');
    await page.getByTestId('goal-add').click();
    const goal = page.getByTestId('plan-panel').locator('li[data-testid^="goal-"]').filter({ hasText: 'Clear the repeat-fault backlog' });
    await expect.poll(() => goal.textContent().catch(() => ''), { timeout: 30_000 }).toContain(`Owner ${tech.displayName}`);
    expect(await goal.textContent()).toContain('due Mar 31, 2025');
    expect(await goal.getByTestId('goal-status').textContent()).toBe('Open');
    await shoot(page, 'plan-goal');
    await synced(page);
  }, STEP);

  it('the manager opens the late-review reminder and reviews the current quarter with its KPIs, following up the goal', async () => {
    const page = bossPage;
    // The third quarter's manager reviews were due three weeks after its end: the manager is late.
    await go(page, '/notifications');
    const reminder = page.getByRole('button', { name: `Assessment 2026-Q3: your step is overdue: ${tech.displayName}` });
    await expect.poll(() => reminder.count(), { timeout: 120_000, interval: 1000 }).toBe(1);
    await shoot(page, 'reminder');
    await reminder.click();
    await expect.poll(() => page.url().split('#')[1], { timeout: 30_000 }).toMatch(new RegExp(`^/assessments/[0-9a-f-]{36}/review/${tech.id}$`));
    q3Url = page.url().split('#')[1]!;
    await expect.poll(() => page.getByTestId('review-phase').textContent(), { timeout: 30_000 }).toBe('Manager review');
    // Beside the KPIs, prefilled: the goal of the plan to follow up, and the technician's self review.
    await expect.poll(() => page.getByTestId('kpi-panel').isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await page.getByTestId('form-selfReview').isVisible()).toBe(true);
    expect(Number(await page.getByTestId('kpi-ticketsResolved').locator('.MuiTypography-h6').textContent())).toBeGreaterThan(0);
    const followUp = page.getByTestId('follow-up-panel');
    await expect.poll(() => followUp.textContent().catch(() => ''), { timeout: 30_000 }).toContain('Clear the repeat-fault backlog');
    expect(await followUp.textContent()).toContain('plan of 2024-Q4');
    await page.getByTestId('kpi-ticketsResolved').click();
    await expect.poll(() => page.getByTestId('kpi-tickets').locator('a').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await shoot(page, 'kpi-tickets');
    // A ticket behind the figure opens.
    await page.getByTestId('kpi-tickets').locator('a').first().click();
    await expect.poll(() => page.getByTestId('ticket-detail').isVisible(), { timeout: 30_000 }).toBe(true);
    await go(page, q3Url);
    const toFollow = followUp.locator('li[data-testid^="goal-"]').filter({ hasText: 'Clear the repeat-fault backlog' });
    const goalId = (await toFollow.getAttribute('data-testid'))!.replace('goal-', '');
    await page.getByTestId(`goal-note-${goalId}`).fill('Backlog cleared in October');
    await page.getByTestId(`goal-met-${goalId}`).click();
    await expect.poll(() => toFollow.getByTestId('goal-status').textContent(), { timeout: 30_000 }).toBe('Met');
    expect(await toFollow.textContent()).toContain('Backlog cleared in October');
    await page.getByTestId('form-managerReview').waitFor({ timeout: 30_000 });
    for (const [criterion, score] of [['businessSkill', 4], ['serviceAttitude', 4], ['workEfficiency', 3], ['customerSatisfaction', 5]] as const)
      await page.getByTestId(`score-managerReview-${criterion}-${score}`).check();
    await page.getByTestId('comment-managerReview-customerSatisfaction').fill('Best CSAT of the team');
    await expect.poll(() => page.getByTestId('band-managerReview').textContent()).toBe('Meets expectations');
    await shoot(page, 'manager-review');
    await page.getByTestId('submit-managerReview').click();
    await expect.poll(() => page.getByTestId('submit-managerReview').count(), { timeout: 20_000 }).toBe(0);
    // Done: the reminder of this review is gone.
    await go(page, '/notifications');
    await expect.poll(() => page.getByTestId('notification-list').isVisible().catch(() => false), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => reminder.count(), { timeout: 60_000 }).toBe(0);
    await synced(page);
    const q3Id = q3Url.split('/')[2]!;
    await expect
      .poll(async () => ((await pullAs('manager', 'assessments')).find((a) => a.cycleId === q3Id && a.personId === tech.id) as unknown as Assessment).managerReview.submittedAt, { timeout: 120_000, interval: 2000 })
      .not.toBeNull();
    const goals = (await pullAs('manager', 'records')).filter((r) => r.kind === 'improvementGoal' && r.ref === past.id);
    expect(goals.map((g) => [g.status, (g.body as { ownerId: string; dueOn: string }).ownerId, (g.body as { dueOn: string }).dueOn])).toEqual([['met', tech.id, '2025-03-31']]);
  }, STEP);

  it('the technician sees the result and the goal of the plan, and acknowledges it with a comment', async () => {
    const page = techPage;
    await go(page, `/assessments/${past.cycleId}/review/${tech.id}`);
    await expect.poll(() => page.getByTestId('result-outcome').textContent().catch(() => ''), { timeout: 120_000, interval: 1000 }).toBe('Improvement plan');
    const goal = page.getByTestId('plan-panel').locator('li[data-testid^="goal-"]').filter({ hasText: 'Clear the repeat-fault backlog' });
    await expect.poll(() => goal.textContent().catch(() => ''), { timeout: 120_000 }).toContain(`Owner ${tech.displayName}`);
    // The technician sets no goals.
    expect(await page.getByTestId('goal-add').count()).toBe(0);
    await page.getByTestId('ack-comment').fill('I do not agree with the efficiency score, but I accept the plan. 我接受改进计划。');
    await page.getByTestId('ack-submit').click();
    await expect.poll(() => page.getByTestId('acknowledged').textContent(), { timeout: 30_000 }).toContain('我接受改进计划。');
    await shoot(page, 'acknowledged');
    await synced(page);
    await expect
      .poll(async () => ((await pullAs('assessor', 'assessments')).find((a) => a.id === past.id) as unknown as Assessment).acknowledgement?.comment, { timeout: 120_000, interval: 2000 })
      .toBe('I do not agree with the efficiency score, but I accept the plan. 我接受改进计划。');
  }, STEP);

  it('the technician saves their own final result of a closed quarter as a PDF', async () => {
    const page = techPage;
    await go(page, '/assessments');
    await page.getByTestId('cycle-2026-Q2').click();
    await expect.poll(() => page.locator('[data-testid^="board-row-"]').count(), { timeout: 30_000 }).toBe(1);
    await page.locator('[data-testid^="board-row-"] a').click();
    await page.getByTestId('result-pdf').waitFor({ timeout: 30_000 });
    await shoot(page, 'result');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.getByTestId('result-pdf').click()]);
    expect(download.suggestedFilename()).toBe('assessment-2026-Q2.pdf');
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, STEP);

  it('a peer engineer, signed in on the same desktop, can neither see nor open the technician’s assessments', async () => {
    const page = techPage;
    await switchUser(page, net.url, 'engineer');
    for (const path of [q3Url, `/assessments/${past.cycleId}/review/${tech.id}`]) {
      await go(page, path);
      await expect.poll(() => page.getByTestId('review-not-found').isVisible(), { timeout: 30_000 }).toBe(true);
    }
    await go(page, cycleUrl);
    await expect.poll(() => page.locator('[data-testid^="board-row-"]').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId(`board-row-${tech.id}`).count()).toBe(0);
    await shoot(page, 'peer');
    // The server's answer to the engineer's own pull holds their assessments, never the technician's, nor the goals of the plan.
    const pulled = await pullAs('engineer', 'assessments');
    expect(pulled.length).toBeGreaterThan(0);
    expect(pulled.filter((a) => a.personId === tech.id)).toEqual([]);
    expect((await pullAs('engineer', 'records')).filter((r) => r.ref2 === tech.id && (r.kind === 'improvementGoal' || r.kind === 'outcomeApproval'))).toEqual([]);
    const direct = await call(hq.serverUrl!, 'POST', '/sync/assessments/push', { pushId: `e2e-peer-${newId()}`, rows: [{ newDocumentState: { ...past, acknowledgement: null, _deleted: false } }] }, await server().asUser('engineer'));
    expect(JSON.stringify(direct.body)).not.toBe(JSON.stringify({ conflicts: [] }));
    expect(((await pullAs('assessor', 'assessments')).find((a) => a.id === past.id) as unknown as Assessment).acknowledgement).not.toBeNull();
    expect(errors).toEqual([]);
  }, STEP);
});
