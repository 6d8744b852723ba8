/**
 * Builds the evaluation workbook as data (`WorkbookSpec`): every sheet kind of the registry, each from
 * its module in sheets/. Formulas are `=KPI.…` or plain Excel (`mode`), both produced by `call()` from
 * the one definition of each function in core/kpi.ts.
 */
import { FormulaMode } from '../core/kpi';
import { DEFAULT_RULES, Rules } from '../core/rules';
import { KpiRecord, recordsOfCounts } from '../core/records';
import { Agent, AgentLayout, Lang, SheetKey, SheetSpec, WorkbookSpec } from './model';
import { monthParts } from '../core/month';
import { fitSheet } from './measure';
import { SHEET_KEYS, SHEET_KINDS, buildOrder } from './registry';
import { BuildContext, HistoryMonth, InputValue, OfferBook } from './sheets/common';

export type { InputValue } from './sheets/common';
export { quarterMonths } from '../core/month';
export { colName } from './model';

export interface BuildOptions {
  /** YYYY-MM */
  month: string;
  agents: Agent[];
  lang?: Lang;
  mode?: FormulaMode;
  rules?: Rules;
  /** employee id → forms.md code → value, written into the input cells */
  inputs?: Record<string, Record<string, InputValue>>;
  /** employee id → month (YYYY-MM) → that month's results, for the quarter sheet */
  history?: Record<string, Record<string, HistoryMonth>>;
  /** the month's records (D12), after a month-level record for each count `inputs` gives of a summed code */
  records?: readonly KpiRecord[];
  /** which sheets to return (default all); every sheet is built, since the layout names them all */
  sheets?: SheetKey[];
}

/**
 * Builds the workbook spec. Throws on a bad month; agents and inputs are expected validated
 * (io/inputs.ts does that and names the CSV row).
 */
export function buildWorkbook(opts: BuildOptions): WorkbookSpec {
  monthParts(opts.month);
  const lang: Lang = opts.lang ?? 'zh';
  const mode: FormulaMode = opts.mode ?? 'plain';
  const layout = new Map<string, AgentLayout>(
    opts.agents.map((a) => [a.id, { agent: a, inputs: {}, outputs: {}, formCell: { sheet: '', address: 'A1' } }]),
  );
  const ctx: BuildContext = {
    month: opts.month,
    lang,
    mode,
    rules: opts.rules ?? DEFAULT_RULES,
    agents: opts.agents,
    preSales: opts.agents.filter((a) => a.role === 'pre-sales'),
    afterSales: opts.agents.filter((a) => a.role === 'after-sales'),
    input: (id, code) => opts.inputs?.[id]?.[code],
    history: (id, month) => opts.history?.[id]?.[month],
    // a typed count of a summed code is a month-level record, as the engine takes it (core/records.ts)
    records: [...recordsOfCounts(opts.inputs ?? {}, opts.agents), ...(opts.records ?? [])],
    layoutOf: (id) => layout.get(id)!,
    names: [],
    offers: new OfferBook(),
  };
  for (const kind of SHEET_KINDS) kind.place?.(ctx, kind.words[lang].sheet);
  const built = new Map<SheetKey, SheetSpec>();
  for (const kind of buildOrder()) {
    const spec = kind.build(ctx, kind.words[lang].sheet).spec;
    // widths, heights and print scale from the measured text (templates/measure.ts)
    fitSheet(spec, lang);
    built.set(kind.key, spec);
  }
  const wanted = opts.sheets ?? SHEET_KEYS;
  return {
    month: opts.month,
    lang,
    mode,
    sheets: SHEET_KEYS.filter((k) => wanted.includes(k)).map((k) => built.get(k)!),
    names: ctx.names,
    layout: [...layout.values()],
  };
}
