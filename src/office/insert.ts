/**
 * Inserting a `WorkbookSpec` (templates/workbook.ts `buildWorkbook`) into the open workbook with Office.js:
 * reads what the workbook has, plans (plan.ts `planInsertion`), and renders each sheet's description
 * (templates/render.ts, the same the .xlsx writer renders) through render.ts.
 *
 * Round trips: an insertion makes two `context.sync` calls up to about 250 agents —
 * one to read the workbook's sheet names and defined names with their comments (to choose names that
 * never overwrite and to find the sheets to reuse), one to commit everything else — and more only when the
 * writes would make a request larger than `REQUEST_BUDGET` (Excel on the web refuses a request over 5 MB;
 * one insertion of every sheet is ~1.1 MB at 80 agents, ~6.5 MB at 500): then they are sent in several
 * requests of at most that size, in the same order. The writes are queued in this order:
 * sheets (and replacements), defined names, per sheet one `numberFormat` and one `formulas` 2-D array
 * over the whole used rectangle, formats grouped by style (`getRanges` address lists), merges, column
 * widths, row heights, data validation, conditional formats, freeze panes, page layout, protection,
 * then activating the shown sheet and selecting the chosen agents. Protection comes last: Excel refuses
 * print area, page breaks, validation, merges and formats on a protected sheet.
 *
 * Reuse: the sheets the chosen ones need are not inserted again when the workbook has them: the rules
 * sheet (its defined names exist), the roster, and any sheet this add-in made for the same month,
 * language, formula mode and roster — recognised by the stamp written as the comment of `KPI_MONTH`
 * (plan.ts `specStamp`), which lists the sheets inserted under the template's name. New formulas point
 * at the reused sheets, so a summary inserted after form A reads the form A that holds the entries.
 *
 * Never overwrites: any other existing sheet with a wanted name gets the new sheet renamed
 * (`表A-业务 (2)`), or, by the caller's choice (`OnConflict`), replaced or the insertion cancelled.
 * Formulas, defined names and the layout are rewritten to the final names.
 *
 * Replacing is done in place: the existing worksheet is unprotected, cleared (contents, formats,
 * merges, validation, conditional formats, page breaks, frozen panes, hidden columns and rows, column
 * widths and row heights) and written as a new sheet would be. It is never deleted: Excel turns every
 * reference to a deleted sheet in other sheets' formulas into #REF! for good, and a sheet renamed to
 * the old name later does not bring them back.
 */
import { SheetKey, WorkbookSpec } from '../templates/model';
import { describeSheet } from '../templates/render';
import { protectedOr } from './errors';
import { OnConflict, OtherStamp, PlanOptions, WorkbookState, planInsertion } from './plan';
import { queuePageLayout, queueProtection, queueReset, queueSheetContent } from './render';
import { ExcelRun, OP_BYTES, REQUEST_BUDGET, Requests, counter, defaultRun, jsonBytes } from './requests';
import { ALL_FEATURES, WriterFeatures } from './requirements';

export type { OnConflict };

export interface InsertProgress {
  phase: 'read' | 'write' | 'done';
  /** sheets being written (final names) */
  sheets?: string[];
  /** cells in the write */
  cells?: number;
}

export interface InsertOptions extends PlanOptions {
  /**
   * ids of the agents to select on the sheet shown afterwards (their pages of a form, their rows of the
   * summary), e.g. to print only them with "Print Selection"; every agent of the spec is written anyway
   */
  select?: string[];
  /** what the host supports (default: everything) */
  features?: WriterFeatures;
  /** activate the first inserted (or reused) sheet; default true */
  activate?: boolean;
  onProgress?: (p: InsertProgress) => void;
  /** default: the global `Excel.run` */
  run?: ExcelRun;
  /** the most one request may carry (default `REQUEST_BUDGET`): more is sent in several requests */
  requestBudget?: number;
}

