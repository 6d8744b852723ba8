/**
 * The add-in manifest, checked offline (scripts/check-manifest.ts): the development manifest.xml, the
 * production manifest made by the same rewrite the webpack build uses (scripts/manifest-url.ts), and
 * broken copies that the check must reject.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkManifest, parseXml, walk } from '../scripts/check-manifest';
import { DEV_BASE_URL, normalizeBaseUrl, toProductionManifest } from '../scripts/manifest-url';
import { manifestSets } from '../scripts/requirement-sets';

const ROOT = path.join(__dirname, '..');
const DEV = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const BASE = 'https://kpi.example.com/addin/';
const PROD = toProductionManifest(DEV, BASE);

const check = (xml: string, production = false) => checkManifest(xml, { production, root: ROOT });

/** Replaces exactly one occurrence of `from` (the test fails loudly if the manifest changed shape). */
function once(xml: string, from: string | RegExp, to: string): string {
  const n = typeof from === 'string' ? xml.split(from).length - 1 : (xml.match(new RegExp(from.source, 'g')) ?? []).length;
  if (n !== 1) throw new Error(`expected exactly one ${String(from)} in the manifest, found ${n}`);
  return xml.replace(from, to);
}

describe('manifest.xml (development)', () => {
  test('passes the offline check', () => {
    expect(check(DEV)).toEqual([]);
  });

  test('is the shared-runtime task pane add-in for Excel described in the design', () => {
    const root = parseXml(DEV);
    const els = [...walk(root)];
    const runtime = els.find((e) => e.name === 'Runtime');
    expect(runtime?.attrs).toEqual({ resid: 'Taskpane.Url', lifetime: 'long' });
    expect(els.find((e) => e.name === 'FunctionFile')?.attrs.resid).toBe('Taskpane.Url');
    expect(els.find((e) => e.name === 'OfficeTab')?.attrs.id).toBe('TabHome');
    expect(els.find((e) => e.name === 'Action')?.attrs.type).toMatch(/ShowTaskpane$/);
    expect(els.find((e) => e.name === 'DisplayName')?.attrs.DefaultValue).toBe('KPI Forms');
    const overrides = els.filter((e) => e.name === 'Override' && (e.parent?.name === 'DisplayName' || e.parent?.name === 'Description'));
    expect(overrides.map((o) => o.attrs.Locale)).toEqual(['zh-CN', 'zh-CN']);
    expect(els.find((e) => e.name === 'DefaultLocale')?.text).toBe('en-US');
    const sets = Object.fromEntries(els.filter((e) => e.name === 'Set').map((e) => [e.attrs.Name, e.attrs.MinVersion]));
    expect(sets).toEqual({ SharedRuntime: '1.1', CustomFunctionsRuntime: '1.3', ExcelApi: '1.4' });
  });

  // test/requirement-sets.test.ts reads the sets with manifestSets (scripts/requirement-sets.ts): the same as the XML says
  test('the requirement-set test reads the same sets', () => {
    const sets = Object.fromEntries(
      [...walk(parseXml(DEV))].filter((e) => e.name === 'Set').map((e) => [e.attrs.Name, e.attrs.MinVersion]),
    );
    expect(manifestSets(DEV)).toEqual(sets);
    // a commented-out set is not a set
    expect(manifestSets(once(DEV, '<Set Name="ExcelApi" MinVersion="1.4"/>', '<!-- <Set Name="ExcelApi" MinVersion="1.4"/> -->'))).toEqual({
      SharedRuntime: '1.1',
      CustomFunctionsRuntime: '1.3',
    });
  });

  // The Office.js writer's floor (src/office/requirements.ts) is what the manifest requires of ExcelApi.
  const requirementsFile = path.join(ROOT, 'src', 'office', 'requirements.ts');
  (fs.existsSync(requirementsFile) ? test : test.skip)('requires the ExcelApi version the Office.js writer needs at least', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MIN_EXCEL_API } = require(requirementsFile) as { MIN_EXCEL_API: string };
    const set = [...walk(parseXml(DEV))].find((e) => e.name === 'Set' && e.attrs.Name === 'ExcelApi');
    expect(set?.attrs.MinVersion).toBe(MIN_EXCEL_API);
  });

  test('every URL is on the development server', () => {
    const urls = [...DEV.matchAll(/\b(?:DefaultValue|Value)="(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u.startsWith(DEV_BASE_URL)).toBe(true);
  });

  test('fails the production check (it points at localhost)', () => {
    expect(check(DEV, true).join('\n')).toMatch(/localhost/);
  });
});

