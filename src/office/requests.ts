/**
 * The requests of one `Excel.run`: how the writer reaches Excel (`ExcelRun`), counts its `context.sync`
 * calls, and keeps each request under a size budget (Excel on the web refuses a request over 5 MB), by
 * the UTF-8 bytes of the JSON its operations carry.
 */
import { Problem } from '../core/problem';
import { M } from './messages';

/** `Excel.run` or a stand-in with the same shape (tests, the headless browser check). */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The global `Excel.run`. @throws Problem office.notInExcel outside Excel */
export function defaultRun(): ExcelRun {
  if (typeof Excel === 'undefined' || typeof Excel.run !== 'function') {
    throw new Problem(M.notInExcel, {});
  }
  return (batch) => Excel.run(batch);
}

/**
 * The most an insertion puts into one request, in UTF-8 bytes of its operations' arguments (values,
 * formulas, addresses) plus `OP_BYTES` per operation: below Excel on the web's 5 MB with room for what
 * the estimate leaves out.
 */
export const REQUEST_BUDGET = 4_000_000;
/**
 * Elsewhere (Windows, Mac) no request limit is documented: requests stay below this, so that even 500
 * agents without RangeAreas (Excel 2019: ~4 MB by the same count at 80 agents) go in a few requests.
 */
export const DESKTOP_REQUEST_BUDGET = 16_000_000;

/** The request budget for a host by `Office.context.platform`: the web's (`OfficeOnline`) or an unknown one's is `REQUEST_BUDGET`. */
export function requestBudgetFor(platform: string | undefined): number {
  return platform === 'PC' || platform === 'Mac' ? DESKTOP_REQUEST_BUDGET : REQUEST_BUDGET;
}
/** an operation's own share of a request (its name, object path, JSON punctuation) */
export const OP_BYTES = 100;

/**
 * Splits the queued writes of one `Excel.run` into requests: `room(bytes)` before queuing operations
 * of that size syncs first when they would take the current request over the budget.
 */
export class Requests {
  used = 0;
  constructor(
    private readonly s: { sync(): Promise<void> },
    readonly budget: number,
  ) {}
  async room(bytes: number): Promise<void> {
    if (this.used > 0 && this.used + bytes > this.budget) {
      await this.s.sync();
      this.used = 0;
    }
    this.used += bytes;
  }
}

/** Counts `context.sync` calls of one `Excel.run`. */
export function counter(context: Excel.RequestContext) {
  const c = { n: 0, sync: async () => {} };
  c.sync = async () => {
    c.n++;
    await context.sync();
  };
  return c;
}

/**
 * UTF-8 bytes of the JSON of a value (strings quoted and escaped, numbers, booleans, null, arrays and
 * plain objects): the size a value adds to an Office.js request. Quick: no JSON text is built.
 */
export function jsonBytes(v: unknown): number {
  if (v === null || v === undefined) return 4;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v).length;
  if (typeof v === 'string') {
    let n = 2;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c === 0x22 || c === 0x5c) n += 2;
      else if (c < 0x20) n += 6;
      else if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff) {
        n += 4;
        i++;
      } else n += 3;
    }
    return n;
  }
  if (Array.isArray(v)) return v.reduce((s: number, x) => s + jsonBytes(x) + 1, 1);
  if (typeof v === 'object') return Object.entries(v as object).reduce((s, [k, x]) => s + jsonBytes(k) + jsonBytes(x) + 2, 1);
  return 4;
}

/**
 * Rows of a 2-D array cut into bands of consecutive rows, each at most `maxBytes` (`jsonBytes` of its
 * rows; a row larger than that is a band of its own): [first row index, last row index, bytes].
 */
export function rowBands(rows: unknown[][], maxBytes: number): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  let start = 0;
  let bytes = 0;
  rows.forEach((row, i) => {
    const b = jsonBytes(row) + 1;
    if (i > start && bytes + b > maxBytes) {
      out.push([start, i - 1, bytes]);
      start = i;
      bytes = 0;
    }
    bytes += b;
  });
  if (rows.length) out.push([start, rows.length - 1, bytes]);
  return out;
}
