/** Comparing a workbook's cells with the engine's results. */
import type ExcelJS from 'exceljs';
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

/** The random months of the equivalence tests (quarter starts, middles and ends), and agents per month. */
export const MONTHS = [
  '2015-01',
  '2015-02',
  '2015-03',
  '2015-06',
  '2015-09',
  '2015-12',
  '2016-03',
  '2016-04',
  '2016-05',
  '2016-06',
  '2016-11',
  '2016-12',
];
export const PER_MONTH = 45;

/** A recalculated cell's value as the engine shows it: the cached result of a formula, errors as their code. */
export function cellResult(cell: ExcelJS.Cell): unknown {
  const v = cell.value as unknown;
  if (v && typeof v === 'object' && 'formula' in (v as object)) {
    // cell.result, not value.result: ExcelJS leaves value.result undefined for 0, FALSE and ""
    const r = cell.result as unknown;
    if (r && typeof r === 'object' && 'error' in (r as object)) return (r as { error: string }).error;
    return r;
  }
  if (v && typeof v === 'object' && 'error' in (v as object)) return (v as { error: string }).error;
  return v;
}
