/**
 * The ledger (台账, forms.md D13–D15): the closed months' results as they were, per agent and month, and
 * what the year is read from — the quarter's award and transfer (D10, D3) from the ledger's months, the
 * improvement plans (整改方案, D14) of each month's last two, the annual review's input (年终考评, D15).
 *
 * Pure: no Node, no Office.js, no ExcelJS. The ledger workbook (templates/sheets/ledger.ts and its
 * neighbours) shows these rows; the CLI (cli/ledger.ts) reads and writes the file.
 */
import type { Agent, Role } from './agent';
import type { AgentResult } from './engine';
import { KPI } from './kpi';
import type { KpiRecord } from './records';
import { monthParts, quarterMonths } from './month';

/** The item scores a ledger row keeps, in column order (pre-sales A, B, EX; after-sales S01…S06, SP1, SN1). */
export const LEDGER_ITEMS = ['A', 'B', 'EX', 'S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'SP1', 'SN1'] as const;

/** One agent's closed month. */
export interface LedgerRow {
  /** YYYY-MM */
  month: string;
  id: string;
  name: string;
  role: Role;
  group: string;
  /** item scores by LEDGER_ITEMS code (absent: not an item of the agent's kind) */
  items: Record<string, number | string>;
  /** a number (a closed month has no incomplete result, D13) */
  total: number | string;
  rank: number | '';
  bottomRank: number | '';
  /** in the last two (D9): hands in an improvement plan (D14) */
  bottom: boolean;
  redLines: number;
  pay: number | string;
  /** from the ledger's months of the calendar quarter (D10): "award" on the quarter's last month, "transfer", or "" */
  quarter: '' | 'award' | 'transfer';
  /** the award in yuan (0 unless "award") */
  award: number;
  /** the month's flags (core/engine.ts Flag), the quarter's among them */
  flags: string[];
  /** the notice date, YYYY-MM-DD (D14: the day the month was closed unless one was entered) */
  notice: string;
  /** the agent's inputs as closed, `code=value` separated by spaces (`--verify` names a changed one) */
  inputs: string;
  /** the fingerprint of the month's inputs (rules, roster, typed inputs, records): the same on each of its rows */
  fingerprint: string;
}

/** A close (or a reopening) of a month, as the ledger's log of months keeps it. */
export interface LedgerClose {
  month: string;
  /** 'closed': the month's rows are in the ledger; 'reopened': an earlier close, replaced by a later one */
  status: 'closed' | 'reopened';
  /** YYYY-MM-DD */
  closedOn: string;
  notice: string;
  agents: number;
  fingerprint: string;
  /** the month workbook it was closed from (its file name) */
  source: string;
  /** when reopened: the day and the reason given (kept, D13) */
  reopenedOn: string;
  reason: string;
}

/** An improvement plan (整改方案, D14) of one of a month's last two. */
export interface PlanRow {
  month: string;
  id: string;
  name: string;
  role: Role;
  group: string;
  bottomRank: number | '';
  notice: string;
  /** notice + the plan's days (a rule, default 7), YYYY-MM-DD */
  due: string;
  /** YYYY-MM-DD, '' until handed in (typed on the ledger's plans sheet) */
  submitted: string;
}

/** What the ledger workbook holds: its rows, its log of closes, the plans' submitted dates and the plan rule. */
export interface Ledger {
  rows: LedgerRow[];
  closes: LedgerClose[];
  /** `month|id` → submitted date (YYYY-MM-DD) as typed on the plans sheet */
  submitted: Record<string, string>;
  /** days from the notice to a plan's due date (D14) */
  planDays: number;
}

export const DEFAULT_PLAN_DAYS = 7;

export const emptyLedger = (): Ledger => ({ rows: [], closes: [], submitted: {}, planDays: DEFAULT_PLAN_DAYS });

/** `YYYY-MM-DD` + n days. */
export function addDays(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The months the ledger holds, in order. */
export const ledgerMonths = (rows: readonly LedgerRow[]): string[] => [...new Set(rows.map((r) => r.month))].sort();

/** `2024-05` → `2024-Q2` (the calendar quarter, D10). */
export function quarterOf(month: string): string {
  const { year, month: m } = monthParts(month);
  return `${year}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** An agent's inputs as a ledger row keeps them: its typed inputs and its records' sums (non-zero), in code order. */
export function inputsText(typed: Record<string, unknown> | undefined, counts: Record<string, number>): string {
  const all: Record<string, string> = {};
  for (const [code, n] of Object.entries(counts)) if (n !== 0) all[code] = String(n);
  for (const [code, v] of Object.entries(typed ?? {})) {
    const c = canonicalValue(v);
    if (c !== null && !code.startsWith('Q:') && !(code in counts)) all[code] = String(c);
  }
  return Object.keys(all)
    .sort()
    .map((c) => `${c}=${all[c]}`)
    .join(' ');
}

/**
 * A typed input as a month's fingerprint and its ledger rows keep it, whichever way it was read (a file's cell or
 * Office.js's value): a number as it is, a grade's or ratings' letters trimmed, without spaces, in capitals — as
 * the engine reads them (KPI.GRADE takes lower case; the CLI's read upper-cases), so "a" typed is "A" closed.
 * Blank is none (null).
 */
export function canonicalValue(v: unknown): number | string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  const t = String(v).replace(/\s+/g, '').toUpperCase();
  return t === '' ? null : t;
}

/** The typed inputs (id → code → value) as canonicalValue keeps them: blanks and the quarter sheet's earlier months (Q:…) left out. */
export function canonicalInputs(inputs: Record<string, Record<string, unknown>>): Record<string, Record<string, number | string>> {
  const out: Record<string, Record<string, number | string>> = {};
  for (const id of Object.keys(inputs).sort()) {
    const row: Record<string, number | string> = {};
    for (const code of Object.keys(inputs[id] ?? {}).sort()) {
      if (code.startsWith('Q:')) continue;
      const v = canonicalValue(inputs[id][code]);
      if (v !== null) row[code] = v;
    }
    if (Object.keys(row).length) out[id] = row;
  }
  return out;
}

/** What a month's fingerprint is over (D13): what the month's workbook holds, as either reader (file, Office.js) gives it. */
export interface MonthInputs {
  month: string;
  /** the rules the workbook holds (its defined names) */
  rules: object;
  /** the roster, in its order */
  roster: readonly { id: string; name: string; role: string; group: string }[];
  /** the typed inputs, id → code → value */
  inputs: Record<string, Record<string, unknown>>;
  /** the records sheet's rows (empty ones left out here) */
  records: readonly KpiRecord[];
}

/** Plain JSON with every object's keys sorted (arrays kept in order). */
function sortedJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedJson);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortedJson((v as Record<string, unknown>)[k])]),
    );
  return v;
}

const cellText = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

/**
 * The one canonical text of a month's inputs that its fingerprint hashes — the CLI's close and `--verify` (a file
 * read) and the pane's close (Office.js values) both give their read here, so the same month is the same text:
 * rules with sorted keys, the roster (id, name, kind, group), the typed inputs as canonicalInputs keeps them, and
 * every non-empty record (date, id, code, count, evidence, who, status) in sheet order, texts trimmed.
 */
export function fingerprintText(o: MonthInputs): string {
  return JSON.stringify({
    month: o.month,
    rules: sortedJson(o.rules),
    roster: o.roster.map((a) => [cellText(a.id), cellText(a.name), a.role, cellText(a.group)]),
    inputs: canonicalInputs(o.inputs),
    records: o.records
      .filter((r) => cellText(r.id) !== '' || cellText(r.code) !== '' || cellText(r.count) !== '')
      .map((r) => [
        cellText(r.date),
        cellText(r.id),
        cellText(r.code),
        typeof r.count === 'number' ? r.count : canonicalValue(r.count),
        cellText(r.evidence),
        cellText(r.by),
        cellText(r.status),
      ]),
  });
}

/**
 * A month's fingerprint: SHA-256 of fingerprintText, its first 12 hex digits. Web Crypto (`crypto.subtle`): in Node
 * (≥ 20, the CLI) and in the browsers Office runs the pane in — one function for both.
 */
export async function monthFingerprint(o: MonthInputs): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(fingerprintText(o)));
  return [...new Uint8Array(digest)]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, 12);
}

/** A row's inputs text back as code → value. */
export function parseInputsText(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(' ')) {
    const at = part.indexOf('=');
    if (at > 0) out[part.slice(0, at)] = part.slice(at + 1);
  }
  return out;
}

/** A month's results as ledger rows (before the quarter, `withQuarters`). */
export function rowsOfMonth(
  month: string,
  results: readonly AgentResult[],
  o: { notice: string; fingerprint: string; inputs: (r: AgentResult) => string },
): LedgerRow[] {
  return results.map((r) => ({
    month,
    id: r.id,
    name: r.name,
    role: r.role,
    group: r.group,
    // + 0: the engine's −0 (SN1 with no complaints) is the 0 a cell keeps
    items: Object.fromEntries(
      LEDGER_ITEMS.filter((c) => r.items[c] !== undefined && r.items[c] !== '').map((c) => [
        c,
        typeof r.items[c] === 'number' ? (r.items[c] as number) + 0 : r.items[c],
      ]),
    ),
    total: r.total,
    rank: typeof r.rank === 'number' ? r.rank : '',
    bottomRank: typeof r.bottomRank === 'number' ? r.bottomRank : '',
    bottom: r.bottom === true,
    redLines: r.redLines,
    pay: r.pay,
    quarter: '',
    award: 0,
    flags: r.flags.filter((f) => f !== 'quarter-award' && f !== 'transfer'),
    notice: o.notice,
    inputs: o.inputs(r),
    fingerprint: o.fingerprint,
  }));
}

/**
 * The quarter's result of every row from the ledger's months (D10, calendar quarter; D3): on the quarter's
 * last month, "award" for rank 1 in each of its three months without a red line, "transfer" for rank 1
 * from the bottom in each; KPI.QUARTER decides, as on the month's quarter sheet. Rows of other months get "".
 * Returns new rows (sorted by month, then as given), the award in yuan on the awarded ones.
 */
export function withQuarters(rows: readonly LedgerRow[], award: number): LedgerRow[] {
  const byKey = new Map(rows.map((r) => [`${r.month}|${r.id}`, r]));
  // a ledger has a few months and thousands of rows: each month's quarter worked out once
  const quarters = new Map<string, string[]>();
  return rows.map((r) => {
    const months = quarters.get(r.month) ?? quarters.set(r.month, quarterMonths(r.month, 'calendar')).get(r.month)!;
    const flags = r.flags.filter((f) => f !== 'quarter-award' && f !== 'transfer');
    if (months[2] !== r.month) return { ...r, quarter: '', award: 0, flags };
    const got = months.map((m) => byKey.get(`${m}|${r.id}`));
    const q = KPI.QUARTER.impl(
      got.map((g) => [g?.rank ?? '']),
      got.map((g) => [g?.bottomRank ?? '']),
      got.map((g) => [g?.redLines ?? 0]),
    );
    const quarter = q === 'award' || q === 'transfer' ? q : '';
    if (quarter === 'award') flags.push('quarter-award');
    if (quarter === 'transfer') flags.push('transfer');
    return { ...r, quarter, award: quarter === 'award' ? award : 0, flags };
  });
}

/** A quarter as `ledger --format json` gives it. */
export interface QuarterResult {
  quarter: string;
  /** the quarter's months the ledger holds */
  months: string[];
  award: string[];
  transfer: string[];
}

/** Every calendar quarter the ledger has a month of, in order, with its award and transfer ids (rows after `withQuarters`). */
export function quartersOf(rows: readonly LedgerRow[]): QuarterResult[] {
  const out = new Map<string, QuarterResult>();
  for (const m of ledgerMonths(rows)) {
    const q = quarterOf(m);
    if (!out.has(q)) out.set(q, { quarter: q, months: [], award: [], transfer: [] });
    out.get(q)!.months.push(m);
  }
  for (const r of rows) {
    if (r.quarter === 'award') out.get(quarterOf(r.month))!.award.push(r.id);
    if (r.quarter === 'transfer') out.get(quarterOf(r.month))!.transfer.push(r.id);
  }
  return [...out.values()];
}

/** One agent's year (D15), as the annual review sheet computes it with formulas over the ledger. */
export interface AnnualResult {
  id: string;
  name: string;
  role: Role;
  /** months in the ledger in the year */
  months: number;
  /** average of the numeric monthly totals (null: none) */
  average: number | null;
  best: { month: string; total: number } | null;
  worst: { month: string; total: number } | null;
  /** months in the last two */
  lastTwo: number;
  /** red-line occurrences over the year */
  redLines: number;
  /** quarter awards */
  awards: number;
  /** transfer flags */
  transfers: number;
  /** Σ monthly pay (yuan) */
  pay: number;
}

/** The year of the ledger's latest month (the annual review's default year), or null for an empty ledger. */
export const latestYear = (rows: readonly LedgerRow[]): number | null =>
  rows.length === 0 ? null : Math.max(...rows.map((r) => monthParts(r.month).year));

/**
 * The annual review's input (D15) for a year: one entry per agent with a month in it, in the order agents
 * first appear in the ledger; best / worst the earliest month with the highest / lowest total.
 */
export function annualOf(rows: readonly LedgerRow[], year: number): AnnualResult[] {
  const out = new Map<string, AnnualResult & { sum: number; n: number }>();
  const prefix = `${String(year).padStart(4, '0')}-`;
  const sorted = [...rows].filter((r) => r.month.startsWith(prefix)).sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  for (const r of sorted) {
    let a = out.get(r.id);
    if (!a) {
      a = {
        id: r.id,
        name: r.name,
        role: r.role,
        months: 0,
        average: null,
        best: null,
        worst: null,
        lastTwo: 0,
        redLines: 0,
        awards: 0,
        transfers: 0,
        pay: 0,
        sum: 0,
        n: 0,
      };
      out.set(r.id, a);
    }
    // the latest month's name and kind
    a.name = r.name;
    a.role = r.role;
    a.months++;
    if (typeof r.total === 'number') {
      a.sum += r.total;
      a.n++;
      if (!a.best || r.total > a.best.total) a.best = { month: r.month, total: r.total };
      if (!a.worst || r.total < a.worst.total) a.worst = { month: r.month, total: r.total };
    }
    if (r.bottom) a.lastTwo++;
    a.redLines += r.redLines;
    if (r.quarter === 'award') a.awards++;
    if (r.quarter === 'transfer') a.transfers++;
    if (typeof r.pay === 'number') a.pay += r.pay;
  }
  // the agents in the order the ledger first has them (not the year's sorting)
  const order = [...new Set(rows.map((r) => r.id))].filter((id) => out.has(id));
  return order.map((id) => {
    const { sum, n, ...a } = out.get(id)!;
    return { ...a, average: n > 0 ? sum / n : null, pay: Math.round(a.pay * 100) / 100 };
  });
}

/** The improvement plans (D14): each last-two row, with its due date and the submitted date typed on the plans sheet. */
export function plansOf(ledger: Pick<Ledger, 'rows' | 'submitted' | 'planDays'>): PlanRow[] {
  return ledger.rows
    .filter((r) => r.bottom)
    .map((r) => ({
      month: r.month,
      id: r.id,
      name: r.name,
      role: r.role,
      group: r.group,
      bottomRank: r.bottomRank,
      notice: r.notice,
      due: addDays(r.notice, ledger.planDays),
      submitted: ledger.submitted[`${r.month}|${r.id}`] ?? '',
    }));
}

/** Is a plan overdue on `today` (D14): not handed in by its due date? */
export const planOverdue = (p: PlanRow, today: string): boolean => (p.submitted === '' ? today > p.due : p.submitted > p.due);

/**
 * Why a month's roster is not the ledger's (a month of another department): none of its ids is in the ledger's
 * latest month, or an id there has another name. Joiners, leavers and a change of kind are a roster carried
 * forward. Returns the first id that differs, '' when none is shared, or null when the roster is the ledger's.
 */
export function otherRoster(rows: readonly LedgerRow[], agents: readonly Agent[]): { id: string; was: string; is: string } | null {
  const months = ledgerMonths(rows);
  if (months.length === 0) return null;
  const last = new Map(rows.filter((r) => r.month === months[months.length - 1]).map((r) => [r.id, r]));
  let shared = 0;
  for (const a of agents) {
    const r = last.get(a.id);
    if (!r) continue;
    shared++;
    if (r.name !== a.name) return { id: a.id, was: r.name, is: a.name };
  }
  return shared === 0 ? { id: '', was: '', is: '' } : null;
}

/** An earlier month of the quarter as the quarter sheet takes it (templates/workbook.ts `history`). */
export interface QuarterHistoryMonth {
  rank: number | '';
  bottomRank: number | '';
  redLines: number;
}

/**
 * The quarter's earlier months for `month`'s quarter sheet, from the ledger (D10): per agent and month its rank,
 * rank from the bottom and red lines, as closed — what a month's workbook otherwise has typed in or takes from
 * `--previous` files. `needed` the earlier months of the window, `missing` those the ledger has not closed.
 */
export function quarterHistory(
  rows: readonly LedgerRow[],
  month: string,
  mode: 'calendar' | 'rolling',
): { needed: string[]; missing: string[]; history: Record<string, Record<string, QuarterHistoryMonth>> } {
  const needed = quarterMonths(month, mode).filter((m) => m < month);
  const want = new Set(needed);
  const history: Record<string, Record<string, QuarterHistoryMonth>> = {};
  const have = new Set<string>();
  for (const r of rows)
    if (want.has(r.month)) {
      have.add(r.month);
      (history[r.id] ??= {})[r.month] = { rank: r.rank, bottomRank: r.bottomRank, redLines: r.redLines };
    }
  return { needed, missing: needed.filter((m) => !have.has(m)), history };
}

/**
 * Whether the ledger's months `months` are another roster's than `agents` (the earlier months a quarter sheet
 * takes): an id there under another name, or none of the agents in any of them. Joiners (in the roster, not in
 * the ledger) and leavers are a roster carried forward. null when the roster is the ledger's.
 */
export function otherRosterIn(
  rows: readonly LedgerRow[],
  months: readonly string[],
  agents: readonly Pick<Agent, 'id' | 'name'>[],
): { id: string; was: string; is: string } | null {
  const want = new Set(months);
  const byId = new Map<string, LedgerRow>();
  for (const r of rows) if (want.has(r.month)) byId.set(r.id, r);
  if (byId.size === 0) return null;
  let shared = 0;
  for (const a of agents) {
    const r = byId.get(a.id);
    if (!r) continue;
    shared++;
    if (r.name !== a.name) return { id: a.id, was: r.name, is: a.name };
  }
  return shared === 0 ? { id: '', was: '', is: '' } : null;
}

/** What `--verify` found changed in a closed month's workbook. */
export interface Change {
  /** '' for the month as a whole */
  id: string;
  /** an input code, a result (total, rank, pay, …), 'agent' (added or removed), or 'inputs' (rules, roster or records' other fields) */
  what: string;
  /** as closed ('' when absent) */
  was: string;
  /** now ('' when absent) */
  now: string;
}

const RESULT_KEYS = ['total', 'rank', 'bottomRank', 'redLines', 'pay'] as const;

/**
 * A closed month against its workbook now: the agents added or removed, each input and result that
 * differs, and, when the fingerprints differ but nothing listed does, the month's other inputs (rules,
 * roster names or groups, records' dates, evidence or statuses).
 */
export function monthChanges(closed: readonly LedgerRow[], now: readonly LedgerRow[]): Change[] {
  const out: Change[] = [];
  const before = new Map(closed.map((r) => [r.id, r]));
  const after = new Map(now.map((r) => [r.id, r]));
  const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  for (const r of closed) if (!after.has(r.id)) out.push({ id: r.id, what: 'agent', was: r.name, now: '' });
  for (const n of now) {
    const c = before.get(n.id);
    if (!c) {
      out.push({ id: n.id, what: 'agent', was: '', now: n.name });
      continue;
    }
    const a = parseInputsText(c.inputs);
    const b = parseInputsText(n.inputs);
    for (const code of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort())
      if ((a[code] ?? '') !== (b[code] ?? '')) out.push({ id: n.id, what: code, was: a[code] ?? '', now: b[code] ?? '' });
    for (const code of LEDGER_ITEMS)
      if (str(c.items[code]) !== str(n.items[code]))
        out.push({ id: n.id, what: `score ${code}`, was: str(c.items[code]), now: str(n.items[code]) });
    for (const k of RESULT_KEYS) if (str(c[k]) !== str(n[k])) out.push({ id: n.id, what: k, was: str(c[k]), now: str(n[k]) });
  }
  const fc = closed[0]?.fingerprint ?? '';
  const fn = now[0]?.fingerprint ?? '';
  if (out.length === 0 && fc !== fn) out.push({ id: '', what: 'inputs', was: fc, now: fn });
  return out;
}
