/**
 * The ledger (台账 / Ledger, forms.md D13–D15): one row per agent and closed month — month, id, name, kind,
 * group, item scores, total, rank, rank from the bottom, last two, red lines, pay, the quarter's result and
 * award (D10, from the ledger's months), flags, notice date, the agent's inputs as closed and the fingerprint of
 * the month's inputs — and the log of closes (月份 / Months: who closed what, reopenings with their reason).
 * Values, not formulas: a closed month is frozen (D13). The annual review (annual.ts) and the plans
 * (plans.ts) read the rows through the defined names `L_…` this sheet gives.
 *
 * The year's sheets are kinds of their own (`YearSheetKind`, registry.ts `YEAR_SHEET_KINDS`), built from the
 * ledger (`LedgerBook`) rather than a month; the ledger workbook of the CLI is these sheets, and a pane can insert
 * the same sheets into a supervisor's workbook (both writers render a `SheetSpec`, templates/render.ts).
 */
import { LEDGER_ITEMS, Ledger, LedgerClose, LedgerRow } from '../../core/ledger';
import { dateSerial, serialDate } from '../../core/records';
import { CellSpec, DefinedNameSpec, Lang, Role, SheetKey, StyleName, colName } from '../model';
import { Bilingual, KindWords, Sheet, WORDS as SHARED } from './common';

/** What the year's sheets are built from: the ledger (rows with their quarter results) and the year reviewed. */
export interface LedgerBook {
  ledger: Ledger;
  /** the annual review's year */
  year: number;
  /** the quarter award in yuan (D10) */
  award: number;
  lang: Lang;
  /** the workbook's defined names: each sheet adds its own */
  names: DefinedNameSpec[];
  /** the names the sheets of the book have (the ledger's, for the other sheets' formulas) */
  sheetName(key: SheetKey): string;
  /** the month of the notice (notice.ts), YYYY-MM */
  noticeMonth?: string;
  /** the ledger sheet without its rows' cells (names and formats sized for them): the .xlsx writer renders them itself (ledgerRowCells) */
  rowsApart?: boolean;
}

/** A sheet kind of the year: built from the ledger, not from a month. */
export interface YearSheetKind<K extends SheetKey = SheetKey> {
  key: K;
  words: Bilingual<KindWords>;
  build(book: LedgerBook, name: string): Sheet;
}

/** Words of the year's sheets that several of them show. */
export const YEAR_WORDS = {
  zh: {
    month: '月份',
    total: '综合得分',
    pay: '绩效工资(元)',
    lastTwo: '后两名',
    quarter: '季度结果',
    flags: '标记',
    notice: '通报日期',
    inputs: '录入值',
    fingerprint: '录入指纹',
    yes: '是',
    award: '季度奖',
    transfer: '调岗',
    flagWords: {
      'red-line': '红线',
      'last-two': '后两名',
      incomplete: '未完成',
      'quarter-award': '季度奖',
      transfer: '调岗',
      error: '错误',
    } as Record<string, string>,
  },
  en: {
    month: 'Month',
    total: 'Total',
    pay: 'Pay (yuan)',
    lastTwo: 'Last two',
    quarter: 'Quarter',
    flags: 'Flags',
    notice: 'Notice date',
    inputs: 'Inputs',
    fingerprint: 'Fingerprint',
    yes: 'yes',
    award: 'award',
    transfer: 'transfer',
    flagWords: {
      'red-line': 'red line',
      'last-two': 'last two',
      incomplete: 'incomplete',
      'quarter-award': 'quarter award',
      transfer: 'transfer',
      error: 'error',
    } as Record<string, string>,
  },
} as const;

const WORDS = {
  zh: { sheet: '台账', title: '绩效考核台账' },
  en: { sheet: 'Ledger', title: 'Performance ledger' },
} as const;

