/**
 * The KPI parameter table (src/core/kpi/params.ts): each kind read by `coerceArgs` from an argument as the
 * hosts pass it (blank as null, "" or 0, omitted as null/undefined, text, an error, a range), every expected
 * value worked by hand from forms.md (D1, D4, D5, D6, D8, D11) and the helpers' messages; the defaults,
 * stated once, in the JSDoc, in the plain formula of an omitted argument, and (LibreOffice) evaluated there
 * to what the implementation gives.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KPI, KPI_FUNCTIONS, KpiName, call, coerceArgs } from '../../src/core/kpi';
import { Arg, KindName, ParamSpec, formulaText, paramDef } from '../../src/core/kpi/params';
import { KpiError } from '../../src/core/values';
import { xlsxFormula } from '../../src/xlsx/writer';
import { cellResult } from '../helpers/compare';
import { describeWith, recalcXlsx } from '../helpers/oracles';

const DIV0 = new KpiError('#DIV/0!', 'from a cell');
const NA = new KpiError('#N/A', 'from a cell');

/** One parameter named `n` of `kind`, read from `arg`: its typed value, or the error as `code message`. */
function read(kind: KindName, arg: Arg, extra: Partial<ParamSpec> = {}): unknown {
  const r = coerceArgs({ params: [paramDef({ name: 'n', kind, description: 'test', ...extra } as ParamSpec)] }, [arg]);
  return r instanceof KpiError ? `${r.code} ${r.message}` : r[0];
}

