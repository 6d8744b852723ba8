/**
 * The year in the supervisor's one workbook (issue 10, forms.md D13–D14), with Office.js: the ledger sheet
 * (台账 / Ledger), the improvement plans (整改方案 / Plans) and the log of closed months (月份 / Months) — the
 * year sheet kinds of templates/registry.ts YEAR_SHEET_KINDS, rendered by render.ts as the CLI's ledger file
 * renders them — kept beside the month's forms.
 *
 * `readYear` reads what the workbook's year sheets hold (two syncs). `closeMonth` closes the month the forms
 * hold in two syncs at 80 agents: the first reads the rules (defined names), the typed inputs and stored
 * results (one rectangle per sheet), the records (REC_ID) and the year sheets; the month is recomputed with the
 * engine and refused as `kpi-forms close` refuses it (D13: an incomplete result, a disputed record or one
 * breaking a rule, a stored result differing, the month closed already, another roster). Otherwise every row is
 * built first, then the second sync writes them in one batch: the new rows appended below the ledger's (the
 * quarter's award and transfer from the ledger's months, D10), the plans of the month's last two (due per D14;
 * submitted dates typed before are kept), one line of the log; the sheets are created when missing.
 */
import {
  DEFAULT_PLAN_DAYS,
  LEDGER_ITEMS,
  Ledger,
  LedgerClose,
  LedgerRow,
  addDays,
  inputsText,
  ledgerMonths,
  monthFingerprint,
  otherRoster,
  plansOf,
  quarterHistory,
  rowsOfMonth,
  withQuarters,
} from '../core/ledger';
import { quarterMonths } from '../core/month';
import { Problem } from '../core/problem';
import { KpiRecord, parseStatus, serialDate } from '../core/records';
import type { Role } from '../core/agent';
import { Rules } from '../core/rules';
import { AgentResult, scoreMonth } from '../core/engine';
import { buildLedgerWorkbook, buildNoticeWorkbook } from '../templates/ledger-book';
import { AgentLayout, Lang, SheetSpec, WorkbookSpec, parseAddr } from '../templates/model';
import { describeNames, describeSheet } from '../templates/render';
import { Rect, rectAddress } from '../templates/rects';
import { RULE_NAMES, RuleLookup, readRulesFromNames } from '../templates/rule-names';
import { SHEET_NAMES } from '../templates/i18n';
import {
  CLOSES_HEADER_ROW,
  LEDGER_COLS,
  LEDGER_FIRST_ROW,
  PLAN_DAYS_CELL,
  YEAR_WORDS,
  closeOfRow,
  roleWordOf,
} from '../templates/sheets/ledger';
import { PLANS_COLS, PLANS_HEADER_ROW } from '../templates/sheets/plans';
import { RECORDS_FIRST_ROW, RECORD_NAMES } from '../templates/sheets/records';
import { missingSheetOr } from './errors';
import { InsertResult, insertIntoWorkbook } from './insert';
import { queuePageLayout, queueProtection, queueSheetContent } from './render';
import { recordOfCells } from './records';
import { ExcelRun, OP_BYTES, REQUEST_BUDGET, Requests, counter, defaultRun } from './requests';
import { ALL_FEATURES, WriterFeatures } from './requirements';
import { Y } from './year-messages';
import { M } from './messages';
import { BUSY_RETRY_MS } from './read';

/** What Excel shows in a cell whose custom function is still calculating (read.ts). */
const CALCULATING = /^#(BUSY!|GETTING_DATA)$/;

/** The year sheets the pane keeps in the workbook, in tab order. */
export const YEAR_KEYS = ['ledger', 'plans', 'closes'] as const;
export type YearKey = (typeof YEAR_KEYS)[number];

/** The workbook's year sheets as read: which exist (their names), the ledger they hold, and the month the forms hold. */
export interface YearState {
  lang: Lang;
  /** KPI_MONTH: the month the forms hold ('' without the month's rules) */
  month: string;
  mode: 'kpi' | 'plain';
  sheets: Record<YearKey, string | null>;
  ledger: Ledger;
  /** how many plan rows and log rows the sheets have (where appending starts) */
  planKeys: string[];
}

const blank = (v: unknown) => v === null || v === undefined || v === '';
const text = (v: unknown) => (blank(v) ? '' : String(v).trim());
const dayOf = (v: unknown) => (typeof v === 'number' ? serialDate(v) : text(v));
const lc = (s: string) => s.toLocaleLowerCase();

/** A kind of agent as the ledger sheet words it (templates/sheets/ledger.ts roleWordOf), in either language. */
function roleOf(v: unknown): Role | null {
  const t = text(v).toLowerCase();
  for (const l of ['zh', 'en'] as const)
    for (const r of ['pre-sales', 'after-sales'] as const) if (t === r || t === roleWordOf(l, r).toLowerCase()) return r;
  return null;
}

/**
 * A typed input as the engine takes it: blank is none, a number stays a number, text is trimmed. The forms'
 * data validation checks what is typed; a value the rules cannot score leaves the result incomplete (D11),
 * which refuses the close. (io/records.ts `checkValue` is the CLI's stricter check; it stays out of this chunk.)
 */
