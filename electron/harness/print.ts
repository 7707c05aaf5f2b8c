/**
 * The browser harness's printToPdf: the same print view as the desktop app's hidden window,
 * opened in a headless Chromium (playwright-core, a dev dependency like the harness itself)
 * and printed with page.pdf(). Chromium is started at the first report and kept for the next;
 * playwright-core itself loads then too (a third of a second of the harness's start otherwise).
 */
import type { Browser } from 'playwright-core';
import { PRINT_VIEW_FAILED_STATES, printViewFailed, type PrintToPdf } from '../services/fieldwork/report';

export interface HarnessPrinter {
  print: PrintToPdf;
  close(): Promise<void>;
}

/** `appUrl()`: the harness page with its token (`http://127.0.0.1:port/#token=...`). */
export const createHarnessPrinter = (
  appUrl: () => string,
  executablePath = process.env.CIMS_CHROMIUM ?? '/usr/bin/chromium',
  timeoutMs = 60_000,
): HarnessPrinter => {
  let browser: Promise<Browser> | null = null;
  const launch = () =>
    (browser ??= import('playwright-core').then(({ chromium }) => chromium.launch({
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
      ],
    })));
  return {
    async print(route) {
      const page = await (await launch()).newPage({ viewport: { width: 794, height: 1123 } });
      try {
        // The page takes its token from the fragment, then the route is opened like a link.
        await page.goto(appUrl());
        // The app's CSP allows no eval: wait with locators and URL checks, not string predicates.
        // The start page sends the user to their landing route first; the report's route follows it.
        await page.waitForURL((url) => /^#\/./.test(url.hash), { timeout: timeoutMs });
        await page.evaluate(`location.hash = ${JSON.stringify(`#${route}`)}`);
        // Ready, or a state that will never turn ready (a refused report): no waiting out the limit.
        const settled = page.locator(['true', ...PRINT_VIEW_FAILED_STATES].map((s) => `[data-report-ready="${s}"]`).join(', '));
        await settled.first().waitFor({ state: 'attached', timeout: timeoutMs });
        const state = (await settled.first().getAttribute('data-report-ready')) ?? '';
        if (state !== 'true') throw printViewFailed(route, state);
        await page.evaluate('document.fonts.ready.then(() => true)');
        return new Uint8Array(
          await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }),
        );
      } finally {
        await page.close();
      }
    },
    async close() {
      const b = browser;
      browser = null;
      await (await b)?.close();
    },
  };
};
