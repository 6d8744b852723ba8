/**
 * @jest-environment node
 *
 * The production build of the task pane in headless Chromium (playwright-core, /usr/bin/chromium).
 *
 * beforeAll builds the add-in once (`webpack --mode production` with ADDIN_BASE_URL, into .tmp/browser-dist;
 * KPI_BROWSER_DIST=<dir> reuses an existing build instead) and serves it, with @microsoft/office-js/dist,
 * on 127.0.0.1 (random port). Every request of the page is routed: the local server passes; the office.js
 * CDN (https://appsforoffice.microsoft.com/lib/1/hosted/…) is answered from the local office-js copy;
 * office.js's own telemetry frame is aborted; any other host is aborted AND fails the test.
 *
 * (a) taskpane.html loads with no console error, no page error, no failed local request;
 * (b) outside Excel (real office.js, no host) the page says to open it in Excel (data-testid not-in-excel);
 * (c) with a counting Excel mock (test/helpers/office-mock.js: onReady → Excel, every set supported),
 *     "Insert form A" adds worksheets, writes ranges and calls context.sync at most twice;
 * (d) the call-centre log import is a chunk of its own: not among the page's initial requests, fetched
 *     from the local server (publicPath 'auto') when a log is picked, and its inputs are written through
 *     the counting mock in at most 2 syncs; an .xlsx log also fetches the xlsx reader's chunk.
 * The on-demand chunks (src/taskpane/chunks.ts): opening the pane fetches none; pasting a roster and
 * inserting fetch `records` and `excel` once each; a tab's chunk shows a Spinner while it loads; a chunk
 * request that fails is said in the pane's MessageBar, and the next click loads it.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import * as acorn from 'acorn';
import { TASKPANE_GZIP_BUDGET, bundleSizes, inlineScripts, localScripts } from '../scripts/bundle-size';
import { checkManifest } from '../scripts/check-manifest';
import { CHROMIUM, describeWith } from './helpers/oracles';

const ROOT = path.join(__dirname, '..');
const OUT = process.env.KPI_BROWSER_DIST ? path.resolve(process.env.KPI_BROWSER_DIST) : path.join(ROOT, '.tmp', 'browser-dist');
const OFFICE_JS_DIST = path.join(ROOT, 'node_modules', '@microsoft', 'office-js', 'dist');
const MOCK = path.join(__dirname, 'helpers', 'office-mock.js');
const BASE_URL = 'https://kpi.example.com/addin/';
const CDN_HOST = 'appsforoffice.microsoft.com';
const CDN_DIR = '/lib/1/hosted/';
/** office.js (o15apptofilemappingtable.js) opens this frame 3 s after loading, in any page: aborted, not ours. */
/**
 * Makes `new Function(code)` throw a SyntaxError for ES2020 syntax (optional chaining, ??), as EdgeHTML 18
 * (the old Edge webview) does, so the page's ES5 loader (src/taskpane/loader.js) takes the page for one.
 */
const OLD_WEBVIEW = `(() => {
  const F = window.Function;
  window.Function = function (...args) {
    if (/\\?\\.|\\?\\?/.test(String(args[args.length - 1]))) throw new SyntaxError('Expected identifier (emulated old Edge)');
    return F.apply(this, args);
  };
})();`;
const OFFICE_JS_TELEMETRY = 'https://telemetryservice.firstpartyapps.oaspapps.com/telemetryservice/telemetryproxy.html';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
};

/** Builds the production bundle into OUT (unless KPI_BROWSER_DIST names an existing build). */
function build(): void {
  if (process.env.KPI_BROWSER_DIST) {
    if (!fs.existsSync(path.join(OUT, 'taskpane.html'))) throw new Error(`KPI_BROWSER_DIST=${OUT} has no taskpane.html`);
    return;
  }
  const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);
  const opts = { cwd: ROOT, stdio: 'pipe' as const, timeout: 300000, env: { ...process.env, ADDIN_BASE_URL: BASE_URL } };
  try {
    execFileSync(bin('tsx'), ['scripts/gen-functions.ts', '--check'], opts);
  } catch {
    execFileSync(bin('tsx'), ['scripts/gen-functions.ts'], opts); // as `npm run build` does first
  }
  try {
    execFileSync(bin('webpack'), ['--mode', 'production', '--output-path', OUT], opts);
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`webpack --mode production failed:\n${String(err.stdout ?? '')}\n${String(err.stderr ?? '')}`);
  }
}

