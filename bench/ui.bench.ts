/**
 * npm run bench:ui [tickets]: the browser harness over a local store of N demo tickets and
 * their timelines (default 100,000) in Chromium. Measures, inside the page, from the user's
 * action to the rows (or the ticket) on screen:
 * - a filter applied in the filter dialog, to the grid showing its rows;
 * - a keystroke in the search field, to the grid showing that search's results;
 * - Enter on a row, to the ticket detail page rendered;
 * plus the main process's RSS and the time from starting the harness to an interactive queue.
 * The seeded store is kept in .data/bench-ui-<N> and reused. Results: bench/results/ui.json.
 * BENCH_PAGE_PROFILE=dir / BENCH_PAGE_TRACE=dir write the page's CPU profile / timeline trace of
 * the filter and search rounds (build the renderer with CIMS_RENDERER_UNMINIFIED=1 for names);
 * BENCH_START_TRACE=dir the trace from the navigation to the interactive queue.
 * Targets (issue 9): filter p95 <= 100 ms, keystroke p95 <= 150 ms, open p95 <= 150 ms,
 * RSS <= 300 MB, start to interactive <= 3 s.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../test/e2e/harness';
import { seedLocalStore } from '../test/e2e/seed';
import { armMeasurement, goToRoute, measuredMs, queueAsked, queueSettled } from '../test/e2e/queue-page';
import { percentile } from './lib/stats';
import { buildHarness } from './lib/built-harness';
import { prepareForDetail } from './lib/ui-store';
import { hasSearchWord } from '../shared/api/queue';

const TICKETS = Number(process.argv[2] ?? process.env.BENCH_TICKETS ?? 100_000);
/** A measurement that never completes fails the run instead of hanging it. */
const MEASURE_TIMEOUT_MS = Number(process.env.BENCH_MEASURE_TIMEOUT_MS ?? 180_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
/** Timeline length of the tickets opened. */
const DETAIL_EVENTS = 200;
const dataDir = resolve(`.data/bench-ui-${TICKETS}`);

const rssMb = async (pid: number): Promise<{ rss: number; peak: number }> => {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
};

/** Starts the page's timeline trace; the function returned ends it and writes it to a file. */
const traceFrom = async (context: BrowserContext, page: Page): Promise<(file: string) => Promise<void>> => {
  const cdp = await context.newCDPSession(page);
  const events: unknown[] = [];
  cdp.on('Tracing.dataCollected', ({ value }: { value: unknown[] }) => events.push(...value));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'blink.user_timing', 'v8', 'disabled-by-default-devtools.timeline', 'loading', 'netlog'] },
  });
  return async (file) => {
    const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
    await cdp.send('Tracing.end');
    await complete;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ traceEvents: events }));
  };
};

const measure = async (page: Page, event: 'click' | 'input' | 'keydown', done: 'rows' | 'detail', action: () => Promise<void>): Promise<number> => {
  await armMeasurement(page, event, done);
  await action();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${done} after ${MEASURE_TIMEOUT_MS} ms`)), MEASURE_TIMEOUT_MS);
  });
  try {
    const ms = await Promise.race([measuredMs(page), late]);
    if (process.env.BENCH_VERBOSE) console.log(`${event} -> ${done}: ${Math.round(ms)} ms`);
    return ms;
  } finally {
    clearTimeout(timer);
  }
};
const settled = (page: Page) => queueSettled(page, 1, 120_000);
/**
 * Opens a queue by its route and waits for its rows. The previous queue stays on screen until
 * the route's own renders, and a "settled" seen on it let keys go to a search field about to
 * be replaced (a run hung on it).
 */
const openQueue = async (page: Page, view: string) => {
  await goToRoute(page, `#/queue/${view}`);
  await queueAsked(page, `"view":"${view}"`);
  await settled(page);
};