type Case = [string, Arg, unknown];
const kinds: Array<[KindName, Partial<ParamSpec>, Case[]]> = [
  [
    'count',
    {},
    [
      ['blank (null, web)', null, 0],
      ['blank ("" from IF(ISBLANK))', '', 0],
      ['0 (a blank on Windows desktop)', 0, 0],
      ['a count', 3, 3],
      ['spaces are text, as COUNTA sees them (D4)', ' ', '#VALUE! n: " " is not a number (D4)'],
      ['negative (D4)', -1, '#VALUE! n: -1 is not a count ≥ 0 (D4)'],
      ['text', 'two', '#VALUE! n: "two" is not a number (D4)'],
      ['TRUE is not a count', true, '#VALUE! n: true is not a number (D4)'],
      ['an error is the result', DIV0, '#DIV/0! from a cell'],
      ['a 1×1 range is its cell', [[4]], 4],
      ['a larger range', [[1, 2]], '#VALUE! expected one cell, got a range'],
    ],
  ],
  [
    'count',
    { optional: true, default: 0 },
    [
      ['omitted: null (Excel)', null, 0],
      ['omitted: undefined (HyperFormula, engine)', undefined, 0],
    ],
  ],
  [
    'counts',
    {},
    [
      ['blank cells are 0 (D1)', [[1], [null], [''], [0]], [1, 0, 0, 0]],
      ['one cell (the engine passes a number)', 5, [5]],
      ['the bad cell is named, row by row', [[1, 2, -2]], '#VALUE! n[3]: -2 is not a count ≥ 0 (D4)'],
      ['text in a range', [[1], ['x']], '#VALUE! n[2]: "x" is not a number (D4)'],
      ['an error in a range', [[1], [DIV0]], '#DIV/0! from a cell'],
    ],
  ],
  [
    'countOrBlank',
    {},
    [
      ['blank is incomplete (D11): null', null, null],
      ['"" too', '', null],
      ['spaces too', '  ', null],
      ['0 is a count', 0, 0],
      ['a count', 12, 12],
      ['negative', -1, '#VALUE! n: -1 is not a count ≥ 0 (D4)'],
      ['text', 'x', '#VALUE! n: "x" is not a number (D4)'],
      ['an error', DIV0, '#DIV/0! from a cell'],
    ],
  ],
  [
    'number',
    { optional: true, default: 5 },
    [
      ['omitted: the default', undefined, 5],
      ['null (omitted, or blank on the web): the default', null, 5],
      ['"": the default', '', 5],
      ['0 is 0, not the default', 0, 0],
      ['a number', 2.5, 2.5],
      ['TRUE is 1', true, 1],
      ['text', 'x', '#VALUE! n: "x" is not a number'],
      ['an error', DIV0, '#DIV/0! from a cell'],
      ['a range gives its first cell', [[7, 8]], 7],
    ],
  ],
  [
    'number',
    { optional: true },
    [
      ['without a default, omitted is 0 (RANK.EQ’s order)', null, 0],
      ['and blank too', '', 0],
    ],
  ],
  [
    'numberOrNone',
    { optional: true },
    [
      ['omitted: none (no cap, D5)', null, null],
      ['"": none', '', null],
      ['0 is a cap of 0', 0, 0],
      ['text', 'x', '#VALUE! n: "x" is not a number'],
      ['a larger range', [[1, 2]], '#VALUE! expected one cell, got a range'],
    ],
  ],
  [
    'numbers',
    {},
    [
      ['blank cells are 0 (SUMPRODUCT reads them so)', [[0.5], [null], [0]], [0.5, 0, 0]],
      ['TRUE is 1', [[true]], [1]],
      [
        '"" is text, not blank (only the IF(ISBLANK) wrapper makes it, never inside a range)',
        [[1], ['']],
        '#VALUE! n[2]: "" is not a number',
      ],
      ['text', [['x']], '#VALUE! n[1]: "x" is not a number'],
    ],
  ],
  [
    'ruleNumbers',
    { optional: true, default: [1, 2, 3] },
    [
      ['omitted: the default', undefined, [1, 2, 3]],
      ['null: the default', null, [1, 2, 3]],
      ['a rule range', [[4], [5], [6]], [4, 5, 6]],
      ['a blank cell is 0 (INDEX reads it so)', [[4], [null], [6]], [4, 0, 6]],
      ['another shape', [[4], [5]], '#VALUE! n: expected 3 cells, got 2'],
      ['text in it', [[4], ['x'], [6]], '#VALUE! n[2]: "x" is not a number'],
    ],
  ],
  [
    'scale',
    { default: { A: 1 } },
    [
      ['a name', 'S06', { A: 100, B: 80, C: 70, D: 50, E: 0 }],
      ['a name typed into =KPI.GRADE(x,"s03") arrives as a 1×1 range', [['s03']], { A: 100, B: 80, C: 60, D: 30, E: 0 }],
      ['S02, spaces around', ' s02 ', { A: 5, B: 3, C: 0, D: -5 }],
      ['another name', 'S07', '#VALUE! n: "S07" is not a scale (S02, S03, S06 or a 2-column range)'],
      ['blank: the default', '', { A: 1 }],
      [
        'a range: letters upper-cased, a blank points cell 0, a row without a letter left out (as VLOOKUP finds nothing there)',
        [
          ['a', 5],
          ['B', null],
          [null, 9],
          [0, 9],
        ],
        { A: 5, B: 0 },
      ],
      ['one column', [['A'], ['B']], '#VALUE! n: a scale range has two columns, letter and points'],
      ['text points', [['A', 'x']], '#VALUE! n (A): "x" is not a number'],
    ],
  ],
  [
    'score',
    {},
    [
      ['a score', 70, 70],
      ['0 and 100 are scores', 100, 100],
      ['blank is incomplete (D11)', null, null],
      ['"" too', '', null],
      ['"incomplete" too', 'incomplete', null],
      ['above 100', 101, '#NUM! n: 101 is outside 0–100'],
      ['below 0', -1, '#NUM! n: -1 is outside 0–100'],
      ['text', 'x', '#VALUE! n: "x" is not a score'],
      ['TRUE', true, '#VALUE! n: true is not a score'],
      ['an error', DIV0, '#DIV/0! from a cell'],
      ['a larger range', [[70, 80]], '#VALUE! expected one cell, got a range'],
    ],
  ],
  [
    'scores',
    {},
    [
      ['what is not a number is incomplete: null', [[1], [null], ['incomplete'], ['x'], [0]], [1, null, null, null, 0]],
      ['the first error is the result', [[1], [DIV0], [NA]], '#DIV/0! from a cell'],
    ],
  ],
  [
    'total',
    {},
    [
      ['points', 78.5, 78.5],
      ['"incomplete" (D11)', 'incomplete', null],
      ['blank', '', null],
      ['other text', 'x', '#VALUE! n: "x" is not a number'],
      ['an error', DIV0, '#DIV/0! from a cell'],
    ],
  ],
  [
    'grade',
    {},
    [
      ['as typed (the implementation looks it up)', ' b ', ' b '],
      ['a number stays a number (for the message)', 5, 5],
      ['blank is incomplete', null, null],
      ['"" too', '', null],
      ['an error', DIV0, '#DIV/0! from a cell'],
    ],
  ],
  [
    'ratings',
    {},
    [
      ['upper case, spaces removed (D6)', 'aa bc d', 'AABCD'],
      ['blank is incomplete', '', null],
      ['spaces only too', ' ', null],
      ['another letter is #N/A naming it', 'AX', '#N/A n: "X" is not a rating A–D'],
      ['a number', 5, '#N/A n: "5" is not a rating A–D'],
      ['an error', DIV0, '#DIV/0! from a cell'],
    ],
  ],
  [
    'rankable',
    {},
    [
      ['a total', 50, 50],
      ['text is not ranked (D8)', 'incomplete', null],
      ['an error is not ranked, never an error', DIV0, null],
      ['blank', null, null],
    ],
  ],
  [
    'numbersAmong',
    {},
    [
      ['the numbers, as AVERAGE and RANK.EQ see them', [[30], [null], ['x'], [true], [10]], [30, 10]],
      ['one number', 5, [5]],
      ['an error among them is the result', [[1], [DIV0]], '#DIV/0! from a cell'],
    ],
  ],
  [
    'months',
    {},
    [
      ['three months', [[1, 0, 2]], [1, 0, 2]],
      ['not a number is 0: no rank (a blank month arrives as 0 on desktop)', [[1, null, 'x']], [1, 0, 0]],
      ['two cells', [[1], [2]], '#VALUE! n each need 3 cells, one per month'],
      ['a required one left blank', null, '#VALUE! n each need 3 cells, one per month'],
      ['an error', [[1, DIV0, 1]], '#DIV/0! from a cell'],
    ],
  ],
  [
    'months',
    { optional: true },
    [
      ['omitted: three months without red lines', null, [0, 0, 0]],
      ['omitted (undefined)', undefined, [0, 0, 0]],
    ],
  ],
];