const typedInput = (v: unknown): number | string | null => (blank(v) ? null : typeof v === 'number' ? v : text(v) === '' ? null : text(v));

/** The ledger sheet's rows from its values (row 1 the header), as xlsx/ledger.ts reads the file's. @throws Problem year.ledgerEdited */
export function ledgerRowsOf(values: unknown[][], sheet: string, lang: Lang): LedgerRow[] {
  const words = YEAR_WORDS[lang];
  const flagKeys = new Map(Object.entries(words.flagWords).map(([k, v]) => [v, k]));
  const C = LEDGER_COLS;
  const rows: LedgerRow[] = [];
  for (let i = LEDGER_FIRST_ROW - 1; i < values.length; i++) {
    const v = (c: number) => values[i]?.[c - 1];
    const month = text(v(C.month));
    if (month === '' && text(v(C.id)) === '') continue;
    const role = roleOf(v(C.role));
    const bad = (c: number) => new Problem(Y.ledgerEdited, { sheet, cell: `${String.fromCharCode(64 + c)}${i + 1}` });
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw bad(C.month);
    if (!role) throw bad(C.role);
    const items: Record<string, number | string> = {};
    LEDGER_ITEMS.forEach((code, j) => {
      const x = v(C.item0 + j);
      if (!blank(x)) items[code] = typeof x === 'number' ? x : text(x);
    });
    const num = (x: unknown) => (typeof x === 'number' ? x : text(x));
    const q = text(v(C.quarter));
    rows.push({
      month,
      id: text(v(C.id)),
      name: text(v(C.name)),
      role,
      group: text(v(C.group)),
      items,
      total: num(v(C.total)),
      rank: typeof v(C.rank) === 'number' ? (v(C.rank) as number) : '',
      bottomRank: typeof v(C.bottomRank) === 'number' ? (v(C.bottomRank) as number) : '',
      bottom: v(C.bottom) === true || v(C.bottom) === 1,
      redLines: Number(v(C.redLines)) || 0,
      pay: num(v(C.pay)),
      quarter: q === words.award ? 'award' : q === words.transfer ? 'transfer' : '',
      award: Number(v(C.award)) || 0,
      flags: text(v(C.flags))
        .split(', ')
        .filter(Boolean)
        .map((f) => flagKeys.get(f) ?? f),
      notice: dayOf(v(C.notice)),
      inputs: text(v(C.inputs)),
      fingerprint: text(v(C.fingerprint)),
    });
  }
  return rows;
}

/** The log of closes and the plan rule from the months sheet's values. */
function closesOf(values: unknown[][], lang: Lang): { closes: LedgerClose[]; planDays: number } {
  const closes: LedgerClose[] = [];
  for (let i = CLOSES_HEADER_ROW; i < values.length; i++) {
    const close = closeOfRow((c) => values[i]?.[c - 1], lang);
    if (close) closes.push(close);
  }
  const days = values[PLAN_DAYS_CELL.row - 1]?.[PLAN_DAYS_CELL.col - 1];
  return { closes, planDays: typeof days === 'number' && days >= 0 ? Math.round(days) : DEFAULT_PLAN_DAYS };
}

/** The plans sheet's rows (month|id) and the submitted dates typed on it. */
function plansSheetOf(values: unknown[][]): { keys: string[]; submitted: Record<string, string> } {
  const keys: string[] = [];
  const submitted: Record<string, string> = {};
  for (let i = PLANS_HEADER_ROW; i < values.length; i++) {
    const v = (c: number) => values[i]?.[c - 1];
    if (text(v(PLANS_COLS.month)) === '') continue;
    const key = `${text(v(PLANS_COLS.month))}|${text(v(PLANS_COLS.id))}`;
    keys.push(key);
    if (!blank(v(PLANS_COLS.submitted))) submitted[key] = dayOf(v(PLANS_COLS.submitted));
  }
  return { keys, submitted };
}

/** Which of the workbook's sheets are the year's, in the workbook's language (else the other's). */
function yearSheetsOf(names: readonly string[], lang: Lang): Record<YearKey, string | null> {
  const has = (n: string) => names.find((x) => lc(x) === lc(n)) ?? null;
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  const l = has(SHEET_NAMES[lang].ledger) || !has(SHEET_NAMES[other].ledger) ? lang : other;
  return { ledger: has(SHEET_NAMES[l].ledger), plans: has(SHEET_NAMES[l].plans), closes: has(SHEET_NAMES[l].closes) };
}

/** A sheet's used values from A1 (empty rows above the used range filled in), or [] for none. */
function fromA1(used: { values: unknown[][]; rowIndex: number; columnIndex: number }): unknown[][] {
  const pad = new Array(used.columnIndex).fill('');
  return [...Array.from({ length: used.rowIndex }, () => [] as unknown[]), ...used.values.map((r) => [...pad, ...r])];
}

/**
 * The workbook's month (KPI_MONTH, KPI_LANG, KPI_MODE) and its year sheets with the ledger they hold. Two syncs
 * (the sheet and name lists, then the cells). ExcelApi 1.2 (used ranges).
 */