export interface InsertResult {
  /** final names of the sheets inserted, in order */
  sheets: string[];
  /** sheets inserted under another name than the spec's: spec name → final name */
  renamed: Record<string, string>;
  /**
   * existing sheets replaced in place (cleared and written anew; the worksheet itself stays, with its
   * name and position, so other sheets' formulas that refer to it keep working)
   */
  replaced: string[];
  /**
   * existing sheets used instead of inserting them: the rules sheet whose names exist, the roster, and
   * sheets this add-in made for the same month, language, mode and roster (see `OnConflict`)
   */
  reused: Array<{ key: SheetKey; name: string }>;
  /**
   * when the workbook's sheets were made for another month, language, formula mode or roster (its
   * stamp differs), so none of them was reused: what differs, and the workbook's month
   */
  otherStamp?: OtherStamp;
  /** the chosen agents' cells that were selected (`select`), on which sheet */
  selected?: { sheet: string; address: string; agents: number };
  /** defined names added, and names that existed already and were kept */
  namesAdded: string[];
  namesKept: string[];
  /** `context.sync` calls made */
  syncs: number;
  /** cells written (formulas and constants) */
  cells: number;
  /** features skipped because the host lacks their requirement set */
  skipped: Array<keyof WriterFeatures>;
  /** with onConflict 'cancel': the existing sheets that stopped the insertion (nothing was written) */
  cancelled?: string[];
  /** the spec as inserted (final sheet names; use its layout to import entries and read results) */
  spec: WorkbookSpec;
}

/** Queues reading the sheet names and defined names (with comments, ExcelApi 1.4); the result after the sync. */
export function queueReadState(context: Excel.RequestContext): () => WorkbookState {
  const ws = context.workbook.worksheets.load('items/name');
  const nm = context.workbook.names.load('items/name,items/value,items/comment');
  return () => ({
    sheets: (ws.items ?? []).map((s) => s.name),
    names: new Map(
      (nm.items ?? []).map((n) => [
        n.name.toLocaleLowerCase(),
        { name: n.name, value: String(n.value ?? ''), comment: typeof n.comment === 'string' ? n.comment : undefined },
      ]),
    ),
  });
}

/**
 * Inserts the spec's sheets (or `opts.sheets` and what they need) into the open workbook with at most
 * two `context.sync` calls. Never overwrites an existing sheet unless `onConflict` is 'replace'.
 * @returns what was inserted, renamed, replaced and reused, the sync count, and the final spec
 * @throws the Office error of the failing operation (with its `debugInfo`), a Problem (office.protectedSheets),
 *   or a plain Error for a spec the model does not allow
 */
export async function insertIntoWorkbook(spec: WorkbookSpec, opts: InsertOptions = {}): Promise<InsertResult> {
  const run = opts.run ?? defaultRun();
  return run(async (context) => {
    const s = counter(context);
    opts.onProgress?.({ phase: 'read' });
    const state = queueReadState(context);
    await s.sync();
    return queueInsertion(context, s, spec, state(), opts);
  });
}

/**
 * The rest of an insertion, once the workbook's state is read (`queueReadState`): plans and queues every write,
 * then syncs (once, or more when the writes exceed the request budget). A caller that reads more in the same
 * first sync (office/merge.ts: the month's cells with the state) inserts in two syncs in all.
 */