describe.each(
  kinds.map(
    ([k, extra, cases]) =>
      [`${k}${extra.optional ? ', optional' : ''}${'default' in extra ? ' with a default' : ''}`, k, extra, cases] as const,
  ),
)('kind %s', (_n, kind, extra, cases) => {
  test.each(cases)('%s', (_what, arg, expected) => {
    expect(read(kind, arg, extra)).toEqual(expected);
  });
});

describe('coerceArgs', () => {
  const params = [
    paramDef({ name: 'a', kind: 'count', description: 'first' }),
    paramDef({ name: 'b', kind: 'score', description: 'second' }),
    paramDef({ name: 'c', kind: 'numberOrNone', optional: true, lazy: true, description: 'third' }),
  ];
  test('the first bad argument in parameter order is the result', () => {
    expect(coerceArgs({ params }, [-1, 'x'])).toEqual(new KpiError('#VALUE!', 'a: -1 is not a count ≥ 0 (D4)'));
    expect(coerceArgs({ params }, [1, 'x'])).toEqual(new KpiError('#VALUE!', 'b: "x" is not a score'));
  });
  test('a lazy parameter’s error goes to the implementation', () => {
    expect(coerceArgs({ params }, [1, 50, 'x'])).toEqual([1, 50, new KpiError('#VALUE!', 'c: "x" is not a number')]);
  });
  test('missing arguments: a required one is blank, an optional one omitted', () => {
    expect(coerceArgs({ params }, [])).toEqual([0, null, null]);
  });
  test('QUARTER names its three ranges in one message', () => {
    expect(KPI.QUARTER.impl([[1], [2]], [[1, 1, 1]])).toEqual(
      new KpiError('#VALUE!', 'ranks, bottomRanks and redLines each need 3 cells, one per month'),
    );
  });
});