export async function readYear(opts: { run?: ExcelRun } = {}): Promise<YearState & { syncs: number }> {
  const run = opts.run ?? defaultRun();
  return run(async (context) => {
    const s = counter(context);
    const ws = context.workbook.worksheets.load('items/name');
    const nm = context.workbook.names.load('items/name');
    await s.sync();
    const names = new Set(nm.items.map((n) => n.name.toUpperCase()));
    const meta = ['KPI_MONTH', 'KPI_LANG', 'KPI_MODE'].filter((n) => names.has(n));
    const metaRanges = meta.map((n) => context.workbook.names.getItem(n).getRange().load('values'));
    const all = ws.items.map((x) => x.name);
    // the language of the year sheets: the month's (KPI_LANG) once read; meanwhile read both languages' sheets
    const found = new Map<string, ReturnType<Excel.Range['load']>>();
    for (const l of ['zh', 'en'] as const)
      for (const k of YEAR_KEYS) {
        const n = all.find((x) => lc(x) === lc(SHEET_NAMES[l][k]));
        if (n && !found.has(n)) found.set(n, context.workbook.worksheets.getItem(n).getUsedRange(true).load('values,rowIndex,columnIndex'));
      }
    await s.sync();
    const metaOf = (n: string) => text(metaRanges[meta.indexOf(n)]?.values[0]?.[0]);
    const lang: Lang = metaOf('KPI_LANG') === 'en' ? 'en' : 'zh';
    const sheets = yearSheetsOf(all, lang);
    const yl: Lang = sheets.ledger && lc(sheets.ledger) === lc(SHEET_NAMES.en.ledger) ? 'en' : sheets.ledger ? 'zh' : lang;
    const grid = (n: string | null) =>
      n ? fromA1(found.get(n)! as unknown as { values: unknown[][]; rowIndex: number; columnIndex: number }) : [];
    const rows = sheets.ledger ? ledgerRowsOf(grid(sheets.ledger), sheets.ledger, yl) : [];
    const { closes, planDays } = sheets.closes ? closesOf(grid(sheets.closes), yl) : { closes: [], planDays: DEFAULT_PLAN_DAYS };
    const { keys, submitted } = sheets.plans ? plansSheetOf(grid(sheets.plans)) : { keys: [], submitted: {} };
    return {
      lang: yl,
      month: metaOf('KPI_MONTH'),
      mode: metaOf('KPI_MODE') === 'plain' ? 'plain' : 'kpi',
      sheets,
      ledger: { rows, closes, submitted, planDays },
      planKeys: keys,
      syncs: s.n,
    };
  });
}

// ---------------- the month's check (pure) ----------------

/** The cells a rule lookup reads: each defined name's values. */
function lookupOf(values: Map<string, unknown[][]>): RuleLookup {
  const cells = (name: string) => values.get(name) ?? [[null]];
  const number = (name: string, v: unknown, blankNull = false): number | null => {
    if (blank(v) && blankNull) return null;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Problem(Y.notMonthWorkbook, {}, { details: `${name}: ${String(v)}` });
    return v;
  };
  return {
    num: (name, o) => number(name, cells(name)[0][0], o?.blank === 'null'),
    nums: (name, n) => {
      const flat = cells(name).flat();
      if (flat.length !== n) throw new Problem(Y.notMonthWorkbook, {}, { details: `${name}: ${flat.length} cells, not ${n}` });
      return flat.map((v) => number(name, v) as number);
    },
    scale: <L extends string>(name: string, letters: readonly L[]) => {
      const out = {} as Record<L, number>;
      for (const row of cells(name)) out[text(row[0]).toUpperCase() as L] = number(name, row[1]) as number;
      for (const l of letters) if (!(l in out)) throw new Problem(Y.notMonthWorkbook, {}, { details: `${name}: no ${l}` });
      return out;
    },
    choice: <T extends string>(name: string, allowed: readonly T[]) => {
      const v = text(cells(name)[0][0]);
      if (!(allowed as readonly string[]).includes(v)) throw new Problem(Y.notMonthWorkbook, {}, { details: `${name}: ${v}` });
      return v as T;
    },
  };
}

/** A stored result against the engine's, as `kpi-forms score` compares them (xlsx/reader.ts `same`): numbers within 1e-9. */
function sameValue(stored: unknown, expected: unknown): boolean {
  const s = blank(stored) ? '' : stored;
  if (typeof expected === 'boolean') return s === expected || (typeof s === 'number' && (s !== 0) === expected);
  if (typeof expected === 'number') return typeof s === 'number' && Math.abs(s - expected) <= 1e-9;
  return typeof s === 'string' && s === (expected ?? '');
}

