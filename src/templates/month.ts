/** A month as the workbook writes it (`YYYY-MM`), and the quarter window it belongs to (D10). */
import { Rules } from '../core/rules';

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Year and month (1–12) of a `YYYY-MM` text. @throws Error when it is not one */
export function splitMonth(month: string): { year: number; month: number } {
  const m = MONTH_RE.exec(month);
  if (!m) throw new Error(`month "${month}" is not YYYY-MM`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** `YYYY-MM` of a year and a month that may be below 1 (counted back from January). */
function monthText(year: number, month: number): string {
  while (month < 1) {
    month += 12;
    year--;
  }
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The three months of the quarter (D10) the given month belongs to, or the rolling window ending with it. */
export function quarterMonths(month: string, mode: Rules['quarterMode']): string[] {
  const { year, month: m } = splitMonth(month);
  const first = mode === 'rolling' ? m - 2 : Math.floor((m - 1) / 3) * 3 + 1;
  return [monthText(year, first), monthText(year, first + 1), monthText(year, first + 2)];
}
