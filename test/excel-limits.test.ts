/**
 * Excel's documented limits (src/core/excel-limits.ts) applied to every generated workbook as Excel
 * would receive it: the .xlsx file the ExcelJS writer produces (unzipped, its XML read back) — zh and en,
 * =KPI.… and plain formulas, 1, 80 and 500 agents (the Office.js writer: excel-limits-office.test.ts). Also: the checker finds each kind of violation in hand-made cases, and
 * the S02 ratings validation (issue 6 item 3) is under 255 characters while accepting exactly what the
 * former ~400-character formula accepted, evaluated by HyperFormula and by LibreOffice.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import { HyperFormula } from 'hyperformula';
import * as os from 'os';
import * as path from 'path';
import {
  EXCEL_LIMITS,
  LimitsSheet,
  LimitsView,
  checkLimits,
  definedNameProblem,
  formulaStats,
  limitsViewOfSpec,
  sheetNameProblem,
} from '../src/core/excel-limits';
import { buildWorkbook } from '../src/templates/workbook';
import { HF_CONFIG } from './helpers/hf';
import { LIMITS_CASES, MONTH, expectWithinLimits, specOf, viewOfXlsx, xlsxParts } from './helpers/limits';
import { describeWith, recalcXlsx } from './helpers/oracles';

// ---------------- the table ----------------

describe('the table of Excel limits', () => {
  test('every limit has a number, what it applies to and a source', () => {
    for (const [k, l] of Object.entries(EXCEL_LIMITS)) {
      expect(`${k} ${l.max > 0}`).toBe(`${k} true`);
      expect(l.appliesTo.length).toBeGreaterThan(10);
      expect(l.source.length).toBeGreaterThan(10);
    }
  });

  test('the documented values (Excel specifications and limits; MS-OI29500; MS-XLSB DValStrings)', () => {
    const v = Object.fromEntries(Object.entries(EXCEL_LIMITS).map(([k, l]) => [k, l.max]));
    expect(v).toMatchObject({
      rows: 1048576,
      columns: 16384,
      formulaLength: 8192,
      nestingLevels: 64,
      functionArguments: 255,
      cellText: 32767,
      lineFeeds: 253,
      rowHeight: 409,
      columnWidth: 255,
      pageBreaks: 1026,
      sheetName: 31,
      definedNameLength: 255,
      definedNameComment: 255,
      validationFormula: 255,
      validationList: 255,
      validationPrompt: 255,
      validationPromptTitle: 32,
      validationError: 224,
      validationErrorTitle: 32,
      conditionalFormats: 64000,
    });
  });
});

describe('formulaStats: length, function nesting, arguments, text constants', () => {
  test.each([
    ['=SUM(1,2)', { length: 8, depth: 1, maxArgs: 2, maxText: 0 }],
    ['TODAY()', { length: 7, depth: 1, maxArgs: 0, maxText: 0 }],
    ['IF(A1="a,b(",LEN("x""y"),MAX(1,2,3))', { length: 36, depth: 2, maxArgs: 3, maxText: 4 }],
    ["'售后,考核('!$I$1+(1+(2))", { length: 21, depth: 0, maxArgs: 0, maxText: 0 }],
    ['SUM({1,2,3,4})', { length: 14, depth: 1, maxArgs: 1, maxText: 0 }],
    ['_xlfn.RANK.EQ(G6,G$6:G$9,1)', { length: 27, depth: 1, maxArgs: 3, maxText: 0 }],
    ['A(B(C(),D(E(1))))', { length: 17, depth: 4, maxArgs: 2, maxText: 0 }],
  ])('%s', (f, expected) => {
    expect(formulaStats(f)).toEqual(expected);
  });
});

describe('checkLimits finds each kind of violation', () => {
  const sheet = (over: Partial<LimitsSheet> = {}): LimitsSheet => ({
    name: 'S',
    cells: [],
    validations: [],
    conditionalFormats: [],
    rowHeights: [],
    columnWidths: [],
    rowBreaks: [],
    colBreaks: [],
    ...over,
  });
  const rules = (view: LimitsView) => checkLimits(view).map((v) => `${v.rule} @ ${v.where}`);
  const nest = (n: number) => 'ABS('.repeat(n) + '1' + ')'.repeat(n);

  test('cells: formula length, nesting, arguments, text constants, cell text, line feeds, the grid', () => {
    const view: LimitsView = {
      sheets: [
        sheet({
          cells: [
            { address: 'A1', formula: `=${'1+'.repeat(4096)}1` }, // 8193 characters without =
            { address: 'A2', formula: `${'1+'.repeat(4095)}1` }, // 8191: fine
            { address: 'A3', formula: nest(65) },
            { address: 'A4', formula: nest(64) },
            { address: 'A5', formula: `SUM(${Array(256).fill(1).join(',')})` },
            { address: 'A6', formula: `SUM(${Array(255).fill(1).join(',')})` },
            { address: 'A7', formula: `"${'x'.repeat(256)}"` },
            { address: 'A8', formula: `"${'x'.repeat(255)}"&"${'y'.repeat(255)}"` },
            { address: 'A9', text: 'x'.repeat(32768) },
            { address: 'A10', text: '\n'.repeat(254) },
            { address: 'XFD1048576', text: 'corner' },
            { address: 'XFE1', text: 'beyond' },
          ],
        }),
      ],
      names: [],
    };
    expect(rules(view)).toEqual([
      "formulaLength @ 'S'!A1",
      "nestingLevels @ 'S'!A3",
      "functionArguments @ 'S'!A5",
      "formulaText @ 'S'!A7",
      "cellText @ 'S'!A9",
      "lineFeeds @ 'S'!A10",
      "rows @ 'S'!XFE1",
    ]);
  });

  test('validations: formula and list length, messages and titles', () => {
    const v = (over: object) => ({ range: 'D9', type: 'custom', formula1: 'TRUE', ...over });
    const view: LimitsView = {
      sheets: [
        sheet({
          validations: [
            v({ range: 'D1', formula1: `=LEN(D1)=${'1'.repeat(248)}` }), // 256 without =
            v({ range: 'D2', formula1: `LEN(D2)=${'1'.repeat(247)}` }), // 255: fine
            v({ range: 'D3', type: 'list', formula1: `"${'A,'.repeat(127)}"` }), // 256
            v({ range: 'D4', prompt: 'p'.repeat(256), promptTitle: 't'.repeat(33) }),
            v({ range: 'D5', prompt: 'p'.repeat(255), promptTitle: 't'.repeat(32), error: 'e'.repeat(224), errorTitle: 't'.repeat(32) }),
            v({ range: 'D6', error: 'e'.repeat(225), errorTitle: 't'.repeat(33) }),
          ],
        }),
      ],
      names: [],
    };
    expect(rules(view)).toEqual([
      "validationFormula @ 'S'!D1 validation",
      "validationList @ 'S'!D3 validation",
      "validationPrompt @ 'S'!D4 validation",
      "validationPromptTitle @ 'S'!D4 validation",
      "validationError @ 'S'!D6 validation",
      "validationErrorTitle @ 'S'!D6 validation",
    ]);
  });

  test('the former S02 ratings formula (407 characters at D1009) breaks the validation-formula limit', () => {
    const u = 'SUBSTITUTE(UPPER(D1009)," ","")';
    const old = `${['A', 'B', 'C', 'D'].map((x) => `(LEN(${u})-LEN(SUBSTITUTE(${u},"${x}","")))`).join('+')}=LEN(${u})`;
    const found = checkLimits({ sheets: [sheet({ validations: [{ range: 'D1009', type: 'custom', formula1: old }] })], names: [] });
    expect(found.map((x) => [x.rule, x.found])).toEqual([['validationFormula', 416]]);
    expect(found[0].message).toContain('ClosedXML #1044');
  });

  test('a cell in two data validations (what ExcelJS wrote for form A: E10:E16 and E6:E16)', () => {
    const v = (range: string) => ({ range, type: 'whole', formula1: '0' });
    const view: LimitsView = {
      sheets: [sheet({ validations: [v('E10:E16'), v('E18:E19'), v('E6:E16'), v('D1 D3'), v('D2'), v('C1,D3')] })],
      names: [],
    };
    expect(checkLimits(view).map((x) => `${x.rule} @ ${x.where} ${x.found}`)).toEqual([
      "validationOverlap @ 'S'!E6:E16 validation E10",
      "validationOverlap @ 'S'!C1,D3 validation D3",
    ]);
  });

  test('rows, columns, page breaks, conditional formats', () => {
    const view: LimitsView = {
      sheets: [
        sheet({
          rowHeights: [
            [1, 409],
            [2, 409.5],
          ],
          columnWidths: [
            [1, 255],
            [2, 256],
          ],
          rowBreaks: Array.from({ length: 1027 }, (_, i) => i + 1),
          conditionalFormats: [{ range: 'A1:B2', formula: `"${'z'.repeat(256)}"` }],
        }),
      ],
      names: [],
    };
    expect(rules(view)).toEqual([
      "formulaText @ 'S'!A1:B2 conditional format",
      "rowHeight @ 'S' row 2",
      "columnWidth @ 'S' column 2",
      "pageBreaks @ sheet 'S'",
    ]);
  });

  test('sheet names', () => {
    for (const bad of ['', 'x'.repeat(32), 'a:b', 'a\\b', 'a/b', 'a?b', 'a*b', 'a[b', 'a]b', "'ab", "ab'", 'History', 'HISTORY'])
      expect(`${JSON.stringify(bad)} ${sheetNameProblem(bad) !== null}`).toBe(`${JSON.stringify(bad)} true`);
    for (const ok of ['x'.repeat(31), '售后考核', "a'b", 'Sheet 1', 'Histories'])
      expect(`${JSON.stringify(ok)} ${sheetNameProblem(ok)}`).toBe(`${JSON.stringify(ok)} null`);
    const view: LimitsView = { sheets: [sheet({ name: 'Rules' }), sheet({ name: 'rules' }), sheet({ name: 'a/b' })], names: [] };
    expect(rules(view)).toEqual(["sheetNameUnique @ sheet 'rules'", "sheetName @ sheet 'a/b'"]);
  });

  test('defined names', () => {
    for (const bad of ['', 'A1', 'xfd1048576', 'R1C1', 'r', 'C', 'RC', 'R12', 'TRUE', 'false', '1x', 'a b', 'a-b', 'x'.repeat(256)])
      expect(`${JSON.stringify(bad)} ${definedNameProblem(bad) !== null}`).toBe(`${JSON.stringify(bad)} true`);
    for (const ok of ['PTS_A01', 'W_S', 'KPI_MONTH', '_xlnm.Print_Area', '\\x', 'XFE1', 'A1048577', '规则', 'x'.repeat(255), 'RC1X'])
      expect(`${JSON.stringify(ok)} ${definedNameProblem(ok)}`).toBe(`${JSON.stringify(ok)} null`);
    const view: LimitsView = {
      sheets: [],
      names: [
        { name: 'PTS', ref: "'规则'!$C$5" },
        { name: 'pts', ref: "'规则'!$C$6" },
        { name: 'A1', ref: '1' },
        { name: 'KPI_MONTH', ref: '1', comment: 'c'.repeat(256) },
        { name: '_xlnm.Print_Area', ref: 'S!$A$1:$B$2', sheet: 'S' },
        { name: '_xlnm.Print_Area', ref: 'T!$A$1:$B$2', sheet: 'T' },
      ],
    };
    expect(rules(view)).toEqual(['definedNameUnique @ name pts', 'definedNameSyntax @ name A1', 'definedNameComment @ name KPI_MONTH']);
  });
});

// ---------------- the S02 ratings validation ----------------

/** Today's rule before issue 6 (~400 characters), kept here as the reference the new rule must equal. */
const oldRatings = (a1: string) => {
  const u = `SUBSTITUTE(UPPER(${a1})," ","")`;
  return `${['A', 'B', 'C', 'D'].map((x) => `(LEN(${u})-LEN(SUBSTITUTE(${u},"${x}","")))`).join('+')}=LEN(${u})`;
};

