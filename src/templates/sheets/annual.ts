/**
 * The annual review (年终考评 / Annual, forms.md D15) and the quarters (季度结果 / Quarters, D10) of the ledger.
 *
 * Annual: per agent of the year, formulas over the ledger's rows (the defined names `L_…`, ledger.ts) so that any
 * spreadsheet recalculates them — months evaluated, average total, best and worst month with their totals, times
 * in the last two, red lines, quarter awards, transfer flags, total pay — then the year's twelve monthly totals
 * with an in-cell data bar each (0–100: the trend at a glance, comparable between agents), and under them the
 * team's distribution by month (agents evaluated, average, lowest, highest, and how many in each band of ten
 * points, with data bars). The year (C2) is the one the sheet was written for.
 * The sheet and the ledger's rows are written together (a close rewrites both), so each agent's month is read at
 * its own row — `INDEX(L_TOTAL,k)`, k its place among the ledger's rows — and the agent's figures are over those
 * twelve cells at most: no formula scans the ledger. (COUNTIFS/SUMIFS per agent over every ledger row, 31 of them
 * per agent, were 500 × 6,000 × 31 comparisons at 500 agents × 12 months: LibreOffice took 6 s to recalculate.)
 * Excel 2016 evaluates every formula (no MAXIFS/MINIFS, which are Excel 2019+ and show #NAME? in 2016): the best and
 * worst totals are MAX/MIN over the agent's twelve monthly totals on the same row (a month without a row is an
 * empty cell, which MAX and MIN ignore), their month the first of the twelve holding that total (MATCH), so the
 * earliest; the average is over the months with a number (D15: incomplete months excluded), the months evaluated
 * every month with a row (COUNTA); the team's distribution reads the same columns (the agents of the year). No
 * array formulas either: LibreOffice and HyperFormula evaluate them as Excel does. No annual formula is invented beyond D15.
 */
import { annualOf, quartersOf } from '../../core/ledger';
import { addr, colName } from '../model';
import { Sheet, WORDS as SHARED } from './common';
import { LedgerBook, YEAR_WORDS, YearSheetKind, roleWordOf } from './ledger';

const WORDS = {
  zh: {
    sheet: '年终考评',
    title: '年终考评(月度结果汇总,D15)',
    year: '年份',
    months: '考核月数',
    average: '平均得分',
    bestMonth: '最好月份',
    best: '最高得分',
    worstMonth: '最差月份',
    worst: '最低得分',
    lastTwo: '后两名次数',
    redLines: '红线次数',
    awards: '季度奖次数',
    transfers: '调岗提示次数',
    pay: '绩效工资合计(元)',
    monthShort: (m: number) => `${m}月`,
    distribution: '团队分布(按月)',
    evaluated: '考核人数',
    lowest: '最低分',
    highest: '最高分',
    band: (lo: number | null, hi: number | null) => (lo === null ? `<${hi}` : hi === null ? `≥${lo}` : `${lo}–${hi}`),
  },
  en: {
    sheet: 'Annual',
    title: 'Annual review (the monthly results, D15)',
    year: 'Year',
    months: 'Months',
    average: 'Average',
    bestMonth: 'Best month',
    best: 'Best total',
    worstMonth: 'Worst month',
    worst: 'Worst total',
    lastTwo: 'Times in last two',
    redLines: 'Red lines',
    awards: 'Quarter awards',
    transfers: 'Transfer flags',
    pay: 'Total pay (yuan)',
    monthShort: (m: number) => ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1],
    distribution: 'Team distribution by month',
    evaluated: 'Evaluated',
    lowest: 'Lowest',
    highest: 'Highest',
    band: (lo: number | null, hi: number | null) => (lo === null ? `<${hi}` : hi === null ? `≥${lo}` : `${lo}–${hi}`),
  },
} as const;

/** The annual sheet's columns; the twelve months' totals from TREND0. */
export const ANNUAL_COLS = {
  id: 1,
  name: 2,
  role: 3,
  months: 4,
  average: 5,
  bestMonth: 6,
  best: 7,
  worstMonth: 8,
  worst: 9,
  lastTwo: 10,
  redLines: 11,
  awards: 12,
  transfers: 13,
  pay: 14,
  trend0: 15,
} as const;
export const ANNUAL_YEAR_CELL = 'C2';
export const ANNUAL_HEADER_ROW = 4;
const BANDS: Array<[number | null, number | null]> = [
  [null, 60],
  [60, 70],
  [70, 80],
  [80, 90],
  [90, null],
];

