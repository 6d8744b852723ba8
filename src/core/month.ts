/**
 * A month as the forms name it: the text `YYYY-MM` with a month 01–12 (`--month`, the workbook's
 * KPI_MONTH, the pane's month box, the month a call log is imported for). One pattern, one message,
 * the neighbouring months and the quarter window of D10. Pure.
 */
import { Problem, messages } from './problem';
import type { Rules } from './rules';

declare const MONTH: unique symbol;

/**
 * `YYYY-MM` text known to be a month. It is a string, so it goes wherever a month string went; only
 * `isMonth`, `toMonth` and the functions here make one.
 */
export type Month = string & { readonly [MONTH]: true };

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether the text is exactly a month `YYYY-MM` (no spaces around it). */
export function isMonth(text: unknown): text is Month {
  return typeof text === 'string' && MONTH_RE.test(text);
}

/** A month's parameters: the text as given (shown quoted, untrimmed) and how to name its source. */
type MonthParams = { text: string | number | boolean | null; where?: string };

/** The month number of a text shaped `YYYY-MM` whose month is 00 or 13–99 (one that does not exist), else null. */
const missingMonth = (text: MonthParams['text']): number | null => {
  const shape = /^\d{4}-(\d{2})$/.exec(String(text ?? '').trim());
  return shape ? Number(shape[1]) : null;
};

/** The month's messages (core/problem.ts): the pane offers the `month` action for them. */
export const MONTH_MESSAGES = messages('month', {
  notMonth: {
    en: (p: MonthParams) => {
      const n = missingMonth(p.text);
      return `${p.where ?? 'month'} ${JSON.stringify(p.text ?? '')} must be a month YYYY-MM (e.g. 2024-03)${n === null ? '' : `: there is no month ${n}`}`;
    },
    zh: (p: MonthParams) => {
      const n = missingMonth(p.text);
      const text = JSON.stringify(p.text ?? '');
      const why = n === null ? '' : `:没有 ${n} 月`;
      return p.where === undefined
        ? `月份 ${text} 必须是 YYYY-MM 格式(例如 2024-03)${why}`
        : `${p.where} ${text} 必须是 YYYY-MM 格式的月份(例如 2024-03)${why}`;
    },
    act: 'month',
  },
});

/** A text that is not a month, as a problem (see `MONTH_MESSAGES.notMonth`). */
export function monthProblem(text: unknown, where?: string): Problem {
  const shown =
    text === null || typeof text === 'string' || typeof text === 'number' || typeof text === 'boolean' ? text : String(text ?? '');
  return new Problem(MONTH_MESSAGES.notMonth, where === undefined ? { text: shown } : { text: shown, where });
}

/**
 * The English message for text that is not a month, e.g. `--month "2024-13" must be a month YYYY-MM
 * (e.g. 2024-03): there is no month 13`.
 * @param text the text as given (shown quoted, untrimmed)
 * @param where how to name its source, e.g. `--month` or `a.xlsx KPI_MONTH`
 */
export function monthMessage(text: unknown, where?: string): string {
  return monthProblem(text, where).message;
}

/**
 * The month a text names, spaces around it ignored.
 * @throws Problem `month.notMonth` (`monthMessage(text, where)`)
 */
export function toMonth(text: unknown, where?: string): Month {
  const t = String(text ?? '').trim();
  if (!isMonth(t)) throw monthProblem(text, where);
  return t;
}

/**
 * Year and month number (1–12) of a month, exactly `YYYY-MM` (a month from code, not typed: no spaces).
 * @throws Problem `month.notMonth` when it is not one
 */
export function monthParts(month: string): { year: number; month: number } {
  const m = MONTH_RE.exec(month);
  if (!m) throw monthProblem(month);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/**
 * The month `n` months after (`n` < 0: before) the given one, across years.
 * @throws Problem `month.notMonth` for a text that is not a month; RangeError when the result leaves the years 0000–9999
 */
export function addMonths(month: string, n: number): Month {
  const { year, month: m } = monthParts(month);
  const index = year * 12 + (m - 1) + n;
  const y = Math.floor(index / 12);
  if (!Number.isInteger(n) || y < 0 || y > 9999) throw new RangeError(`no month ${n} months from ${month}`);
  return `${String(y).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}` as Month;
}

/** The month after: 2024-12 → 2025-01. */
export const nextMonth = (month: string): Month => addMonths(month, 1);

/** The month before: 2025-01 → 2024-12. */
export const previousMonth = (month: string): Month => addMonths(month, -1);

/**
 * The three months of the quarter window a month belongs to (D10), in order: the calendar quarter
 * (`calendar`: 2024-05 → 2024-04, 2024-05, 2024-06) or the three months ending with it (`rolling`:
 * 2024-02 → 2023-12, 2024-01, 2024-02).
 * @throws Problem `month.notMonth` when `month` is not a month
 */
export function quarterMonths(month: string, mode: Rules['quarterMode']): string[] {
  const { month: m } = monthParts(month);
  const first = mode === 'rolling' ? -2 : -((m - 1) % 3);
  return [0, 1, 2].map((i) => addMonths(month, first + i));
}