/** A static server: the build at /, @microsoft/office-js/dist at /office-js/. */
function serve(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const [base, rel] = pathname.startsWith('/office-js/')
      ? [OFFICE_JS_DIST, pathname.slice('/office-js/'.length)]
      : [OUT, pathname.slice(1)];
    const file = path.resolve(base, rel || 'taskpane.html');
    if (!file.startsWith(base + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

interface Watch {
  consoleErrors: string[];
  pageErrors: string[];
  failedLocal: string[];
  /** requests to a host other than the local server, the office.js CDN and office.js's telemetry frame */
  foreign: string[];
  /** paths requested from the local server, in order */
  local: string[];
  /** office.js CDN files answered from node_modules/@microsoft/office-js/dist (or by the mock) */
  officeJs: string[];
  telemetry: string[];
}

/** The paths of the on-demand chunks of the build (`/calls.1a2b3c4d.js`, …) */
const onDemandFiles = () => bundleSizes(OUT).onDemand.map((c) => `/${c.file}`);
/** The path of the on-demand chunk of this name */
const chunkPath = (name: string) => onDemandFiles().find((f) => f.startsWith(`/${name}.`))!;

interface MockSummary {
  runs: number;
  settled: number;
  syncs: number;
  errors: string[];
  sheetsAdded: string[];
  worksheetAdds: number;
  rangeWrites: number;
  calls: number;
}

describeWith('chromium', 'task pane in headless Chromium', () => {
  let server: http.Server;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    build();
    server = await serve();
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 300000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
  });

  /**
   * A new page whose every request goes through the policy above; `mock` installs the Office/Excel mock;
   * `old` makes the page's Function constructor refuse ES2020 syntax, as the old Edge webview's does.
   */
  async function openPage(mock: boolean, old?: { locale: string }): Promise<{ context: BrowserContext; page: Page; watch: Watch }> {
    const watch: Watch = { consoleErrors: [], pageErrors: [], failedLocal: [], foreign: [], local: [], officeJs: [], telemetry: [] };
    const context = await browser.newContext({ serviceWorkers: 'block', ...(old ? { locale: old.locale } : {}) });
    await context.route('**/*', async (route) => {
      const req = route.request();
      const url = new URL(req.url());
      if (url.origin === origin) {
        watch.local.push(url.pathname);
        return route.continue();
      }
      if (url.protocol === 'https:' && url.host === CDN_HOST && url.pathname.startsWith(CDN_DIR)) {
        const rel = url.pathname.slice(CDN_DIR.length);
        watch.officeJs.push(rel);
        if (mock && rel === 'office.js') {
          // The fake Office from addInitScript must not be replaced by the real office.js.
          return route.fulfill({
            status: 200,
            contentType: 'text/javascript',
            body: '/* office.js: replaced by test/helpers/office-mock.js */',
          });
        }
        return route.fulfill({ response: await route.fetch({ url: `${origin}/office-js/${rel}` }) });
      }
      if (req.url() === OFFICE_JS_TELEMETRY) {
        watch.telemetry.push(req.url());
        return route.abort('blockedbyclient');
      }
      watch.foreign.push(`${req.method()} ${req.url()}`);
      return route.abort('blockedbyclient');
    });
    if (mock) await context.addInitScript({ path: MOCK });
    if (old) await context.addInitScript({ content: OLD_WEBVIEW });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') watch.consoleErrors.push(`${m.text()} (${m.location().url}:${m.location().lineNumber})`);
    });
    page.on('pageerror', (e) => watch.pageErrors.push(e.stack ?? e.message));
    page.on('requestfailed', (r) => {
      if (r.url().startsWith(origin)) watch.failedLocal.push(`${r.url()}: ${r.failure()?.errorText}`);
    });
    page.on('response', (r) => {
      if (r.url().startsWith(origin) && r.status() >= 400) watch.failedLocal.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${origin}/taskpane.html`, { waitUntil: 'load' });
    // React renders into #root after Office.onReady.
    try {
      await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0, null, { timeout: 30000 });
    } catch (e) {
      throw new Error(`the task pane did not render into #root: ${(e as Error).message}\n${JSON.stringify(watch, null, 2)}`);
    }
    return { context, page, watch };
  }

  test('the production build: checked manifest for ADDIN_BASE_URL, office.js from the CDN, JS within budget', () => {
    if (!process.env.KPI_BROWSER_DIST) {
      const manifest = fs.readFileSync(path.join(OUT, 'manifest.xml'), 'utf8');
      expect(checkManifest(manifest, { production: true, root: ROOT })).toEqual([]);
      expect(manifest).toContain(`${BASE_URL}taskpane.html`);
    }
    const html = fs.readFileSync(path.join(OUT, 'taskpane.html'), 'utf8');
    expect(html).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    expect(html).toMatch(/<div id="?root"?>/);
    const sizes = bundleSizes(OUT);
    expect(sizes.files.some((f) => /^taskpane\b.*\.js$/.test(f))).toBe(true);
    // the bundle is loaded by the inline ES5 loader only (issue 6 item 9), which the build minified as ES5
    expect(html).not.toMatch(/<script\b[^>]*\bsrc="?taskpane/);
    expect(localScripts(html)).toEqual(sizes.files);
    const loader = inlineScripts(html);
    expect(loader).toHaveLength(1);
    expect(() => acorn.parse(loader[0], { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
    // the size goal: what opening the pane downloads (the loader and the bundle) within the budget, 150 KB gzip
    // (npm run bench reports it, the production build warns); the rest are on-demand chunks
    expect(sizes.taskpaneGzip).toBeLessThanOrEqual(TASKPANE_GZIP_BUDGET);
    expect(sizes.onDemand.map((c) => c.file.split('.')[0]).sort()).toEqual(['calls', 'excel', 'records', 'tabs', 'xlsx']);
    expect(sizes.functionsGzip).toBeGreaterThan(0);
    const functions = JSON.parse(fs.readFileSync(path.join(OUT, 'functions.json'), 'utf8')) as {
      functions: { id: string; description: string }[];
    };
    expect(functions.functions).toHaveLength(12);
    for (const f of functions.functions) expect(f.description.length).toBeGreaterThan(10);
  });

  describe('outside Excel (the real office.js, no host)', () => {
    let context: BrowserContext;
    let page: Page;
    let watch: Watch;

    beforeAll(async () => {
      ({ context, page, watch } = await openPage(false));
      // office.js's delayed telemetry frame (3 s) falls inside the watched time.
      await page.waitForTimeout(3500);
    }, 120000);
    afterAll(async () => {
      await context?.close();
    });

    test('(a) taskpane.html loads with no console errors and asks nothing of any other host', () => {
      expect(watch.pageErrors).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
      expect(watch.failedLocal).toEqual([]);
      expect(watch.foreign).toEqual([]);
      expect(watch.officeJs).toContain('office.js');
      // the on-demand chunks (call-log import, xlsx reader, records, excel, tabs) are not part of opening the pane
      expect(watch.local.filter((p) => /^\/(calls|xlsx)\./.test(p))).toEqual([]);
      expect(watch.local.filter((p) => onDemandFiles().includes(p))).toEqual([]);
    });

    test('(b) it tells the user to open it in Excel', async () => {
      const msg = page.getByTestId('not-in-excel');
      await msg.waitFor({ state: 'visible', timeout: 10000 });
      expect(await msg.innerText()).toMatch(/Excel/);
      expect(await page.getByTestId('insert-formA').count()).toBe(0);
    });
  });

  describe('in Excel (counting mock of Office.js)', () => {
    let context: BrowserContext;
    let page: Page;
    let watch: Watch;

    beforeAll(async () => {
      ({ context, page, watch } = await openPage(true));
    }, 120000);
    afterAll(async () => {
      await context?.close();
    });

    test('the page registers every KPI function with the custom functions runtime (shared runtime)', async () => {
      const functions = JSON.parse(fs.readFileSync(path.join(OUT, 'functions.json'), 'utf8')) as { functions: { id: string }[] };
      const associated: string[] = await page.evaluate(
        () => (window as unknown as { __kpiExcelMock: { associated: string[] } }).__kpiExcelMock.associated,
      );
      expect([...associated].sort()).toEqual(functions.functions.map((f) => f.id).sort());
    });

    test('(c) "Insert form A" adds the sheets and writes the ranges in at most 2 context.sync calls', async () => {
      expect(await page.getByTestId('not-in-excel').count()).toBe(0);
      // opening the pane in Excel fetched no on-demand chunk
      await page.getByTestId('insert-formA').waitFor({ state: 'visible', timeout: 15000 });
      expect(watch.local.filter((p) => onDemandFiles().includes(p))).toEqual([]);
      // The user's flow: paste the roster (the example one), then insert form A.
      const roster = page.getByTestId('roster-paste');
      await roster.waitFor({ state: 'visible', timeout: 15000 });
      await roster.fill(fs.readFileSync(path.join(ROOT, 'examples', 'roster-2015q1.csv'), 'utf8'));
      const button = page.getByTestId('insert-formA');
      await button.waitFor({ state: 'visible', timeout: 15000 });
      expect(await button.innerText()).toMatch(/Insert form A|插入表A/);
      expect(await button.isEnabled()).toBe(true);
      await button.click();

      // Wait until every Excel.run has settled and nothing new started for a moment.
      await page.waitForFunction(
        () => {
          const m = (window as unknown as { __kpiExcelMock: { runs: number; settled: number } }).__kpiExcelMock;
          return m.runs > 0 && m.settled === m.runs;
        },
        null,
        { timeout: 30000 },
      );
      await page.waitForTimeout(500);

      const m: MockSummary = await page.evaluate(() => {
        type Log = {
          runs: number;
          settled: number;
          syncs: number;
          errors: string[];
          sheetsAdded: string[];
          calls: { path: string }[];
          sets: { path: string }[];
        };
        const log = (window as unknown as { __kpiExcelMock: Log }).__kpiExcelMock;
        return {
          runs: log.runs,
          settled: log.settled,
          syncs: log.syncs,
          errors: log.errors,
          sheetsAdded: log.sheetsAdded,
          worksheetAdds: log.calls.filter((c) => /\.worksheets\.add$/.test(c.path)).length,
          rangeWrites: log.sets.filter((s) => /\.(values|formulas|formulasLocal|formulasR1C1)$/.test(s.path)).length,
          calls: log.calls.length,
        };
      });

      expect(m.errors).toEqual([]);
      expect(m.settled).toBe(m.runs);
      expect(m.worksheetAdds).toBeGreaterThanOrEqual(1);
      expect(m.sheetsAdded.length).toBe(m.worksheetAdds);
      expect(m.rangeWrites).toBeGreaterThan(0);
      expect(m.syncs).toBeGreaterThanOrEqual(1);
      expect(m.syncs).toBeLessThanOrEqual(2);

      // The pane reports the insertion (a status, not an error alert).
      const bar = page.getByTestId('message-bar');
      await bar.waitFor({ state: 'visible', timeout: 10000 });
      expect(await bar.getAttribute('role')).not.toBe('alert');
      // the roster's parser and the forms' builder and writer were fetched once each, nothing else
      expect(watch.local.filter((p) => onDemandFiles().includes(p)).sort()).toEqual([chunkPath('excel'), chunkPath('records')].sort());

      expect(watch.pageErrors).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
      expect(watch.failedLocal).toEqual([]);
      expect(watch.foreign).toEqual([]);
    });

    /** The mock's counters now, to measure what one import does. */
    const mockNow = () =>
      page.evaluate(() => {
        const log = (window as unknown as { __kpiExcelMock: { runs: number; settled: number; syncs: number; sets: { path: string }[] } })
          .__kpiExcelMock;
        return { runs: log.runs, settled: log.settled, syncs: log.syncs, writes: log.sets.filter((x) => /\.values$/.test(x.path)).length };
      });

    /** Picks a call log on the Import tab (month 2015-01, the example roster) and waits until its Excel.run settled. */
    async function importLog(file: string): Promise<{ syncs: number; writes: number; runs: number }> {
      await page.getByTestId('tab-forms').click();
      await page.getByTestId('month').fill('2015-01');
      await page.getByTestId('roster-paste').fill(fs.readFileSync(path.join(ROOT, 'examples', 'roster-2015q1.csv'), 'utf8'));
      await page.getByTestId('tab-import').click();
      const before = await mockNow();
      await page.getByTestId('calls-file').setInputFiles(file);
      await page.waitForFunction(
        (runs) => {
          const m = (window as unknown as { __kpiExcelMock: { runs: number; settled: number } }).__kpiExcelMock;
          return m.runs > runs && m.settled === m.runs;
        },
        before.runs,
        { timeout: 60000 },
      );
      await page.getByTestId('calls-report').waitFor({ state: 'visible', timeout: 10000 });
      const after = await mockNow();
      return { syncs: after.syncs - before.syncs, writes: after.writes - before.writes, runs: after.runs - before.runs };
    }

    test('(d) the call-log import: its chunk is fetched only when a log is picked, the write takes at most 2 syncs', async () => {
      const chunks = bundleSizes(OUT).onDemand.map((c) => c.file);
      const calls = chunks.find((f) => /^calls\.[0-9a-f]{8}\.js$/.test(f));
      const xlsx = chunks.find((f) => /^xlsx\.[0-9a-f]{8}\.js$/.test(f));
      expect(calls).toBeDefined();
      expect(xlsx).toBeDefined();
      // opening the pane (and inserting form A) did not fetch them
      expect(watch.local).toContain('/taskpane.html');
      expect(watch.local.filter((p) => p === `/${calls}` || p === `/${xlsx}`)).toEqual([]);

      const csv = await importLog(path.join(ROOT, 'examples', 'call-centre', 'calls-2015q1.csv'));
      expect(watch.local.filter((p) => p === `/${calls}`)).toHaveLength(1);
      expect(watch.local).not.toContain(`/${xlsx}`);
      // January 2015: A01 of the 4 pre-sales agents with calls, S01 and S02 of the 4 after-sales agents
      expect(csv).toEqual({ runs: 1, syncs: 1, writes: 12 });
      const bar = page.getByTestId('message-bar');
      expect(await bar.innerText()).toMatch(/wrote 12 input cells/);
      expect(await bar.innerText()).toMatch(/not in the roster, their calls not imported: "L" \(1 call\)/);
      expect(await page.getByTestId('calls-report').innerText()).toMatch(/Read calls-2015q1\.csv \(CSV, UTF-8\): 5000 data rows/);

      // the raw .xlsx log: the xlsx reader's chunk too (the calls chunk is not fetched again)
      const raw = await importLog(path.join(ROOT, 'examples', 'call-centre', 'raw-call-center-dataset.xlsx'));
      expect(raw).toEqual({ runs: 1, syncs: 1, writes: 12 });
      expect(watch.local.filter((p) => p === `/${xlsx}`)).toHaveLength(1);
      expect(watch.local.filter((p) => p === `/${calls}`)).toHaveLength(1);
      expect(await page.getByTestId('calls-report').innerText()).toMatch(/Read raw-call-center-dataset\.xlsx \(xlsx, first worksheet/);
      // every chunk fetched once in all
      for (const f of onDemandFiles()) expect(watch.local.filter((p) => p === f)).toHaveLength(1);

      expect(watch.pageErrors).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
      expect(watch.failedLocal).toEqual([]);
      expect(watch.foreign).toEqual([]);
    }, 120000);
  });
  describe('on-demand chunks on a slow or failing network (counting mock of Office.js)', () => {
    test('a tab whose chunk is slow shows a Spinner, then the tab', async () => {
      const { context, page, watch } = await openPage(true);
      try {
        await context.route(/\/tabs\.[0-9a-f]{8}\.js$/, async (route) => {
          await new Promise((r) => setTimeout(r, 1500));
          await route.continue();
        });
        await page.getByTestId('tab-results').click();
        await page.getByTestId('loading').waitFor({ state: 'visible', timeout: 5000 });
        expect(await page.getByTestId('loading').innerText()).toMatch(/Loading…/);
        await page.getByTestId('read-results').waitFor({ state: 'visible', timeout: 15000 });
        expect(await page.getByTestId('loading').count()).toBe(0);
        expect(watch.pageErrors).toEqual([]);
        expect(watch.consoleErrors).toEqual([]);
        expect(watch.failedLocal).toEqual([]);
      } finally {
        await context.close();
      }
    }, 60000);

    test('the excel chunk’s request fails: the MessageBar says a part did not load and what to do; the next click inserts', async () => {
      const { context, page, watch } = await openPage(true);
      try {
        const excel = /\/excel\.[0-9a-f]{8}\.js$/;
        await context.route(excel, (route) => route.abort('internetdisconnected'));
        await page.getByTestId('roster-paste').fill(fs.readFileSync(path.join(ROOT, 'examples', 'roster-2015q1.csv'), 'utf8'));
        await page.getByTestId('insert-formA').click();
        const bar = page.getByTestId('message-bar');
        await bar.waitFor({ state: 'visible', timeout: 15000 });
        expect(await bar.getAttribute('role')).toBe('alert');
        expect(await bar.innerText()).toMatch(/Part of the add-in did not load/);
        expect(await bar.innerText()).toMatch(/The code this step needs could not be downloaded\./);
        expect(await page.getByTestId('message-action').innerText()).toMatch(/Check the network connection and try again/);
        expect(watch.failedLocal.length).toBeGreaterThan(0);
        // the one failed request is the excel chunk's
        expect(watch.failedLocal.every((f) => /\/excel\.[0-9a-f]{8}\.js: /.test(f))).toBe(true);
        expect(watch.pageErrors).toEqual([]);

        await context.unroute(excel);
        await page.getByTestId('insert-formA').click();
        await page.waitForFunction(() => /Inserted:/.test(document.querySelector('[data-testid="message-bar"]')?.textContent ?? ''), null, {
          timeout: 30000,
        });
        const m = await page.evaluate(
          () => (window as unknown as { __kpiExcelMock: { sheetsAdded: string[] } }).__kpiExcelMock.sheetsAdded,
        );
        expect(m.length).toBeGreaterThan(0);
        expect(watch.pageErrors).toEqual([]);
        expect(watch.foreign).toEqual([]);
      } finally {
        await context.close();
      }
    }, 60000);
  });

  describe('a webview that cannot run the ES2020 bundle (emulated old Edge: Function refuses ?. and ??)', () => {
    for (const [locale, title] of [
      ['en-US', /KPI Forms needs a newer Office/],
      ['zh-CN', /需要更新 Office/],
    ] as const) {
      test(`${locale}: the loader says what to update and never fetches the bundle`, async () => {
        const { context, page, watch } = await openPage(false, { locale });
        try {
          const msg = page.getByTestId('old-webview');
          await msg.waitFor({ state: 'visible', timeout: 10000 });
          // outside Office, office.js gives no display language: the browser's decides
          await page.waitForTimeout(500);
          expect(await msg.innerText()).toMatch(title);
          expect(await msg.innerText()).toMatch(/WebView2/);
          const bundle = bundleSizes(OUT).files;
          expect(bundle.length).toBeGreaterThan(0);
          expect(watch.local.filter((p) => bundle.includes(p.slice(1)))).toEqual([]);
          expect(await page.getByTestId('not-in-excel').count()).toBe(0);
          expect(watch.pageErrors).toEqual([]);
          expect(watch.foreign).toEqual([]);
        } finally {
          await context.close();
        }
      }, 60000);
    }

    test('the same page without the emulation fetches the bundle once (the loader passes a modern webview)', async () => {
      const { context, watch } = await openPage(false);
      try {
        const bundle = bundleSizes(OUT).files;
        for (const f of bundle) expect(watch.local.filter((p) => p === `/${f}`)).toHaveLength(1);
      } finally {
        await context.close();
      }
    }, 60000);
  });
});
