/** Comparing a workbook's cells with the engine's results. */
import { scoreMonth } from '../../src/core/engine';
import { WorkbookSpec } from '../../src/templates/model';
import { RandomMonth } from './random';

export function expectSame(actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > 1e-9) throw new Error(`${where}: ${actual} ≠ ${expected}`);
    return;
  }
  const norm = (v: unknown) => (v === null || v === undefined ? '' : v);
  if (norm(actual) !== norm(expected)) throw new Error(`${where}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
}

/** The engine's value for each output key, as the workbook shows it. */
export function engineOutputs(spec: WorkbookSpec, months: string[], rm: RandomMonth) {
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
