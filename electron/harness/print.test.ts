import { afterAll, describe, expect, it } from 'vitest';
import { createHarnessPrinter } from './print';

// A print view that says it will never be ready (a refused report, nothing to print) stops the
// printer at once with a coded error, instead of a wait of the whole time limit.
describe('the harness printer', () => {
  const page = (state: string) =>
    `data:text/html,${encodeURIComponent(`<!doctype html><meta charset="utf-8"><article data-report-ready="${state}">Review pack</article>`)}#/start`;
  let url = page('error');
  // A limit far beyond the test's own timeout: only a refusal that does not wait lets it pass.
  const printer = createHarnessPrinter(() => url, undefined, 600_000);
  afterAll(() => printer.close());

  it('refuses a view marked error or missing with PRINT_VIEW_FAILED, well before its time limit', async () => {
    for (const state of ['error', 'missing']) {
      url = page(state);
      await expect(printer.print('/reports/review-pack?from=2026-01&to=2026-03')).rejects.toMatchObject({ code: 'PRINT_VIEW_FAILED' });
    }
  }, 60_000);

  it('prints a view marked ready', async () => {
    url = page('true');
    const bytes = await printer.print('/reports/review-pack?from=2026-01&to=2026-03');
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  });
});
