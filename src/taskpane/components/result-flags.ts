/**
 * What the results list shows of a summary row: its flags as kinds (badges in the pane's language), from the
 * cells behind the summary's flags text (red-line count, last-two flag, total, quarter result) rather than
 * from that text, which is in the workbook's language; and each kind's rows in rank order.
 */
import type { SummaryRow } from '../../office/host';

export type ResultFlag = 'redLine' | 'lastTwo' | 'incomplete' | 'award' | 'transfer';

/** an Excel error value as range.values gives it (#NAME?, #REF!, #DIV/0!, …) */
const isError = (v: unknown): boolean => typeof v === 'string' && v.startsWith('#');

/** The flags of a row, most serious first: a red line (D9), last two (D8), incomplete input (D11), the quarter's result (D10). */
export function flagsOf(r: SummaryRow): ResultFlag[] {
  const out: ResultFlag[] = [];
  if (typeof r.redLines === 'number' && r.redLines > 0) out.push('redLine');
  // BOTTOM gives TRUE; a workbook that shows it as 1 or as a word still means the same
  if (r.bottom === true || r.bottom === 1 || /^(true|yes|是)$/i.test(String(r.bottom ?? ''))) out.push('lastTwo');
  if (typeof r.total === 'string' && !isError(r.total)) out.push('incomplete');
  const q = String(r.quarter ?? '').toLowerCase();
  if (q === 'award') out.push('award');
  else if (q === 'transfer') out.push('transfer');
  return out;
}

/** Rows in rank order (1 first); rows without a numeric rank (incomplete, errors) last; ties by id. */
export function byRank(rows: readonly SummaryRow[]): SummaryRow[] {
  const key = (r: SummaryRow) => (typeof r.rank === 'number' ? r.rank : Number.POSITIVE_INFINITY);
  return [...rows].sort((a, b) => key(a) - key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
