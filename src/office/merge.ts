/**
 * "Add another supervisor's workbook" (issue 11, forms.md D16): merges an uploaded month workbook (read by the pane
 * into a MonthBook: taskpane/merge-file.ts) into the open one, with the CLI's rules (core/merge.ts
 * `mergeMonthBooks`: what agrees is taken once, what disagrees is refused naming both workbooks and the cells,
 * unless the user chose which one wins), and writes the department's month: the forms, the summary and the quarter
 * over every agent (S01's average and the ranks, D16), the roster with its source column, the records with theirs.
 *
 * Two `context.sync` calls at 80 agents: the first reads this workbook's month (its rule names' cells, roster,
 * written test, after-sales and quarter sheets, the records) together with its sheet and defined names (what the
 * insertion plans with: insert.ts `queueReadState`); the merge and the new month's sheets are worked out in between;
 * the second writes them, each sheet replaced in place (insert.ts `queueInsertion`, onConflict 'replace': formulas
 * elsewhere that refer to our sheets keep working). More only when the writes pass the request budget (Excel on the
 * web refuses a request over 5 MB), or when the workbook is not in the language the pane expected or lacks one of
 * those sheets: then one more read finds which sheets it has. A refused merge writes nothing.
 */
import type { Agent } from '../core/agent';
import { MERGE, MergedMonth, MonthBook, mergeMonthBooks, splitHistory } from '../core/merge';
import type { Note } from '../core/problem';
import { Problem } from '../core/problem';
import { isSummedCode } from '../core/records';
import { SHEET_NAMES } from '../templates/i18n';
import type { WorkbookSpec } from '../templates/model';
import { RULE_NAMES } from '../templates/rule-names';
import { RECORD_COLS, RECORD_NAMES } from '../templates/sheets/records';
import { buildWorkbook } from '../templates/workbook';
import { InsertProgress, InsertResult, queueInsertion, queueReadState } from './insert';
import { MERGE_FILE } from './merge-messages';
import { Grid, MONTH_SHEETS, MonthCells, RECORD_READ_COLS, monthBookOfCells, parseRef } from './month-cells';
import { ExcelRun, counter, defaultRun } from './requests';
import { WriterFeatures } from './requirements';

type Lang = 'zh' | 'en';

export interface MergeOptions {
  /** which workbook wins a conflict: this one or the other; none: a conflict refuses the merge */
  prefer?: 'this' | 'other';
  /** how messages and the source columns name the open workbook (its file name, else "this workbook") */
  thisName: string;
  /** the language the pane expects the workbook's sheets in (the forms it inserted); a wrong guess costs a read */
  lang?: Lang;
  run?: ExcelRun;
  features?: WriterFeatures;
  requestBudget?: number;
  onProgress?: (p: InsertProgress) => void;
}

export interface MergeResult {
  /** the agents the other workbook added to this one's roster, in roster order */
  added: Agent[];
  /** the merged month's agents and records */
  agents: number;
  records: number;
  /** the two workbooks as the merge named them: this one, the other */
  files: [string, string];
  /** what a preference decided (core/merge.ts MERGE.preferred) */
  notes: Note[];
  /** the insertion (sheets replaced, its spec and layout) */
  insert: InsertResult;
  syncs: number;
}

/** The merged month as the workbook the pane writes (as src/cli/merge.ts `mergedWorkbook`: typed inputs on the forms, counts as records). */
export function mergedSpec(merged: MergedMonth): WorkbookSpec {
  const { inputs, history } = splitHistory(merged.inputs);
  const typed: typeof inputs = {};
  for (const [id, rec] of Object.entries(inputs))
    for (const [code, v] of Object.entries(rec)) if (!isSummedCode(code)) (typed[id] ??= {})[code] = v;
  return buildWorkbook({
    month: merged.month,
    agents: merged.agents,
    lang: merged.lang,
    mode: merged.mode,
    rules: merged.rules,
    inputs: typed,
    history,
    records: merged.records,
  });
}

const lc = (s: string) => s.toLocaleLowerCase();
const notFound = (e: unknown) => (e as { code?: string } | null)?.code === 'ItemNotFound' && !(e instanceof Problem);

/**
 * Queues reading this workbook's month: each rule name's cells, the given sheets' used cells, the records block
 * (the rows REC_ID covers: A–G and the source column). The result after the sync, given the defined names' references.
 */
