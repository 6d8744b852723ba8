/**
 * @jest-environment node
 *
 * Requirement sets, from the Office.js type declarations (scripts/requirement-sets.ts):
 * - every Excel/Office/CustomFunctions member the add-in's code (src/office, src/taskpane, src/functions)
 *   uses is within the manifest's <Requirements><Sets>, or behind a gate of src/office/requirements.ts
 *   whose set is at least the member's (the rule is described at the top of scripts/requirement-sets.ts);
 * - the rule itself, on small probes (the pattern the writer had: RangeAreas.select, ExcelApi 1.18, behind
 *   the 1.9 flag, is caught);
 * - issue 6 item 4: on a host with ExcelApi up to 1.17 (Excel 2024 LTSC) inserting with chosen agents
 *   calls no RangeAreas.select and selects the first chosen page; with 1.18 all chosen pages at once.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createOfficeHost } from '../src/office/host';
import { REQUIREMENTS, checkSupport } from '../src/office/requirements';
import type { ExcelRun } from '../src/office/writer';
import { buildWorkbook } from '../src/templates/workbook';
import {
  SetUse,
  compareVersions,
  createProgram,
  describeUse,
  findSetUses,
  manifestSets,
  offending,
  sourceFiles,
} from '../scripts/requirement-sets';
import { sampleAgents } from './helpers/sync-count';

const ROOT = path.join(__dirname, '..');
const MANIFEST = manifestSets(fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'));
const DIRS = ['src/office', 'src/taskpane', 'src/functions'];

describe('every Office.js member the add-in uses is in the manifest or behind a gate', () => {
  const files = sourceFiles(ROOT, DIRS);
  let uses: SetUse[] = [];
  beforeAll(() => {
    uses = findSetUses(createProgram(ROOT, files), files, ROOT);
  }, 120000);

  test('the manifest declares the sets the gates start from', () => {
    expect(MANIFEST).toEqual({ SharedRuntime: '1.1', CustomFunctionsRuntime: '1.3', ExcelApi: '1.4' });
    // every gate is above what the manifest already requires, so it is checked at run time
    for (const g of REQUIREMENTS.filter((r) => r.feature !== 'insert' && r.feature !== 'kpiFormulas'))
      expect(`${g.feature} ${compareVersions(g.version, MANIFEST[g.set] ?? '0')}`).toBe(`${g.feature} 1`);
  });

  test('the walk finds the members the writer and the functions are known to use', () => {
    const has = (member: string, set: string, version: string) =>
      uses.some((u) => u.member === member && u.set === set && u.version === version && /^src\//.test(u.file));
    // annotations as @types/office-js and @types/custom-functions-runtime give them
    expect(has('Worksheet.getRange', 'ExcelApi', '1.1')).toBe(true);
    expect(has('Worksheet.getRanges', 'ExcelApi', '1.9')).toBe(true);
    expect(has('RangeAreas.select', 'ExcelApi', '1.18')).toBe(true);
    expect(has('NamedItemCollection.add', 'ExcelApi', '1.4')).toBe(true);
    expect(has('Worksheet.pageLayout', 'ExcelApi', '1.9')).toBe(true);
    expect(has('Range.dataValidation', 'ExcelApi', '1.8')).toBe(true);
    expect(has('WorksheetProtectionOptions.selectionMode', 'ExcelApi', '1.7')).toBe(true);
    expect(has('CustomFunctions.Error', 'CustomFunctionsRuntime', '1.2')).toBe(true);
    expect(has('ErrorCode.invalidValue', 'CustomFunctionsRuntime', '1.3')).toBe(true);
    // Worksheet.visibility: "ExcelApi 1.1 for reading visibility; 1.2 for setting it"; the writer sets it
    expect(uses.filter((u) => u.member === 'Worksheet.visibility').map((u) => u.version)).toContain('1.2');
    expect(uses.length).toBeGreaterThan(100);
  });

  test('none is above the manifest without a gate of its set', () => {
    const bad = offending(uses, MANIFEST, REQUIREMENTS);
    if (bad.length) console.error(`Office.js members above the manifest's sets and not behind a gate:\n${bad.map(describeUse).join('\n')}`);
    expect(bad.map(describeUse)).toEqual([]);
  });

  test('the only ExcelApi members above 1.17 (Excel 2024 LTSC) are RangeAreas.select', () => {
    const above = uses.filter((u) => u.set === 'ExcelApi' && compareVersions(u.version, '1.17') > 0);
    expect([...new Set(above.map((u) => u.member))]).toEqual(['RangeAreas.select']);
    for (const u of above) expect(u.gates).toContain('selectAreas');
  });
});

describe('the gate rule, on probes', () => {
  // a probe file next to requirements.ts, so `./requirements` resolves; not written to disk
  const PROBE = path.join(ROOT, 'src', 'office', '__probe__.ts');
  const check = (body: string) => {
    const text = `import { WriterFeatures } from './requirements';\n${body}\n`;
    const uses = findSetUses(createProgram(ROOT, [], { [PROBE]: text }), [PROBE], ROOT);
    return { uses, bad: offending(uses, MANIFEST, REQUIREMENTS).map((u) => `${u.member} ${u.set} ${u.version} :${u.line}`) };
  };

  test('the writer as it was: RangeAreas.select (1.18) behind the RangeAreas flag (1.9) is caught', () => {
    const { bad } = check(
      `export function pick(ws: Excel.Worksheet, f: WriterFeatures, a: string) {
        (f.rangeAreas && a.includes(',') ? ws.getRanges(a) : ws.getRange(a.split(',')[0])).select();
      }`,
    );
    expect(bad).toEqual(['RangeAreas.select ExcelApi 1.18 :3']);
  });

  test('behind its own flag it passes; behind a lower one, or none, it does not', () => {
    expect(
      check(`export const pick = (ws: Excel.Worksheet, f: WriterFeatures) => { if (f.selectAreas) ws.getRanges('A1,B2').select(); };`).bad,
    ).toEqual([]);
    expect(
      check(`export const pick = (ws: Excel.Worksheet, f: WriterFeatures) => f.selectAreas && ws.getRanges('A1,B2').select();`).bad,
    ).toEqual([]);
    expect(
      check(`export const pick = (ws: Excel.Worksheet, f: WriterFeatures) => { if (f.rangeAreas) ws.getRanges('A1,B2').select(); };`).bad,
    ).toEqual(['RangeAreas.select ExcelApi 1.18 :2']);
    // the else branch of the flag is not behind it
    expect(
      check(
        `export const pick = (ws: Excel.Worksheet, f: WriterFeatures) => { if (f.selectAreas) ws.getRange('A1').select(); else ws.getRanges('A1,B2').select(); };`,
      ).bad,
    ).toEqual(['RangeAreas.select ExcelApi 1.18 :2', 'Worksheet.getRanges ExcelApi 1.9 :2']);
    // a flag mentioned in a condition that is not a conjunct does not gate (either may be true)
    expect(
      check(
        `export const pick = (ws: Excel.Worksheet, f: WriterFeatures, x: boolean) => { if (f.selectAreas || x) ws.getRanges('A1').select(); };`,
      ).bad,
    ).toEqual(['RangeAreas.select ExcelApi 1.18 :2', 'Worksheet.getRanges ExcelApi 1.9 :2']);
    expect(check(`export const pick = (ws: Excel.Worksheet) => ws.getRanges('A1,B2');`).bad).toEqual([
      'Worksheet.getRanges ExcelApi 1.9 :2',
    ]);
  });

  test('an early return on the negated flag gates the rest of the block', () => {
    const body = `export function lay(ws: Excel.Worksheet, f: WriterFeatures) {
      if (!f.pageLayout) return;
      ws.pageLayout.orientation = 'Portrait';
    }`;
    expect(check(body).bad).toEqual([]);
    expect(check(body.replace('return;', 'console.log(1);')).bad).toEqual(['Worksheet.pageLayout ExcelApi 1.9 :4']);
  });

  test('a function is behind a flag when every call of it is', () => {
    const fn = `function lay(ws: Excel.Worksheet) { ws.pageLayout.orientation = 'Portrait'; }`;
    expect(check(`${fn}\nexport function run(ws: Excel.Worksheet, f: WriterFeatures) { if (f.pageLayout) lay(ws); }`).bad).toEqual([]);
    expect(check(`${fn}\nexport function run(ws: Excel.Worksheet, f: WriterFeatures) { if (f.pageLayout) lay(ws); lay(ws); }`).bad).toEqual(
      ['Worksheet.pageLayout ExcelApi 1.9 :2'],
    );
    // exported: callable from anywhere
    expect(check(`export ${fn}\nexport function run(ws: Excel.Worksheet, f: WriterFeatures) { if (f.pageLayout) lay(ws); }`).bad).toEqual([
      'Worksheet.pageLayout ExcelApi 1.9 :2',
    ]);
  });

  test('qualified annotations: get/set, and versions that name a parameter', () => {
    const { uses } = check(
      `export function p(ws: Excel.Worksheet) {
        const v = ws.visibility;
        ws.visibility = v;
        ws.protection.unprotect();
        ws.protection.unprotect('pw');
        ws.protection.protect({ allowFormatRows: true }, 'pw');
      }`,
    );
    const at = (line: number, member: string) =>
      uses.filter((u) => u.line === line && u.member === member).map((u) => `${u.set} ${u.version}`);
    // "[Api set: ExcelApi 1.1 for reading visibility; 1.2 for setting it.]"
    expect(at(3, 'Worksheet.visibility')).toEqual(['ExcelApi 1.1']);
    expect(at(4, 'Worksheet.visibility')).toEqual(['ExcelApi 1.2']);
    // unprotect "[Api set: ExcelApi 1.7 for password]": without one, WorksheetProtection's 1.2
    expect(at(5, 'WorksheetProtection.unprotect')).toEqual(['ExcelApi 1.2']);
    expect(at(6, 'WorksheetProtection.unprotect')).toEqual(['ExcelApi 1.7']);
    // protect "[Api set: ExcelApi 1.2 for options; 1.7 for password]"
    expect(at(7, 'WorksheetProtection.protect')).toEqual(['ExcelApi 1.7']);
  });

  test('the common API form "**Requirement set**: … SharedRuntime 1.1" is read too', () => {
    const { uses } = check(`export const show = () => Office.addin.showAsTaskpane();`);
    expect(uses.filter((u) => u.member.endsWith('showAsTaskpane')).map((u) => `${u.set} ${u.version}`)).toEqual(['SharedRuntime 1.1']);
  });
});

/**
 * A tiny recording stand-in for Excel.run: every property is an object, every call is recorded as
 * `<what made the object>.<method>(args)` (so `ws.getRanges(a).select()` is `getRanges.select`), collections
 * loaded are empty (an empty workbook), context.sync resolves. It refuses nothing: the test is about what
 * the writer calls, whatever the fake Excel models.
 */