/** The ledger sheet's columns (1-based); items in LEDGER_ITEMS order from ITEM0. */
export const LEDGER_COLS = {
  month: 1,
  key: 2,
  id: 3,
  name: 4,
  role: 5,
  group: 6,
  item0: 7,
  total: 7 + LEDGER_ITEMS.length,
  rank: 8 + LEDGER_ITEMS.length,
  bottomRank: 9 + LEDGER_ITEMS.length,
  bottom: 10 + LEDGER_ITEMS.length,
  redLines: 11 + LEDGER_ITEMS.length,
  pay: 12 + LEDGER_ITEMS.length,
  quarter: 13 + LEDGER_ITEMS.length,
  award: 14 + LEDGER_ITEMS.length,
  flags: 15 + LEDGER_ITEMS.length,
  notice: 16 + LEDGER_ITEMS.length,
  inputs: 17 + LEDGER_ITEMS.length,
  fingerprint: 18 + LEDGER_ITEMS.length,
} as const;
export const LEDGER_LAST_COL = LEDGER_COLS.fingerprint;
/** The header row; rows start below it. */
export const LEDGER_HEADER_ROW = 1;
export const LEDGER_FIRST_ROW = 2;

/** The month as a number, YYYYMM: what the annual review's criteria compare (text months do not compare in COUNTIFS). */
export const monthKey = (month: string): number => Number(month.slice(0, 4)) * 100 + Number(month.slice(5, 7));

/** The ledger sheet's column headers in a language. */
export function ledgerHeaders(lang: Lang): string[] {
  const s = SHARED[lang];
  const y = YEAR_WORDS[lang];
  return [
    y.month,
    lang === 'zh' ? '月份代码' : 'Month key',
    s.id,
    s.name,
    s.role,
    s.group,
    ...LEDGER_ITEMS,
    y.total,
    s.rank,
    s.bottomRank,
    y.lastTwo,
    s.redLines,
    y.pay,
    y.quarter,
    s.award,
    y.flags,
    y.notice,
    y.inputs,
    y.fingerprint,
  ];
}

export const roleWordOf = (lang: Lang, role: Role): string =>
  role === 'pre-sales' ? SHARED[lang].preSalesRole : SHARED[lang].afterSalesRole;
export const quarterWordOf = (lang: Lang, q: LedgerRow['quarter']): string => (q === '' ? '' : YEAR_WORDS[lang][q]);
export const flagsTextOf = (lang: Lang, flags: readonly string[]): string =>
  flags.map((f) => YEAR_WORDS[lang].flagWords[f] ?? f).join(', ');

/** The defined names over the ledger's rows (at least one row, so that an empty ledger's formulas still refer to cells). */
export const LEDGER_NAMES = {
  L_KEY: LEDGER_COLS.key,
  L_ID: LEDGER_COLS.id,
  L_TOTAL: LEDGER_COLS.total,
  L_BOTTOM: LEDGER_COLS.bottom,
  L_RED: LEDGER_COLS.redLines,
  L_PAY: LEDGER_COLS.pay,
  L_QUARTER: LEDGER_COLS.quarter,
} as const;

/** A notice day's serial: the same few days on 6,000 rows (dateSerial splits and parses each). */
const serials = new Map<string, number>();
const noticeSerial = (day: string): number => serials.get(day) ?? serials.set(day, dateSerial(day)).get(day)!;

/**
 * One ledger row's cells in column order, each given to `cell` (column, style, value): the ledger sheet's rows, and
 * the same rows rendered straight to SpreadsheetML by `kpi-forms close` (xlsx/ledger-write.ts), 6,000 of them at 500 × 12.
 */
export function ledgerRowCells(r: LedgerRow, lang: Lang, cell: (col: number, style: StyleName, value: CellSpec['value']) => void): void {
  const C = LEDGER_COLS;
  cell(C.month, 'text', r.month);
  cell(C.key, 'formula', monthKey(r.month));
  cell(C.id, 'text', r.id);
  cell(C.name, 'text', r.name);
  cell(C.role, 'text', roleWordOf(lang, r.role));
  cell(C.group, 'text', r.group);
  LEDGER_ITEMS.forEach((code, j) => {
    const v = r.items[code];
    if (v === undefined) cell(C.item0 + j, 'text', null);
    else cell(C.item0 + j, typeof v === 'number' ? 'points' : 'text', v);
  });
  cell(C.total, 'score', r.total);
  cell(C.rank, 'formula', r.rank === '' ? null : r.rank);
  cell(C.bottomRank, 'formula', r.bottomRank === '' ? null : r.bottomRank);
  cell(C.bottom, 'flag', r.bottom);
  cell(C.redLines, 'formula', r.redLines);
  cell(C.pay, 'money', r.pay);
  cell(C.quarter, 'formula', quarterWordOf(lang, r.quarter) || null);
  cell(C.award, 'award', r.award);
  cell(C.flags, 'text', flagsTextOf(lang, r.flags) || null);
  cell(C.notice, 'date', noticeSerial(r.notice));
  cell(C.inputs, 'text', r.inputs || null);
  cell(C.fingerprint, 'text', r.fingerprint);
}