function build(book: LedgerBook, name: string): Sheet {
  const { lang } = book;
  const w = WORDS[lang];
  const s = SHARED[lang];
  const C = ANNUAL_COLS;
  const widths = [10, 12, 8, 7, 9, 9, 9, 9, 9, 8, 8, 8, 8, 12, ...Array.from({ length: 12 }, () => 7)];
  const sh = new Sheet('annual', name, widths, true);
  sh.setAcross(1, 1, 14, 'title', { value: w.title });
  sh.set(2, 1, 'label', { value: w.year });
  // the year the rows below were picked for: not an input (another year's months are other rows of the ledger)
  sh.set(2, 3, 'formula', { value: book.year });
  const Y = `$C$2`;
  sh.setRow(ANNUAL_HEADER_ROW, 'header', [
    s.id,
    s.name,
    s.role,
    w.months,
    w.average,
    w.bestMonth,
    w.best,
    w.worstMonth,
    w.worst,
    w.lastTwo,
    w.redLines,
    w.awards,
    w.transfers,
    w.pay,
    ...Array.from({ length: 12 }, (_, i) => w.monthShort(i + 1)),
  ]);
  // each agent's months of the year: its place k among the ledger's rows (L_… names start at the first row), by month
  const prefix = `${String(book.year).padStart(4, '0')}-`;
  const places = new Map<string, Array<[number, number]>>();
  book.ledger.rows.forEach((row, i) => {
    if (!row.month.startsWith(prefix)) return;
    (places.get(row.id) ?? places.set(row.id, []).get(row.id)!).push([Number(row.month.slice(5, 7)), i + 1]);
  });
  const agents = annualOf(book.ledger.rows, book.year);
  agents.forEach((a, i) => {
    const r = ANNUAL_HEADER_ROW + 1 + i;
    sh.set(r, C.id, 'text', { value: a.id });
    sh.set(r, C.name, 'text', { value: a.name });
    sh.set(r, C.role, 'text', { value: roleWordOf(lang, a.role) });
    const at = (places.get(a.id) ?? []).sort((x, y) => x[0] - y[0]);
    const trend = `${addr(r, C.trend0)}:${addr(r, C.trend0 + 11)}`;
    const each = (f: (ref: string) => string, name: string) => at.map(([, k]) => f(`INDEX(${name},${k})`));
    // the cells in column order (the .xlsx writer takes a row as it is given; out of order it sorts it)
    const months = addr(r, C.months);
    sh.set(r, C.months, 'formula', { formula: `COUNTA(${trend})` });
    sh.set(r, C.average, 'points', { formula: `IF(COUNT(${trend})=0,"",SUM(${trend})/COUNT(${trend}))` });
    // best and worst over the twelve; their month the earliest holding that total (MATCH: the first of the twelve)
    const monthOf = (v: string) => `IF(${months}=0,"",${Y}&"-"&TEXT(MATCH(${v},${trend},0),"00"))`;
    sh.set(r, C.bestMonth, 'formula', { formula: monthOf(addr(r, C.best)) });
    sh.set(r, C.best, 'points', { formula: `IF(${months}=0,"",MAX(${trend}))` });
    sh.set(r, C.worstMonth, 'formula', { formula: monthOf(addr(r, C.worst)) });
    sh.set(r, C.worst, 'points', { formula: `IF(${months}=0,"",MIN(${trend}))` });
    // counts as sums of comparisons (0+: a number even for one month), sums as SUM of the agent's cells
    const count = (name: string, is: string) => ['0', ...each((ref) => `(${ref}=${is})`, name)].join('+');
    const sum = (name: string) => (at.length === 0 ? '0' : `SUM(${each((ref) => ref, name).join(',')})`);
    sh.set(r, C.lastTwo, 'formula', { formula: count('L_BOTTOM', 'TRUE()') });
    sh.set(r, C.redLines, 'formula', { formula: sum('L_RED') });
    sh.set(r, C.awards, 'formula', { formula: count('L_QUARTER', `"${YEAR_WORDS[lang].award}"`) });
    sh.set(r, C.transfers, 'formula', { formula: count('L_QUARTER', `"${YEAR_WORDS[lang].transfer}"`) });
    sh.set(r, C.pay, 'money', { formula: sum('L_PAY') });
    // the twelve monthly totals: the agent's row of the month, or an empty cell for a month without one
    const month = new Map(at);
    for (let m = 1; m <= 12; m++) {
      const k = month.get(m);
      sh.set(r, C.trend0 + m - 1, 'points', k === undefined ? { value: null } : { formula: `INDEX(L_TOTAL,${k})` });
    }
  });
  const lastAgentRow = ANNUAL_HEADER_ROW + Math.max(1, agents.length);
  if (agents.length > 0)
    sh.spec.conditionalFormats.push({
      range: `${colName(C.trend0)}${ANNUAL_HEADER_ROW + 1}:${colName(C.trend0 + 11)}${lastAgentRow}`,
      formula: '',
      fill: '5B9BD5',
      dataBar: { min: 0, max: 100 },
    });

  // the team's distribution by month
  const top = lastAgentRow + 2;
  sh.setAcross(top, 1, 10, 'section', { value: w.distribution }, true);
  sh.setRow(top + 1, 'header', [
    YEAR_WORDS[lang].month,
    w.evaluated,
    w.average,
    w.lowest,
    w.highest,
    ...BANDS.map(([lo, hi]) => w.band(lo, hi)),
  ]);
  const firstAgentRow = ANNUAL_HEADER_ROW + 1;
  for (let m = 1; m <= 12; m++) {
    const r = top + 1 + m;
    // the month's totals of the agents above (its trend column): "" where an agent has none, which COUNT, AVERAGE,
    // MIN, MAX and COUNTIFS leave out
    const col = colName(C.trend0 + m - 1);
    const totals = `$${col}$${firstAgentRow}:$${col}$${lastAgentRow}`;
    sh.set(r, 1, 'formula', { formula: `${Y}&"-${String(m).padStart(2, '0')}"` });
    const n = sh.set(r, 2, 'formula', { formula: `COUNT(${totals})` });
    sh.set(r, 3, 'points', { formula: `IF(${n}=0,"",AVERAGE(${totals}))` });
    sh.set(r, 4, 'points', { formula: `IF(${n}=0,"",MIN(${totals}))` });
    sh.set(r, 5, 'points', { formula: `IF(${n}=0,"",MAX(${totals}))` });
    BANDS.forEach(([lo, hi], j) => {
      const crit = [lo === null ? null : `${totals},">=${lo}"`, hi === null ? null : `${totals},"<${hi}"`].filter(Boolean).join(',');
      sh.set(r, 6 + j, 'formula', { formula: `COUNTIFS(${crit})` });
    });
  }
  sh.spec.conditionalFormats.push(
    { range: `C${top + 2}:C${top + 13}`, formula: '', fill: '70AD47', dataBar: { min: 0, max: 100 } },
    { range: `F${top + 2}:J${top + 13}`, formula: '', fill: 'ED7D31', dataBar: { min: 0, max: 'max' } },
  );
  sh.spec.freezeRows = ANNUAL_HEADER_ROW;
  sh.spec.printTitleRows = `${ANNUAL_HEADER_ROW}:${ANNUAL_HEADER_ROW}`;
  return sh;
}

