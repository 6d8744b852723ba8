/* global CustomFunctions */
/**
 * The custom functions runtime adapter, both ways:
 * - `fromExcel`: an argument as Excel passes it (scalar or 2-D range). An error value in it arrives as a
 *   `CustomFunctions.Error` (an object with a `code` such as "#DIV/0!"); it becomes a `KpiError`, so the
 *   functions treat it as the plain-Excel formulas do (e.g. an error among the totals makes RANK an error).
 * - `toExcel`: a KPI function's result. A `KpiError` becomes a `CustomFunctions.Error` with the matching
 *   code; its message (naming the bad argument) goes with #VALUE! and #N/A, the only codes Excel shows a
 *   custom message for. Numbers, text and booleans pass through.
 */
import { Cell, ErrorCode, KpiError, Matrix, Result, isError } from '../core/values';

const OWN_CODES: readonly string[] = ['#VALUE!', '#N/A', '#DIV/0!', '#NUM!'];

function cellFromExcel(v: unknown): Cell {
  if (v !== null && typeof v === 'object' && typeof (v as { code?: unknown }).code === 'string') {
    const code = (v as { code: string }).code;
    const message = String((v as { message?: unknown }).message ?? '');
    // #REF!, #NAME?, #NULL! are input-only codes in custom functions: they come back as #VALUE! naming them
    return OWN_CODES.includes(code) ? new KpiError(code as ErrorCode, message) : new KpiError('#VALUE!', `an argument is ${code}`);
  }
  return v as Cell;
}

/** An argument from Excel: error objects (in a scalar or in a range) become `KpiError`s. */
export function fromExcel<T extends Cell | Matrix | undefined>(v: T): T {
  if (Array.isArray(v)) return v.map((row) => (row as unknown[]).map(cellFromExcel)) as T;
  return (v === undefined ? v : cellFromExcel(v)) as T;
}

export function toExcel(r: Result): number | string | boolean | CustomFunctions.Error {
  if (!isError(r)) return r;
  if (typeof CustomFunctions === 'undefined') throw new Error(`${r.code} ${r.message}`);
  const E = CustomFunctions.ErrorCode;
  if (r.code === '#N/A') return new CustomFunctions.Error(E.notAvailable, r.message);
  if (r.code === '#DIV/0!') return new CustomFunctions.Error(E.divisionByZero);
  if (r.code === '#NUM!') return new CustomFunctions.Error(E.invalidNumber);
  return new CustomFunctions.Error(E.invalidValue, r.message);
}
