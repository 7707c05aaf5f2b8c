/**
 * Page-side checks of the queue screen for end-to-end tests and the UI benchmark. The
 * functions run in the browser (Playwright sends their source); this folder is typed for
 * Node, so the few browser names they use are declared here, for this module only.
 */
import type { Page } from 'playwright-core';

type El = { dataset: Record<string, string | undefined> } | null;
declare const document: { querySelector(s: string): El; querySelectorAll(s: string): ArrayLike<NonNullable<El>>; body: unknown };
declare const window: Record<string, unknown> & { addEventListener(e: string, f: () => void, o: object): void };
declare const location: { hash: string };
declare const performance: { now(): number; measure(name: string, options: { start: number; end: number }): void };
declare function requestAnimationFrame(f: () => void): void;
declare class MutationObserver {
  constructor(f: () => void);
  observe(target: unknown, options: object): void;
  disconnect(): void;
}

/**
 * The grid shows the answer to the query it asked last (and at least `minRows` rows): the
 * queue holds that answer, and every row the grid renders is of its page. The grid applies a
 * new page in a render of its own, after the queue's, so the first alone is not yet on screen.
 */
export const queueSettled = (page: Page, minRows = 0, timeout = 30_000) =>
  page.waitForFunction(
    (min) => {
      const el = document.querySelector('[data-testid="queue-rows"]');
      if (!el || el.dataset.shown !== el.dataset.wanted) return false;
      const ids = new Set((el.dataset.shownRows ?? '').split(' ').filter(Boolean));
      const rendered = Array.from(document.querySelectorAll('[role="row"][data-id]'), (r) => r.dataset.id ?? '');
      return rendered.length >= min && (ids.size === 0 ? rendered.length === 0 : rendered.length > 0 && rendered.every((id) => ids.has(id)));
    },
    minRows,
    { timeout },
  );

/** The grid has asked for a query containing `text` (a search or a filter value). */
export const queueAsked = (page: Page, text: string) =>
  page.waitForFunction((t) => (document.querySelector('[data-testid="queue-rows"]')?.dataset.wanted ?? '').includes(t), text);

/** Sets the hash route, as a deep link would, keeping the harness's session. */
export const goToRoute = (page: Page, route: string) =>
  page.evaluate((r) => {
    location.hash = r;
  }, route);

/**
 * Arms a measurement: it starts at the next `event` in the page (capture phase, before the
 * app handles it) and ends on the first animation frame after the outcome is on screen:
 * 'rows' (the grid shows the new query's rows) or 'detail' (the ticket detail page).
 */
export const armMeasurement = async (page: Page, event: 'click' | 'input' | 'keydown', done: 'rows' | 'detail') => {
  // tsx (esbuild keepNames) wraps named inner functions in __name(); give the page one.
  await page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
  await page.evaluate(
    ([ev, outcome]) => {
      const rows = () => document.querySelector('[data-testid="queue-rows"]');
      const before = rows()?.dataset.wanted ?? '';
      window.__result = new Promise<number>((resolve) => {
        let start = 0;
        const check = () => {
          if (!start) return false;
          const el = rows();
          // As queueSettled: the queue holds the new answer and the grid renders its rows.
          const gridShowsPage = () => {
            const ids = new Set((el?.dataset.shownRows ?? '').split(' ').filter(Boolean));
            const rendered = Array.from(document.querySelectorAll('[role="row"][data-id]'), (r) => r.dataset.id ?? '');
            return ids.size === 0 ? rendered.length === 0 : rendered.length > 0 && rendered.every((id) => ids.has(id));
          };
          const ok =
            outcome === 'detail'
              ? !!document.querySelector('[data-testid="ticket-detail"]')
              : !!el && el.dataset.wanted !== before && el.dataset.shown === el.dataset.wanted && gridShowsPage();
          if (ok)
            requestAnimationFrame(() => {
              const end = performance.now();
              // A mark in the page's trace (the benchmark's BENCH_PAGE_TRACE) around what was measured.
              performance.measure(`cims:${outcome}`, { start, end });
              resolve(end - start);
            });
          return ok;
        };
        const observer = new MutationObserver(() => {
          if (check()) observer.disconnect();
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        window.addEventListener(
          ev,
          () => {
            start = start || performance.now();
          },
          { capture: true, once: true },
        );
      });
    },
    [event, done] as const,
  );
};

export const measuredMs = (page: Page): Promise<number> => page.evaluate(() => window.__result as Promise<number>);
