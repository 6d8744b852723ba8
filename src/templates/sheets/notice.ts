/**
 * The month's notice (月度绩效考核通报 / Performance notice, forms.md 7.0.3, D14): one printed A4 page — the
 * ranking of each kind (pre-sales left, after-sales right: rank, id, name, total, pay, a note), the last two
 * with their improvement plan's due date, the red lines (D3), and the quarter's award and transfer when the
 * month ends a quarter (D10). From the ledger's rows of the month: values, as closed.
 * The page is portrait A4 at the scale at which both its width and its height fit (`printScale`).
 */
import { LedgerRow, addDays, quarterOf } from '../../core/ledger';
import { quarterMonths } from '../../core/month';
import { fitWidthScale } from '../render';
import { Lang } from '../model';
import { Sheet, WORDS as SHARED } from './common';
import { LedgerBook, YearSheetKind, roleWordOf } from './ledger';

const WORDS = {
  zh: {
    sheet: '通报',
    title: (m: string) => `客服部 ${m.slice(0, 4)} 年 ${Number(m.slice(5))} 月绩效考核通报`,
    noticeDate: '通报日期',
    planDue: '整改方案应交日期',
    pre: '售前专员排名',
    after: '售后专员排名',
    note: '备注',
    lastTwo: '后两名(须在通报后一周内提交整改方案)',
    redLines: '红线(上报公司开除处理,当月绩效工资为 0)',
    none: '无',
    quarter: (q: string) => `${q} 季度结果(连续三个月)`,
    quarterOpen: (q: string, last: string) => `${q} 季度结果在 ${last} 关账后公布`,
    award: (n: number) => `第一名 · 季度奖 ${n} 元`,
    transfer: '最后一名 · 考虑调岗',
    red: '红线',
    last: '后两名',
    due: '应交日期',
    sign: '客服部经理签字:',
  },
  en: {
    sheet: 'Notice',
    title: (m: string) => `Customer service: performance notice for ${m}`,
    noticeDate: 'Notice date',
    planDue: 'Improvement plans due',
    pre: 'Pre-sales ranking',
    after: 'After-sales ranking',
    note: 'Note',
    lastTwo: 'Last two (hand in an improvement plan within a week of this notice)',
    redLines: 'Red lines (reported for dismissal; no pay this month)',
    none: 'none',
    quarter: (q: string) => `Quarter ${q} (three months running)`,
    quarterOpen: (q: string, last: string) => `Quarter ${q}: decided when ${last} is closed`,
    award: (n: number) => `first place: quarter award ${n} yuan`,
    transfer: 'last place: considered for a transfer',
    red: 'red line',
    last: 'last two',
    due: 'Due',
    sign: 'Customer service manager:',
  },
} as const;

/** Columns: the pre-sales table in A–F, the after-sales table in H–M. */
const SIDE = 6;
const GAP = 1;

/** A4 portrait's printable height in points at 100% (margins 0.6" top and bottom, DESIGN: render.ts PAGE_MARGINS). */
const PRINTABLE_HEIGHT = 842 - 2 * 0.6 * 72 - 20;

function rankingOf(rows: readonly LedgerRow[]): LedgerRow[] {
  const key = (r: LedgerRow) => (typeof r.rank === 'number' ? r.rank : 1e9);
  return [...rows].sort((a, b) => key(a) - key(b));
}

