/**
 * The custom functions: generated from the one definition of each KPI function, JSDoc complete, and
 * errors returned to Excel as CustomFunctions.Error with the message naming the argument. The generated
 * wrappers are called as Excel calls them, in each argument mode (helpers/excel-args.ts): blank cells as
 * null (web) or 0 (desktop, in ranges too), omitted optional arguments as null, errors passed or withheld.
 */
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import * as fs from 'fs';
import { ROOT_FLAGS, withRootFlags } from '../scripts/functions-json';
import { FUNCTIONS_FILE, generate } from '../scripts/gen-functions';
import { KPI, KPI_FUNCTIONS, KpiName } from '../src/core/kpi';
import { KpiError, isError } from '../src/core/values';
import { ARG_MODES, ArgMode, BLANK, OMITTED, SheetArg, passed, withheldError } from './helpers/excel-args';

const REQUIRED = ['SCORE', 'DEDUCT', 'PRESALES', 'AFTERSALES', 'GRADE', 'SATISFACTION', 'VOLUME', 'BONUS', 'RANK', 'BOTTOM', 'QUARTER'];

test('src/functions/functions.ts is generated from src/core/kpi.ts and up to date (npm run gen)', () => {
  expect(fs.readFileSync(FUNCTIONS_FILE, 'utf8')).toBe(generate());
});

test('every function the issue asks for is defined, with JSDoc metadata: description, each parameter, returns, errors, rule', () => {
  const names = KPI_FUNCTIONS.map((f) => f.name);
  for (const r of REQUIRED) expect(names).toContain(r);
  const text = generate();
  for (const f of KPI_FUNCTIONS) {
    expect(f.summary.length).toBeGreaterThan(10);
    expect(f.rule.length).toBeGreaterThan(1);
    expect(f.errors.length).toBeGreaterThan(5);
    expect(text).toContain(`@customfunction ${f.name}`);
    for (const p of f.params) {
      expect(p.description.length).toBeGreaterThan(5);
      expect(text).toMatch(new RegExp(`@param \\{any(\\[\\]\\[\\])?\\} \\[?${p.name}\\]? `));
    }
  }
});