/** The S02 input cell of the first after-sales agent of a one-agent workbook, and its validation formula. */
function s02Rule(): { address: string; formula: string } {
  const spec = buildWorkbook({ month: MONTH, agents: [{ id: 'S1', name: 'x', role: 'after-sales', group: 'G' }] });
  const loc = spec.layout[0].inputs.S02;
  const cell = spec.sheets.find((s) => s.name === loc.sheet)!.cells.find((c) => c.address === loc.address)!;
  if (cell.validation?.type !== 'custom') throw new Error('S02 has no custom validation');
  return { address: loc.address, formula: cell.validation.formula };
}

/** Typed values worked by hand: accepted = only the letters A–D in any case, spaces ignored. */
const RATINGS: Array<[string | number | boolean, boolean]> = [
  ['A', true],
  ['abcd', true],
  ['AABCD', true],
  ['a b c d', true],
  [' D ', true],
  ['dcbaDCBA', true],
  ['A'.repeat(20), true],
  ['   ', true], // only spaces: nothing but spaces, as before (the score reads it as blank)
  ['E', false],
  ['ABCE', false],
  ['A,B', false],
  ['AB1', false],
  ['Ａ', false], // full-width A
  ['A\tB', false],
  ['A\u3000B', false], // ideographic space is not a space here
  ['x', false],
  ['A-B', false],
  ['äb', false],
  [5, false],
  [true, false],
];

