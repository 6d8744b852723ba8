/**
 * HyperFormula as an independent spreadsheet engine for tests: the KPI functions are registered as a
 * function plugin (so `=KPI.…` formulas evaluate), and a WorkbookSpec is loaded sheet by sheet with its
 * defined names. Licence key gpl-v3 (dev only), smartRounding off so numbers are compared raw.
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

type Internal = unknown;

function fromHF(v: Internal): Cell | Matrix {
  if (v instanceof SimpleRangeValue) return v.rawData().map((row) => row.map((x) => fromHF(x) as Cell));
  if (v === EmptyValue || v === undefined) return null;
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

class KpiPlugin extends FunctionPlugin {
  static implementedFunctions: Record<
    string,
    { method: string; parameters: Array<{ argumentType: FunctionArgumentType; optionalArg?: boolean }> }
  > = {};
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
    return self.runFunction(ast.args, state, self.metadata(`KPI.${f.name}`), (...args: Internal[]) =>
      toHF(f.impl(...args.map((a) => (a === undefined ? undefined : fromHF(a))))),
    );
  };
}
const translations = { enGB: Object.fromEntries(KPI_FUNCTIONS.map((f) => [`KPI.${f.name}`, `KPI.${f.name}`])) };
HyperFormula.registerFunctionPlugin(KpiPlugin as never, translations);

export const HF_CONFIG = { licenseKey: 'gpl-v3', smartRounding: false } as const;

/** A loaded spec: read any cell's value by sheet name and A1 address. */
export interface Evaluated {
  hf: HyperFormula;
  get(sheet: string, a1: string): CellValue;
}

/** Loads a WorkbookSpec into HyperFormula (values, formulas, defined names) and evaluates it. */
export function evaluateSpec(spec: WorkbookSpec, overrides: Record<string, Record<string, unknown>> = {}): Evaluated {
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
  const hf = HyperFormula.buildFromSheets(sheets as never, HF_CONFIG);
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