function recordingRun(calls: string[]): ExcelRun {
  const node = (kind: string): unknown =>
    new Proxy(function () {}, {
      get(_t, k) {
        if (k === 'then' || typeof k === 'symbol') return undefined;
        if (k === 'items') return [];
        if (k === 'sync') return async () => undefined;
        return new Proxy(function () {}, {
          apply(_f, _this, args) {
            calls.push(`${kind}.${k}(${args.map((a) => JSON.stringify(a)).join(', ')})`);
            return k === 'load' ? node(kind) : node(k);
          },
          get(_f, k2) {
            return (node(k) as Record<PropertyKey, unknown>)[k2];
          },
          set() {
            return true;
          },
        });
      },
      set() {
        return true;
      },
    });
  return (batch) => batch(node('context') as Excel.RequestContext);
}

describe('issue 6 item 4: selecting the chosen agents on a host without ExcelApi 1.18', () => {
  const g = globalThis as unknown as { Office?: unknown };
  afterEach(() => {
    delete g.Office;
  });
  /** isSetSupported of a host whose ExcelApi goes up to `excel` (CustomFunctionsRuntime and the rest: yes) */
  const upTo = (excel: string) => (set: string, version: string) => (set === 'ExcelApi' ? compareVersions(version, excel) <= 0 : true);

  async function insertWithChosen(excel: string) {
    g.Office = { context: { displayLanguage: 'zh-CN', requirements: { isSetSupported: upTo(excel) } } };
    const calls: string[] = [];
    const host = createOfficeHost(recordingRun(calls));
    const spec = buildWorkbook({ month: '2024-03', agents: sampleAgents(10), mode: 'kpi', lang: 'zh' });
    // E003 and E007: the 2nd and 4th pre-sales agents, pages 2 and 4 of form A (22 rows a page)
    const result = await host.insert(spec, { sheets: ['formA'], select: ['E003', 'E007'] });
    return { host, calls, result, selects: calls.filter((c) => /\.select\(/.test(c)) };
  }

  test('ExcelApi 1.17 (Excel 2024 LTSC): no RangeAreas.select; the first chosen page is selected', async () => {
    const { host, result, selects, calls } = await insertWithChosen('1.17');
    expect(host.support.features.selectAreas).toBe(false);
    expect(host.support.features.rangeAreas).toBe(true);
    expect(host.support.missing.map((m) => `${m.set} ${m.version}`)).toEqual(['ExcelApi 1.18']);
    // form A, the records its counts sum (issue 9), the rules, the roster the records check ids against
    expect(result.sheets).toEqual(['表A-业务', '考核记录', '规则', '花名册']);
    expect(selects).toEqual(['getRange.select()']);
    // Range.select on the first area only (worked by hand: page 2 of form A is rows 23–44, columns A–F)
    expect(calls.filter((c) => c.startsWith('getItem.getRange(') || c.startsWith('add.getRange(')).pop()).toBe('add.getRange("A23:F44")');
    expect(calls.some((c) => /^getRanges\.select/.test(c))).toBe(false);
    // not every chosen agent is selected: not reported as such; the skipped feature says why
    expect(result.selected).toBeUndefined();
    expect(result.skipped).toEqual(['selectAreas']);
  });

  test('ExcelApi 1.18: both chosen pages in one RangeAreas.select', async () => {
    const { result, selects, calls } = await insertWithChosen('1.18');
    expect(selects).toEqual(['getRanges.select()']);
    expect(calls.filter((c) => c.startsWith('add.getRanges(')).pop()).toBe('add.getRanges("A23:F44,A67:F88")');
    expect(result.selected).toEqual({ sheet: '表A-业务', address: 'A23:F44,A67:F88', agents: 2 });
    expect(result.skipped).toEqual([]);
  });

  test('checkSupport: ExcelApi 1.18 is what selectAreas needs, nothing else', () => {
    expect(checkSupport(upTo('1.17')).features).toEqual({
      rangeAreas: true,
      pageLayout: true,
      dataValidation: true,
      freezePanes: true,
      conditionalFormats: true,
      autoFilter: true,
      selectAreas: false,
      copyFrom: true,
    });
    expect(checkSupport(upTo('1.18')).missing).toEqual([]);
  });
});
