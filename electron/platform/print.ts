import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { PRINT_VIEW_FAILED_STATES, printViewFailed, type PrintToPdf } from '../services/fieldwork/report';
import { lockDown } from './window';

/** The print view's `data-report-ready` ('true' once everything is drawn), 'fonts' while its fonts still load. */
export const REPORT_STATE_SCRIPT = `(() => { const s = document.querySelector('[data-report-ready]')?.getAttribute('data-report-ready') ?? 'false'; return s === 'true' && document.fonts.status !== 'loaded' ? 'fonts' : s; })()`;

export interface PdfPrinter {
  print: PrintToPdf;
  /** Print windows open now: the IPC bridge trusts them as it trusts the main window. */
  windows(): BrowserWindow[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Prints an app route to PDF in a hidden window of the same hardened kind as the main one
 * (same preload, same page, sandboxed), with Chromium's printToPDF: A4 as the print CSS says.
 */
export const createPdfPrinter = (
  preloadPath: string,
  rendererDir: string,
  timeoutMs = 60_000,
): PdfPrinter => {
  const open = new Set<BrowserWindow>();
  return {
    windows: () => [...open].filter((w) => !w.isDestroyed()),
    async print(route) {
      const win = new BrowserWindow({
        show: false,
        width: 794,
        height: 1123,
        webPreferences: {
          // Reviewed: the same preload as the main window, exposing only the contract's named functions.
          preload: preloadPath, // eng-disable PRELOAD_JS_CHECK
          disableBlinkFeatures: 'Auxclick',
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          nodeIntegrationInWorker: false,
          nodeIntegrationInSubFrames: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          experimentalFeatures: false,
          webviewTag: false,
          spellcheck: false,
        },
      });
      lockDown(win.webContents);
      open.add(win);
      try {
        await win.loadFile(join(rendererDir, 'index.html'), { hash: route });
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const state = String(await win.webContents.executeJavaScript(REPORT_STATE_SCRIPT));
          if (state === 'true') break;
          if (PRINT_VIEW_FAILED_STATES.includes(state)) throw printViewFailed(route, state);
          if (Date.now() > deadline)
            throw new Error(`the print view of ${route} was not ready within ${timeoutMs / 1000} s`);
          await sleep(100);
        }
        const pdf = await win.webContents.printToPDF({
          pageSize: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
        });
        return new Uint8Array(pdf);
      } finally {
        open.delete(win);
        win.destroy();
      }
    },
  };
};
