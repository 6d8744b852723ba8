/**
 * The engine, HyperFormula evaluating the `=KPI.…` workbook (KPI functions registered as a plugin),
 * and the plain-Excel workbook (HyperFormula for the cells it can evaluate; LibreOffice for all of it,
 * see equivalence-libreoffice.test.ts) agree to 1e-9 on random months: 12 months × 45 agents = 540 input sets.
 * The `=KPI.…` workbook is evaluated with the KPI functions getting their arguments as Excel passes them on
 * the web and on Windows desktop (blank → null or 0, even inside a range), with errors passed or withheld
 * (helpers/excel-args.ts); the plain formulas do not depend on that.
 */
import { checkRecords, isSummedCode, recordsOfCounts } from '../src/core/records';
import { SHEET_NAMES } from '../src/templates/i18n';
import { addr } from '../src/templates/model';
import { RECORDS_FIRST_ROW, RECORD_COLS } from '../src/templates/sheets/records';
import { colName, quarterMonths, buildWorkbook } from '../src/templates/workbook';
import { ARG_MODES, WEB } from './helpers/excel-args';
import { evaluateSpec, plainValue } from './helpers/hf';
import { randomMonth } from './helpers/random';
import { randomRecords } from './helpers/random-records';
import {
  MONTHS,
  PASTED_CASES,
  PER_MONTH,
  QUARTER_CASES,
  QUARTER_MONTH,
  engineOutputs,
  expectSame,
  pastedMonth,
  quarterMonth,
} from './helpers/compare';

const RANK_DEPENDENT = new Set(['rank', 'bottomRank', 'bottom', 'quarter', 'quarterAward', 'award']);

describe.each(MONTHS.map((m, i) => [m, i]))('random month %s', (month, i) => {
  const months = quarterMonths(month as string, 'calendar');
  const rm = randomMonth(
    1000 + (i as number),
    PER_MONTH,
    months.filter((m) => m !== month),
  );
  // records of every status, and rows that break a rule (counted by neither), besides the typed counts
  rm.records = randomRecords(2000 + (i as number), rm, month as string);
  const build = (mode: 'kpi' | 'plain') =>
    buildWorkbook({
      month: month as string,
      agents: rm.agents,
      inputs: rm.inputs,
      history: rm.history,
      records: rm.records,
      mode,
      lang: (i as number) % 2 ? 'en' : 'zh',
    });

  const kpiSpec = build('kpi');
  test.each(ARG_MODES.map((m) => [m.name, m]))(
    'engine = HyperFormula evaluating =KPI.… formulas, arguments passed the %s way, every output cell',
    (_n, mode) => {
      const ev = evaluateSpec(kpiSpec, {}, mode);
      const expected = engineOutputs(kpiSpec, months, rm);
      expect(expected.length).toBeGreaterThan(PER_MONTH * 5);
      for (const e of expected) expectSame(plainValue(ev.get(e.sheet, e.address)), e.value, `${e.sheet}!${e.address} (${e.key})`);
    },
  );

  test('engine = HyperFormula evaluating the plain-Excel formulas (cells that do not need RANK.EQ)', () => {
    const spec = build('plain');
    const ev = evaluateSpec(spec);
    for (const e of engineOutputs(spec, months, rm)) {
      if (RANK_DEPENDENT.has(e.key)) continue;
      expectSame(plainValue(ev.get(e.sheet, e.address)), e.value, `${e.sheet}!${e.address} (${e.key})`);
    }
  });
});

/** The `=KPI.…` workbook in every argument mode, and the plain workbook (which no argument mode changes). */
const FORMULA_MODES = [...ARG_MODES.map((m) => [`=KPI.… (${m.name})`, 'kpi', m] as const), ['plain', 'plain', WEB] as const];

test.each(FORMULA_MODES)(
  'D5: every after-sales agent has 0 tickets → S01 cannot be scored: #DIV/0! in the engine and %s formulas alike',
  (_n, mode, args) => {
    const agents = ['s1', 's2'].map((id) => ({ id, name: id, role: 'after-sales' as const, group: 'G' }));
    const inputs = { s1: { S01: 0, S02: 'AB', S03: 'A', S06: 'A' }, s2: { S01: 0, S02: 'C', S03: 'B', S06: 'B' } };
    const months = quarterMonths('2015-01', 'calendar');
    const spec = buildWorkbook({ month: '2015-01', agents, inputs, mode });
    const ev = evaluateSpec(spec, {}, args);
    const rm = { agents, inputs, history: {} };
    const expected = engineOutputs(spec, months, rm);
    const s01 = expected.find((e) => e.key === 'S01')!;
    expect(s01.value).toBe('#DIV/0!');
    for (const e of expected) {
      if (mode === 'plain' && RANK_DEPENDENT.has(e.key)) continue;
      expectSame(plainValue(ev.get(e.sheet, e.address)), e.value, `${mode} ${e.sheet}!${e.address} (${e.key})`);
    }
  },
);