const main = async () => {
  if (!existsSync(join(dataDir, 'client', 'cims.sqlite'))) {
    console.log(`seeding ${TICKETS} tickets into ${dataDir} (once)…`);
    const t = performance.now();
    console.log(await seedLocalStore(dataDir, TICKETS), `${Math.round(performance.now() - t)} ms`);
  }
  // The device acts as a technician of the busiest team; its first tickets have 200 events.
  await prepareForDetail(join(dataDir, 'client'), 5, DETAIL_EVENTS);
  // BENCH_FROM_SOURCE=1: the harness through tsx from the TypeScript source, as npm run start:web runs it.
  const entry = process.env.BENCH_FROM_SOURCE ? ['--import', 'tsx', 'electron/harness/cli.ts'] : [await buildHarness()];
  const started = performance.now();
  // The browser starts beside the harness, as the desktop app's window process starts with it;
  // both are inside the measured start (browserLaunch in startPhasesMs).
  const phases: Record<string, number> = {};
  const launching = launchChromium().then((b) => ((phases.browserLaunch = Math.round(performance.now() - started)), b));
  // The window exists before the core has started (electron/main.ts): its page is made beside the harness's start.
  const opening = launching.then((b) => b.context.newPage());
  opening.catch(() => undefined); // a harness that fails to start closes the browser under it
  // BENCH_NODE_ARGS: extra flags for the harness's Node (e.g. --cpu-prof for a profile of it).
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    env: { ...process.env, CIMS_DATA_DIR: dataDir, CIMS_SERVER_URL: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /CIMS_HARNESS_URL=(\S+)/.exec(output);
      if (m?.[1]) resolveUrl(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`harness exited ${code}: ${output}`)));
  }).catch(async (error: unknown) => {
    await (await launching).close();
    throw error;
  });
  phases.harnessUrl = Math.round(performance.now() - started);
  const browser = await launching;
  let shown: Page | undefined;
  try {
    const page = await opening;
    shown = page;
    // BENCH_START_TRACE=dir: the page's timeline trace from navigation to the interactive queue.
    const startTrace = process.env.BENCH_START_TRACE ? await traceFrom(browser.context, page) : null;
    await page.goto(url);
    await page.getByTestId('theme-toggle').waitFor({ timeout: 120_000 });
    phases.appShown = Math.round(performance.now() - started);
    await openQueue(page, 'open');
    const startToInteractiveMs = Math.round(performance.now() - started);
    if (startTrace) await startTrace(join(process.env.BENCH_START_TRACE!, 'start.trace.json'));
    console.log(`interactive after ${startToInteractiveMs} ms`, phases);

    // BENCH_PAGE_PROFILE=dir: the page's own CPU profile of the filter and search rounds.
    // BENCH_PAGE_TRACE=dir: the page's trace of the same rounds (Chromium's timeline: scripts,
    // style, layout, paint), with each measurement marked ("cims:rows", "cims:detail").
    const profileDir = process.env.BENCH_PAGE_PROFILE;
    const traceDir = process.env.BENCH_PAGE_TRACE;
    const cdp = profileDir || traceDir ? await browser.context.newCDPSession(page) : null;
    const profiled = async (name: string, run: () => Promise<void>) => {
      if (!cdp) return run();
      const events: unknown[] = [];
      const collect = ({ value }: { value: unknown[] }) => events.push(...value);
      if (traceDir) {
        cdp.on('Tracing.dataCollected', collect);
        await cdp.send('Tracing.start', {
          transferMode: 'ReportEvents',
          traceConfig: { includedCategories: ['devtools.timeline', 'blink.user_timing', 'v8', 'disabled-by-default-devtools.timeline'] },
        });
      }
      if (profileDir) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
      }
      await run();
      if (profileDir) {
        const { profile } = await cdp.send('Profiler.stop');
        await mkdir(profileDir, { recursive: true });
        await writeFile(join(profileDir, `${name}.cpuprofile`), JSON.stringify(profile));
      }
      if (traceDir) {
        const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
        await cdp.send('Tracing.end');
        await complete;
        cdp.off('Tracing.dataCollected', collect);
        await mkdir(traceDir, { recursive: true });
        await writeFile(join(traceDir, `${name}.trace.json`), JSON.stringify({ traceEvents: events }));
      }
    };

    // Filter: severity one at a time, applied from the dialog.
    const filter: number[] = [];
    const severities = ['Critical', 'Major', 'Minor'];
    await profiled('filter', async () => {
      for (let i = 0; i < ROUNDS; i++) {
        await page.getByTestId('queue-filters-button').click();
        await page.getByTestId('filters-clear').click();
        await page.getByTestId('filter-severity').locator('input').click();
        await page.getByRole('option', { name: severities[i % 3] }).click();
        await page.locator('#queue-filters-title').click();
        filter.push(await measure(page, 'click', 'rows', () => page.getByTestId('filters-apply').click()));
      }
    });
    await page.getByTestId('queue-filters-button').click();
    await page.getByTestId('filters-clear').click();
    await page.getByTestId('filters-apply').click();
    // The closing dialog gives the focus back when its transition ends: wait for that, or it
    // takes the focus from the search field below.
    await page.getByTestId('queue-filters').waitFor({ state: 'detached' });
    await openQueue(page, 'all');

    // Search: words typed one character at a time; every keystroke is one measurement.
    const keystroke: number[] = [];
    let notSearched = 0;
    const focusLost: string[] = [];
    const words = ['告警', '退服', 'base', 'los', '光功率', 'fan', '重启', 'traffic'];
    const search = page.getByTestId('queue-search');
    await profiled('search', async () => {
      for (let i = 0; keystroke.length < ROUNDS * 2; i++) {
        await search.fill('');
        await settled(page);
        await search.focus();
        let typed = '';
        for (const ch of words[i % words.length]!) {
          // A key typed elsewhere would never give rows: say where the focus went, and take it back.
          const away: string | null = await search.evaluate(
            "(el) => document.activeElement === el ? null : `${document.activeElement?.tagName ?? 'none'} ${document.activeElement?.getAttribute('data-testid') ?? ''}`",
          );
          if (away) {
            focusLost.push(away);
            await search.focus();
          }
          // A first letter of a word is not searched yet (the field asks for a second one):
          // the rows do not change, so there is nothing to time.
          typed += ch;
          if (!hasSearchWord(typed)) {
            await page.keyboard.type(ch);
            notSearched++;
            continue;
          }
          keystroke.push(await measure(page, 'input', 'rows', () => page.keyboard.type(ch)));
        }
      }
    });
    await search.fill('');
    await settled(page);

    // Open: Enter on a row of the team's queue (walked to with j), to the detail page with its
    // 200 events; back to the queue.
    await openQueue(page, 'team');
    const open: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // Focus on the page, outside any field (a click on the heading: the navigation is at the left).
      await page.getByRole('heading', { level: 1 }).click();
      for (let j = 0; j < i % 5; j++) await page.keyboard.press('j');
      open.push(await measure(page, 'keydown', 'detail', () => page.keyboard.press('Enter')));
      // Back to the queue by its route (going back in history left the app after a run).
      await goToRoute(page, '#/queue/team');
      await page.getByTestId('ticket-detail').waitFor({ state: 'detached' });
      await settled(page);
    }

    const mem = await rssMb(child.pid!);
    const summarize = (v: number[]) => ({ p50: percentile(v, 50), p95: percentile(v, 95) });
    const f = summarize(filter);
    const k = summarize(keystroke);
    const o = summarize(open);
    const result = {
      tickets: TICKETS,
      rounds: ROUNDS,
      filterToRowsP50Ms: Math.round(f.p50),
      filterToRowsP95Ms: Math.round(f.p95),
      searchKeystrokeP50Ms: Math.round(k.p50),
      searchKeystrokeP95Ms: Math.round(k.p95),
      openDetailP50Ms: Math.round(o.p50),
      openDetailP95Ms: Math.round(o.p95),
      mainRssMb: mem.rss,
      mainPeakRssMb: mem.peak,
      startToInteractiveMs,
      // Where the focus was found instead of the search field before a keystroke (should be empty).
      searchFocusLost: focusLost,
      // First letters of words, typed but not timed: they leave the query as it was.
      keystrokesNotSearched: notSearched,
      startPhasesMs: phases,
      loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
      targets: { filterToRowsP95Ms: 100, searchKeystrokeP95Ms: 150, openDetailP95Ms: 150, mainRssMb: 300, startToInteractiveMs: 3000 },
      at: new Date().toISOString(),
    };
    await mkdir('bench/results', { recursive: true });
    await writeFile('bench/results/ui.json', `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } catch (error) {
    // What the page showed when the run failed, for the one who reads the error.
    const shot = join(tmpdir(), 'cims-bench-ui-failure.png');
    await shown?.screenshot({ path: shot }).catch(() => undefined);
    console.error(`page at failure (${shown?.url()}): ${shot}`);
    throw error;
  } finally {
    await browser.close();
    child.kill('SIGTERM');
  }
};

await main();
