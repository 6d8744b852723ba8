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
  const res = scoreMonth({
    month: spec.month,
    agents: rm.agents,
    inputs: rm.inputs,
    history: rm.history,
    quarterMonths: months,
    records: rm.records,
  });
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
      // the forms' counts: the sums of the records (D12)
      ...Object.fromEntries(Object.entries(r.counts).map(([code, n]) => [`n:${code}`, n])),
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

/** Values a user can paste past data validation: every formula mode must give what the engine gives. */
export const PASTED_CASES: Array<[string, Record<string, number | string>]> = [
  ['negative count', { A01: -1, EX: 80 }],
  ['text count', { B02: 'two', EX: 80 }],
  ['negative B13 points', { B13: -5, EX: 80 }],
  ['a count of spaces only', { A03: '   ', EX: 80 }],
  ['test score 150', { EX: 150 }],
  ['test score as text', { EX: 'eighty' }],
  ['grade "*" (a VLOOKUP wildcard)', { S03: '*', S01: 10, S02: 'A', S06: 'A' }],
  ['grade "AB"', { S06: 'AB', S01: 10, S02: 'A', S03: 'A' }],
  ['rating letter X', { S02: 'AAX', S01: 10, S03: 'A', S06: 'A' }],
];

/** A month of three agents, the first with the pasted values (pre-sales or after-sales by its codes). */
export function pastedMonth(bad: Record<string, number | string>): RandomMonth {
  const role = bad.S01 !== undefined ? 'after-sales' : 'pre-sales';
  return {
    agents: [
      { id: 'bad', name: 'bad', role, group: 'G' },
      { id: 'ok1', name: 'ok1', role: 'pre-sales', group: 'G' },
      { id: 'ok2', name: 'ok2', role: 'after-sales', group: 'G' },
    ],
    inputs: { bad, ok1: { EX: 70 }, ok2: { S01: 20, S02: 'AB', S03: 'B', S06: 'B' } },
    history: {},
  };
}

/** The month of the quarter cases: the quarter's last, so all three months count (D10). */
export const QUARTER_MONTH = '2015-03';

/**
 * The quarter sheet with months left blank or pasted as 0 (validation asks for a whole number ≥ 1): agent
 * `q` (pre-sales, written test `ex`, so first with 100 or last with 0 of three) and its two earlier months;
 * `quarter` is the result worked by hand from D10 (three ranked months; a red line rules out the award).
 */
export const QUARTER_CASES: Array<[string, { ex: number; history: RandomMonth['history'][string]; quarter: string }]> = [
  [
    'first three months running, red lines left blank',
    { ex: 100, history: { '2015-01': { rank: 1, bottomRank: 3 }, '2015-02': { rank: 1, bottomRank: 3 } }, quarter: 'award' },
  ],
  [
    'first three months, a rank from the bottom left blank',
    { ex: 100, history: { '2015-01': { rank: 1 }, '2015-02': { rank: 1, bottomRank: 3 } }, quarter: '' },
  ],
  [
    'a rank of 0 pasted into a month',
    { ex: 100, history: { '2015-01': { rank: 0, bottomRank: 3 }, '2015-02': { rank: 1, bottomRank: 3 } }, quarter: '' },
  ],
  [
    'last three months running, with a red line',
    { ex: 0, history: { '2015-01': { rank: 3, bottomRank: 1 }, '2015-02': { rank: 3, bottomRank: 1, redLines: 1 } }, quarter: 'transfer' },
  ],
  [
    'last three months, a rank left blank',
    { ex: 0, history: { '2015-01': { bottomRank: 1 }, '2015-02': { rank: 3, bottomRank: 1 } }, quarter: '' },
  ],
  [
    'last three months, a rank from the bottom of 0 pasted',
    { ex: 0, history: { '2015-01': { rank: 3, bottomRank: 0 }, '2015-02': { rank: 3, bottomRank: 1 } }, quarter: '' },
  ],
];

/** Three pre-sales agents of QUARTER_MONTH: `q` (written test `ex`) with the given history, and two others (95 and 91 points). */
export function quarterMonth(c: { ex: number; history: RandomMonth['history'][string] }): RandomMonth {
  const agents = ['q', 'p2', 'p3'].map((id) => ({ id, name: id, role: 'pre-sales' as const, group: 'G' }));
  return { agents, inputs: { q: { EX: c.ex }, p2: { EX: 50 }, p3: { EX: 10 } }, history: { q: c.history } };
}