describe('runtime adapter', () => {
  class FakeError {
    constructor(
      readonly code: string,
      readonly message: string,
    ) {}
  }
  beforeAll(() => {
    (globalThis as Record<string, unknown>).CustomFunctions = {
      Error: FakeError,
      ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!' },
      associate: jest.fn(),
    };
  });
  afterAll(() => delete (globalThis as Record<string, unknown>).CustomFunctions);

  test('registers every KPI function with CustomFunctions.associate', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../src/functions/functions');
    });
    const associate = (globalThis as unknown as { CustomFunctions: { associate: jest.Mock } }).CustomFunctions.associate;
    expect(associate.mock.calls.map((c) => c[0]).sort()).toEqual(KPI_FUNCTIONS.map((f) => f.name).sort());
  });

  test('values pass through; errors become CustomFunctions.Error naming the argument', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fns = require('../src/functions/functions');
    expect(fns.presales(70, 95, 80)).toBeCloseTo(78.5, 12);
    expect(fns.bonus(78.5, 400)).toBe(314);
    expect(fns.presales(70, 95, '')).toBe('incomplete');
    const e = fns.deduct([[1], [-2]], [[2], [2]]);
    expect(e).toBeInstanceOf(FakeError);
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/counts\[2\]/);
    expect(fns.grade('Z', 'S03').code).toBe('#N/A');
    // Excel shows a custom message only with #VALUE! and #N/A: #DIV/0! and #NUM! go without one
    expect(fns.volume(3, [[0]])).toMatchObject({ code: '#DIV/0!', message: undefined });
    expect(fns.presales(70, 95, 120)).toMatchObject({ code: '#NUM!', message: undefined });
  });

  test('error values given to a function (as Excel passes them) act as in the plain formulas', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fns = require('../src/functions/functions');
    const div0 = new FakeError('#DIV/0!', '');
    // an error among the totals makes the ranking an error, as RANK.EQ does; never a silent rank
    expect(fns.rank(50, [[div0], [50]]).code).toBe('#DIV/0!');
    expect(fns.bottom(50, [[div0], [50], [40]]).code).toBe('#DIV/0!');
    // an error among the item scores is the composite's error, not "incomplete"
    expect(fns.score([[div0], [50]], [[0.5], [0.5]]).code).toBe('#DIV/0!');
    expect(fns.bonus(div0, 400).code).toBe('#DIV/0!');
    // #REF! and #NAME? are input-only codes: they come back as #VALUE! naming them
    expect(fns.grade(new FakeError('#REF!', ''), 'S03')).toMatchObject({ code: '#VALUE!', message: 'an argument is #REF!' });
  });

  /** The generated wrappers, as the functions.js bundle registers them. */
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wrappers = () => require('../src/functions/functions') as Record<string, (...a: unknown[]) => unknown>;

  /**
   * `=KPI.<name>(args…)` as Excel evaluates it in `mode`: the wrapper gets every parameter, each argument as
   * Excel passes it (omitted → null, one cell to a matrix parameter → 1×1 range, errors as CustomFunctions.Error);
   * the result with an error as its code.
   */
  function excel(mode: ArgMode, name: KpiName, ...args: SheetArg[]): unknown {
    const f = KPI[name];
    const given = f.params.map((p, i) => passed(mode, i < args.length ? args[i] : OMITTED, p.dim));
    const withheld = withheldError(mode, given);
    if (withheld) return withheld.code;
    const asExcel = (v: unknown) => (isError(v) ? new FakeError(v.code, v.message) : v);
    const r = wrappers()[name.toLowerCase()](...given.map((g) => (Array.isArray(g) ? g.map((row) => row.map(asExcel)) : asExcel(g))));
    return r instanceof FakeError ? r.code : r;
  }

  const DIV0 = new KpiError('#DIV/0!', '');
  const SCORES = [[100], [80], [60], [100], [100], [70]];
  const WEIGHTS = [[0.2], [0.2], [0.2], [0.1], [0.1], [0.2]];
  const TOTALS = [[80], [50], ['incomplete'], [50]];
  // worked by hand from forms.md; the same in every argument mode
  const CASES: Array<[string, KpiName, SheetArg[], unknown]> = [
    ['=KPI.QUARTER(D5:F5,G5:I5): first three months running, red lines omitted', 'QUARTER', [[[1, 1, 1]], [[3, 2, 4]]], 'award'],
    [
      'QUARTER: first three months, a rank from the bottom left blank (not three ranked months)',
      'QUARTER',
      [[[1, 1, 1]], [[3, BLANK, 2]]],
      '',
    ],
    ['QUARTER: last three months, a rank left blank', 'QUARTER', [[[4, BLANK, 6]], [[1, 1, 1]]], ''],
    ['QUARTER: last three months running', 'QUARTER', [[[4, 5, 6]], [[1, 1, 1]]], 'transfer'],
    ['QUARTER: red lines left blank are none', 'QUARTER', [[[1, 1, 1]], [[2, 2, 2]], [[BLANK, BLANK, BLANK]]], 'award'],
    ['QUARTER: a red line rules out the award (D3)', 'QUARTER', [[[1, 1, 1]], [[2, 2, 2]], [[0, BLANK, 1]]], ''],
    ['VOLUME: 12 ÷ average(12, 36) × 100, "" (a blank count) not averaged, cap omitted', 'VOLUME', [12, [[12], [36], ['']]], 50],
    ['VOLUME: cap "" (a blank S01_CAP as the =KPI formulas pass it) is no cap', 'VOLUME', [12, [[12], [36], ['']], ''], 50],
    ['VOLUME: cap 40', 'VOLUME', [12, [[12], [36], ['']], 40], 40],
    [
      'DEDUCT: a blank count is 0 (D1): 100 − 1×2 − 2×5, extra omitted',
      'DEDUCT',
      [
        [[1], [BLANK], [2]],
        [[2], [3], [5]],
      ],
      88,
    ],
    ['DEDUCT: a blank extra is 0', 'DEDUCT', [[[1], [BLANK], [2]], [[2], [3], [5]], BLANK], 88],
    ['DEDUCT: one cell and one points cell: 100 − 3×5', 'DEDUCT', [3, 5], 85],
    ['ESCALATE(3): 5 + 2×10, first and next omitted (D2)', 'ESCALATE', [3], 25],
    ['ESCALATE of a blank count', 'ESCALATE', [BLANK], 0],
    ['PRESALES(70, 95, 80), weights omitted: 42 + 28.5 + 8', 'PRESALES', [70, 95, 80], 78.5],
    ['PRESALES with the test "" (blank, as the =KPI formulas pass it): incomplete (D11)', 'PRESALES', [70, 95, ''], 'incomplete'],
    ['PRESALES with a blank weight cell (0, as INDEX reads it): 70×0.5 + 95×0.5', 'PRESALES', [70, 95, 80, [[0.5], [0.5], [BLANK]]], 82.5],
    ['AFTERSALES: Σ score × weight = 20 + 16 + 12 + 10 + 10 + 14, the rest omitted', 'AFTERSALES', [SCORES, WEIGHTS], 82],
    ['AFTERSALES: suggestions and complaints blank, rule omitted', 'AFTERSALES', [SCORES, WEIGHTS, BLANK, BLANK], 82],
    ['AFTERSALES: 2 suggestions, 1 complaint: 82 + 10 − 5', 'AFTERSALES', [SCORES, WEIGHTS, 2, 1], 87],
    [
      'SCORE: a blank weight cell is 0: 80×0.5',
      'SCORE',
      [
        [[80], [60]],
        [[0.5], [BLANK]],
      ],
      40,
    ],
    ['=KPI.GRADE("b","S03"): the scale name arrives as a 1×1 range', 'GRADE', ['b', 'S03'], 80],
    ['GRADE of "" (a blank grade as the =KPI formulas pass it): incomplete', 'GRADE', ['', 'S06'], 'incomplete'],
    ['SATISFACTION("AABCD"), scale and sample omitted: (5+5+3+0−5) × 20 ÷ 5 (D6)', 'SATISFACTION', ['AABCD'], 32],
    [
      'SATISFACTION("AB") on a scale with a blank cell (0, as VLOOKUP reads it), sample 10: (5+3) × 10 ÷ 2',
      'SATISFACTION',
      [
        'AB',
        [
          ['A', 5],
          ['B', 3],
          ['C', BLANK],
          ['D', -5],
        ],
        10,
      ],
      40,
    ],
    ['BONUS(78.5), base and red lines omitted: 400 × 78.5%', 'BONUS', [78.5], 314],
    ['BONUS with red lines blank', 'BONUS', [78.5, 400, BLANK], 314],
    ['BONUS with a red line: 0 (D3)', 'BONUS', [78.5, 400, 1], 0],
    ['RANK(50) among 80, 50, incomplete, 50, order omitted: 2 (ties share)', 'RANK', [50, TOTALS], 2],
    ['RANK from the bottom', 'RANK', [50, TOTALS, 1], 1],
    ['RANK of "" (not a number, as the =KPI formulas pass it): not ranked', 'RANK', ['', TOTALS], ''],
    ['BOTTOM(50) of 80, 50, 70, n omitted (2): in the last two (D9)', 'BOTTOM', [50, [[80], [50], [70]]], true],
    ['BOTTOM(80) of 80, 50, 70: not', 'BOTTOM', [80, [[80], [50], [70]]], false],
    ['RANK: an error among the totals is the result, as RANK.EQ', 'RANK', [50, [[DIV0], [50]]], '#DIV/0!'],
    ['BONUS of a #DIV/0! total', 'BONUS', [DIV0, 400], '#DIV/0!'],
  ];

  describe.each(ARG_MODES.map((m) => [m.name, m]))('Excel passes the arguments the %s way', (_n, mode) => {
    test.each(CASES)('%s', (_what, name, args, expected) => {
      const r = excel(mode, name, ...args);
      if (typeof expected === 'number') expect(r).toBeCloseTo(expected, 9);
      else expect(r).toBe(expected);
    });
  });

  test('an omitted optional argument (null, as Excel passes it) is its default, in every function', () => {
    const fns = wrappers();
    for (const f of KPI_FUNCTIONS) {
      const optional = f.params.filter((p) => p.optional).length;
      if (!optional) continue;
      const c = CASES.find(([, name, args]) => name === f.name && args.length === f.params.length - optional)!;
      expect(c).toBeDefined();
      const required = c[2].map((a, i) => passed(ARG_MODES[0], a, f.params[i].dim));
      const fn = fns[f.name.toLowerCase()];
      // null for each omitted optional = leaving them out in JavaScript = the hand-worked value of the case
      expect(fn(...required, ...Array(optional).fill(null))).toEqual(fn(...required));
      expect(excel(ARG_MODES[0], f.name as KpiName, ...c[2])).toEqual(c[3]);
    }
  });

  test('a parameter marked blankIsZero reads a blank cell (null on the web) and 0 (desktop) alike, cell by cell', () => {
    const fns = wrappers();
    let checked = 0;
    for (const [, name, args] of CASES) {
      const f = KPI[name];
      const given = f.params.map((p, i) => passed(ARG_MODES[0], i < args.length ? args[i] : OMITTED, p.dim));
      f.params.forEach((p, i) => {
        if (!p.blankIsZero || i >= args.length) return;
        const g = given[i];
        const positions = Array.isArray(g) ? g.flatMap((row, r) => row.map((_v, c) => [r, c])) : [[-1, -1]];
        for (const [r, c] of positions) {
          const withCell = (v: null | number) =>
            given.map((a, k) =>
              k !== i ? a : Array.isArray(a) ? a.map((row, rr) => row.map((x, cc) => (rr === r && cc === c ? v : x))) : v,
            );
          const run = (v: null | number) =>
            fns[name.toLowerCase()](...withCell(v).map((a) => (isError(a) ? new FakeError(a.code, a.message) : a)));
          expect([name, p.name, r, c, run(null)]).toEqual([name, p.name, r, c, run(0)]);
          checked++;
        }
      });
    }
    expect(checked).toBeGreaterThan(40);
  });

  test('Excel data types: a formatted number or double is its number; an entity is #VALUE! naming the argument', () => {
    const fns = wrappers();
    const formatted = { type: 'FormattedNumber', basicValue: 12, numberFormat: '0 "tickets"' };
    // 12 ÷ average(12, 36) × 100
    expect(fns.volume(formatted, [[{ type: 'Double', basicValue: 12 }], [36]])).toBeCloseTo(50, 9);
    const entity = { type: 'Entity', text: 'Seattle', properties: { Population: { type: 'Double', basicValue: 737015 } } };
    const e = fns.volume(entity, [[12], [36]]) as FakeError;
    expect(e).toBeInstanceOf(FakeError);
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/^tickets: .*Entity "Seattle"/);
    expect(e.message).not.toContain('[object Object]');
    const inRange = fns.rank(50, [[80], [entity], [50]]) as FakeError;
    expect(inRange).toMatchObject({ code: '#VALUE!' });
    expect(inRange.message).toMatch(/^totals\[2\]: /);
    expect((fns.grade({ type: 'WebImage', address: 'https://example.com/a.png' }, 'S03') as FakeError).message).toMatch(
      /^grade: .*WebImage/,
    );
    // an error in the data-types form is that error
    expect(fns.score([[{ type: 'Error', basicValue: '#DIV/0!', errorType: 'Div0' }], [50]], [[0.5], [0.5]])).toMatchObject({
      code: '#DIV/0!',
    });
  });
});

test('functions.json as the build makes it (JSDoc → CustomFunctionsMetadataPlugin → withRootFlags): errors and data types reach the functions', async () => {
  const generated = await generateCustomFunctionsMetadata([FUNCTIONS_FILE], false);
  expect(generated.errors).toEqual([]);
  const json = JSON.parse(withRootFlags(generated.metadataJson));
  // root properties (Microsoft Learn: Manually create JSON metadata for custom functions)
  expect(json.allowErrorForDataTypeAny).toBe(true);
  expect(json.allowCustomDataForDataTypeAny).toBe(true);
  expect(ROOT_FLAGS.allowErrorForDataTypeAny).toBe(true);
  expect(json.functions.map((f: { id: string }) => f.id).sort()).toEqual(KPI_FUNCTIONS.map((f) => f.name).sort());
  // the JSDoc stays the only source of the functions themselves
  expect(json.functions).toEqual(JSON.parse(generated.metadataJson).functions);
  const quarter = json.functions.find((f: { id: string }) => f.id === 'QUARTER');
  expect(quarter.parameters.map((p: { name: string; optional?: boolean }) => [p.name, !!p.optional])).toEqual([
    ['ranks', false],
    ['bottomRanks', false],
    ['redLines', true],
  ]);
});