function build(book: LedgerBook, name: string): Sheet {
  const { lang } = book;
  const C = LEDGER_COLS;
  const widths = [9, 9, 10, 12, 8, 10, ...LEDGER_ITEMS.map(() => 7.5), 9, 6, 8, 7, 7, 11, 9, 11, 18, 11, 30, 18];
  const sh = new Sheet('ledger', name, widths, true);
  sh.setRow(LEDGER_HEADER_ROW, 'header', ledgerHeaders(lang));
  const rows = book.ledger.rows;
  if (!book.rowsApart)
    rows.forEach((r, i) => ledgerRowCells(r, lang, (col, style, value) => sh.set(LEDGER_FIRST_ROW + i, col, style, { value })));
  const last = LEDGER_FIRST_ROW + Math.max(1, rows.length) - 1;
  for (const [n, col] of Object.entries(LEDGER_NAMES)) book.names.push({ name: n, ref: sh.range(LEDGER_FIRST_ROW, col, last, col) });
  const end = LEDGER_FIRST_ROW + rows.length - 1;
  // the last two and red lines stand out as on the summary
  if (rows.length > 0) {
    const lastCol = colName(LEDGER_LAST_COL);
    sh.spec.conditionalFormats.push(
      {
        range: `A${LEDGER_FIRST_ROW}:${lastCol}${end}`,
        formula: `$${colName(C.redLines)}${LEDGER_FIRST_ROW}>0`,
        fill: 'FFC7CE',
        color: '9C0006',
      },
      { range: `A${LEDGER_FIRST_ROW}:${lastCol}${end}`, formula: `$${colName(C.bottom)}${LEDGER_FIRST_ROW}=TRUE`, fill: 'FFEB9C' },
    );
  }
  sh.spec.freezeRows = LEDGER_HEADER_ROW;
  sh.spec.printTitleRows = `${LEDGER_HEADER_ROW}:${LEDGER_HEADER_ROW}`;
  sh.spec.hiddenColumns = [C.key];
  return sh;
}

export const ledger: YearSheetKind<'ledger'> = { key: 'ledger', words: WORDS, build };

// ---------------- the log of closes ----------------

const CLOSES_WORDS = {
  zh: {
    sheet: '月份',
    title: '已关账月份',
    status: '状态',
    closed: '已关账',
    reopened: '已重开',
    closedOn: '关账日期',
    agents: '人数',
    source: '来源工作簿',
    reopenedOn: '重开日期',
    reason: '重开原因',
    planDays: '整改方案期限(天,通报后)',
  },
  en: {
    sheet: 'Months',
    title: 'Closed months',
    status: 'Status',
    closed: 'closed',
    reopened: 'reopened',
    closedOn: 'Closed on',
    agents: 'Agents',
    source: 'From workbook',
    reopenedOn: 'Reopened on',
    reason: 'Reason for reopening',
    planDays: 'Improvement plan due (days after the notice)',
  },
} as const;

/** The log's columns and rows: the plan rule's cell (PLAN_DAYS) on row 2, the header on row 4. */
export const CLOSES_COLS = {
  month: 1,
  status: 2,
  closedOn: 3,
  notice: 4,
  agents: 5,
  fingerprint: 6,
  source: 7,
  reopenedOn: 8,
  reason: 9,
} as const;
export const CLOSES_HEADER_ROW = 4;
export const PLAN_DAYS_CELL = { row: 2, col: 4 } as const;
/** The defined name marking a ledger workbook (a cell holding its language, `zh` or `en`). */
export const LEDGER_MARK = 'KPI_LEDGER';

