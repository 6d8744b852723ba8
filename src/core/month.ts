/**
 * A month as the forms name it: the text `YYYY-MM` with a month 01–12 (`--month`, the workbook's
 * KPI_MONTH, the pane's month box, the month a call log is imported for). One pattern, one message,
 * the neighbouring months and the quarter window of D10. Pure.
 */
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

/**
 * The message for text that is not a month, e.g. `--month "2024-13" must be a month YYYY-MM
 * (e.g. 2024-03): there is no month 13`.
 * @param text the text as given (shown quoted, untrimmed)
 * @param where how to name its source, e.g. `--month` or `a.xlsx KPI_MONTH`
 */
export function monthMessage(text: unknown, where = 'month'): string {
  const shape = /^\d{4}-(\d{2})$/.exec(String(text ?? '').trim());
  // the shape is right but the month is 00 or 13–99: say which month does not exist
  const why = shape ? `: there is no month ${Number(shape[1])}` : '';
  return `${where} ${JSON.stringify(text ?? '')} must be a month YYYY-MM (e.g. 2024-03)${why}`;
}

/** A text that is not a month, where no layer above has its own error type (see `monthMessage`). */
export class MonthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MonthError';
  }
}

/**
 * The month a text names, spaces around it ignored.
 * @throws MonthError with `monthMessage(text, where)`
 */
export function toMonth(text: unknown, where?: string): Month {
  const t = String(text ?? '').trim();
  if (!isMonth(t)) throw new MonthError(monthMessage(text, where));
  return t;
}

/**
 * Year and month number (1–12) of a month, exactly `YYYY-MM` (a month from code, not typed: no spaces).
 * @throws MonthError when it is not one
 */
export function monthParts(month: string): { year: number; month: number } {
  const m = MONTH_RE.exec(month);
  if (!m) throw new MonthError(monthMessage(month));
  return { year: Number(m[1]), month: Number(m[2]) };
}

/**
 * The month `n` months after (`n` < 0: before) the given one, across years.
 * @throws MonthError for a text that is not a month; RangeError when the result leaves the years 0000–9999
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
 * @throws MonthError when `month` is not a month
 */
export function quarterMonths(month: string, mode: Rules['quarterMode']): string[] {
  const { month: m } = monthParts(month);
  const first = mode === 'rolling' ? -2 : -((m - 1) % 3);
  return [0, 1, 2].map((i) => addMonths(month, first + i));
}
