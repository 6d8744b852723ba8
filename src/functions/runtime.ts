/* global CustomFunctions */
/**
 * The custom functions runtime adapter: turns a KPI function's result into what Excel expects.
 * A `KpiError` becomes a `CustomFunctions.Error` with the matching error code (#VALUE!, #N/A,
 * #DIV/0!, #NUM!) and its message naming the bad argument; numbers, text and booleans pass through.
 */
import { Result, isError } from '../core/values';

export function toExcel(r: Result): number | string | boolean | CustomFunctions.Error {
  if (!isError(r)) return r;
  if (typeof CustomFunctions === 'undefined') throw new Error(`${r.code} ${r.message}`);
  const E = CustomFunctions.ErrorCode;
  const code =
    r.code === '#N/A' ? E.notAvailable : r.code === '#DIV/0!' ? E.divisionByZero : r.code === '#NUM!' ? E.invalidNumber : E.invalidValue;
  return new CustomFunctions.Error(code, r.message);
}