describe('production manifest (scripts/manifest-url.ts, as in the webpack build)', () => {
  test('passes the production check and has no localhost', () => {
    expect(check(PROD, true)).toEqual([]);
    expect(PROD).not.toMatch(/localhost/i);
    expect(PROD.split(BASE).length - 1).toBe(DEV.split(DEV_BASE_URL).length - 1);
  });

  test('only the base URL changes', () => {
    expect(PROD.split(BASE).join(DEV_BASE_URL)).toBe(DEV);
  });

  test('ADDIN_BASE_URL is normalised and checked', () => {
    expect(normalizeBaseUrl('https://kpi.example.com/addin')).toBe(BASE);
    expect(normalizeBaseUrl(' https://kpi.example.com ')).toBe('https://kpi.example.com/');
    expect(() => normalizeBaseUrl('http://kpi.example.com/')).toThrow(/https/);
    expect(() => normalizeBaseUrl('https://localhost:8443/')).toThrow(/this machine/);
    expect(() => normalizeBaseUrl('https://127.0.0.1/')).toThrow(/this machine/);
    expect(() => normalizeBaseUrl('kpi.example.com')).toThrow(/absolute/);
    expect(() => normalizeBaseUrl('https://kpi.example.com/?v=1')).toThrow(/query/);
  });

  test('a manifest with a localhost URL outside the dev base is refused by the rewrite', () => {
    const odd = once(DEV, '<Permissions>', '<!-- see http://localhost:8080/ --><Permissions>');
    expect(() => toProductionManifest(odd, BASE)).toThrow(/localhost/);
  });
});

