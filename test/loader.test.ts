/**
 * @jest-environment node
 *
 * The task pane page's ES5 loader (src/taskpane/loader.js, inlined into taskpane.html): issue 6 item 9.
 * (a) it parses as ES5 (acorn, ecmaVersion 5), as written and as the production build minifies it;
 * (b) in a jsdom page emulating a webview that cannot run the ES2020 bundle (Internet Explorer 11: no
 *     Promise, no Symbol, a Function constructor that only takes ES5; the old Edge: ES2019 syntax at most)
 *     it shows what to update, in Office's display language or else the browser's (zh or en; default en),
 *     and loads no bundle; in a modern host it loads the bundle named in data-bundle and shows nothing.
 * The production page in headless Chromium is tested in test/taskpane-browser.test.ts.
 */
import * as acorn from 'acorn';
import * as fs from 'fs';
import * as path from 'path';
import { JSDOM } from 'jsdom';
import { minify } from 'terser';

const ROOT = path.join(__dirname, '..');
const LOADER = fs.readFileSync(path.join(ROOT, 'src', 'taskpane', 'loader.js'), 'utf8');
const TEMPLATE = fs.readFileSync(path.join(ROOT, 'src', 'taskpane', 'taskpane.html'), 'utf8');
const BUNDLE = 'taskpane.0123abcd.js';

describe('(a) the loader is ES5', () => {
  test('as written', () => {
    expect(() => acorn.parse(LOADER, { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
    // an ES2015 construct is refused at ecmaVersion 5 (the check can fail)
    expect(() => acorn.parse('var f = () => 1;', { ecmaVersion: 5 })).toThrow(SyntaxError);
  });

  test('minified by terser with its defaults (what html-minifier-terser minifyJS runs in the production build)', async () => {
    const out = await minify(LOADER);
    expect(out.code).toBeTruthy();
    expect(() => acorn.parse(out.code!, { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
  });

  test('the page template inlines it at the end of <body>, after #root, with the bundle in data-bundle', () => {
    expect(TEMPLATE).toMatch(
      /<div id="root"><\/div>\s*(<!--[\s\S]*?-->\s*)?<script id="kpi-loader" data-bundle="<%= htmlWebpackPlugin\.files\.js\.join\(' '\) %>">\s*<%= kpiLoader %>\s*<\/script>\s*<\/body>/,
    );
    // no other script of ours in the page: the bundle is only ever loaded by the loader
    expect(TEMPLATE.match(/<script\b/g)).toHaveLength(2);
    expect(TEMPLATE).toContain('<script type="text/javascript" src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>');
  });
});

type Host = 'ie11' | 'old-edge' | 'modern';

/** A Function constructor that accepts only code of the given ECMAScript version (acorn), like an old engine. */
function functionOf(win: { Function: FunctionConstructor }, ecmaVersion: 5 | 2019): FunctionConstructor {
  const Real = win.Function;
  const F = function (...args: string[]) {
    const body = args.length ? args[args.length - 1] : '';
    acorn.parse(`(function (${args.slice(0, -1).join(',')}) {${body}\n})`, { ecmaVersion }); // throws SyntaxError
    return Real(...args);
  };
  return F as unknown as FunctionConstructor;
}

/**
 * Runs the loader in a jsdom page shaped like the built taskpane.html (the real template, rendered), in
 * the given host, with the browser's language and optionally Office's display language.
 */
function run(host: Host, navigatorLanguage: string, officeLanguage?: string) {
  const html = TEMPLATE.replace("<%= htmlWebpackPlugin.files.js.join(' ') %>", BUNDLE).replace('<%= kpiLoader %>', '');
  const dom = new JSDOM(html, { runScripts: 'outside-only', url: 'https://kpi.example.com/addin/taskpane.html' });
  const win = dom.window as unknown as Record<string, unknown> & { Function: FunctionConstructor; eval(code: string): unknown };
  Object.defineProperty(dom.window.navigator, 'language', { value: navigatorLanguage, configurable: true });
  if (host === 'ie11') {
    delete win.Promise;
    delete win.Symbol;
    win.Function = functionOf(win, 5);
  } else if (host === 'old-edge') {
    win.Function = functionOf(win, 2019); // EdgeHTML 18: no optional chaining, no ??
  }
  // office.js (loaded before the loader): onReady calls back with the host's display language
  if (officeLanguage) win.Office = { onReady: (cb: () => void) => cb(), context: { displayLanguage: officeLanguage } };
  else delete win.Office;
  win.eval(LOADER);
  const doc = dom.window.document;
  const bundles = [...doc.querySelectorAll('script[src]')].map((s) => s.getAttribute('src')).filter((s) => !/appsforoffice/.test(s!));
  const msg = doc.querySelector('[data-testid="old-webview"]');
  return {
    bundles,
    msg: msg?.textContent ?? null,
    role: msg?.getAttribute('role') ?? null,
    inRoot: !!doc.querySelector('#root [data-testid="old-webview"]'),
  };
}

describe('(b) the loader in a sandboxed page', () => {
  test.each<[Host, string, string | undefined, 'zh' | 'en']>([
    ['ie11', 'zh-CN', undefined, 'zh'],
    ['ie11', 'en-US', undefined, 'en'],
    ['ie11', 'fr-FR', undefined, 'en'],
    // Office's display language wins over the browser's
    ['ie11', 'en-US', 'zh-CN', 'zh'],
    ['ie11', 'zh-CN', 'en-US', 'en'],
    ['old-edge', 'zh-CN', undefined, 'zh'],
    ['old-edge', 'en-US', 'en-US', 'en'],
  ])('%s, browser %s, Office %s: the message in %s, no bundle loaded', (host, nav, office, lang) => {
    const r = run(host, nav, office);
    expect(r.bundles).toEqual([]);
    expect(r.role).toBe('alert');
    expect(r.inRoot).toBe(true);
    if (lang === 'zh') {
      expect(r.msg).toMatch(/需要更新 Office/);
      expect(r.msg).toMatch(/Microsoft Edge WebView2 运行时/);
      expect(r.msg).toMatch(/Microsoft 365 或 Office 2021/);
      expect(r.msg).toMatch(/网页版 Excel/);
    } else {
      expect(r.msg).toMatch(/KPI Forms needs a newer Office/);
      expect(r.msg).toMatch(/Microsoft Edge WebView2 Runtime/);
      expect(r.msg).toMatch(/Microsoft 365 or Office 2021 or later/);
      expect(r.msg).toMatch(/Excel on the web/);
    }
  });

  test('a modern host: the bundle is loaded (in order, not async) and no message is shown', () => {
    for (const [nav, office] of [
      ['zh-CN', 'zh-CN'],
      ['en-US', undefined],
    ] as const) {
      const r = run('modern', nav, office);
      expect(r.bundles).toEqual([BUNDLE]);
      expect(r.msg).toBeNull();
    }
  });

  test('several bundle files are loaded in their order', () => {
    const dom = new JSDOM('<div id="root"></div><script id="kpi-loader" data-bundle="a.js b.js"></script>', { runScripts: 'outside-only' });
    dom.window.eval(LOADER);
    const scripts = [...dom.window.document.querySelectorAll('script[src]')] as HTMLScriptElement[];
    expect(scripts.map((s) => [s.getAttribute('src'), s.async])).toEqual([
      ['a.js', false],
      ['b.js', false],
    ]);
  });
});