function queueMonthRead(context: Excel.RequestContext, sheets: readonly string[], withRecords: boolean) {
  const wb = context.workbook;
  const names = RULE_NAMES.map((n) => [n, wb.names.getItem(n).getRange().load('values,rowIndex,columnIndex')] as const);
  const used = sheets.map((sh) => [sh, wb.worksheets.getItem(sh).getUsedRange(true).load('values,rowIndex,columnIndex')] as const);
  let rec: { ids: Excel.Range; cols: Excel.Range[] } | null = null;
  if (withRecords) {
    const ids = wb.names.getItem(RECORD_NAMES.id).getRange().load('values,rowIndex');
    rec = { ids, cols: RECORD_READ_COLS.map((c) => ids.getOffsetRange(0, c - RECORD_COLS.id).load('values')) };
  }
  return (refs: Map<string, string>, file: string, source: string): MonthCells => {
    const grid = (sheet: string, r: Excel.Range): Grid => ({ sheet, values: r.values, row: r.rowIndex + 1, col: r.columnIndex + 1 });
    const out: MonthCells = { file, source, names: new Map(), sheets: new Map(), records: null };
    for (const [n, r] of names) out.names.set(n, grid(parseRef(refs.get(lc(n)) ?? '')?.sheet ?? '', r));
    for (const [sh, r] of used) out.sheets.set(lc(sh), grid(sh, r));
    if (rec) {
      const { ids, cols } = rec;
      const sheet = parseRef(refs.get(lc(RECORD_NAMES.id)) ?? '')?.sheet ?? '';
      const first = ids.rowIndex + 1;
      const rows: NonNullable<MonthCells['records']>['rows'] = [];
      for (let i = 0; i < ids.values.length; i++) {
        const cells = cols.slice(0, 7).map((c) => c.values[i]?.[0] ?? '');
        if (cells.every((v) => v === '' || v === null)) continue;
        rows.push({ row: first + i, cells, source: cols[7].values[i]?.[0] ?? '' });
      }
      out.records = { sheet, rows };
    }
    return out;
  };
}

/**
 * Merges `other` into the open workbook (see the file's comment).
 * @throws Problem merge.refusedPane (core/merge.ts) carrying every conflict, each naming both workbooks and the
 *   cells, when `prefer` is not given; merge.notMonth (and the other merge.* problems) when this
 *   workbook is not a month's workbook; office.protectedSheets as an insertion does. Nothing is written then.
 */
export async function mergeIntoWorkbook(other: MonthBook, opts: MergeOptions): Promise<MergeResult> {
  const run = opts.run ?? defaultRun();
  // the two workbooks must be told apart in messages and by --prefer even when the files share a name
  const thisName = lc(opts.thisName) === lc(other.file) ? `${opts.thisName} (1)` : opts.thisName;
  return run(async (context) => {
    const s = counter(context);
    opts.onProgress?.({ phase: 'read' });
    let lang: Lang = opts.lang ?? 'zh';
    let sheets: string[] = MONTH_SHEETS.map((k) => SHEET_NAMES[lang][k]);
    let withRecords = true;
    let state = queueReadState(context);
    let month = queueMonthRead(context, sheets, withRecords);
    try {
      await s.sync();
    } catch (e) {
      if (!notFound(e)) throw e;
      // another language, or a sheet, a rule name or the records missing: find what the workbook has, read that
      const list = context.workbook.worksheets.load('items/name');
      const nl = context.workbook.names.load('items/name');
      await s.sync();
      const have = new Set(list.items.map((x) => lc(x.name)));
      const names = new Set(nl.items.map((x) => lc(x.name)));
      const missing = RULE_NAMES.find((n) => !names.has(lc(n)));
      if (missing) throw new Problem(MERGE_FILE.notMonth, { file: thisName, what: missing });
      lang = have.has(lc(SHEET_NAMES.zh.roster)) || !have.has(lc(SHEET_NAMES.en.roster)) ? 'zh' : 'en';
      sheets = MONTH_SHEETS.map((k) => SHEET_NAMES[lang][k]).filter((n) => have.has(lc(n)));
      withRecords = names.has(lc(RECORD_NAMES.id));
      state = queueReadState(context);
      month = queueMonthRead(context, sheets, withRecords);
      await s.sync();
    }
    const st = state();
    const refs = new Map([...st.names].map(([k, v]) => [k, v.value]));
    const mine = monthBookOfCells(month(refs, thisName, thisName));

    // this workbook first: its language, formula mode and order lead; a conflict names both workbooks
    const prefer = opts.prefer === 'this' ? [thisName] : opts.prefer === 'other' ? [other.file] : [];
    const merged = mergeMonthBooks([mine, other], prefer, (n) => new Problem(MERGE.refusedPane, { n, file: other.file }));
    const spec = mergedSpec(merged);
    // every sheet is written anew: the stamp is not consulted, since a stamp of the same month and roster (a merge
    // that adds nobody) would have the insertion keep the forms whose inputs the merge changes
    const unstamped = new Map([...st.names].map(([k, v]) => [k, { name: v.name, value: v.value }]));
    const insert = await queueInsertion(
      context,
      s,
      spec,
      { sheets: st.sheets, names: unstamped },
      {
        onConflict: 'replace',
        features: opts.features,
        requestBudget: opts.requestBudget,
        onProgress: opts.onProgress,
      },
    );
    const known = new Set(mine.agents.map((a) => a.id.toUpperCase()));
    return {
      added: merged.agents.filter((a) => !known.has(a.id.toUpperCase())),
      agents: merged.agents.length,
      records: merged.records.length,
      files: [thisName, other.file],
      notes: merged.notes,
      insert,
      syncs: s.n,
    };
  });
}