export const closesHeaders = (lang: Lang): string[] => {
  const w = CLOSES_WORDS[lang];
  const y = YEAR_WORDS[lang];
  return [y.month, w.status, w.closedOn, y.notice, w.agents, y.fingerprint, w.source, w.reopenedOn, w.reason];
};
export const closeStatusWord = (lang: Lang, s: LedgerClose['status']): string => CLOSES_WORDS[lang][s];

const cellText = (v: unknown): string =>
  v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
const cellDay = (v: unknown): string => (typeof v === 'number' ? serialDate(v) : cellText(v));

/**
 * A row of the months log read back (the pane's values and the file's cells alike: `v` gives a column's value,
 * a day as a serial number or a date); null for a row without a month.
 */
export function closeOfRow(v: (col: number) => unknown, lang: Lang): LedgerClose | null {
  const K = CLOSES_COLS;
  const month = cellText(v(K.month));
  if (month === '') return null;
  return {
    month,
    status: cellText(v(K.status)) === closeStatusWord(lang, 'reopened') ? 'reopened' : 'closed',
    closedOn: cellDay(v(K.closedOn)),
    notice: cellDay(v(K.notice)),
    agents: Number(v(K.agents)) || 0,
    fingerprint: cellText(v(K.fingerprint)),
    source: cellText(v(K.source)),
    reopenedOn: cellDay(v(K.reopenedOn)),
    reason: cellText(v(K.reason)),
  };
}

function buildCloses(book: LedgerBook, name: string): Sheet {
  const { lang } = book;
  const w = CLOSES_WORDS[lang];
  const C = CLOSES_COLS;
  const sh = new Sheet('closes', name, [9, 9, 11, 11, 7, 18, 24, 11, 40]);
  sh.setAcross(1, 1, 6, 'title', { value: w.title });
  // the ledger's language, marked by name: what tells a ledger from any workbook
  const mark = sh.set(1, 9, 'note', { value: lang });
  book.names.push({ name: LEDGER_MARK, ref: sh.q(mark) });
  sh.setAcross(PLAN_DAYS_CELL.row, 1, PLAN_DAYS_CELL.col - 1, 'label', { value: w.planDays });
  const days = sh.set(PLAN_DAYS_CELL.row, PLAN_DAYS_CELL.col, 'rule', {
    value: book.ledger.planDays,
    validation: {
      type: 'whole',
      min: 0,
      max: 366,
      prompt: lang === 'zh' ? '通报后几天内提交整改方案(D14)' : 'Days after the notice a plan is due (D14)',
      error: lang === 'zh' ? '请输入 0–366 的整数' : 'Enter a whole number 0–366',
    },
  });
  book.names.push({ name: 'PLAN_DAYS', ref: sh.q(days) });
  sh.setRow(CLOSES_HEADER_ROW, 'header', closesHeaders(lang));
  book.ledger.closes.forEach((c, i) => {
    const r = CLOSES_HEADER_ROW + 1 + i;
    sh.set(r, C.month, 'text', { value: c.month });
    sh.set(r, C.status, 'text', { value: closeStatusWord(lang, c.status) });
    sh.set(r, C.closedOn, 'date', { value: dateSerial(c.closedOn) });
    sh.set(r, C.notice, 'date', { value: dateSerial(c.notice) });
    sh.set(r, C.agents, 'formula', { value: c.agents });
    sh.set(r, C.fingerprint, 'text', { value: c.fingerprint });
    sh.set(r, C.source, 'text', { value: c.source });
    sh.set(r, C.reopenedOn, 'date', { value: c.reopenedOn ? dateSerial(c.reopenedOn) : null });
    sh.set(r, C.reason, 'wrap', { value: c.reason || null });
  });
  sh.spec.freezeRows = CLOSES_HEADER_ROW;
  return sh;
}

export const closes: YearSheetKind<'closes'> = { key: 'closes', words: CLOSES_WORDS, build: buildCloses };