describe('parameter declarations', () => {
  test('blankIsZero follows from the kind: each blank cell is 0, or a blank scalar is a default of 0', () => {
    const def = (kind: KindName, extra: Partial<ParamSpec> = {}) =>
      paramDef({ name: 'n', kind, description: 'd', ...extra } as ParamSpec).blankIsZero;
    expect(def('count')).toBe(true);
    expect(def('number', { default: 5, optional: true })).toBeUndefined();
    expect(def('number', { optional: true })).toBe(true);
    expect(def('ruleNumbers', { default: [5, 30, 5] })).toBe(true);
    expect(def('score')).toBeUndefined();
    expect(def('numberOrNone')).toBeUndefined();
  });
  test('the flags each parameter had before the table (issue 7), unchanged', () => {
    const flagged = (k: 'blankIsZero' | 'blankMatters' | 'numbersOnly' | 'blankIsNotOmitted' | 'optional') =>
      KPI_FUNCTIONS.flatMap((f) => f.params.filter((p) => p[k]).map((p) => `${f.name}.${p.name}`)).join(' ');
    expect(flagged('blankIsZero')).toBe(
      'SCORE.weights DEDUCT.counts DEDUCT.points DEDUCT.extra ESCALATE.count PRESALES.weights AFTERSALES.weights ' +
        'AFTERSALES.suggestions AFTERSALES.complaints AFTERSALES.rule GRADE.scale SATISFACTION.scale BONUS.redLines RANK.order ' +
        'QUARTER.ranks QUARTER.bottomRanks QUARTER.redLines',
    );
    expect(flagged('blankMatters')).toBe('PRESALES.test GRADE.grade SATISFACTION.ratings VOLUME.tickets VOLUME.cap');
    expect(flagged('numbersOnly')).toBe('RANK.total BOTTOM.total');
    expect(flagged('blankIsNotOmitted')).toBe('ESCALATE.first ESCALATE.next SATISFACTION.sample BONUS.base BOTTOM.n');
    expect(flagged('optional')).toBe(
      'DEDUCT.extra ESCALATE.first ESCALATE.next PRESALES.weights AFTERSALES.suggestions AFTERSALES.complaints AFTERSALES.rule ' +
        'SATISFACTION.scale SATISFACTION.sample VOLUME.cap BONUS.base BONUS.redLines RANK.order BOTTOM.n QUARTER.redLines',
    );
  });
  test('the JSDoc shows each default from the one value: "(default 5)", "(3 cells, default 0.6, 0.3, 0.1)", a scale with −', () => {
    const desc = (f: KpiName, p: string) => KPI[f].params.find((x) => x.name === p)!.description;
    expect(desc('ESCALATE', 'first')).toBe('Points the first time (default 5).');
    expect(desc('PRESALES', 'weights')).toBe('Weights of A, B and test (3 cells, default 0.6, 0.3, 0.1).');
    expect(desc('AFTERSALES', 'rule')).toBe('SP1 points each, SP1 cap, SN1 points each (3 cells, default 5, 30, 5).');
    expect(desc('SATISFACTION', 'scale')).toBe('4×2 range letter | points (default A 5, B 3, C 0, D −5).');
    expect(() => paramDef({ name: 'n', kind: 'count', description: 'x (default {default})' })).toThrow(/no default/);
  });
  test('a default as plain-formula text', () => {
    expect(formulaText(5)).toBe('5');
    expect(formulaText([0.6, 0.3, 0.1])).toBe('{0.6;0.3;0.1}');
    expect(formulaText({ A: 100, B: 80 })).toBe('{"A",100;"B",80}');
    expect(formulaText(undefined)).toBeUndefined();
  });
  test('KpiName is the union of the defined names', () => {
    // @ts-expect-error not a KPI function (tsc checks this line)
    expect(() => call('plain', 'NOPE')).toThrow();
  });
  test('the plain formula of an omitted argument uses the default; without a default it leaves the argument out', () => {
    expect(call('plain', 'ESCALATE', 'C5')).toBe('IF(C5>=1,5+10*(C5-1),0)');
    expect(call('plain', 'GRADE', 'D5')).toContain('VLOOKUP(TRIM(D5),{"A",100;"B",80;"C",60;"D",30;"E",0},2,0)');
    expect(call('plain', 'RANK', 'G6', 'G$6:G$9')).toBe('IF(ISERROR(SUM(G$6:G$9)),SUM(G$6:G$9),IF(ISNUMBER(G6),RANK.EQ(G6,G$6:G$9),""))');
  });
});