const RESULT_FIELDS: Record<string, keyof AgentResult> = {
  total: 'total',
  summaryTotal: 'total',
  rank: 'rank',
  bottomRank: 'bottomRank',
  bottom: 'bottom',
  redLines: 'redLines',
  pay: 'pay',
  award: 'award',
  quarterAward: 'award',
  quarter: 'quarter',
};
const ITEM_KEYS = new Set(['A', 'B', 'S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'SP1', 'SN1']);

/** What the engine says a layout output holds (undefined: not compared, e.g. the flags' words), as xlsx/reader.ts `expectedOf`. */
function expectedOf(r: AgentResult, key: string): unknown {
  if (ITEM_KEYS.has(key)) return r.items[key] ?? null;
  if (key.startsWith('n:')) return r.counts[key.slice(2)] ?? 0;
  const field = RESULT_FIELDS[key];
  return field === undefined ? undefined : r[field];
}

/** What the first sync read of the month: the rule names' values, each layout cell's value, the records. */
export interface MonthCells {
  names: Map<string, unknown[][]>;
  cell(sheet: string, address: string): unknown;
  records: KpiRecord[];
  /** the sheet row of records[i] */
  recordRows: number[];
}

/** The month checked (D13) and scored: its results, inputs and rules, or the Problem that refuses it. */
export function checkMonth(layout: AgentLayout[], m: MonthCells) {
  const lookup = lookupOf(m.names);
  const month = text(m.names.get('KPI_MONTH')?.[0]?.[0]);
  const rules: Rules = readRulesFromNames(lookup);
  const inputs: Record<string, Record<string, number | string>> = {};
  const history: Record<string, Record<string, { rank?: number | ''; bottomRank?: number | ''; redLines?: number }>> = {};
  for (const l of layout) {
    for (const [code, at] of Object.entries(l.inputs)) {
      const v = typedInput(m.cell(at.sheet, at.address));
      if (v === null) continue;
      const q = /^Q:(\d{4}-\d{2}):(rank|bottomRank|redLines)$/.exec(code);
      if (q) ((history[l.agent.id] ??= {})[q[1]] ??= {})[q[2] as 'rank'] = v as number;
      else (inputs[l.agent.id] ??= {})[code] = v;
    }
  }
  const agents = layout.map((l) => l.agent);
  const scored = scoreMonth({
    month,
    agents,
    inputs,
    rules,
    history,
    quarterMonths: quarterMonths(month, rules.quarterMode),
    records: m.records,
  });
  const { results } = scored;
  // D13, in the CLI's order: incomplete, disputed, records breaking a rule, stored results differing
  const open = results.filter((r) => typeof r.total !== 'number');
  if (open.length) throw new Problem(Y.incomplete, { month, n: open.length, ids: open.map((r) => r.id) });
  const disputed = m.records.filter((r) => parseStatus(r.status) === 'disputed');
  if (disputed.length) throw new Problem(Y.disputed, { month, n: disputed.length, ids: [...new Set(disputed.map((r) => r.id))] });
  // the engine checks the typed counts first (as month-level records), then the sheet's rows
  const offset = scored.records.length - m.records.length;
  const faulty = scored.records.map((c, i) => ({ c, i })).filter(({ c, i }) => c.fault && i >= offset);
  if (faulty.length)
    throw new Problem(Y.recordFaults, { month, n: faulty.length, rows: faulty.map(({ i }) => String(m.recordRows[i - offset])) });
  const differ: string[] = [];
  const byId = new Map(results.map((r) => [r.id, r]));
  for (const l of layout) {
    const r = byId.get(l.agent.id)!;
    for (const [key, at] of Object.entries(l.outputs)) {
      const expected = expectedOf(r, key);
      if (expected === undefined) continue;
      if (!sameValue(m.cell(at.sheet, at.address), expected)) differ.push(`${at.sheet}!${at.address}`);
    }
  }
  if (differ.length) throw new Problem(Y.mismatches, { month, n: differ.length, cells: differ });
  return { month, rules, inputs, results, records: m.records };
}

// ---------------- closing ----------------

export interface CloseResult {
  month: string;
  agents: number;
  /** the month's last two: improvement plans due */
  plans: number;
  notice: string;
  due: string;
  /** the year sheets created by this close */
  created: string[];
  syncs: number;
  /** request bytes are the fake's to count; the rows written */
  rows: number;
  /** the year as it now stands */
  year: YearState;
}

/** The first index where two lists differ (their common length when one is the other's start). */
function firstDiff<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (!same(a[i], b[i])) return i;
  return n;
}

/**
 * Closes the month the forms hold into the workbook's ledger sheet (see the file's comment). `year` is what
 * `readYear` found: a year sheet that appeared or went since is refused (year.yearChanged), nothing written.
 * @param o.today YYYY-MM-DD, the close's day and (without `o.notice`) the notice date (D14)
 * @throws Problem year.* (the rule and what to fix), office.missingSheet
 */
export async function closeMonth(
  layout: AgentLayout[],
  year: YearState,
  o: { today: string; notice?: string; run?: ExcelRun; features?: WriterFeatures; requestBudget?: number; retryMs?: readonly number[] },
): Promise<CloseResult> {
  const run = o.run ?? defaultRun();
  const f = o.features ?? ALL_FEATURES;
  // one rectangle per sheet over every input and result cell of the layout
  const rects = new Map<string, Rect>();
  for (const l of layout)
    for (const at of [...Object.values(l.inputs), ...Object.values(l.outputs)]) {
      const p = parseAddr(at.address);
      const r = rects.get(at.sheet);
      if (!r) rects.set(at.sheet, { r1: p.row, c1: p.col, r2: p.row, c2: p.col });
      else Object.assign(r, { r1: Math.min(r.r1, p.row), c1: Math.min(r.c1, p.col), r2: Math.max(r.r2, p.row), c2: Math.max(r.c2, p.col) });
    }
  return run(async (context) => {
    const s = counter(context);
    const wb = context.workbook;
    // ---- sync 1: read (again after a wait while the KPI functions calculate: #BUSY!, as readSummary)
    const waits = o.retryMs ?? BUSY_RETRY_MS;
    for (let attempt = 0; ; attempt++) {
      const wsList = wb.worksheets.load('items/name');
      const nameList = wb.names.load('items/name');
      const ruleRanges = RULE_NAMES.map((n) => [n, wb.names.getItem(n).getRange().load('values')] as const);
      const sheetRanges = [...rects].map(([sheet, rect]) => ({
        sheet,
        rect,
        range: wb.worksheets.getItem(sheet).getRange(rectAddress(rect)).load('values'),
      }));
      const ids = wb.names.getItem(RECORD_NAMES.id).getRange();
      const recCols = { ids: ids.load('values,rowIndex'), cols: [-1, 1, 2, 3, 4, 5].map((dc) => ids.getOffsetRange(0, dc).load('values')) };
      const yearRanges = YEAR_KEYS.map((k) =>
        year.sheets[k] ? wb.worksheets.getItem(year.sheets[k]!).getUsedRange(true).load('values,rowIndex,columnIndex') : null,
      );
      try {
        await s.sync();
      } catch (e) {
        if ((e as { code?: string })?.code === 'ItemNotFound' && !(e instanceof Problem)) {
          // a rule name, the records' name or a sheet of the layout gone: not the month's workbook as inserted
          const have = new Set((safe(() => wsList.items) ?? []).map((x) => lc(x.name)));
          const gone = [...rects.keys(), ...YEAR_KEYS.map((k) => year.sheets[k]).filter((x): x is string => !!x)].filter(
            (n) => !have.has(lc(n)),
          );
          if (gone.length && have.size) throw missingSheetOr(e, gone);
          throw new Problem(Y.notMonthWorkbook, {}, { details: String((e as Error).message ?? ''), cause: e });
        }
        throw e;
      }
      // the year sheets as read before: one that appeared or went since is a change the pane has not seen
      const now = yearSheetsOf(
        wsList.items.map((x) => x.name),
        year.lang,
      );
      const changed = YEAR_KEYS.filter((k) => !!now[k] !== !!year.sheets[k]).map((k) => now[k] ?? year.sheets[k]!);
      if (changed.length) throw new Problem(Y.yearChanged, { sheets: changed });
      const calculating = sheetRanges.some((x) => (x.range.values as unknown[][]).some((r) => r.some((v) => CALCULATING.test(String(v)))));
      if (calculating) {
        if (attempt >= waits.length) throw new Problem(M.stillCalculating, { sheets: sheetRanges.map((x) => x.sheet), reads: s.n });
        await new Promise((r) => setTimeout(r, waits[attempt]));
        continue;
      }

      const names = new Map(ruleRanges.map(([n, r]) => [n, r.values as unknown[][]]));
      const grids = new Map(sheetRanges.map((x) => [lc(x.sheet), x]));
      const cell = (sheet: string, address: string) => {
        const g = grids.get(lc(sheet))!;
        const p = parseAddr(address);
        return g.range.values[p.row - g.rect.r1]?.[p.col - g.rect.c1];
      };
      const lang: Lang = text(names.get('KPI_LANG')?.[0]?.[0]) === 'en' ? 'en' : 'zh';
      const cols = [recCols.ids, ...recCols.cols].map((c) => c.values as unknown[][]);
      const first = recCols.ids.rowIndex + 1;
      const records: KpiRecord[] = [];
      const recordRows: number[] = [];
      // columns A–G in order: A is the offset −1, B the ids
      const order = [1, 0, 2, 3, 4, 5, 6];
      for (let i = 0; i < cols[0].length; i++) {
        const cells = order.map((k) => cols[k][i]?.[0]);
        if (cells.every(blank) || first + i < RECORDS_FIRST_ROW) continue;
        records.push(recordOfCells(cells, lang));
        recordRows.push(first + i);
      }
      const checked = checkMonth(layout, { names, cell, records, recordRows });
      const { month, rules, results } = checked;

      // the ledger as it stands (re-read now), and D13's other refusals
      const grid = (i: number) =>
        yearRanges[i] ? fromA1(yearRanges[i] as unknown as { values: unknown[][]; rowIndex: number; columnIndex: number }) : [];
      const ylang = year.lang;
      const before = year.sheets.ledger ? ledgerRowsOf(grid(0), year.sheets.ledger, ylang) : [];
      const plansRead = year.sheets.plans ? plansSheetOf(grid(1)) : { keys: [], submitted: {} };
      const log = year.sheets.closes ? closesOf(grid(2), ylang) : { closes: [], planDays: DEFAULT_PLAN_DAYS };
      if (before.some((r) => r.month === month)) {
        const on = [...log.closes].reverse().find((c) => c.month === month && c.status === 'closed')?.closedOn ?? '';
        throw new Problem(Y.alreadyClosed, { month, sheet: year.sheets.ledger!, on });
      }
      const other = otherRoster(before, results);
      if (other) throw new Problem(Y.otherRoster, other);

      // ---- every row built before anything is written
      const notice = o.notice ?? o.today;
      // the one fingerprint of core/ledger.ts, over what Office.js read: `kpi-forms ledger --verify` gives the saved file the same
      const fingerprint = await monthFingerprint({
        month,
        rules,
        roster: results,
        inputs: checked.inputs,
        records: checked.records,
      });
      const added = rowsOfMonth(month, results, { notice, fingerprint, inputs: (r) => inputsText(checked.inputs[r.id], r.counts) });
      const rows = withQuarters(
        [...before, ...added].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0)),
        rules.quarterAward,
      );
      const close: LedgerClose = {
        month,
        status: 'closed',
        closedOn: o.today,
        notice,
        agents: added.length,
        fingerprint,
        source: '',
        reopenedOn: '',
        reason: '',
      };
      const ledger: Ledger = { rows, closes: [...log.closes, close], submitted: plansRead.submitted, planDays: log.planDays };
      const spec = yearSpec(ledger, ylang, year.sheets);
      const from: Record<YearKey, number> = {
        ledger: LEDGER_FIRST_ROW + firstDiff(before, rows, (a, b) => JSON.stringify(a) === JSON.stringify(b)),
        plans:
          PLANS_HEADER_ROW +
          1 +
          firstDiff(
            plansRead.keys,
            plansOf(ledger).map((p) => `${p.month}|${p.id}`),
            (a, b) => a === b,
          ),
        closes: CLOSES_HEADER_ROW + 1 + log.closes.length,
      };

      // ---- sync 2: write (more only past the request budget)
      const { created } = await queueYearSheets(wb, new Requests(s, o.requestBudget ?? REQUEST_BUDGET), spec, year, ylang, f, {
        from,
        names: new Set(nameList.items.map((n) => lc(n.name))),
      });
      await s.sync();
      const plans = added.filter((r) => r.bottom).length;
      return {
        month,
        agents: added.length,
        plans,
        notice,
        due: addDays(notice, ledger.planDays),
        created,
        syncs: s.n,
        rows: added.length,
        year: {
          ...year,
          month,
          sheets: { ledger: spec.sheets[0].name, plans: spec.sheets[1].name, closes: spec.sheets[2].name },
          ledger,
          planKeys: plansOf(ledger).map((p) => `${p.month}|${p.id}`),
        },
      };
    }
  });
}

