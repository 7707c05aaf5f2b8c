/**
 * Page-side checks of the queue screen for end-to-end tests and the UI benchmark. They run
 * in the browser, so they are written as script text (this folder is typed for Node).
 */
import type { Page } from 'playwright-core';

const ROWS = `document.querySelector('[data-testid="queue-rows"]')`;

/** The grid shows the answer to the query it asked last (and at least `minRows` rows). */
export const queueSettled = (page: Page, minRows = 0, timeout = 30_000) =>
  page.waitForFunction(
    `(() => { const el = ${ROWS}; return !!el && el.dataset.shown === el.dataset.wanted && document.querySelectorAll('[role="row"][data-id]').length >= ${minRows}; })()`,
    undefined,
    { timeout },
  );

/** The grid has asked for a query containing `text` (a search or a filter value). */
export const queueAsked = (page: Page, text: string) => page.waitForFunction(`(${ROWS}?.dataset.wanted ?? '').includes(${JSON.stringify(text)})`);

/** Sets the hash route, as a deep link would, keeping the harness's session. */
export const goToRoute = (page: Page, route: string) => page.evaluate(`location.hash = ${JSON.stringify(route)}`);

/**
 * Arms a measurement: it starts at the next `event` in the page (capture phase, before the
 * app handles it) and ends on the first animation frame after the outcome is on screen:
 * 'rows' (the grid shows the new query's rows) or 'detail' (the ticket detail page).
 */
export const armMeasurement = (page: Page, event: 'click' | 'input' | 'keydown', done: 'rows' | 'detail') =>
  page.evaluate(`(() => {
    const rows = () => ${ROWS};
    const before = rows()?.dataset.wanted ?? '';
    window.__result = new Promise((resolve) => {
      let start = 0;
      const check = () => {
        if (!start) return false;
        const el = rows();
        const ok = ${JSON.stringify(done)} === 'detail'
          ? !!document.querySelector('[data-testid="ticket-detail"]')
          : !!el && el.dataset.wanted !== before && el.dataset.shown === el.dataset.wanted;
        if (ok) requestAnimationFrame(() => resolve(performance.now() - start));
        return ok;
      };
      const observer = new MutationObserver(() => check() && observer.disconnect());
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
      window.addEventListener(${JSON.stringify(event)}, () => { start = start || performance.now(); }, { capture: true, once: true });
    });
  })()`);

export const measuredMs = (page: Page): Promise<number> => page.evaluate('window.__result') as Promise<number>;