describe('the check rejects broken manifests', () => {
  const cases: [string, () => string, boolean, RegExp][] = [
    ['not well-formed XML', () => once(DEV, '</bt:Urls>', '</bt:Url>'), false, /not well-formed XML/],
    [
      'a duplicated resid',
      () =>
        once(
          DEV,
          '<bt:String id="Functions.Namespace" DefaultValue="KPI"/>',
          '<bt:String id="Functions.Namespace" DefaultValue="KPI"/><bt:String id="Functions.Namespace" DefaultValue="KPI"/>',
        ),
      false,
      /"Functions\.Namespace" is defined 2 times/,
    ],
    [
      'a resid defined in two collections',
      () => once(DEV, '</bt:LongStrings>', '<bt:String id="Taskpane.Url" DefaultValue="x"/></bt:LongStrings>'),
      false,
      /"Taskpane\.Url" is defined 2 times \(Urls, LongStrings\)/,
    ],
    [
      'an undefined resid',
      () => once(DEV, '<Label resid="KpiForms.Group.Label"/>', '<Label resid="Nope.Label"/>'),
      false,
      /"Nope\.Label", which is not defined/,
    ],
    [
      'a resid in the wrong collection',
      () => once(DEV, '<Description resid="KpiForms.TaskpaneButton.Tooltip"/>', '<Description resid="KpiForms.Group.Label"/>'),
      false,
      /in ShortStrings; it must be in LongStrings/,
    ],
    [
      'a mismatched runtime resid',
      () =>
        once(
          once(DEV, '<Runtime resid="Taskpane.Url" lifetime="long"/>', '<Runtime resid="Runtime.Url" lifetime="long"/>'),
          '</bt:Urls>',
          '<bt:Url id="Runtime.Url" DefaultValue="https://localhost:3000/taskpane.html"/></bt:Urls>',
        ),
      false,
      /FunctionFile uses resid "Taskpane\.Url"; the shared runtime needs the Runtime's resid "Runtime\.Url"/,
    ],
    [
      'a FunctionFile on another page',
      () => once(DEV, '<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="Functions.Script.Url"/>'),
      false,
      /FunctionFile uses resid "Functions\.Script\.Url"/,
    ],
    [
      'a custom functions Page on another page',
      () => once(DEV, /<Page>\s*<SourceLocation resid="Taskpane.Url"\/>/, '<Page><SourceLocation resid="Functions.Script.Url"/>'),
      false,
      /custom functions Page SourceLocation uses resid "Functions\.Script\.Url"/,
    ],
    ['a short-lived runtime', () => once(DEV, 'lifetime="long"', 'lifetime="short"'), false, /lifetime must be "long"/],
    [
      'an http URL',
      () => once(DEV, '"https://localhost:3000/functions.json"', '"http://localhost:3000/functions.json"'),
      false,
      /"http:\/\/localhost:3000\/functions\.json" must use https/,
    ],
    [
      'an http icon',
      () => once(DEV, '"https://localhost:3000/assets/icon-32.png"/>\n  <High', '"http://localhost:3000/assets/icon-32.png"/>\n  <High'),
      false,
      /IconUrl.*must use https/,
    ],
    ['a missing icon', () => once(DEV, 'assets/icon-80.png', 'assets/icon-99.png'), false, /has no file assets\/icon-99\.png/],
    [
      'an icon outside assets/',
      () => once(DEV, 'https://localhost:3000/assets/icon-16.png', 'https://localhost:3000/icon-16.png'),
      false,
      /is not under \/assets\//,
    ],
    [
      'an icon of the wrong size',
      () =>
        once(
          DEV,
          '<bt:Image size="80" resid="Icon.80x80"/>\n                </Icon>\n                <Control',
          '<bt:Image size="80" resid="Icon.32x32"/>\n                </Icon>\n                <Control',
        ),
      false,
      /icon-32\.png is 32×32, expected 80×80/,
    ],
    [
      'another namespace',
      () => once(DEV, 'id="Functions.Namespace" DefaultValue="KPI"', 'id="Functions.Namespace" DefaultValue="KPIX"'),
      false,
      /Namespace must be "KPI", found "KPIX"/,
    ],
    [
      'a missing requirement set',
      () => once(DEV, /\s*<Set Name="CustomFunctionsRuntime" MinVersion="1.3"\/>/, ''),
      false,
      /CustomFunctionsRuntime .* is not declared/,
    ],
    [
      'CustomFunctionsRuntime 1.1 (CustomFunctions.Error and its error codes need 1.3)',
      () => once(DEV, '<Set Name="CustomFunctionsRuntime" MinVersion="1.3"/>', '<Set Name="CustomFunctionsRuntime" MinVersion="1.1"/>'),
      false,
      /CustomFunctionsRuntime is declared at 1\.1, the add-in needs 1\.3/,
    ],
    [
      'an old ExcelApi',
      () => once(DEV, '<Set Name="ExcelApi" MinVersion="1.4"/>', '<Set Name="ExcelApi" MinVersion="1.3"/>'),
      false,
      /ExcelApi is declared at 1\.3, the add-in needs 1\.4/,
    ],
    ['no ribbon button on the Home tab', () => once(DEV, 'OfficeTab id="TabHome"', 'OfficeTab id="TabData"'), false, /Home tab/],
    [
      'a leftover localhost in production',
      () => once(PROD, '"https://kpi.example.com/addin/functions.js"', '"https://localhost:3000/functions.js"'),
      true,
      /production manifest mentions localhost at line \d+/,
    ],
    [
      'a localhost mention in a production comment',
      () => once(PROD, '<Permissions>', '<!-- was localhost --><Permissions>'),
      true,
      /mentions localhost/,
    ],
  ];

  test.each(cases)('%s', (_name, make, production, expected) => {
    const problems = check(make(), production);
    expect(problems.join('\n')).toMatch(expected);
  });

  test('a missing icon file on disk is found (root without assets/)', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-manifest-'));
    try {
      const problems = checkManifest(DEV, { root: empty });
      expect(problems.filter((p) => /has no file assets\/icon-(16|32|64|80)\.png/.test(p)).length).toBe(4);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