export const annual: YearSheetKind<'annual'> = { key: 'annual', words: WORDS, build };

// ---------------- quarters ----------------

const QUARTER_WORDS = {
  zh: {
    sheet: '季度结果',
    title: '季度结果(连续三个月第一名奖励,最后一名考虑调岗,D10)',
    quarter: '季度',
    months: '已关账月份',
    award: '季度奖',
    transfer: '考虑调岗',
  },
  en: {
    sheet: 'Quarters',
    title: 'Quarters (first three months running: award; last: considered for a transfer, D10)',
    quarter: 'Quarter',
    months: 'Months closed',
    award: 'Award',
    transfer: 'Transfer',
  },
} as const;

function buildQuarters(book: LedgerBook, name: string): Sheet {
  const w = QUARTER_WORDS[book.lang];
  const sh = new Sheet('quarters', name, [10, 26, 40, 40]);
  sh.setAcross(1, 1, 4, 'title', { value: w.title });
  sh.setRow(3, 'header', [w.quarter, w.months, w.award, w.transfer]);
  const names = new Map(book.ledger.rows.map((r) => [r.id, r.name]));
  const who = (ids: string[]) => ids.map((id) => `${id} ${names.get(id) ?? ''}`.trim()).join(', ') || '—';
  quartersOf(book.ledger.rows).forEach((q, i) => {
    sh.setRow(4 + i, 'wrap', [q.quarter, q.months.join(', '), who(q.award), who(q.transfer)]);
  });
  sh.spec.freezeRows = 3;
  return sh;
}

export const quarters: YearSheetKind<'quarters'> = { key: 'quarters', words: QUARTER_WORDS, build: buildQuarters };
