/**
 * Improvement plans (整改方案 / Plans, forms.md D14): each last two of a closed month, the notice date, the
 * due date (the notice + PLAN_DAYS, the log sheet's rule, default 7 days) and the date the plan was handed in,
 * typed here (the one input of the ledger workbook). A plan not handed in by its due date is highlighted
 * (a conditional format against TODAY(), so it turns red on the day it is overdue) and says so in its status.
 */
import { plansOf } from '../../core/ledger';
import { dateSerial } from '../../core/records';
import { addr, colName } from '../model';
import { Sheet, WORDS as SHARED } from './common';
import { LedgerBook, YEAR_WORDS, YearSheetKind, roleWordOf } from './ledger';

const WORDS = {
  zh: {
    sheet: '整改方案',
    title: '整改方案(每月后两名,D14)',
    due: '应交日期',
    submitted: '提交日期',
    status: '状态',
    overdue: '逾期',
    pending: '待提交',
    late: '逾期提交',
    done: '已提交',
    prompt: '整改方案的提交日期(年-月-日)',
    error: '请输入日期,例如 2024-04-08',
  },
  en: {
    sheet: 'Plans',
    title: 'Improvement plans (the last two of each month, D14)',
    due: 'Due',
    submitted: 'Submitted',
    status: 'Status',
    overdue: 'overdue',
    pending: 'pending',
    late: 'submitted late',
    done: 'submitted',
    prompt: 'The day the improvement plan was handed in (yyyy-mm-dd)',
    error: 'Enter a date, e.g. 2024-04-08',
  },
} as const;

export const PLANS_COLS = {
  month: 1,
  id: 2,
  name: 3,
  role: 4,
  group: 5,
  bottomRank: 6,
  notice: 7,
  due: 8,
  submitted: 9,
  status: 10,
} as const;
export const PLANS_HEADER_ROW = 3;

function build(book: LedgerBook, name: string): Sheet {
  const { lang } = book;
  const w = WORDS[lang];
  const s = SHARED[lang];
  const C = PLANS_COLS;
  const sh = new Sheet('plans', name, [9, 10, 12, 8, 10, 8, 11, 11, 11, 12]);
  sh.setAcross(1, 1, 10, 'title', { value: w.title });
  sh.setRow(PLANS_HEADER_ROW, 'header', [
    YEAR_WORDS[lang].month,
    s.id,
    s.name,
    s.role,
    s.group,
    s.bottomRank,
    YEAR_WORDS[lang].notice,
    w.due,
    w.submitted,
    w.status,
  ]);
  const plans = plansOf(book.ledger);
  plans.forEach((p, i) => {
    const r = PLANS_HEADER_ROW + 1 + i;
    sh.setRow(r, 'text', [p.month, p.id, p.name, roleWordOf(lang, p.role), p.group]);
    sh.set(r, C.bottomRank, 'formula', { value: p.bottomRank === '' ? null : p.bottomRank });
    const notice = sh.set(r, C.notice, 'date', { value: dateSerial(p.notice) });
    const due = sh.set(r, C.due, 'date', { formula: `${notice}+PLAN_DAYS` });
    const sub = sh.set(r, C.submitted, 'inputDate', {
      value: p.submitted ? dateSerial(p.submitted) : null,
      validation: { type: 'custom', formula: `ISNUMBER(${addr(r, C.submitted)})`, prompt: w.prompt, error: w.error, shared: 'submitted' },
    });
    sh.set(r, C.status, 'text', {
      formula: `IF(ISBLANK(${sub}),IF(TODAY()>${due},"${w.overdue}","${w.pending}"),IF(${sub}>${due},"${w.late}","${w.done}"))`,
    });
  });
  if (plans.length > 0) {
    const first = PLANS_HEADER_ROW + 1;
    const end = PLANS_HEADER_ROW + plans.length;
    const [sub, due] = [colName(C.submitted), colName(C.due)];
    sh.spec.conditionalFormats.push({
      range: `A${first}:${colName(C.status)}${end}`,
      formula: `OR(AND(ISBLANK($${sub}${first}),TODAY()>$${due}${first}),AND(NOT(ISBLANK($${sub}${first})),$${sub}${first}>$${due}${first}))`,
      fill: 'FFC7CE',
      color: '9C0006',
    });
  }
  sh.spec.freezeRows = PLANS_HEADER_ROW;
  sh.spec.printTitleRows = `${PLANS_HEADER_ROW}:${PLANS_HEADER_ROW}`;
  return sh;
}

export const plans: YearSheetKind<'plans'> = { key: 'plans', words: WORDS, build };
