/* global CustomFunctions */
/**
 * The custom functions runtime adapter, both ways:
 * - `fromExcel`: an argument as Excel passes it (scalar or 2-D range). functions.json declares
 *   `allowErrorForDataTypeAny` (scripts/functions-json.ts), so an error value reaches the function, as a
 *   `CustomFunctions.Error` (an object with a `code` such as "#DIV/0!") or as a data-types error
 *   (`{type: "Error", basicValue: "#DIV/0!"}`); it becomes a `KpiError`, so the functions treat it as the
 *   plain-Excel formulas do (e.g. an error among the totals makes RANK an error). `allowCustomDataForDataTypeAny`
 *   (set by custom-functions-metadata) makes Excel data types arrive as objects: a formatted number or double
 *   becomes its number (text and booleans their value); any other (entity, web image, …) a #VALUE! naming
 *   the argument, never "[object Object]".
 * - `toExcel`: a KPI function's result. A `KpiError` becomes a `CustomFunctions.Error` with the matching
 *   code; its message (naming the bad argument) goes with #VALUE! and #N/A, the only codes Excel shows a
 *   custom message for. Numbers, text and booleans pass through.
 */
import { KPI_MSG } from '../core/kpi/messages';
import { Lang } from '../core/problem';
import { Cell, ErrorCode, KpiError, Matrix, Result, isError } from '../core/values';

const OWN_CODES: readonly string[] = ['#VALUE!', '#N/A', '#DIV/0!', '#NUM!'];

function errorOf(code: string, message: string): KpiError {
  // #REF!, #NAME?, #NULL! are input-only codes in custom functions: they come back as #VALUE! naming them
  return OWN_CODES.includes(code) ? new KpiError(code as ErrorCode, message) : KpiError.of('#VALUE!', KPI_MSG.argIsError, { code });
}

function cellFromExcel(v: unknown, what: string): Cell {
  if (v === null || typeof v !== 'object') return v as Cell;
  const o = v as { code?: unknown; message?: unknown; type?: unknown; basicValue?: unknown; text?: unknown };
  if (typeof o.code === 'string') return errorOf(o.code, String(o.message ?? ''));
  if ((o.type === 'Double' || o.type === 'FormattedNumber') && typeof o.basicValue === 'number') return o.basicValue;
  // the data-types form of plain text and booleans
  if (o.type === 'String' && typeof o.basicValue === 'string') return o.basicValue;
  if (o.type === 'Boolean' && typeof o.basicValue === 'boolean') return o.basicValue;
  if (o.type === 'Error' && typeof o.basicValue === 'string') return errorOf(o.basicValue, '');
  const kind = typeof o.type === 'string' ? o.type : 'object';
  return KpiError.of('#VALUE!', KPI_MSG.dataType, { what, kind, text: typeof o.text === 'string' ? o.text : undefined });
}

/**
 * An argument from Excel, `name` being the parameter's: error objects (in a scalar or in a range) become
 * `KpiError`s, data types their number or a `KpiError`. An omitted optional argument (null) stays null.
 */
export function fromExcel<T extends Cell | Matrix | undefined>(v: T, name = 'argument'): T {
  if (Array.isArray(v)) {
    const width = v[0]?.length ?? 0;
    return v.map((row, i) => (row as unknown[]).map((x, j) => cellFromExcel(x, `${name}[${i * width + j + 1}]`))) as T;
  }
  return (v === undefined ? v : cellFromExcel(v, name)) as T;
}

/**
 * The language of Excel's messages: Office's display language in the shared runtime (zh-CN, zh-TW → zh), else
 * English. Read at each error (the runtime may start before Office.context is set).
 */
export function excelLang(): Lang {
  const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
  return /^zh/i.test(office?.context?.displayLanguage ?? '') ? 'zh' : 'en';
}

export function toExcel(r: Result): number | string | boolean | CustomFunctions.Error {
  if (!isError(r)) return r;
  if (typeof CustomFunctions === 'undefined') throw new Error(`${r.code} ${r.message}`);
  const E = CustomFunctions.ErrorCode;
  if (r.code === '#N/A') return new CustomFunctions.Error(E.notAvailable, r.in(excelLang()));
  if (r.code === '#DIV/0!') return new CustomFunctions.Error(E.divisionByZero);
  if (r.code === '#NUM!') return new CustomFunctions.Error(E.invalidNumber);
  return new CustomFunctions.Error(E.invalidValue, r.in(excelLang()));
}
