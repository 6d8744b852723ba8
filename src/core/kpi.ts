/**
 * The KPI functions, each defined once (kpi/definitions.ts). One definition gives:
 *  - its parameters as data (kpi/params.ts): a kind (how an argument is read: blank, omitted, errors,
 *    ranges), a default, stated once for the implementation and the plain formula, and Excel's flags;
 *  - `impl`: the implementation (used by the engine, the Excel custom functions and the HyperFormula plugin),
 *    behind one argument-reading step, `coerceArgs`;
 *  - `summary`, `params`, `returns`, `errors`, `rule`: the JSDoc metadata that `scripts/gen-functions.ts`
 *    writes into `src/functions/functions.ts`, from which CustomFunctionsMetadataPlugin makes functions.json;
 *  - `excel`: the equivalent plain-Excel formula (no add-in needed: Excel, WPS, LibreOffice).
 *
 * Pure: imports nothing from Office.js or ExcelJS.
 */
import { KPI_FUNCTIONS } from './kpi/definitions';
import { KpiFunction, formulaText } from './kpi/params';
import { GradeLetter } from './rules';

export { KPI_FUNCTIONS };
export { coerceArgs } from './kpi/params';
export type { KpiFunction, ParamDef } from './kpi/params';

/** Functions that files must store with the `_xlfn.` prefix. */
export const XLFN_FUNCTIONS = ['RANK.EQ', 'MAXIFS', 'MINIFS'];

/** The names after the namespace: `KPI.<name>`. */
export type KpiName = (typeof KPI_FUNCTIONS)[number]['name'];

export const KPI = Object.fromEntries(KPI_FUNCTIONS.map((f) => [f.name, f])) as Record<KpiName, KpiFunction>;

export type FormulaMode = 'kpi' | 'plain';

/**
 * The formula text (without `=`) of a call in either mode: `KPI.NAME(args)` for the add-in, or the
 * plain-Excel equivalent, an omitted argument being its parameter's default. In `kpi` mode, a
 * blank-sensitive argument that is a cell reference is passed as `IF(ISBLANK(ref),"",ref)` so that
 * Windows Excel's blank-as-0 does not turn "incomplete" into 0, and a `blankIsNotOmitted` one as
 * `IF(ISBLANK(ref),0,ref)` so that the web's blank-as-null is not "omitted".
 */
export function call(mode: FormulaMode, name: KpiName, ...args: Array<string | undefined>): string {
  const f = KPI[name];
  if (mode === 'plain') return f.excel(...f.params.map((p, i) => args[i] ?? formulaText(p.default)));
  let last = args.length;
  while (last > 0 && args[last - 1] === undefined) last--;
  const parts = args.slice(0, last).map((a, i) => {
    if (a === undefined) return '';
    const isRef = /^('[^']+'!|[A-Za-z0-9_.]+!)?\$?[A-Z]{1,3}\$?\d+$/.test(a) || /^[A-Za-z_][A-Za-z0-9_.]*$/.test(a);
    if (isRef && f.params[i]?.numbersOnly) return `IF(ISNUMBER(${a}),${a},"")`;
    if (isRef && f.params[i]?.blankIsNotOmitted) return `IF(ISBLANK(${a}),0,${a})`;
    return f.params[i]?.blankMatters && isRef ? `IF(ISBLANK(${a}),"",${a})` : a;
  });
  return `KPI.${name}(${parts.join(',')})`;
}

/** GradeLetter re-export for templates. */
export type { GradeLetter };