export async function queueInsertion(
  context: Excel.RequestContext,
  s: { n: number; sync(): Promise<void> },
  spec: WorkbookSpec,
  state: WorkbookState,
  opts: InsertOptions = {},
): Promise<InsertResult> {
  const f = opts.features ?? ALL_FEATURES;
  // copyFrom is not a loss: without it the same formulas are sent in full
  const skipped = (Object.keys(f) as Array<keyof WriterFeatures>).filter((k) => !f[k] && k !== 'copyFrom');
  const plan = planInsertion(spec, state, opts);
  // every sheet described before anything is queued: a spec the model does not allow (a fault of the
  // program, a plain Error) writes nothing
  const described = plan.insert.map((sh) => describeSheet(sh, plan.spec.lang));
  const base: Pick<InsertResult, 'renamed' | 'reused' | 'namesKept' | 'skipped' | 'spec' | 'otherStamp'> = {
    renamed: plan.renamed,
    reused: plan.reused,
    namesKept: plan.namesKept,
    skipped,
    spec: plan.spec,
  };
  if (plan.otherStamp) base.otherStamp = plan.otherStamp;
  if (plan.conflicts.length && opts.onConflict === 'cancel') {
    return { ...base, sheets: [], replaced: [], namesAdded: [], syncs: s.n, cells: 0, cancelled: plan.conflicts };
  }
  const wb = context.workbook;
  opts.onProgress?.({ phase: 'write', sheets: plan.insert.map((x) => x.name) });
  const sheets = new Map<string, Excel.Worksheet>();
  const req = new Requests(s, opts.requestBudget ?? REQUEST_BUDGET);
  let cells = 0;
  let selectedAll = false;
  try {
    // sheets replaced in place: unprotected first, so that a sheet that cannot be unprotected (a password
    // set by someone else) fails the batch before anything has changed; then cleared, never deleted
    await req.room((plan.replace.length * 16 + plan.insert.length) * OP_BYTES);
    for (const name of plan.replace) sheets.set(name, wb.worksheets.getItem(name));
    for (const name of plan.replace) sheets.get(name)!.protection.unprotect();
    for (const name of plan.replace) queueReset(sheets.get(name)!, f);
    for (const sh of plan.insert) if (!sheets.has(sh.name)) sheets.set(sh.name, wb.worksheets.add(sh.name));
    for (const n of plan.namesToDelete) {
      await req.room(OP_BYTES + jsonBytes(n));
      wb.names.getItem(n).delete();
    }
    for (const n of plan.namesToAdd) {
      await req.room(OP_BYTES + jsonBytes(n.name) + jsonBytes(n.ref) + jsonBytes(n.comment ?? ''));
      if (n.comment) wb.names.add(n.name, `=${n.ref}`, n.comment);
      else wb.names.add(n.name, `=${n.ref}`);
    }
    if (plan.restamp) wb.names.getItem(plan.restamp.name).comment = plan.restamp.comment;
    for (const d of described) cells += await queueSheetContent(sheets.get(d.name)!, d, f, req);
    // page layout before protection: Excel refuses print area, page breaks (and any format) on a protected sheet
    if (f.pageLayout)
      for (const d of described) {
        await req.room((16 + d.page.rowBreaks.length) * OP_BYTES);
        queuePageLayout(sheets.get(d.name)!, d, f);
      }
    await req.room((plan.insert.length + 2) * OP_BYTES + (plan.selection?.address.length ?? 0));
    for (const d of described) if (d.protect) queueProtection(sheets.get(d.name)!, f);
    if (opts.activate !== false && plan.show) {
      const shown = sheets.get(plan.show) ?? wb.worksheets.getItem(plan.show);
      shown.activate();
      // the chosen agents' pages or rows: several areas need RangeAreas.select (ExcelApi 1.18, not 1.9 like
      // getRanges); without it the first area (Range.select, 1.1)
      const sel = plan.selection;
      if (sel) {
        if (f.selectAreas && f.rangeAreas && sel.address.includes(',')) shown.getRanges(sel.address).select();
        else shown.getRange(sel.address.split(',')[0]).select();
        // reported only when every chosen agent is selected (the skipped feature says what was not)
        selectedAll = !sel.address.includes(',') || (f.selectAreas && f.rangeAreas);
      }
    }
    opts.onProgress?.({ phase: 'write', sheets: plan.insert.map((x) => x.name), cells });
    await s.sync();
  } catch (e) {
    throw protectedOr(e, plan.replace);
  }
  opts.onProgress?.({ phase: 'done', sheets: plan.insert.map((x) => x.name), cells });
  const out: InsertResult = {
    ...base,
    sheets: plan.insert.map((x) => x.name),
    replaced: plan.replace,
    namesAdded: plan.namesToAdd.map((n) => n.name),
    syncs: s.n,
    cells,
  };
  if (plan.selection && selectedAll) out.selected = plan.selection;
  return out;
}
