/**
 * The Office.js writer: renders the same `WorkbookSpec` as the .xlsx writer (templates/workbook.ts
 * `buildWorkbook`) into the open workbook, and reads results back.
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
import {
  STYLES,
  SheetKey,
  SheetSpec,
  StyleName,
  StyleSpec,
  ValidationSpec,
  WorkbookSpec,
  AgentLayout,
  DefinedNameSpec,
  colName,
  parseAddr,
} from '../templates/model';
import {
  Rect,
  STAMP_NAME,
  agentAreas,
  areaChunks,
  formulaEntry,
  missingSheetRefs,
  parseStamp,
  fitWidthScale,
  jsonBytes,
  rectAddress,
  refSheet,
  rowBands,
  renameSheets,
  sheetBounds,
  sheetDeps,
  specStamp,
  toRects,
  uniqueSheetName,
  usedNames,
  valueEntry,
  widthToPoints,
} from './plan';
import { ALL_FEATURES, WriterFeatures } from './requirements';

/** `Excel.run` or a stand-in with the same shape (tests, the headless browser check). */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/**
 * What to do when a sheet to insert exists already:
 * - `reuse` (default): a sheet this add-in made for the same month, language, formula mode and roster is
 *   used as it is (its entries kept; new formulas point at it); any other sheet of that name stays and
 *   the new one is renamed (`表A-业务 (2)`);
 * - `rename`: the chosen sheets are inserted afresh under a new name even when ours; the sheets they
 *   need are still reused when ours;
 * - `replace`: the chosen sheets replace the existing ones of that name (the sheets they need are
 *   reused when ours, else inserted renamed: a sheet nobody chose is never deleted);
 * - `cancel`: insert nothing when any sheet would have to be renamed or replaced (reusing is fine).
 */
export type OnConflict = 'reuse' | 'rename' | 'replace' | 'cancel';

export interface InsertProgress {
  phase: 'read' | 'write' | 'done';
  /** sheets being written (final names) */
  sheets?: string[];
  /** cells in the write */
  cells?: number;
}