/**
 * Every function with an optional argument, called with it omitted, worked by hand (forms.md), as the
 * implementation gives it and as LibreOffice evaluates the plain formula (defaults written as text).
 */
const OMITTED: Array<[string, KpiName, Array<number | string | Array<Array<number | string>>>, number | string | boolean]> = [
  [
    'DEDUCT: 100 − (1×2 + 2×5)',
    'DEDUCT',
    [
      [[1], [2]],
      [[2], [5]],
    ],
    88,
  ],
  ['ESCALATE(3): 5 + 2×10 (D2)', 'ESCALATE', [3], 25],
  ['PRESALES(70, 95, 80): 42 + 28.5 + 8', 'PRESALES', [70, 95, 80], 78.5],
  ['AFTERSALES, rule omitted: 80 + min(30, 2×5) − 1×5', 'AFTERSALES', [[[100], [60]], [[0.5], [0.5]], 2, 1], 85],
  ['GRADE("b") on S03', 'GRADE', ['b'], 80],
  ['SATISFACTION("AABCD"): (5+5+3+0−5) × 20 ÷ 5 (D6)', 'SATISFACTION', ['AABCD'], 32],
  ['VOLUME(12), no cap: 12 ÷ 24 × 100', 'VOLUME', [12, [[12], [36]]], 50],
  ['BONUS(78.5): 400 × 78.5%', 'BONUS', [78.5], 314],
  ['RANK(50) among 80, 50, 70: 3', 'RANK', [50, [[80], [50], [70]]], 3],
  ['BOTTOM(50) of 80, 50, 70: last two (n = 2, D9)', 'BOTTOM', [50, [[80], [50], [70]]], true],
  ['QUARTER: first three months, red lines omitted', 'QUARTER', [[[1, 1, 1]], [[2, 3, 2]]], 'award'],
];

test.each(OMITTED)('the implementation with optional arguments omitted: %s', (_what, name, args, expected) => {
  expect(KPI[name].impl(...args)).toBe(expected);
});

describeWith('libreoffice', 'LibreOffice evaluates the plain formulas with optional arguments omitted (the defaults as written)', () => {
  let results: unknown[] = [];
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('t');
    OMITTED.forEach(([, name, args], i) => {
      const row = i + 1;
      let col = 2;
      // each argument in cells of this row from column B; a range argument as a column of cells
      const refs = args.map((a) => {
        const cells = Array.isArray(a) ? a.flat() : [a];
        const first = col;
        cells.forEach((v) => (ws.getCell(row, col++).value = v));
        const addr = (c: number) => ws.getCell(row, c).address;
        return Array.isArray(a) ? `${addr(first)}:${addr(col - 1)}` : addr(first);
      });
      ws.getCell(row, 1).value = { formula: xlsxFormula(call('plain', name, ...refs)) } as ExcelJS.CellFormulaValue;
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-defaults-'));
    const file = path.join(dir, 'defaults.xlsx');
    await wb.xlsx.writeFile(file);
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(recalcXlsx(file, path.join(dir, 'out')));
    results = OMITTED.map((_c, i) => cellResult(out.worksheets[0].getCell(i + 1, 1)));
  });
  test.each(OMITTED.map((c, i) => [c[0], i, c[3]] as const))('%s', (_what, i, expected) => {
    if (typeof expected === 'number') expect(results[i]).toBeCloseTo(expected, 9);
    else expect(results[i]).toBe(expected);
  });
});
