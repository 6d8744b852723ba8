/**
 * The engine, HyperFormula evaluating the `=KPI.…` workbook (KPI functions registered as a plugin),
 * and the plain-Excel workbook (HyperFormula for the cells it can evaluate; LibreOffice for all of it,
 * see equivalence-libreoffice.test.ts) agree to 1e-9 on random months: 12 months × 45 agents = 540 input sets.
 */
import { scoreMonth } from '../src/core/engine';
import { quarterMonths, buildWorkbook } from '../src/templates/workbook';
import { WorkbookSpec } from '../src/templates/model';
import { evaluateSpec, plainValue } from './helpers/hf';
import { randomMonth } from './helpers/random';

const MONTHS = ['2015-01', '2015-02', '2015-03', '2015-06', '2015-09', '2015-12', '2016-03', '2016-04', '2016-05', '2016-06', '2016-11', '2016-12'];
const PER_MONTH = 45;

export function expectSame(actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > 1e-9) throw new Error(`${where}: ${actual} ≠ ${expected}`);
    return;
  }
  const norm = (v: unknown) => (v === null || v === undefined ? '' : v);
  if (norm(actual) !== norm(expected)) throw new Error(`${where}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
}

/** The engine's value for each output key, as the workbook shows it. */
export function engineOutputs(spec: WorkbookSpec, months: string[], rm: ReturnType<typeof randomMonth>) {
  const res = scoreMonth({ month: spec.month, agents: rm.agents, inputs: rm.inputs, history: rm.history, quarterMonths: months });
  const out: Array<{ key: string; sheet: string; address: string; value: unknown }> = [];
  for (const r of res.results) {
    const lay = spec.layout.find((l) => l.agent.id === r.id)!;
    const vals: Record<string, unknown> = {
      ...r.items,
      total: r.total,
      summaryTotal: r.total,
      rank: r.rank,
      bottomRank: r.bottomRank,
      bottom: r.bottom,
      pay: r.pay,
      quarter: r.quarter,
      quarterAward: r.award,
      award: r.award,
      redLines: r.redLines,
    };
    for (const [key, cell] of Object.entries(lay.outputs)) {
      if (!(key in vals) || key === 'EX') continue;
      out.push({ key, ...cell, value: vals[key] });
    }
  }
  return out;
}

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