/** What reopening a month did. */
export interface ReopenResult {
  month: string;
  /** the ledger rows taken out (the month's agents) */
  agents: number;
  reason: string;
  syncs: number;
  /** the year as it now stands: the month open, the reason in the log */
  year: YearState;
}

/**
 * Reopens the month the forms hold (KPI_MONTH), closed before (D13), as `kpi-forms close --reopen --reason` does in
 * a ledger file: its rows leave the ledger sheet (the quarter's award and transfer of the months left worked again,
 * D10) and its improvement plans the plans sheet (submitted dates typed stay, for when it is closed again); its
 * line of the months sheet says reopened, with the day and the reason, kept. The month can then be corrected and
 * closed again. Two syncs: the first reads the rules and the year sheets, the second writes in one batch.
 * @throws Problem year.reasonMissing (nothing read), year.notClosed, year.yearChanged, year.notMonthWorkbook
 */
export async function reopenMonth(
  year: YearState,
  o: { reason: string; today: string; run?: ExcelRun; features?: WriterFeatures; requestBudget?: number },
): Promise<ReopenResult> {
  const reason = o.reason.trim();
  if (reason === '') throw new Problem(Y.reasonMissing, { month: year.month });
  const run = o.run ?? defaultRun();
  const f = o.features ?? ALL_FEATURES;
  return run(async (context) => {
    const s = counter(context);
    const wb = context.workbook;
    // ---- sync 1: the rules (the month, the award) and the year sheets as they are now
    const wsList = wb.worksheets.load('items/name');
    const nameList = wb.names.load('items/name');
    const ruleRanges = RULE_NAMES.map((n) => [n, wb.names.getItem(n).getRange().load('values')] as const);
    const yearRanges = YEAR_KEYS.map((k) =>
      year.sheets[k] ? wb.worksheets.getItem(year.sheets[k]!).getUsedRange(true).load('values,rowIndex,columnIndex') : null,
    );
    try {
      await s.sync();
    } catch (e) {
      if ((e as { code?: string })?.code === 'ItemNotFound' && !(e instanceof Problem)) {
        const have = new Set((safe(() => wsList.items) ?? []).map((x) => lc(x.name)));
        const gone = YEAR_KEYS.map((k) => year.sheets[k]).filter((x): x is string => !!x && !have.has(lc(x)));
        if (gone.length && have.size) throw new Problem(Y.yearChanged, { sheets: gone }, { cause: e });
        throw new Problem(Y.notMonthWorkbook, {}, { details: String((e as Error).message ?? ''), cause: e });
      }
      throw e;
    }
    const now = yearSheetsOf(
      wsList.items.map((x) => x.name),
      year.lang,
    );
    const changed = YEAR_KEYS.filter((k) => !!now[k] !== !!year.sheets[k]).map((k) => now[k] ?? year.sheets[k]!);
    if (changed.length) throw new Problem(Y.yearChanged, { sheets: changed });
    const names = new Map(ruleRanges.map(([n, r]) => [n, r.values as unknown[][]]));
    const month = text(names.get('KPI_MONTH')?.[0]?.[0]);
    const rules = readRulesFromNames(lookupOf(names));
    const grid = (i: number) =>
      yearRanges[i] ? fromA1(yearRanges[i] as unknown as { values: unknown[][]; rowIndex: number; columnIndex: number }) : [];
    const ylang = year.lang;
    const before = year.sheets.ledger ? ledgerRowsOf(grid(0), year.sheets.ledger, ylang) : [];
    const plansRead = year.sheets.plans ? plansSheetOf(grid(1)) : { keys: [], submitted: {} };
    const log = year.sheets.closes ? closesOf(grid(2), ylang) : { closes: [], planDays: DEFAULT_PLAN_DAYS };
    const out = before.filter((r) => r.month === month);
    if (out.length === 0) throw new Problem(Y.notClosed, { month });

    // ---- every row built before anything is written
    const rows = withQuarters(
      before.filter((r) => r.month !== month),
      rules.quarterAward,
    );
    let at = -1;
    log.closes.forEach((c, i) => {
      if (c.month === month && c.status === 'closed') at = i;
    });
    const closes = log.closes.map((c, i) => (i === at ? { ...c, status: 'reopened' as const, reopenedOn: o.today, reason } : c));
    const ledger: Ledger = { rows, closes, submitted: plansRead.submitted, planDays: log.planDays };
    const spec = yearSpec(ledger, ylang, year.sheets);
    const planKeys = plansOf(ledger).map((p) => `${p.month}|${p.id}`);
    const width = (k: YearKey) => Math.max(1, ...grid(YEAR_KEYS.indexOf(k)).map((r) => r.length));
    const firstGone = { ledger: LEDGER_FIRST_ROW + rows.length, plans: PLANS_HEADER_ROW + 1 + planKeys.length };
    const from: Record<YearKey, number> = {
      ledger: LEDGER_FIRST_ROW + firstDiff(before, rows, (a, b) => JSON.stringify(a) === JSON.stringify(b)),
      plans: PLANS_HEADER_ROW + 1 + firstDiff(plansRead.keys, planKeys, (a, b) => a === b),
      // the month's line (a log without it: nothing of the log rewritten but its end)
      closes: CLOSES_HEADER_ROW + 1 + (at >= 0 ? at : log.closes.length),
    };
    const clear: Partial<Record<YearKey, Rect>> = {
      ledger: { r1: firstGone.ledger, c1: 1, r2: LEDGER_FIRST_ROW + before.length - 1, c2: width('ledger') },
      plans: { r1: firstGone.plans, c1: 1, r2: PLANS_HEADER_ROW + plansRead.keys.length, c2: width('plans') },
    };

    // ---- sync 2: write
    await queueYearSheets(wb, new Requests(s, o.requestBudget ?? REQUEST_BUDGET), spec, year, ylang, f, {
      from,
      names: new Set(nameList.items.map((n) => lc(n.name))),
      clear,
    });
    await s.sync();
    return {
      month,
      agents: out.length,
      reason,
      syncs: s.n,
      year: { ...year, month, ledger, planKeys },
    };
  });
}

