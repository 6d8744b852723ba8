/**
 * The custom functions: generated from the one definition of each KPI function, JSDoc complete, and
 * errors returned to Excel as CustomFunctions.Error with the message naming the argument.
 */
import * as fs from 'fs';
import { FUNCTIONS_FILE, generate } from '../scripts/gen-functions';
import { KPI_FUNCTIONS } from '../src/core/kpi';

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
});
