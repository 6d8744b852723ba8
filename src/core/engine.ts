/**
 * The scoring engine: a month's results for every agent, from the inputs of the forms and a rule set.
 * It composes the KPI functions of kpi.ts exactly as the workbook's formulas do, so its numbers are
 * the workbook's numbers. Pure: imports nothing from Office.js or ExcelJS.
 */
import type { Agent, Role } from './agent';
import { KPI } from './kpi';
import { AFTER_SALES_ITEMS, DEFAULT_RULES, FORM_A_ITEMS, FORM_B_ITEMS, INCOMPLETE, RED_LINES, Rules } from './rules';
import { Cell, ErrorCode, KpiError, Result, isError } from './values';
import { CheckedRecord, KpiRecord, SUMMED_CODES, checkRecords, countsFromRecords, recordTallies, recordsOfCounts } from './records';

export type { Role };
/** An agent as the engine takes it: the roster's `Agent` (core/agent.ts). */
export type AgentInfo = Agent;

/** forms.md code → the value entered (a count, a score, a grade or rating letters); absent = blank. */
export type AgentInputs = Record<string, number | string | null | undefined>;

/** One month of an agent, for the quarter (D10): rank, rank from the bottom, red-line count. */
export interface MonthRecord {
  rank?: number | '' | string;
  bottomRank?: number | '' | string;
  redLines?: number;
}

export type Flag = 'red-line' | 'last-two' | 'incomplete' | 'quarter-award' | 'transfer' | 'error';

export interface AgentResult {
  id: string;
  name: string;
  role: Role;
  group: string;
  /** item scores in points by code: pre-sales A, B, EX; after-sales S01…S06, SP1 (points added), SN1 (points deducted, negative) */
  items: Record<string, number | string>;
  /** points, or "incomplete" (D11), or an error code */
  total: number | string;
  /** 1-based within the kind (D8), "" when not ranked, or an error code when a total of the kind is an error */
  rank: number | '' | string;
  bottomRank: number | '' | string;
  /** in the last two (D9); an error code as for rank */
  bottom: boolean | string;
  /** red-line occurrences AR1 + AR2 (D3) */
  redLines: number;
  /** yuan, to the fen (D7), or "incomplete" */
  pay: number | string;
  /** "award" | "transfer" | "" (D10) */
  quarter: string;
  /** quarter award in yuan (0 unless "award"); an error code as for rank */
  award: number | string;
  flags: Flag[];
  /** the errors met (e.g. S01 average 0), each with its message in both languages (`KpiError.in`) */
  errors: KpiError[];
  /** the agent's records (rows of its id on the records sheet, any status) and those disputed (D12) */
  records: number;
  disputed: number;
  /** the form counts of the agent's summed codes (core/records.ts SUMMED_CODES): the sums of its records */
  counts: Record<string, number>;
}

export interface MonthInput {
  month: string;
  agents: AgentInfo[];
  inputs: Record<string, AgentInputs>;
  rules?: Rules;
  /** employee id → YYYY-MM → record, for the other months of the quarter */
  history?: Record<string, Record<string, MonthRecord>>;
  /** the three months of the quarter window (core/month.ts quarterMonths) */
  quarterMonths?: string[];
  /**
   * The month's records (D12). The counts of the summed codes (core/records.ts SUMMED_CODES) are the sums of
   * these and of `inputs`' counts of those codes, each taken as a month-level record; a record that breaks a
   * rule (recordFault) counts for nothing, as on the records sheet.
   */
  records?: readonly KpiRecord[];
}

export interface MonthResult {
  month: string;
  results: AgentResult[];
  /** every record checked (inputs' counts first, as month-level records, then `records`), in that order */
  records: CheckedRecord[];
}

const shown = (r: Result, errors: KpiError[]): number | string => {
  if (isError(r)) {
    if (r.message) errors.push(r); // an error passed on from an item was reported there
    return r.code;
  }
  return r as number | string;
};