describe('S02 ratings validation (issue 6 item 3)', () => {
  test('the rule is a short formula on its own cell: ≤ 255 characters even at XFD1048576', () => {
    const { address, formula } = s02Rule();
    expect(formula).toBe(
      `LEN(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(UPPER(${address})," ",""),"A",""),"B",""),"C",""),"D",""))=0`,
    );
    expect(formula.replace(address, 'XFD1048576').length).toBeLessThanOrEqual(EXCEL_LIMITS.validationFormula.max);
    expect(oldRatings('D9').length).toBeGreaterThan(EXCEL_LIMITS.validationFormula.max);
  });

  test('HyperFormula: the new rule and the former one accept and refuse the same values, as worked by hand', () => {
    const { address, formula } = s02Rule();
    const at = (f: string, a1: string) => f.split(address).join(a1);
    const rows = RATINGS.map(([v], i) => [v, `=${at(formula, `A${i + 1}`)}`, `=${oldRatings(`A${i + 1}`)}`]);
    const hf = HyperFormula.buildFromArray(rows as never, HF_CONFIG);
    const got = RATINGS.map(([v], i) => [v, hf.getCellValue({ sheet: 0, row: i, col: 1 }), hf.getCellValue({ sheet: 0, row: i, col: 2 })]);
    expect(got).toEqual(RATINGS.map(([v, ok]) => [v, ok, ok]));
  });

  describeWith('libreoffice', 'LibreOffice evaluates the S02 rule', () => {
    test('the new rule and the former one give the hand-worked answers', async () => {
      const { address, formula } = s02Rule();
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('T');
      RATINGS.forEach(([v], i) => {
        const r = i + 1;
        ws.getCell(`A${r}`).value = v;
        ws.getCell(`B${r}`).value = { formula: formula.split(address).join(`A${r}`) } as ExcelJS.CellFormulaValue;
        ws.getCell(`C${r}`).value = { formula: oldRatings(`A${r}`) } as ExcelJS.CellFormulaValue;
      });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-s02-'));
      const file = path.join(dir, 's02.xlsx');
      await wb.xlsx.writeFile(file);
      // the recalculated file's own XML: a boolean result is <c t="b"><f>…</f><v>1|0</v></c>
      const parts = await xlsxParts(fs.readFileSync(recalcXlsx(file, path.join(dir, 'lo'))));
      const xml = parts['xl/worksheets/sheet1.xml'];
      const res = (a: string) => {
        const m = new RegExp(`<c r="${a}"([^>]*)>[\\s\\S]*?<v>([^<]*)</v>`).exec(xml);
        return m && /t="b"/.test(m[1]) ? m[2] === '1' : m?.[2];
      };
      const got = RATINGS.map(([v], i) => [v, res(`B${i + 1}`), res(`C${i + 1}`)]);
      expect(got).toEqual(RATINGS.map(([v, ok]) => [v, ok, ok]));
    }, 120000);
  });
});

// ---------------- every generated workbook ----------------

describe('every generated .xlsx is within Excel’s limits', () => {
  test('the model itself (every size, language and mode)', () => {
    for (const c of LIMITS_CASES) expect(checkLimits(limitsViewOfSpec(specOf(c)))).toEqual([]);
  });

  test.each(LIMITS_CASES.map((c) => [c.lang, c.mode, c.n, c] as const))(
    'the file of the .xlsx writer, %s, %s formulas, %i agents',
    async (_l, _m, _n, c) => {
      const spec = specOf(c);
      expectWithinLimits(spec, await viewOfXlsx(spec));
    },
    60000,
  );
});