/** A case pasting a bad count of a per-occurrence item: the count is a record (D12), not a form cell. */
const onRecords = ([, bad]: (typeof PASTED_CASES)[number]) => Object.keys(bad).some(isSummedCode);

describe.each(PASTED_CASES.filter((c) => !onRecords(c)))('pasted past validation: %s', (_name, bad) => {
  const { agents, inputs } = pastedMonth(bad);
  const months = quarterMonths('2015-02', 'calendar');
  test.each(FORMULA_MODES)('%s formulas = engine (an error, never a silent number)', (_n, mode, args) => {
    const spec = buildWorkbook({ month: '2015-02', agents, inputs, mode });
    const ev = evaluateSpec(spec, {}, args);
    const expected = engineOutputs(spec, months, { agents, inputs, history: {} });
    const t = spec.layout[0].outputs.total;
    const total = expected.find((e) => e.key === 'total' && e.sheet === t.sheet && e.address === t.address);
    expect(String(total?.value)).toMatch(/^#/);
    for (const e of expected) {
      if (mode === 'plain' && RANK_DEPENDENT.has(e.key)) continue;
      expectSame(plainValue(ev.get(e.sheet, e.address)), e.value, `${mode} ${e.sheet}!${e.address} (${e.key})`);
    }
  });
});

// A count is a record now (D12): a bad one pasted onto the records sheet is flagged by its check column and
// counts nowhere (score names it and exits 2, test/records.test.ts), so the form shows the total without it.
describe.each(PASTED_CASES.filter(onRecords))('pasted past validation onto the records sheet: %s', (_name, bad) => {
  const { agents, inputs } = pastedMonth(bad);
  const months = quarterMonths('2015-02', 'calendar');
  const code = Object.keys(bad).find(isSummedCode)!;
  test.each(FORMULA_MODES)('%s formulas = engine (the record checked, counted nowhere)', (_n, mode, args) => {
    const spec = buildWorkbook({ month: '2015-02', agents, inputs, mode, lang: 'en' });
    const ev = evaluateSpec(spec, {}, args);
    // the bad count is the records' only row, and the row's check names the count's rule (D4)
    const rec = SHEET_NAMES.en.records;
    const row = RECORDS_FIRST_ROW;
    expect([ev.get(rec, addr(row, RECORD_COLS.id)), ev.get(rec, addr(row, RECORD_COLS.code))]).toEqual(['bad', code]);
    expect(ev.get(rec, addr(row, RECORD_COLS.check))).toBe('count breaks D4');
    expect(plainValue(ev.get(rec, addr(row, RECORD_COLS.counted)))).toBe(0);
    expect(checkRecords(recordsOfCounts(inputs, agents), '2015-02', agents).map((c) => c.fault)).toEqual(['count']);
    const expected = engineOutputs(spec, months, { agents, inputs, history: {} });
    const lay = spec.layout[0].outputs;
    const at = (key: string) => expected.find((e) => e.key === key && e.sheet === lay[key].sheet && e.address === lay[key].address)!.value;
    // worked by hand: no deduction counted, 60% × 100 + 30% × 100 + 10% × 80 (the written test)
    expect([at(`n:${code}`), at('total')]).toEqual([0, 98]);
    for (const e of expected) {
      if (mode === 'plain' && RANK_DEPENDENT.has(e.key)) continue;
      expectSame(plainValue(ev.get(e.sheet, e.address)), e.value, `${mode} ${e.sheet}!${e.address} (${e.key})`);
    }
  });
});

describe.each(QUARTER_CASES)('quarter sheet: %s', (_name, c) => {
  const months = quarterMonths(QUARTER_MONTH, 'calendar');
  const rm = quarterMonth(c);
  test.each(FORMULA_MODES)('%s formulas = engine = the rule worked by hand (D10)', (_n, mode, args) => {
    const spec = buildWorkbook({ month: QUARTER_MONTH, agents: rm.agents, inputs: rm.inputs, history: rm.history, mode });
    const expected = engineOutputs(spec, months, rm);
    // HyperFormula has no RANK.EQ: the plain quarter sheet gets this month's ranks as values (LibreOffice reads the formulas)
    const overrides: Record<string, Record<string, unknown>> = {};
    if (mode === 'plain') {
      const cur = months.indexOf(QUARTER_MONTH);
      for (const l of spec.layout) {
        const { sheet, address } = l.outputs.quarter;
        const row = address.replace(/^[A-Z]+/, '');
        const value = (key: string) => expected.find((e) => e.key === key && l.outputs[key].address === e.address)!.value;
        overrides[sheet] = {
          ...overrides[sheet],
          [`${colName(4 + cur)}${row}`]: value('rank'),
          [`${colName(7 + cur)}${row}`]: value('bottomRank'),
        };
      }
    }
    const ev = evaluateSpec(spec, overrides, args);
    const q = expected.find((e) => e.key === 'quarter' && e.address === spec.layout[0].outputs.quarter.address)!;
    expect(spec.layout[0].agent.id).toBe('q');
    expect(q.value).toBe(c.quarter);
    for (const e of expected) {
      if (mode === 'plain' && ['rank', 'bottomRank', 'bottom'].includes(e.key)) continue;
      expectSame(plainValue(ev.get(e.sheet, e.address)), e.value, `${mode} ${e.sheet}!${e.address} (${e.key})`);
    }
  });
});

describe('rule cells cleared on the rules sheet: a blank rule is 0 in every host, as the plain formulas read it', () => {
  const agents = [
    ...['p1', 'p2', 'p3'].map((id) => ({ id, name: id, role: 'pre-sales' as const, group: 'G' })),
    ...['s1', 's2'].map((id) => ({ id, name: id, role: 'after-sales' as const, group: 'G' })),
  ];
  const inputs = {
    p1: { B12: 2, A01: 1, EX: 80 },
    p2: { EX: 60 },
    p3: { EX: 70 },
    s1: { S01: 10, S02: 'AB', S03: 'A', S06: 'A' },
    s2: { S01: 30, S02: 'C', S03: 'B', S06: 'B' },
  };
  // optional scalars whose omission means a default (5, 10, 20, 400, 2), a points cell, a weight of a range
  const CLEARED = ['B12_FIRST', 'B12_NEXT', 'SAT_N', 'PAY_BASE', 'BOTTOM_N', 'PTS_A01', 'W_PRE'];
  const build = (mode: 'kpi' | 'plain') => {
    const spec = buildWorkbook({ month: '2015-02', agents, inputs, mode });
    const overrides: Record<string, Record<string, unknown>> = {};
    for (const n of CLEARED) {
      // one cell, or the last of a range (W_PRE: the written test's weight)
      const m = /^'?(.+?)'?!(?:\$[A-Z]+\$\d+:)?\$([A-Z]+)\$(\d+)$/.exec(spec.names.find((x) => x.name === n)!.ref)!;
      overrides[m[1]] = { ...overrides[m[1]], [`${m[2]}${m[3]}`]: null };
    }
    return { spec, overrides };
  };
  const plain = build('plain');
  const plainEv = evaluateSpec(plain.spec, plain.overrides);
  const kpi = build('kpi');
  const out = (spec: typeof kpi.spec, id: string, key: string) => spec.layout.find((l) => l.agent.id === id)!.outputs[key];

  test('plain formulas, by hand: B12 and A01 deduct nothing, the test weighs 0, S02 is 0, pay is 0', () => {
    const v = (id: string, key: string) => plainValue(plainEv.get(out(plain.spec, id, key).sheet, out(plain.spec, id, key).address));
    expect(v('p1', 'A')).toBe(100);
    expect(v('p1', 'B')).toBe(100);
    expect(v('p1', 'total')).toBe(90); // 60% × 100 + 30% × 100 + 0 × 80
    expect(v('s1', 'S02')).toBe(0);
    expect(v('p1', 'pay')).toBe(0);
  });

  test.each(ARG_MODES.map((m) => [m.name, m]))('=KPI.… formulas, arguments passed the %s way = plain formulas', (_n, mode) => {
    const ev = evaluateSpec(kpi.spec, kpi.overrides, mode);
    let compared = 0;
    for (const l of kpi.spec.layout) {
      for (const [key, cell] of Object.entries(l.outputs)) {
        if (RANK_DEPENDENT.has(key) || key === 'flags' || key === 'summaryRow') continue;
        const p = out(plain.spec, l.agent.id, key);
        expectSame(plainValue(ev.get(cell.sheet, cell.address)), plainValue(plainEv.get(p.sheet, p.address)), `${l.agent.id} ${key}`);
        compared++;
      }
      // BOTTOM_N blank: 0 from the bottom, nobody in the last two
      if (l.outputs.bottom) expect(plainValue(ev.get(l.outputs.bottom.sheet, l.outputs.bottom.address))).toBe(false);
    }
    expect(compared).toBeGreaterThan(25);
  });
});