function build(book: LedgerBook, name: string): Sheet {
  const lang: Lang = book.lang;
  const w = WORDS[lang];
  const s = SHARED[lang];
  const month = book.noticeMonth!;
  const rows = book.ledger.rows.filter((r) => r.month === month);
  const widths = [5, 8, 10, 10, 9, 9, 2, 5, 8, 10, 10, 9, 9];
  const sh = new Sheet('notice', name, widths, false);
  const last = 1 + SIDE + GAP + SIDE - 1;
  const notice = rows[0]?.notice ?? '';
  const due = notice ? addDays(notice, book.ledger.planDays) : '';
  sh.setAcross(1, 1, last, 'title', { value: w.title(month) });
  sh.setAcross(2, 1, last, 'note', { value: `${w.noticeDate}: ${notice}    ${w.planDue}: ${due}` });
  let r = 4;
  const table = (col: number, title: string, list: LedgerRow[]) => {
    sh.setAcross(r, col, col + SIDE - 1, 'section', { value: title }, true);
    sh.setRow(r + 1, 'header', [s.rank, s.id, s.name, SHARED[lang].composite, lang === 'zh' ? '绩效工资' : 'Pay', w.note], col);
    list.forEach((a, i) => {
      const row = r + 2 + i;
      const note = [a.redLines > 0 ? w.red : '', a.bottom ? w.last : ''].filter(Boolean).join(', ');
      sh.set(row, col, 'formula', { value: a.rank === '' ? null : a.rank });
      sh.set(row, col + 1, 'text', { value: a.id });
      sh.set(row, col + 2, 'text', { value: a.name });
      sh.set(row, col + 3, 'score', { value: a.total });
      sh.set(row, col + 4, 'money', { value: a.pay });
      sh.set(row, col + 5, 'text', { value: note || null });
    });
    return r + 2 + Math.max(1, list.length);
  };
  const pre = rankingOf(rows.filter((a) => a.role === 'pre-sales'));
  const after = rankingOf(rows.filter((a) => a.role === 'after-sales'));
  const end = Math.max(table(1, w.pre, pre), table(1 + SIDE + GAP, w.after, after));
  const highlights: number[] = [];
  for (const [i, a] of [...pre.entries()]) if (a.redLines > 0) highlights.push(r + 2 + i);
  r = end + 1;

  // the last two and their plans
  sh.setAcross(r, 1, last, 'section', { value: w.lastTwo }, true);
  r++;
  const bottom = rows.filter((a) => a.bottom);
  if (bottom.length === 0) sh.setAcross(r++, 1, last, 'text', { value: w.none }, true);
  for (const a of bottom) {
    sh.setAcross(r, 1, 3, 'text', { value: `${roleWordOf(lang, a.role)}  ${a.id} ${a.name}` }, true);
    sh.setAcross(r, 4, 6, 'text', { value: `${s.bottomRank} ${a.bottomRank}` }, true);
    sh.set(r, 7, 'text', { value: null });
    sh.setAcross(
      r,
      8,
      10,
      'text',
      { value: `${SHARED[lang].composite} ${typeof a.total === 'number' ? a.total.toFixed(2) : a.total}` },
      true,
    );
    sh.setAcross(r, 11, last, 'text', { value: `${w.due} ${due}` }, true);
    r++;
  }
  r++;
  // red lines
  sh.setAcross(r, 1, last, 'section', { value: w.redLines }, true);
  r++;
  const red = rows.filter((a) => a.redLines > 0);
  if (red.length === 0) sh.setAcross(r++, 1, last, 'text', { value: w.none }, true);
  for (const a of red)
    sh.setAcross(
      r++,
      1,
      last,
      'text',
      { value: `${a.id} ${a.name} (${roleWordOf(lang, a.role)}): ${s.redLines} ${a.redLines} · ${s.flagRed}` },
      true,
    );
  r++;
  // the quarter
  const q = quarterOf(month);
  const months = quarterMonths(month, 'calendar');
  const decided = months[2] === month;
  sh.setAcross(r, 1, last, 'section', { value: decided ? w.quarter(q) : w.quarterOpen(q, months[2]) }, true);
  r++;
  if (decided) {
    const awarded = rows.filter((a) => a.quarter === 'award');
    const moved = rows.filter((a) => a.quarter === 'transfer');
    if (awarded.length + moved.length === 0) sh.setAcross(r++, 1, last, 'text', { value: w.none }, true);
    for (const a of awarded)
      sh.setAcross(r++, 1, last, 'text', { value: `${a.id} ${a.name} (${roleWordOf(lang, a.role)}): ${w.award(a.award)}` }, true);
    for (const a of moved)
      sh.setAcross(r++, 1, last, 'text', { value: `${a.id} ${a.name} (${roleWordOf(lang, a.role)}): ${w.transfer}` }, true);
  }
  r++;
  sh.setAcross(r, 8, last, 'label', { value: w.sign });
  sh.spec.printArea = `A1:M${r}`;
  sh.spec.protect = true;
  // one A4 page: the scale at which both the width and the rows fit
  const heights = r * 15 + 10;
  sh.spec.printScale = Math.max(10, Math.min(fitWidthScale(sh.spec), Math.floor((PRINTABLE_HEIGHT / heights) * 100)));
  return sh;
}

export const notice: YearSheetKind<'notice'> = { key: 'notice', words: WORDS, build };