/** An error code shown in a result (e.g. "#DIV/0!") back into an error value, for the functions that take it. */
const asCell = (v: number | string | boolean | null): Cell =>
  typeof v === 'string' && v.startsWith('#') ? new KpiError(v as ErrorCode, v) : v;
/** A function's result as the workbook shows it: errors as their code. */
const shownValue = (r: Result): number | string | boolean => (isError(r) ? r.code : r);

const blankToNull = (v: AgentInputs[string]): Cell => (v === undefined || v === '' ? null : v);

/** Scores a month. Inputs are expected validated (io/inputs.ts); anything left wrong comes back as an error value. */
export function scoreMonth(input: MonthInput): MonthResult {
  const rules = input.rules ?? DEFAULT_RULES;
  const results: AgentResult[] = input.agents.map((a) => ({
    ...a,
    items: {},
    total: INCOMPLETE,
    rank: '',
    bottomRank: '',
    bottom: false,
    redLines: 0,
    pay: INCOMPLETE,
    quarter: '',
    award: 0,
    flags: [],
    errors: [],
    records: 0,
    disputed: 0,
    counts: {},
  }));
  // the form counts of the summed codes are the records' sums (a typed count is a month-level record), as the sheet's SUMIFS
  const checked = checkRecords([...recordsOfCounts(input.inputs, input.agents), ...(input.records ?? [])], input.month, input.agents);
  const counts = countsFromRecords(checked);
  const tallies = recordTallies(checked);
  const summed = new Set([...SUMMED_CODES['pre-sales'], ...SUMMED_CODES['after-sales']]);
  const get = (id: string, code: string): Cell => (summed.has(code) ? (counts[id]?.[code] ?? 0) : blankToNull(input.inputs[id]?.[code]));
  for (const r of results) {
    Object.assign(r, tallies[r.id] ?? {});
    for (const code of SUMMED_CODES[r.role]) r.counts[code] = counts[r.id]?.[code] ?? 0;
  }

  const afterTickets: Cell[][] = results.filter((r) => r.role === 'after-sales').map((r) => [get(r.id, 'S01')]);

  // the rule ranges every agent's formulas read: the same cells for all, so made once
  const ptsA = FORM_A_ITEMS.map((it) => [rules.points[it.code]]);
  const linear = FORM_B_ITEMS.filter((it) => it.kind === 'count' || it.kind === 'halfday');
  const ptsB = linear.map((it) => [rules.points[it.code]]);
  const weightsPre = [[rules.weightA], [rules.weightB], [rules.weightEX]];
  const scale = (s: Record<string, number>) => Object.entries(s).map(([k, v]) => [k, v]);
  const satisfaction = scale(rules.satisfaction);
  const gradeS03 = scale(rules.gradeS03);
  const gradeS06 = scale(rules.gradeS06);
  const weightsS = AFTER_SALES_ITEMS.map((it) => [rules.weightsS[it.code]]);
  const spRule = [[rules.sp1Points], [rules.sp1Cap], [rules.sn1Points]];

  for (const r of results) {
    const e = r.errors;
    if (r.role === 'pre-sales') {
      const countsA = FORM_A_ITEMS.map((it) => [get(r.id, it.code)]);
      const A = shown(KPI.DEDUCT.impl(countsA, ptsA), e);
      const b12 = KPI.ESCALATE.impl(get(r.id, 'B12'), rules.b12First, rules.b12Next);
      const b13 = get(r.id, 'B13');
      const extra = isError(b12) ? b12 : (b12 as number) + (typeof b13 === 'number' ? b13 * rules.points.B13 : 0);
      const B = shown(
        KPI.DEDUCT.impl(
          linear.map((it) => [get(r.id, it.code)]),
          ptsB,
          extra,
        ),
        e,
      );
      const ex = get(r.id, 'EX');
      r.items = { A, B, EX: ex === null ? '' : (ex as number) };
      r.redLines = RED_LINES.reduce((s, it) => s + (Number(get(r.id, it.code)) || 0), 0);
      r.total = shown(KPI.PRESALES.impl(A, B, ex === null ? '' : ex, weightsPre), e);
      r.pay = shown(KPI.BONUS.impl(asCell(r.total), rules.payBase, r.redLines), e);
    } else {
      const items: Record<string, number | string> = {
        S01: shown(KPI.VOLUME.impl(get(r.id, 'S01') ?? '', afterTickets, rules.s01Cap), e),
        S02: shown(KPI.SATISFACTION.impl(get(r.id, 'S02') ?? '', satisfaction, rules.satisfactionSample), e),
        S03: shown(KPI.GRADE.impl(get(r.id, 'S03') ?? '', gradeS03), e),
        S04: shown(KPI.DEDUCT.impl(get(r.id, 'S04'), rules.s04Points), e),
        S05: shown(KPI.DEDUCT.impl(get(r.id, 'S05'), rules.s05Points), e),
        S06: shown(KPI.GRADE.impl(get(r.id, 'S06') ?? '', gradeS06), e),
      };
      const sp = Number(get(r.id, 'SP1')) || 0;
      const sn = Number(get(r.id, 'SN1')) || 0;
      const scores = AFTER_SALES_ITEMS.map((it) => [asCell(items[it.code])]);
      r.total = shown(KPI.AFTERSALES.impl(scores, weightsS, sp, sn, spRule), e);
      items.SP1 = Math.min(rules.sp1Cap, sp * rules.sp1Points);
      items.SN1 = -sn * rules.sn1Points;
      r.items = items;
      r.pay = shown(KPI.BONUS.impl(asCell(r.total), rules.payBase), e);
    }
  }

  for (const role of ['pre-sales', 'after-sales'] as const) {
    const group = results.filter((r) => r.role === role);
    // "incomplete" is not ranked; an error total (e.g. S01's #DIV/0!, D5) makes the ranking an error, as RANK.EQ does
    const totals: Cell[][] = group.map((r) => [asCell(r.total)]);
    for (const r of group) {
      const t = asCell(r.total);
      r.rank = shownValue(KPI.RANK.impl(t, totals)) as number | '' | string;
      r.bottomRank = shownValue(KPI.RANK.impl(t, totals, 1)) as number | '' | string;
      r.bottom = shownValue(KPI.BOTTOM.impl(t, totals, rules.bottomN)) as boolean | string;
    }
  }

  const months = input.quarterMonths;
  for (const r of results) {
    if (months) {
      // months after this one are not known yet (D10: the award is paid with the quarter's last month)
      const cur = months.indexOf(input.month);
      const rec = (m: string, j: number): MonthRecord =>
        m === input.month
          ? { rank: r.rank, bottomRank: r.bottomRank, redLines: r.redLines }
          : j > cur
            ? {}
            : (input.history?.[r.id]?.[m] ?? {});
      const ranks = months.map((m, j) => [asCell(rec(m, j).rank ?? null)] as Cell[]);
      const bottoms = months.map((m, j) => [asCell(rec(m, j).bottomRank ?? null)] as Cell[]);
      const reds = months.map((m, j) => [rec(m, j).redLines ?? null] as Cell[]);
      const q = shownValue(KPI.QUARTER.impl(ranks, bottoms, reds));
      r.quarter = String(q);
      r.award = r.quarter === 'award' ? rules.quarterAward : r.quarter.startsWith('#') ? r.quarter : 0;
    }
    if (r.redLines > 0) r.flags.push('red-line');
    if (r.bottom === true) r.flags.push('last-two');
    if (typeof r.total !== 'number') r.flags.push(r.total === INCOMPLETE ? 'incomplete' : 'error');
    if (r.quarter === 'award') r.flags.push('quarter-award');
    if (r.quarter === 'transfer') r.flags.push('transfer');
  }
  return { month: input.month, results, records: checked };
}
