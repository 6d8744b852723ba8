/**
 * The engine, HyperFormula evaluating the `=KPI.…` workbook (KPI functions registered as a plugin),
 * and the plain-Excel workbook (HyperFormula for the cells it can evaluate; LibreOffice for all of it,
 * see equivalence-libreoffice.test.ts) agree to 1e-9 on random months: 12 months × 45 agents = 540 input sets.
 */
import { quarterMonths, buildWorkbook } from '../src/templates/workbook';
import { evaluateSpec, plainValue } from './helpers/hf';
import { randomMonth } from './helpers/random';
import { MONTHS, PASTED_CASES, PER_MONTH, engineOutputs, expectSame, pastedMonth } from './helpers/compare';

const RANK_DEPENDENT = new Set(['rank', 'bottomRank', 'bottom', 'quarter', 'quarterAward', 'award']);

describe.each(MONTHS.map((m, i) => [m, i]))('random month %s', (month, i) => {
  const months = quarterMonths(month as string, 'calendar');
  const rm = randomMonth(
    1000 + (i as number),
    PER_MONTH,
    months.filter((m) => m !== month),
  );
  const build = (mode: 'kpi' | 'plain') =>
    buildWorkbook({
      month: month as string,
      agents: rm.agents,
      inputs: rm.inputs,
      history: rm.history,
      mode,
      lang: (i as number) % 2 ? 'en' : 'zh',
    });

  test('engine = HyperFormula evaluating =KPI.… formulas, every output cell', () => {
    const spec = build('kpi');
    const ev = evaluateSpec(spec);
    const expected = engineOutputs(spec, months, rm);
    expect(expected.length).toBeGreaterThan(PER_MONTH * 5);
    for (const e of expected) expectSame(plainValue(ev.get(e.sheet, e.address)), e.value, `${e.sheet}!${e.address} (${e.key})`);
  });

  test('engine = HyperFormula evaluating the plain-Excel formulas (cells that do not need RANK.EQ)', () => {
    const spec = build('plain');
    const ev = evaluateSpec(spec);
    for (const e of engineOutputs(spec, months, rm)) {
      if (RANK_DEPENDENT.has(e.key)) continue;
      expectSame(plainValue(ev.get(e.sheet, e.address)), e.value, `${e.sheet}!${e.address} (${e.key})`);
    }
  });
});

test('D5: every after-sales agent has 0 tickets → S01 cannot be scored: #DIV/0! in the engine, =KPI.… and plain formulas alike', () => {
  const agents = ['s1', 's2'].map((id) => ({ id, name: id, role: 'after-sales' as const, group: 'G' }));
  const inputs = { s1: { S01: 0, S02: 'AB', S03: 'A', S06: 'A' }, s2: { S01: 0, S02: 'C', S03: 'B', S06: 'B' } };
  const months = quarterMonths('2015-01', 'calendar');
  for (const mode of ['kpi', 'plain'] as const) {
    const spec = buildWorkbook({ month: '2015-01', agents, inputs, mode });
    const ev = evaluateSpec(spec);
    const rm = { agents, inputs, history: {} };
    const expected = engineOutputs(spec, months, rm);
    const s01 = expected.find((e) => e.key === 'S01')!;
    expect(s01.value).toBe('#DIV/0!');
    for (const e of expected) {
      if (mode === 'plain' && ['rank', 'bottomRank', 'bottom', 'quarter', 'quarterAward', 'award'].includes(e.key)) continue;
      expectSame(plainValue(ev.get(e.sheet, e.address)), e.value, `${mode} ${e.sheet}!${e.address} (${e.key})`);
    }
  }
});

describe.each(PASTED_CASES)('pasted past validation: %s', (_name, bad) => {
  const { agents, inputs } = pastedMonth(bad);
  const months = quarterMonths('2015-02', 'calendar');
  test.each(['kpi', 'plain'] as const)('%s formulas = engine (an error, never a silent number)', (mode) => {
    const spec = buildWorkbook({ month: '2015-02', agents, inputs, mode });
    const ev = evaluateSpec(spec);
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
