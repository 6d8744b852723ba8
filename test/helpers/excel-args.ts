/**
 * How Excel hands a custom function its arguments, as test modes (../shared/spec/excel-facts.md):
 * - a blank cell, alone or inside a range, arrives as `null` on the web and as `0` on Windows desktop
 *   (office-js #4702, #5262, #1951);
 * - an omitted optional argument arrives as `null` on both (Microsoft Learn: custom functions parameter options);
 * - an error value reaches the function only when functions.json allows it (`allowErrorForDataTypeAny`, which
 *   the build declares: scripts/functions-json.ts); a host that ignores it returns the error itself without
 *   calling the function ("errors withheld").
 * The product ships with errors passed; the withheld modes check that the results do not depend on it.
 */
import { Cell, KpiError, Matrix, isError } from '../../src/core/values';

export interface ArgMode {
  name: string;
  /** what a blank cell becomes */
  blank: null | 0;
  /** error arguments reach the function (`passed`) or Excel returns the first of them itself (`withheld`) */
  errors: 'passed' | 'withheld';
}

export const WEB: ArgMode = { name: 'web', blank: null, errors: 'passed' };
export const DESKTOP: ArgMode = { name: 'desktop', blank: 0, errors: 'passed' };
export const ARG_MODES: readonly ArgMode[] = [
  WEB,
  DESKTOP,
  { name: 'web, errors withheld', blank: null, errors: 'withheld' },
  { name: 'desktop, errors withheld', blank: 0, errors: 'withheld' },
];

/** A blank cell in a test's description of a worksheet. */
export const BLANK = Symbol('blank');
/** An optional argument left out of the formula, e.g. the third of `=KPI.QUARTER(D5:F5,G5:I5)`. */
export const OMITTED = Symbol('omitted');

export type SheetCell = number | string | boolean | KpiError | typeof BLANK;
/** An argument as the formula gives it: one cell, a range (rows of cells), or omitted. */
export type SheetArg = SheetCell | SheetCell[][] | typeof OMITTED;

const cellAs = (mode: ArgMode, v: SheetCell): Cell => (v === BLANK ? mode.blank : v);

/**
 * The argument as Excel passes it in this mode to a parameter of `dim` (functions.json `dimensionality`):
 * an omitted one as null; one cell given to a matrix parameter as a 1×1 range.
 */
export function passed(mode: ArgMode, a: SheetArg, dim: 'scalar' | 'matrix' = 'scalar'): Cell | Matrix {
  if (a === OMITTED) return null;
  if (Array.isArray(a)) return a.map((row) => row.map((v) => cellAs(mode, v)));
  return dim === 'matrix' ? [[cellAs(mode, a)]] : cellAs(mode, a);
}

/** With errors withheld: the error Excel returns instead of calling the function (the first, in argument order). */
export function withheldError(mode: ArgMode, args: Array<Cell | Matrix | undefined>): KpiError | undefined {
  if (mode.errors !== 'withheld') return undefined;
  for (const a of args) {
    const e = (Array.isArray(a) ? a.flat() : [a]).find(isError);
    if (e) return e;
  }
  return undefined;
}
