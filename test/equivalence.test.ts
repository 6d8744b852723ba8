/**
 * The engine, HyperFormula evaluating the `=KPI.…` workbook (KPI functions registered as a plugin),
 * and the plain-Excel workbook (HyperFormula for the cells it can evaluate; LibreOffice for all of it,
 * see equivalence-libreoffice.test.ts) agree to 1e-9 on random months: 12 months × 45 agents = 540 input sets.
 */
import { quarterMonths, buildWorkbook } from '../src/templates/workbook';
import { evaluateSpec, plainValue } from './helpers/hf';
import { randomMonth } from './helpers/random';
import { engineOutputs, expectSame } from './helpers/compare';

const MONTHS = ['2015-01', '2015-02', '2015-03', '2015-06', '2015-09', '2015-12', '2016-03', '2016-04', '2016-05', '2016-06', '2016-11', '2016-12'];
const PER_MONTH = 45;

const RANK_DEPENDENT = new Set(['rank', 'bottomRank', 'bottom', 'quarter', 'quarterAward', 'award']);

describe.each(MONTHS.map((m, i) => [m, i]))('random month %s', (month, i) => {
  const months = quarterMonths(month as string, 'calendar');
  const rm = randomMonth(1000 + (i as number), PER_MONTH, months.filter((m) => m !== month));
  const build = (mode: 'kpi' | 'plain') =>
    buildWorkbook({ month: month as string, agents: rm.agents, inputs: rm.inputs, history: rm.history, mode, lang: (i as number) % 2 ? 'en' : 'zh' });

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