/**
 * Queues the year sheets' writing, one batch (close's and reopen's last sync): each existing sheet unprotected,
 * written from its row `from` down (the rows above are as read), the rows `clear` names cleared (the ledger's or the
 * plans' rows that a reopened month no longer has), its conditional formats added again over the new extent;
 * a missing sheet created whole; the ledger's names over its rows (L_…) replaced, the others added once; protected.
 */
async function queueYearSheets(
  wb: Excel.Workbook,
  req: Requests,
  spec: WorkbookSpec,
  year: YearState,
  ylang: Lang,
  f: WriterFeatures,
  o: { from: Record<YearKey, number>; names: Set<string>; clear?: Partial<Record<YearKey, Rect>> },
): Promise<{ created: string[] }> {
  const created: string[] = [];
  const sheets = new Map<string, Excel.Worksheet>();
  for (const sh of spec.sheets) {
    const key = sh.key as YearKey;
    if (year.sheets[key]) {
      const ws = wb.worksheets.getItem(sh.name);
      ws.protection.unprotect();
      sheets.set(sh.name, ws);
    } else {
      sheets.set(sh.name, wb.worksheets.add(sh.name));
      created.push(sh.name);
    }
  }
  for (const sh of spec.sheets) {
    const d = describeSheet(sh, ylang);
    const ws = sheets.get(sh.name)!;
    const key = sh.key as YearKey;
    if (year.sheets[key]) {
      const gone = o.clear?.[key];
      if (gone && gone.r2 >= gone.r1) {
        await req.room(2 * OP_BYTES);
        ws.getRange(rectAddress(gone)).clear('All'); // ExcelApi 1.1
      }
      // conditional formats over the rows: cleared and added again over the new extent
      if (f.conditionalFormats && d.conditionalFormats.length) ws.getRange().conditionalFormats.clearAll();
      await queueSheetContent(ws, d, f, req, o.from[key]);
    } else {
      await queueSheetContent(ws, d, f, req);
      queuePageLayout(ws, d, f);
    }
  }
  for (const n of describeNames(spec)) {
    await req.room(2 * OP_BYTES + n.name.length + n.ref.length);
    if (o.names.has(lc(n.name))) {
      if (!n.name.startsWith('L_')) continue;
      wb.names.getItem(n.name).delete();
    }
    wb.names.add(n.name, `=${n.ref}`);
  }
  for (const sh of spec.sheets) if (sh.protect) queueProtection(sheets.get(sh.name)!, f);
  return { created };
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** The year sheets of the ledger book the pane keeps (ledger, plans, months), under the workbook's names for them. */
export function yearSpec(ledger: Ledger, lang: Lang, names: Partial<Record<YearKey, string | null>> = {}): WorkbookSpec {
  const book = buildLedgerWorkbook(ledger, lang);
  const sheets: SheetSpec[] = YEAR_KEYS.map((k) => {
    const sh = book.sheets.find((x) => x.key === k)!;
    return names[k] ? { ...sh, name: names[k]! } : sh;
  });
  const keep = new Set(YEAR_KEYS.map((k) => lc(book.sheets.find((x) => x.key === k)!.name)));
  const rename = (ref: string) => {
    for (const k of YEAR_KEYS) {
      const was = book.sheets.find((x) => x.key === k)!.name;
      const now = names[k];
      if (now && ref.startsWith(`'${was}'!`)) return `'${now.replace(/'/g, "''")}'!${ref.slice(was.length + 3)}`;
      if (now && ref.startsWith(`${was}!`)) return `'${now.replace(/'/g, "''")}'!${ref.slice(was.length + 1)}`;
    }
    return ref;
  };
  const refSheet = (ref: string) => lc(/^'?((?:[^']|'')+?)'?!/.exec(ref)?.[1]?.replace(/''/g, "'") ?? '');
  return {
    ...book,
    sheets,
    names: book.names.filter((n) => keep.has(refSheet(n.ref))).map((n) => ({ ...n, ref: rename(n.ref) })),
  };
}