export interface InsertOptions {
  /** keys of the spec's sheets to insert (default: every sheet of the spec); the sheets they need are added or reused */
  sheets?: SheetKey[];
  /** an existing sheet with the same name: see `OnConflict` (default `reuse`) */
  onConflict?: OnConflict;
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
  otherStamp?: { month: string; differs: Array<'month' | 'lang' | 'mode' | 'roster'> };
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

/** An error the task pane explains as such: what went wrong and what to do. */
export class WriterError extends Error {
  /**
   * @param code `busy`: custom functions still calculating (#BUSY!) after the reader's retries;
   *   `protected`: a sheet to replace is protected with a password (nothing was changed)
   * @param sheets the sheets it is about
   */
  constructor(
    message: string,
    readonly code: 'not-in-excel' | 'missing-sheet' | 'bad-spec' | 'busy' | 'protected',
    readonly details?: string,
    readonly sheets?: string[],
  ) {
    super(message);
    this.name = 'WriterError';
  }
}

function defaultRun(): ExcelRun {
  if (typeof Excel === 'undefined' || typeof Excel.run !== 'function') {
    throw new WriterError('Excel is not available here (Excel.run is missing): open the add-in in Excel.', 'not-in-excel');
  }
  return (batch) => Excel.run(batch);
}

/**
 * The most an insertion puts into one request, in UTF-8 bytes of its operations' arguments (values,
 * formulas, addresses) plus `OP_BYTES` per operation: below Excel on the web's 5 MB with room for what
 * the estimate leaves out.
 */
export const REQUEST_BUDGET = 4_000_000;
/**
 * Elsewhere (Windows, Mac) no request limit is documented: requests stay below this, so that even 500
 * agents without RangeAreas (Excel 2019: ~4 MB by the same count at 80 agents) go in a few requests.
 */
export const DESKTOP_REQUEST_BUDGET = 16_000_000;

/** The request budget for a host by `Office.context.platform`: the web's (`OfficeOnline`) or an unknown one's is `REQUEST_BUDGET`. */
export function requestBudgetFor(platform: string | undefined): number {
  return platform === 'PC' || platform === 'Mac' ? DESKTOP_REQUEST_BUDGET : REQUEST_BUDGET;
}
/** an operation's own share of a request (its name, object path, JSON punctuation) */
const OP_BYTES = 100;

/**
 * Splits the queued writes of one `Excel.run` into requests: `room(bytes)` before queuing operations
 * of that size syncs first when they would take the current request over the budget.
 */
class Requests {
  used = 0;
  constructor(
    private readonly s: { sync(): Promise<void> },
    readonly budget: number,
  ) {}
  async room(bytes: number): Promise<void> {
    if (this.used > 0 && this.used + bytes > this.budget) {
      await this.s.sync();
      this.used = 0;
    }
    this.used += bytes;
  }
}

/** Counts `context.sync` calls of one `Excel.run`. */
function counter(context: Excel.RequestContext) {
  const c = { n: 0, sync: async () => {} };
  c.sync = async () => {
    c.n++;
    await context.sync();
  };
  return c;
}

// ---------------- reading the workbook ----------------

/** What an insertion needs to know about the open workbook. */
export interface WorkbookState {
  /** sheet names, as Excel has them */
  sheets: string[];
  /** workbook-scoped defined names: lower-case name → { name, value (e.g. `规则!$C$5`), comment (ExcelApi 1.4) } */
  names: Map<string, { name: string; value: string; comment?: string }>;
}

function queueReadState(context: Excel.RequestContext): () => WorkbookState {
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

// ---------------- planning ----------------

export interface InsertPlan {
  /** the spec with final sheet names (inserted sheets as renamed, reused sheets as the workbook spells them) */
  spec: WorkbookSpec;
  /** sheets to add, in order, with final names */
  insert: SheetSpec[];
  /**
   * existing sheets replaced in place, as the workbook spells them (also their final names; they are
   * among `insert`)
   */
  replace: string[];
  renamed: Record<string, string>;
  reused: Array<{ key: SheetKey; name: string }>;
  /** names to add; the stamp name carries the stamp as its comment */
  namesToAdd: Array<DefinedNameSpec & { comment?: string }>;
  /** existing names on a sheet being replaced: deleted, then added again as the spec says */
  namesToDelete: string[];
  namesKept: string[];
  /** the stamp to write on the existing stamp name (the same spec, more sheets of ours), if any */
  restamp: { name: string; comment: string } | null;
  otherStamp?: InsertResult['otherStamp'];
  /** existing sheets in the way (with onConflict 'cancel': the insertion stops) */
  conflicts: string[];
  /** the sheet to show afterwards (final name) */
  show: string | null;
  /** the chosen agents' areas to select on the shown sheet */
  selection: { sheet: string; address: string; agents: number } | null;
}

const lc = (s: string) => s.toLocaleLowerCase();

/**
 * Decides what an insertion does in a workbook in the given state; pure (no Office.js).
 *
 * Which sheets: the chosen ones, then what their formulas need, recursively, except sheets that are
 * reused: the rules sheet when its defined names exist; the roster when there is one; and any sheet
 * this add-in made for the same month, language, formula mode and roster — told by the stamp on
 * `KPI_MONTH` (`specStamp`) listing it, and a sheet of the template's name. A reused sheet's own needs
 * are not inserted (it has them already). So inserting form A, then the summary, makes the summary read
 * the form A that holds the entries instead of a blank copy.
 * @throws WriterError when a sheet the insertion needs is neither in the spec nor in the workbook
 */
export function planInsertion(
  spec: WorkbookSpec,
  state: WorkbookState,
  opts: Pick<InsertOptions, 'sheets' | 'onConflict' | 'select'> = {},
): InsertPlan {
  const onConflict = opts.onConflict ?? 'reuse';
  const wanted = opts.sheets ?? spec.sheets.map((s) => s.key);
  const existing = new Map(state.sheets.map((s) => [lc(s), s]));
  const byKey = new Map(spec.sheets.map((s) => [s.key, s]));
  const replacing = (k: SheetKey) => onConflict === 'replace' && wanted.includes(k);

  // the stamp of this spec and the workbook's
  const stampName = spec.names.find((n) => lc(n.name) === lc(STAMP_NAME))?.name ?? null;
  const have = stampName ? state.names.get(lc(stampName)) : undefined;
  const theirs = parseStamp(have?.comment);
  const mine = parseStamp(specStamp(spec, []))!;
  const sameSpec = !!theirs && theirs.base === mine.base;

  // what can be reused instead of inserted
  const reuseAs = new Map<SheetKey, string>();
  const rules = byKey.get('rules');
  if (rules && !replacing('rules')) {
    // the rules sheet: when every defined name of the spec already exists (inserted before)
    const ruleNames = spec.names.filter((n) => lc(refSheet(n.ref) ?? '') === lc(rules.name));
    if (ruleNames.length > 0 && ruleNames.every((n) => state.names.has(lc(n.name)))) {
      const where = refSheet(state.names.get(lc(ruleNames[0].name))!.value) ?? rules.name;
      reuseAs.set('rules', existing.get(lc(where)) ?? where);
    }
  }
  // the roster: nothing refers to it; an existing one is kept unless replacing it
  const roster = byKey.get('roster');
  if (roster && !replacing('roster') && existing.has(lc(roster.name))) reuseAs.set('roster', existing.get(lc(roster.name))!);
  // the forms, test, summary, quarter: ours for this very spec
  if (sameSpec) {
    for (const k of theirs!.sheets) {
      const sh = byKey.get(k);
      if (sh && k !== 'rules' && k !== 'roster' && !reuseAs.has(k) && existing.has(lc(sh.name))) reuseAs.set(k, existing.get(lc(sh.name))!);
    }
  }

  // walk from the chosen sheets through what they need
  const deps = sheetDeps(spec);
  const insertSet = new Set<SheetKey>();
  const reusedSet = new Set<SheetKey>();
  const visit = (k: SheetKey, chosen: boolean) => {
    if (insertSet.has(k) || reusedSet.has(k) || !byKey.has(k)) return;
    // a fresh copy when asked for; the rules (global names) and the roster are never copied
    const fresh = chosen && (onConflict === 'replace' || (onConflict === 'rename' && k !== 'rules' && k !== 'roster'));
    if (reuseAs.has(k) && !fresh) {
      reusedSet.add(k);
      return;
    }
    insertSet.add(k);
    for (const d of deps.get(k) ?? []) visit(d, false);
  };
  for (const k of spec.sheets.map((x) => x.key).filter((x) => wanted.includes(x))) visit(k, true);
  const insertKeys = spec.sheets.map((s) => s.key).filter((k) => insertSet.has(k));
  const reused = spec.sheets.filter((s) => reusedSet.has(s.key)).map((s) => ({ key: s.key, name: reuseAs.get(s.key)! }));

  // every sheet the formulas refer to must be inserted now or exist already
  const missing = missingSheetRefs(spec, insertKeys).filter((s) => !existing.has(lc(s)));
  if (missing.length) {
    throw new WriterError(
      `The sheets to insert refer to ${missing.map((m) => `"${m}"`).join(', ')}, which is neither in the workbook nor being inserted.`,
      'bad-spec',
    );
  }

  const conflicts = insertKeys
    .map((k) => byKey.get(k)!.name)
    .filter((n) => existing.has(lc(n)))
    .map((n) => existing.get(lc(n))!);
  const renamed: Record<string, string> = {};
  const replace: InsertPlan['replace'] = [];
  const taken = new Set(state.sheets);
  if (!(conflicts.length && onConflict === 'cancel')) {
    for (const k of insertKeys) {
      const name = byKey.get(k)!.name;
      const old = existing.get(lc(name));
      if (old === undefined) taken.add(name);
      else if (replacing(k)) replace.push(old);
      else {
        const final = uniqueSheetName(name, [...taken, ...spec.sheets.map((s) => s.name)]);
        renamed[name] = final;
        taken.add(final);
      }
    }
  }
  // reused and replaced sheets as the workbook spells them (names compare case-insensitively)
  const spelled: Record<string, string> = {};
  for (const r of reused) {
    const name = byKey.get(r.key)!.name;
    if (lc(name) === lc(r.name)) spelled[name] = r.name;
  }
  for (const old of replace) spelled[spec.sheets.find((s) => lc(s.name) === lc(old))!.name] = old;
  const finalSpec = renameSheets(spec, { ...spelled, ...renamed });
  const insert = finalSpec.sheets.filter((s) => insertKeys.includes(s.key));
  const insertedNames = new Set(insert.map((s) => lc(s.name)));
  const replacedOld = new Set(replace.map(lc));

  // the stamp: which of our sheets now carry the template's name for this spec
  const underOwnName = insertKeys.filter((k) => !renamed[byKey.get(k)!.name]);
  // (a sheet of ours stays ours when a fresh copy goes alongside it; a replaced one keeps its name)
  const keptOurs = sameSpec ? theirs!.sheets.filter((k) => byKey.has(k) && existing.has(lc(byKey.get(k)!.name))) : [];
  const stamp = specStamp(spec, [...keptOurs, ...underOwnName]);

  const namesToAdd: InsertPlan['namesToAdd'] = [];
  const namesToDelete: string[] = [];
  const namesKept: string[] = [];
  let stampAdded = false;
  for (const n of finalSpec.names) {
    const target = refSheet(n.ref);
    if (!target || !insertedNames.has(lc(target))) continue; // its sheet is not inserted (e.g. rules reused)
    const old = state.names.get(lc(n.name));
    const withStamp = stampName && lc(n.name) === lc(stampName) ? { ...n, comment: stamp } : n;
    if (!old) namesToAdd.push(withStamp);
    else if (replacedOld.has(lc(refSheet(old.value) ?? ''))) {
      namesToDelete.push(old.name);
      namesToAdd.push(withStamp);
    } else {
      namesKept.push(old.name);
      continue;
    }
    if (withStamp !== n) stampAdded = true;
  }
  // the stamp name exists already for this spec: record the sheets inserted now under their own name
  const restamp = !stampAdded && have && sameSpec && have.comment !== stamp ? { name: have.name, comment: stamp } : null;
  const otherStamp =
    theirs && !sameSpec && Object.keys(renamed).length
      ? {
          month: theirs.month,
          differs: (['month', 'lang', 'mode', 'roster'] as const).filter((k) => theirs[k] !== mine[k]),
        }
      : undefined;

  // every defined name the inserted formulas use must exist or be added now
  const added = new Set(namesToAdd.map((n) => lc(n.name)));
  const unresolved = usedNames(finalSpec, insertKeys).filter((n) => !added.has(lc(n)) && !state.names.has(lc(n)));
  if (unresolved.length) {
    throw new WriterError(
      `The sheets to insert use the defined names ${unresolved.slice(0, 5).join(', ')}${unresolved.length > 5 ? ', …' : ''}, which neither exist in the workbook nor come with a sheet being inserted (the rules sheet).`,
      'bad-spec',
    );
  }
  const firstWanted = finalSpec.sheets.find((s) => wanted.includes(s.key));
  const showSheet = firstWanted
    ? insert.find((s) => s.key === firstWanted.key)
      ? firstWanted
      : reused.some((r) => r.key === firstWanted.key)
        ? firstWanted
        : null
    : (insert[0] ?? null);
  const show = showSheet ? (reused.find((r) => r.key === showSheet.key)?.name ?? showSheet.name) : null;
  let selection: InsertPlan['selection'] = null;
  if (showSheet && opts.select) {
    const areas = agentAreas(finalSpec, showSheet.key, opts.select);
    // one getRanges call: the first chunk of areas (80 agents' pages fit in one)
    if (areas.length) selection = { sheet: show!, address: areaChunks(areas.map(parseRect))[0], agents: opts.select.length };
  }
  const result: InsertPlan = {
    spec: finalSpec,
    insert,
    replace,
    renamed,
    reused,
    namesToAdd,
    namesToDelete,
    namesKept,
    restamp,
    conflicts,
    show,
    selection,
  };
  if (otherStamp) result.otherStamp = otherStamp;
  return result;
}

/** "A1:F22" or "A1" as a rectangle. */
function parseRect(a: string): Rect {
  const [x, y] = a.split(':');
  const p = parseAddr(x);
  const q = y ? parseAddr(y) : p;
  return { r1: p.row, c1: p.col, r2: q.row, c2: q.col };
}

// ---------------- writing ----------------

const EDGES_OUT = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const;
const ALIGN: Record<NonNullable<StyleSpec['align']>, 'Left' | 'Center' | 'Right'> = { left: 'Left', center: 'Center', right: 'Right' };

/** One RangeFormat (of a Range or RangeAreas) set to a style; inside borders only where every area has them. */
function applyStyle(fmt: Excel.RangeFormat, st: StyleSpec, inside: { h: boolean; v: boolean }): void {
  if (st.bold) fmt.font.bold = true;
  if (st.size) fmt.font.size = st.size;
  if (st.color) fmt.font.color = `#${st.color}`;
  if (st.fill) fmt.fill.color = `#${st.fill}`;
  if (st.align) fmt.horizontalAlignment = ALIGN[st.align];
  fmt.verticalAlignment = 'Center';
  if (st.wrap) fmt.wrapText = true;
  if (st.border) {
    const edges: string[] = [...EDGES_OUT];
    if (inside.h) edges.push('InsideHorizontal');
    if (inside.v) edges.push('InsideVertical');
    for (const e of edges) {
      const b = fmt.borders.getItem(e as Excel.BorderIndex);
      b.style = 'Continuous';
      b.weight = 'Thin';
      b.color = '#808080';
    }
  }
  if (!st.locked) fmt.protection.locked = false;
}

/** How many operations `applyStyle` queues for a style. */
function styleOps(st: StyleSpec, inside: { h: boolean; v: boolean }): number {
  const edges = st.border ? 4 + (inside.h ? 1 : 0) + (inside.v ? 1 : 0) : 0;
  return 1 + [st.bold, st.size, st.color, st.fill, st.align, st.wrap, !st.locked].filter(Boolean).length + edges * 3;
}

/** Rectangles split by whether they have inside lines, so one `getRanges` call gets one border set. */
function byShape(rects: Rect[]): Array<{ rects: Rect[]; h: boolean; v: boolean }> {
  const groups = new Map<string, { rects: Rect[]; h: boolean; v: boolean }>();
  for (const r of rects) {
    const h = r.r2 > r.r1;
    const v = r.c2 > r.c1;
    const k = `${h}${v}`;
    const g = groups.get(k) ?? { rects: [], h, v };
    g.rects.push(r);
    groups.set(k, g);
  }
  return [...groups.values()];
}

/** The addresses for a set of rectangles: `getRanges` lists (RangeAreas, ExcelApi 1.9) or one per rectangle. */
function addresses(rects: Rect[], f: WriterFeatures): string[] {
  return f.rangeAreas ? areaChunks(rects) : rects.map(rectAddress);
}

/** A Range, or RangeAreas for an address list (ExcelApi 1.9; `f.rangeAreas` says so where it is used: test/requirement-sets.test.ts). */
function target(ws: Excel.Worksheet, address: string, f: WriterFeatures): Excel.Range | Excel.RangeAreas {
  return f.rangeAreas && address.includes(',') ? ws.getRanges(address) : ws.getRange(address);
}

function validationRule(v: ValidationSpec): Excel.DataValidationRule {
  const bounds = (): Excel.BasicDataValidation =>
    v.type === 'whole' || v.type === 'decimal'
      ? v.max === undefined
        ? { formula1: v.min, operator: 'GreaterThanOrEqualTo' }
        : { formula1: v.min, formula2: v.max, operator: 'Between' }
      : { formula1: 0, operator: 'GreaterThanOrEqualTo' };
  switch (v.type) {
    case 'whole':
      return { wholeNumber: bounds() };
    case 'decimal':
      return { decimal: bounds() };
    case 'list':
      return { list: { inCellDropDown: true, source: v.values.join(',') } };
    case 'custom':
      return { custom: { formula: `=${v.formula}` } };
  }
}

function applyValidation(dv: Excel.DataValidation, v: ValidationSpec, lang: 'zh' | 'en'): void {
  dv.rule = validationRule(v);
  dv.prompt = { showPrompt: true, title: lang === 'zh' ? '填写说明' : 'Input', message: v.prompt.slice(0, 255) };
  dv.errorAlert = { showAlert: true, style: 'Stop', title: lang === 'zh' ? '输入无效' : 'Invalid entry', message: v.error.slice(0, 255) };
}

/**
 * Queues one sheet's content: number formats and formulas as two 2-D arrays over the used rectangle
 * (in bands of rows when it is larger than half a request), formats by style, merges, widths, heights,
 * validation, conditional formats, freeze panes. `req.room` syncs between requests when needed.
 * @returns the number of cells with content
 */
async function queueSheetContent(
  ws: Excel.Worksheet,
  sheet: SheetSpec,
  lang: 'zh' | 'en',
  f: WriterFeatures,
  req: Requests,
): Promise<number> {
  const b = sheetBounds(sheet);
  const rows = b.r2;
  const cols = b.c2;
  const formulas: Array<Array<string | number | boolean | null>> = Array.from({ length: rows }, () => new Array(cols).fill(null));
  const numFmt: Array<Array<string | null>> = Array.from({ length: rows }, () => new Array(cols).fill(null));
  let anyFmt = false;
  let content = 0;
  const byStyle = new Map<StyleName, Array<{ row: number; col: number }>>();
  const byValidation = new Map<string, { v: ValidationSpec; cells: Array<{ row: number; col: number }> }>();
  for (const c of sheet.cells) {
    const p = parseAddr(c.address);
    const e = formulaEntry(c);
    formulas[p.row - 1][p.col - 1] = e;
    if (e !== null) content++;
    const st = STYLES[c.style];
    if (!st) throw new WriterError(`${sheet.name}!${c.address}: unknown style "${c.style}"`, 'bad-spec');
    if (st.numFmt) {
      numFmt[p.row - 1][p.col - 1] = st.numFmt;
      anyFmt = true;
    }
    const s = byStyle.get(c.style) ?? [];
    s.push(p);
    byStyle.set(c.style, s);
    if (c.validation) {
      // a custom formula is relative to its own cell: one cell per rule; others group by content
      const k = c.validation.type === 'custom' ? `${c.address}` : JSON.stringify(c.validation);
      const g = byValidation.get(k) ?? { v: c.validation, cells: [] };
      g.cells.push(p);
      byValidation.set(k, g);
    }
  }
  // one range for the whole sheet, or bands of rows that each fit half a request
  for (const [i, j, bytes] of rowBands(formulas, req.budget / 2)) {
    const fmtBand = numFmt.slice(i, j + 1);
    const fmtBytes = anyFmt ? jsonBytes(fmtBand) : 0;
    await req.room(bytes + fmtBytes + 2 * OP_BYTES);
    const band = ws.getRange(rectAddress({ r1: i + 1, c1: 1, r2: j + 1, c2: cols }));
    if (anyFmt) band.numberFormat = fmtBand; // before the values, so "@" cells receive text
    band.formulas = formulas.slice(i, j + 1);
  }

  for (const [style, cells] of byStyle) {
    const st = STYLES[style];
    for (const g of byShape(toRects(cells))) {
      for (const a of addresses(g.rects, f)) {
        await req.room(styleOps(st, g) * (OP_BYTES + a.length));
        applyStyle(target(ws, a, f).format, st, g);
      }
    }
  }
  for (const m of sheet.merges) {
    await req.room(OP_BYTES + m.length);
    ws.getRange(m).merge(false);
  }

  // column widths: runs of equal widths share one range
  await req.room((sheet.widths.length + (sheet.hiddenColumns ?? []).length) * (OP_BYTES + 10));
  for (let i = 0; i < sheet.widths.length;) {
    let j = i;
    while (j + 1 < sheet.widths.length && sheet.widths[j + 1] === sheet.widths[i]) j++;
    ws.getRange(`${colName(i + 1)}:${colName(j + 1)}`).format.columnWidth = widthToPoints(sheet.widths[i]);
    i = j + 1;
  }
  for (const c of sheet.hiddenColumns ?? []) ws.getRange(`${colName(c)}:${colName(c)}`).columnHidden = true;
  const heights = new Map<number, Array<{ row: number; col: number }>>();
  for (const [r, h] of Object.entries(sheet.rowHeights)) {
    const a = heights.get(h) ?? [];
    a.push({ row: Number(r), col: 1 });
    heights.set(h, a);
  }
  for (const [h, rowsOfH] of heights)
    for (const a of addresses(toRects(rowsOfH), f)) {
      await req.room(OP_BYTES + a.length);
      target(ws, a, f).format.rowHeight = h;
    }

  if (f.dataValidation) {
    for (const { v, cells } of byValidation.values()) {
      const texts = jsonBytes(validationRule(v)) + jsonBytes(v.prompt) + jsonBytes(v.error) + 3 * OP_BYTES;
      for (const a of addresses(toRects(cells), f)) {
        await req.room(texts + 3 * a.length);
        applyValidation(target(ws, a, f).dataValidation, v, lang);
      }
    }
  }
  if (f.conditionalFormats) {
    for (const c of sheet.conditionalFormats) {
      await req.room(5 * OP_BYTES + c.range.length + jsonBytes(c.formula));
      const cf = ws.getRange(c.range).conditionalFormats.add('Custom');
      cf.custom.rule.formula = `=${c.formula}`;
      cf.custom.format.fill.color = `#${c.fill}`;
      if (c.color) cf.custom.format.font.color = `#${c.color}`;
      if (c.bold) cf.custom.format.font.bold = true;
    }
  }
  if (f.freezePanes && sheet.freezeRows > 0) ws.freezePanes.freezeRows(sheet.freezeRows);
  return content;
}

/**
 * Queues clearing an existing sheet so that it can be written as a new one (replacing in place, which
 * keeps the worksheet and so every reference to it from other sheets): contents, formulas and formats
 * (`clear(All)`, which also relocks every cell), merges, hidden columns and rows, data validation,
 * conditional formats, manual page breaks, frozen panes, column widths and row heights. The sheet must
 * be unprotected before. Visible again if it was hidden (the writer may activate it). What needs a
 * set above the pane's minimum (ExcelApi 1.4) is gated like the writing: conditional formats 1.6,
 * frozen panes and standard widths/heights 1.7, validation 1.8, page breaks 1.9.
 */
function queueReset(ws: Excel.Worksheet, f: WriterFeatures): void {
  ws.visibility = 'Visible'; // ExcelApi 1.2
  const all = ws.getRange(); // the whole sheet
  all.clear('All'); // Excel.ClearApplyTo.all, ExcelApi 1.1
  all.unmerge(); // ExcelApi 1.2
  all.columnHidden = false; // ExcelApi 1.2
  all.rowHidden = false; // ExcelApi 1.2
  if (f.dataValidation) all.dataValidation.clear(); // ExcelApi 1.8
  if (f.conditionalFormats) all.conditionalFormats.clearAll(); // ExcelApi 1.6
  if (f.pageLayout) {
    ws.horizontalPageBreaks.removePageBreaks(); // ExcelApi 1.9
    ws.verticalPageBreaks.removePageBreaks();
  }
  if (f.freezePanes) {
    ws.freezePanes.unfreeze(); // ExcelApi 1.7
    all.format.useStandardWidth = true; // ExcelApi 1.7
    all.format.useStandardHeight = true;
  }
}

/** Queues protection without a password (input cells were unlocked by their style). */
function queueProtection(ws: Excel.Worksheet, f: WriterFeatures): void {
  const o: Excel.WorksheetProtectionOptions = { allowFormatColumns: true, allowFormatRows: true };
  if (f.freezePanes) o.selectionMode = 'Normal'; // ExcelApi 1.7
  ws.protection.protect(o);
}

/**
 * Queues A4, orientation, margins, the print scale, print area and titles, one agent per page. Every
 * sheet prints at a fixed scale: its `printScale` (manual page breaks: one agent per page; Excel ignores
 * manual page breaks under "fit to N pages"), else the scale at which its columns fit one A4 page wide
 * (`fitWidthScale`). Not "fit to 1 page wide" as the .xlsx writer says it: through Office.js Excel does
 * not apply fit-to-pages unless the Page Layout tab is active (office-js #1860).
 */
function queuePageLayout(ws: Excel.Worksheet, sheet: SheetSpec): void {
  const pl = ws.pageLayout;
  pl.paperSize = 'A4';
  pl.orientation = sheet.landscape ? 'Landscape' : 'Portrait';
  pl.centerHorizontally = true;
  pl.leftMargin = 36;
  pl.rightMargin = 36;
  pl.topMargin = 43.2;
  pl.bottomMargin = 43.2;
  pl.headerMargin = 21.6;
  pl.footerMargin = 21.6;
  pl.zoom = { scale: sheet.printScale ?? fitWidthScale(sheet) };
  if (sheet.printArea) pl.setPrintArea(sheet.printArea);
  if (sheet.printTitleRows)
    pl.setPrintTitleRows(
      sheet.printTitleRows
        .split(':')
        .map((r) => `$${r.replace(/\$/g, '')}`)
        .join(':'),
    );
  const last = sheetBounds(sheet).r2;
  for (const r of sheet.rowBreaks) if (r < last) ws.horizontalPageBreaks.add(`A${r + 1}`);
}

/**
 * Inserts the spec's sheets (or `opts.sheets` and what they need) into the open workbook with at most
 * two `context.sync` calls. Never overwrites an existing sheet unless `onConflict` is 'replace'.
 * @returns what was inserted, renamed, replaced and reused, the sync count, and the final spec
 * @throws the Office error of the failing operation (with its `debugInfo`), or WriterError
 */
export async function insertIntoWorkbook(spec: WorkbookSpec, opts: InsertOptions = {}): Promise<InsertResult> {
  const run = opts.run ?? defaultRun();
  const f = opts.features ?? ALL_FEATURES;
  const skipped = (Object.keys(f) as Array<keyof WriterFeatures>).filter((k) => !f[k]);
  return run(async (context) => {
    const s = counter(context);
    opts.onProgress?.({ phase: 'read' });
    const state = queueReadState(context);
    await s.sync();
    const plan = planInsertion(spec, state(), opts);
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
      for (const sh of plan.insert) cells += await queueSheetContent(sheets.get(sh.name)!, sh, plan.spec.lang, f, req);
      // page layout before protection: Excel refuses print area, page breaks (and any format) on a protected sheet
      if (f.pageLayout)
        for (const sh of plan.insert) {
          await req.room((16 + sh.rowBreaks.length) * OP_BYTES);
          queuePageLayout(sheets.get(sh.name)!, sh);
        }
      await req.room((plan.insert.length + 2) * OP_BYTES + (plan.selection?.address.length ?? 0));
      for (const sh of plan.insert) if (sh.protect) queueProtection(sheets.get(sh.name)!, f);
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
  });
}

// ---------------- reading results, jumping, importing ----------------

/** One agent's results as the summary shows them. */
export interface SummaryRow {
  id: string;
  name: string;
  role: AgentLayout['agent']['role'];
  group: string;
  /** a number, or a text such as `incomplete` or an error (`#NAME?` when the KPI functions are not loaded) */
  total: number | string | null;
  rank: number | string | null;
  pay: number | string | null;
  flags: string;
  formCell: AgentLayout['formCell'];
}

const cellValue = (v: unknown): number | string | null =>
  v === '' || v === null || v === undefined ? null : typeof v === 'number' ? v : String(v);

/** Waits before each new read while custom functions still calculate: 5 reads over about 3 s in all. */
export const BUSY_RETRY_MS: readonly number[] = [200, 400, 800, 1600];

/** What Excel shows in a cell whose custom function is still calculating (`#GETTING_DATA` in older builds). */
const CALCULATING = /^#(BUSY!|GETTING_DATA)$/;

/**
 * Reads rank, total, pay and flags of every agent of `layout` from the summary, in one `context.sync`
 * (one rectangle per sheet involved); ExcelApi 1.1. While the `=KPI.…` functions calculate (after a
 * write, on opening) Excel gives `#BUSY!` for their cells: then it reads again after each wait of
 * `retryMs` (default `BUSY_RETRY_MS`), one sync each.
 * @throws WriterError 'missing-sheet' when a sheet of the layout is not in the workbook; 'busy' when the
 *   cells still show #BUSY! after the last wait
 */
export async function readSummary(
  layout: AgentLayout[],
  opts: { run?: ExcelRun; retryMs?: readonly number[] } = {},
): Promise<{ rows: SummaryRow[]; syncs: number }> {
  const waits = opts.retryMs ?? BUSY_RETRY_MS;
  const run = opts.run ?? defaultRun();
  const pick = (l: AgentLayout) => ({
    total: l.outputs.summaryTotal ?? l.outputs.total,
    rank: l.outputs.rank,
    pay: l.outputs.pay,
    flags: l.outputs.flags,
  });
  const bySheet = new Map<string, Rect>();
  for (const l of layout) {
    for (const at of Object.values(pick(l))) {
      if (!at) continue;
      const p = parseAddr(at.address);
      const r = bySheet.get(at.sheet);
      if (!r) bySheet.set(at.sheet, { r1: p.row, c1: p.col, r2: p.row, c2: p.col });
      else Object.assign(r, { r1: Math.min(r.r1, p.row), c1: Math.min(r.c1, p.col), r2: Math.max(r.r2, p.row), c2: Math.max(r.c2, p.col) });
    }
  }
  return run(async (context) => {
    const s = counter(context);
    const ranges = new Map<string, { rect: Rect; range: Excel.Range }>();
    const get = (at?: { sheet: string; address: string }): unknown => {
      if (!at) return null;
      const r = ranges.get(at.sheet)!;
      const p = parseAddr(at.address);
      return r.range.values[p.row - r.rect.r1]?.[p.col - r.rect.c1];
    };
    const busy = () => layout.some((l) => Object.values(pick(l)).some((at) => CALCULATING.test(String(get(at) ?? ''))));
    for (let attempt = 0; ; attempt++) {
      for (const [sheet, rect] of bySheet) {
        const ws = context.workbook.worksheets.getItem(sheet);
        ranges.set(sheet, { rect, range: ws.getRange(rectAddress(rect)).load('values') });
      }
      try {
        await s.sync();
      } catch (e) {
        throw missingSheetOr(e, [...bySheet.keys()]);
      }
      if (!busy()) break;
      if (attempt >= waits.length) {
        throw new WriterError(
          `The KPI functions are still calculating (#BUSY!) after ${s.n} reads: try again in a moment.`,
          'busy',
          undefined,
          [...bySheet.keys()],
        );
      }
      await new Promise((r) => setTimeout(r, waits[attempt]));
    }
    const rows = layout.map((l) => {
      const o = pick(l);
      return {
        id: l.agent.id,
        name: l.agent.name,
        role: l.agent.role,
        group: l.agent.group,
        total: cellValue(get(o.total)),
        rank: cellValue(get(o.rank)),
        pay: cellValue(get(o.pay)),
        flags: String(get(o.flags) ?? ''),
        formCell: l.formCell,
      };
    });
    return { rows, syncs: s.n };
  });
}

/**
 * An Office error of the unprotect that starts a replacing insertion (a sheet protected with a password
 * by someone else; the batch stopped there, nothing changed) → WriterError 'protected' naming the sheets
 * being replaced; anything else unchanged.
 */
function protectedOr(e: unknown, replacing: string[]): unknown {
  const info = (e as { debugInfo?: { errorLocation?: string } } | null)?.debugInfo;
  if (!replacing.length || !/unprotect/i.test(info?.errorLocation ?? '')) return e;
  return new WriterError(
    `A sheet to replace (${replacing.map((n) => `"${n}"`).join(', ')}) is protected with a password: nothing was changed.`,
    'protected',
    String((e as Error).message ?? e),
    replacing,
  );
}

function missingSheet(names: string[]): WriterError {
  return new WriterError(`The workbook has no sheet ${names.map((n) => `"${n}"`).join(', ')}.`, 'missing-sheet');
}

/** ItemNotFound from a batch that names sheets → a WriterError naming them; anything else unchanged. */
function missingSheetOr(e: unknown, names: string[]): unknown {
  const code = (e as { code?: string } | null)?.code;
  return code === 'ItemNotFound' ? Object.assign(missingSheet(names), { details: String((e as Error).message ?? '') }) : e;
}

/**
 * Shows an agent's form: activates its sheet and selects its first cell (one `context.sync`).
 * @param target the agent's layout (its `formCell` is used) or a cell
 * @throws WriterError 'missing-sheet' when the sheet is gone
 */
export async function activateAgent(
  target: AgentLayout | { sheet: string; address: string },
  opts: { run?: ExcelRun } = {},
): Promise<void> {
  const run = opts.run ?? defaultRun();
  const cell = 'formCell' in target ? target.formCell : target;
  await run(async (context) => {
    const ws = context.workbook.worksheets.getItem(cell.sheet);
    ws.activate();
    ws.getRange(cell.address).select();
    try {
      await context.sync();
    } catch (e) {
      throw missingSheetOr(e, [cell.sheet]);
    }
  });
}

/**
 * Writes entries into the forms' input cells (`layout[].inputs`), one `context.sync` for all; input
 * cells are unlocked, so protected sheets accept them. Text values that Excel would read as something
 * else are written as text.
 * @param inputs employee id → item code → value (validated: io/records.ts `entriesFromRows`)
 * @returns cells written, and `id code` pairs that have no input cell in the layout
 */
export async function writeInputs(
  layout: AgentLayout[],
  inputs: Record<string, Record<string, number | string>>,
  opts: { run?: ExcelRun } = {},
): Promise<{ cells: number; notInLayout: string[]; syncs: number }> {
  const run = opts.run ?? defaultRun();
  const byId = new Map(layout.map((l) => [l.agent.id, l]));
  const writes: Array<{ sheet: string; address: string; v: string | number | boolean | null }> = [];
  const notInLayout: string[] = [];
  for (const [id, rec] of Object.entries(inputs)) {
    for (const [code, v] of Object.entries(rec)) {
      const at = byId.get(id)?.inputs[code];
      if (!at) notInLayout.push(`${id} ${code}`);
      else writes.push({ ...at, v: valueEntry(v) });
    }
  }
  if (writes.length === 0) return { cells: 0, notInLayout, syncs: 0 };
  return run(async (context) => {
    const s = counter(context);
    const sheets = new Map<string, Excel.Worksheet>();
    const ws = (n: string) => sheets.get(n) ?? sheets.set(n, context.workbook.worksheets.getItem(n)).get(n)!;
    for (const w of writes) ws(w.sheet).getRange(w.address).values = [[w.v]];
    try {
      await s.sync();
    } catch (e) {
      throw missingSheetOr(e, [...new Set(writes.map((w) => w.sheet))]);
    }
    return { cells: writes.length, notInLayout, syncs: s.n };
  });
}

/** The used cells of a roster sheet, as read by `readRosterSheet`. */
export interface RosterSheet {
  sheet: string;
  /** the used range's values, from its top-left cell */
  values: unknown[][];
  /** 1-based row and column of values[0][0] */
  row: number;
  col: number;
}

/**
 * Reads the used cells of the workbook's roster sheet: the first sheet named as one of `names`
 * (e.g. 花名册, Roster; compared case-insensitively), or null when there is none. Two syncs; ExcelApi 1.2.
 */
export async function readRosterSheet(names: string[], opts: { run?: ExcelRun } = {}): Promise<RosterSheet | null> {
  const run = opts.run ?? defaultRun();
  return run(async (context) => {
    const s = counter(context);
    const ws = context.workbook.worksheets.load('items/name');
    await s.sync();
    const wantedNames = names.map(lc);
    const found = (ws.items ?? []).find((x) => wantedNames.includes(lc(x.name)));
    if (!found) return null;
    // getUsedRange(valuesOnly): ExcelApi 1.2; an empty sheet gives A1 with ""
    const used = context.workbook.worksheets.getItem(found.name).getUsedRange(true).load('values,rowIndex,columnIndex');
    await s.sync();
    return { sheet: found.name, values: used.values, row: used.rowIndex + 1, col: used.columnIndex + 1 };
  });
}
