/**
 * Cell values as the KPI functions see them, independent of the host: Excel (Office.js custom
 * functions), HyperFormula (tests) or the engine. Pure: imports nothing from Office.js or ExcelJS.
 */

import { Lang, Message, Note, Params } from './problem';

/** Excel error codes the KPI functions return. */
export type ErrorCode = '#VALUE!' | '#N/A' | '#DIV/0!' | '#NUM!';

/** An error as a value (formulajs style): never thrown across the function boundary. */
export class KpiError {
  /** the same message worded in either language (kpi/messages.ts); absent for an error passed on as its code */
  declare readonly note?: Note;

  constructor(
    readonly code: ErrorCode,
    /** a human message naming the argument and the rule, e.g. `counts[3]: -1 is not a count ≥ 0 (D4)` (English) */
    readonly message: string,
    note?: Note,
  ) {
    // not enumerable: two errors are equal by code and message (tests, the engines' comparisons), whatever their wording's source
    if (note) Object.defineProperty(this, 'note', { value: note, enumerable: false });
  }
  /** An error with its message in both languages. */
  static of<P extends Params>(code: ErrorCode, text: Message<P>, params: P): KpiError {
    const note = new Note(text, params);
    return new KpiError(code, note.in('en'), note);
  }
  /** The message in a language. */
  in(lang: Lang): string {
    return this.note ? this.note.in(lang) : this.message;
  }
  toString(): string {
    return `${this.code} ${this.message}`;
  }
}

/**
 * One cell: a number, text, a boolean, `null` for a blank cell (or an omitted optional argument), or an error.
 * Excel passes a blank cell to an `any` parameter as `null` on the web and as `0` on Windows, inside a
 * range too (office-js issues #4702, #5262, #1951); the generated `=KPI.…` formulas therefore pass a
 * blank-sensitive cell as `IF(ISBLANK(x),"",x)`, `""` is read as blank here, and a range argument holds
 * a cell that can be blank only where blank and 0 mean the same (`ParamDef.blankIsZero`, kpi/params.ts).
 */
export type Cell = number | string | boolean | null | undefined | KpiError;
/** A 2-D range, rows of cells (Excel's `any[][]`). */
export type Matrix = Cell[][];
/** What a KPI function returns: a number, text (e.g. `incomplete`), a boolean, or an error. */
export type Result = number | string | boolean | KpiError;

export const isError = (v: unknown): v is KpiError => v instanceof KpiError;

/** Blank: a blank cell (null/undefined) or empty text. */
export const isBlank = (v: Cell): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** Every cell of a scalar or a range, row by row. */
export function cells(v: Cell | Matrix): Cell[] {
  if (Array.isArray(v)) return v.flat();
  return [v];
}

/**
 * Excel's ROUND: half away from zero, on the decimal value Excel shows (15 significant digits),
 * so ROUND(2.675, 2) = 2.68 as in Excel and LibreOffice.
 */
export function excelRound(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  const scaled = Number((Math.abs(x) * f).toPrecision(15));
  const r = Math.round(scaled) / f;
  return x < 0 ? -r : r;
}