// ---------------- the next month, the notice ----------------

/** The quarter's earlier months for `month`'s quarter sheet, from the ledger (D10), as `new --ledger` takes them (core/ledger.ts). */
export function historyFromLedger(rows: readonly LedgerRow[], month: string, mode: Rules['quarterMode']) {
  return quarterHistory(rows, month, mode).history;
}

/** The rules, language and formula mode the month's workbook holds (its defined names), in one sync. */
export async function readMonthRules(
  opts: { run?: ExcelRun } = {},
): Promise<{ month: string; lang: Lang; mode: 'kpi' | 'plain'; rules: Rules }> {
  const run = opts.run ?? defaultRun();
  return run(async (context) => {
    const ranges = RULE_NAMES.map((n) => [n, context.workbook.names.getItem(n).getRange().load('values')] as const);
    try {
      await context.sync();
    } catch (e) {
      if ((e as { code?: string })?.code === 'ItemNotFound') throw new Problem(Y.notMonthWorkbook, {}, { cause: e });
      throw e;
    }
    const names = new Map(ranges.map(([n, r]) => [n, r.values as unknown[][]]));
    return {
      month: text(names.get('KPI_MONTH')?.[0]?.[0]),
      lang: text(names.get('KPI_LANG')?.[0]?.[0]) === 'en' ? 'en' : 'zh',
      mode: text(names.get('KPI_MODE')?.[0]?.[0]) === 'plain' ? 'plain' : 'kpi',
      rules: readRulesFromNames(lookupOf(names)),
    };
  });
}

/** A closed month's notice as a sheet of the workbook (`通报 2024-03`, one A4 page), replacing that month's notice. */
export async function insertNotice(
  ledger: Ledger,
  month: string,
  lang: Lang,
  o: { run?: ExcelRun; features?: WriterFeatures; requestBudget?: number } = {},
): Promise<InsertResult> {
  if (!ledgerMonths(ledger.rows).includes(month)) throw new Problem(Y.notClosed, { month });
  const spec = buildNoticeWorkbook(ledger, month, lang);
  const sheet = { ...spec.sheets[0], name: `${spec.sheets[0].name} ${month}` };
  return insertIntoWorkbook(
    { ...spec, sheets: [sheet] },
    { onConflict: 'replace', run: o.run, features: o.features, requestBudget: o.requestBudget },
  );
}
