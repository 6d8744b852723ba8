/**
 * HyperFormula as an independent spreadsheet engine for tests: the KPI functions are registered as a
 * function plugin (so `=KPI.…` formulas evaluate), and a WorkbookSpec is loaded sheet by sheet with its
 * defined names. Licence key gpl-v3 (dev only), smartRounding off so numbers are compared raw.
 * The plugin hands the functions their arguments as Excel would in a given `ArgMode` (helpers/excel-args.ts):
 * blank cells as null (web) or 0 (desktop), omitted optionals as null, errors passed or withheld.
 */
import {
  CellError,
  CellValue,
  DetailedCellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from 'hyperformula';
import { KPI_FUNCTIONS, KpiFunction } from '../../src/core/kpi';
import { Cell, KpiError, Matrix, isError } from '../../src/core/values';
import { WorkbookSpec, parseAddr } from '../../src/templates/model';
import { ArgMode, WEB, withheldError } from './excel-args';

type Internal = unknown;

function fromHF(v: Internal, mode: ArgMode): Cell | Matrix {
  if (v instanceof SimpleRangeValue) return v.rawData().map((row) => row.map((x) => fromHF(x, mode) as Cell));
  // a blank cell, alone or inside a range: null on the web, 0 on Windows desktop
  if (v === EmptyValue || v === undefined) return mode.blank;
  if (v instanceof CellError) {
    const code =
      v.type === ErrorType.NA ? '#N/A' : v.type === ErrorType.DIV_BY_ZERO ? '#DIV/0!' : v.type === ErrorType.NUM ? '#NUM!' : '#VALUE!';
    return new KpiError(code, v.message ?? '');
  }
  if (typeof v === 'object' && v !== null && 'val' in (v as object)) return (v as { val: number }).val; // rich numbers
  return v as Cell;
}

function toHF(r: ReturnType<KpiFunction['impl']>): Internal {
  if (!isError(r)) return r;
  const type = { '#VALUE!': ErrorType.VALUE, '#N/A': ErrorType.NA, '#DIV/0!': ErrorType.DIV_BY_ZERO, '#NUM!': ErrorType.NUM }[r.code];
  return new CellError(type, r.message);
}

type PluginClass = typeof FunctionPlugin & {
  implementedFunctions: Record<
    string,
    { method: string; parameters: Array<{ argumentType: FunctionArgumentType; optionalArg?: boolean }> }
  >;
};

/** A function plugin with every KPI function, passing arguments the `mode` way. */
function kpiPlugin(mode: ArgMode): PluginClass {
  class KpiPlugin extends FunctionPlugin {
    static implementedFunctions: PluginClass['implementedFunctions'] = {};
  }
  for (const f of KPI_FUNCTIONS) {
    const method = `kpi_${f.name}`;
    KpiPlugin.implementedFunctions[`KPI.${f.name}`] = {
      method,
      parameters: f.params.map((p) => ({ argumentType: FunctionArgumentType.ANY, optionalArg: p.optional })),
    };
    (KpiPlugin.prototype as unknown as Record<string, unknown>)[method] = function (
      this: FunctionPlugin,
      ast: { args: unknown[] },
      state: unknown,
    ) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const self = this as any;
      return self.runFunction(ast.args, state, self.metadata(`KPI.${f.name}`), (...raw: Internal[]) => {
        // an omitted optional argument: HyperFormula gives undefined, Excel null
        const args = f.params.map((_p, i) => (raw[i] === undefined ? null : fromHF(raw[i], mode)));
        return toHF(withheldError(mode, args) ?? f.impl(...args));
      });
    };
  }
  return KpiPlugin as PluginClass;
}

const translations = { enGB: Object.fromEntries(KPI_FUNCTIONS.map((f) => [`KPI.${f.name}`, `KPI.${f.name}`])) };
// registered for every HyperFormula instance (web semantics); evaluateSpec swaps in the plugin of its mode
const WEB_PLUGIN = kpiPlugin(WEB);
HyperFormula.registerFunctionPlugin(WEB_PLUGIN as never, translations);
const plugins = new Map<string, PluginClass>([[WEB.name, WEB_PLUGIN]]);

/** Every function HyperFormula has, with the KPI functions passing arguments the `mode` way. */
function functionPlugins(mode: ArgMode): unknown[] {
  if (!plugins.has(mode.name)) plugins.set(mode.name, kpiPlugin(mode));
  return [...HyperFormula.getAllFunctionPlugins().filter((p) => p !== (WEB_PLUGIN as unknown)), plugins.get(mode.name)];
}

export const HF_CONFIG = { licenseKey: 'gpl-v3', smartRounding: false } as const;

/** A loaded spec: read any cell's value by sheet name and A1 address. */
export interface Evaluated {
  hf: HyperFormula;
  get(sheet: string, a1: string): CellValue;
}

/**
 * Loads a WorkbookSpec into HyperFormula (values, formulas, defined names) and evaluates it, the KPI
 * functions getting their arguments as Excel passes them in `mode` (web by default).
 */
export function evaluateSpec(spec: WorkbookSpec, overrides: Record<string, Record<string, unknown>> = {}, mode: ArgMode = WEB): Evaluated {
  const sheets: Record<string, unknown[][]> = {};
  for (const s of spec.sheets) {
    const grid: unknown[][] = [];
    for (const c of s.cells) {
      const { row, col } = parseAddr(c.address);
      while (grid.length < row) grid.push([]);
      const r = grid[row - 1];
      while (r.length < col) r.push(null);
      let v: unknown = c.formula !== undefined ? `=${c.formula}` : (c.value ?? null);
      // text that starts with "=" is data: HyperFormula would parse it, so store it with a quote prefix
      if (c.formula === undefined && typeof v === 'string' && v.startsWith('=')) v = `'${v}`;
      r[col - 1] = v;
    }
    for (const [a1, v] of Object.entries(overrides[s.name] ?? {})) {
      const { row, col } = parseAddr(a1);
      while (grid.length < row) grid.push([]);
      const r = grid[row - 1];
      while (r.length < col) r.push(null);
      r[col - 1] = v;
    }
    sheets[s.name] = grid;
  }
  const hf = HyperFormula.buildFromSheets(sheets as never, { ...HF_CONFIG, functionPlugins: functionPlugins(mode) } as never);
  hf.suspendEvaluation();
  for (const n of spec.names) hf.addNamedExpression(n.name, `=${n.ref}`);
  hf.resumeEvaluation();
  return {
    hf,
    get(sheet: string, a1: string) {
      const id = hf.getSheetId(sheet);
      if (id === undefined) throw new Error(`no sheet ${sheet}`);
      const { row, col } = parseAddr(a1);
      return hf.getCellValue({ sheet: id, row: row - 1, col: col - 1 });
    },
  };
}

/** A HyperFormula value in the terms the engine uses: errors as their code. */
export function plainValue(v: CellValue): number | string | boolean | null {
  if (v instanceof DetailedCellError) return v.value;
  return v as number | string | boolean | null;
}
