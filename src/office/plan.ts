/**
 * Planning an insertion of the Office.js writer, pure (no Office.js here, so it is unit-testable and cheap):
 *  - `planInsertion`: from the spec and what the workbook has (`WorkbookState`), which sheets to insert,
 *    replace or reuse, their final names, the defined names to add, the stamp, the sheet to show and the
 *    agents to select;
 *  - which sheets a sheet needs (its formulas' sheet references and defined names), so inserting form A
 *    also inserts the rules sheet its `PTS_…` names point to, unless those names already exist;
 *  - choosing final sheet names that never overwrite (`表A-业务 (2)`), and renaming the sheets of a
 *    `WorkbookSpec` with every formula, defined name and layout entry that refers to them;
 *  - how one model cell goes into `Range.formulas` (text that Excel would read as a formula, a number,
 *    a date or a boolean is written with a leading apostrophe, which keeps it text);
 *  - `getRanges` address lists of rectangles (templates/rects.ts).
 */
import { CellSpec, DefinedNameSpec, SheetKey, SheetSpec, WorkbookSpec, parseAddr, sheetRef } from '../templates/model';
import { Rect, parseRect, rectAddress } from '../templates/rects';
import { isSheetKey } from '../templates/registry';
import { cellContent, constantOf, describeNames, sheetBounds } from '../templates/render';

export { rectAddress, toRects } from '../templates/rects';
export type { Rect } from '../templates/rects';
export { sheetBounds } from '../templates/render';

// ---------------- formula scanning ----------------

const ID_CHAR = /[A-Za-z0-9_.\u00C0-\uFFFF]/;
const ID_START = /[A-Za-z_\u00C0-\uFFFF]/;

const ERROR_LITERAL = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)/i;

/** A token of a formula that matters here: a sheet reference (`'Name'!`, `Name!`) or a bare identifier. */
type Visit = { kind: 'sheet'; name: string } | { kind: 'ident'; name: string; call: boolean };

/**
 * Walks a formula (English locale, with or without `=`) outside string literals and rewrites its sheet
 * references: `fn` gets each referenced sheet name and returns the replacement (quoted as needed).
 * Identifiers (defined names, functions) are reported to `onIdent`.
 * @returns the formula with every sheet reference replaced
 */
export function mapFormula(formula: string, onSheet: (name: string) => string, onIdent?: (name: string, call: boolean) => void): string {
  let out = '';
  let i = 0;
  const n = formula.length;
  const visit = (v: Visit): string | null => {
    if (v.kind === 'sheet') return `${sheetRef(onSheet(v.name))}!`;
    onIdent?.(v.name, v.call);
    return null;
  };
  while (i < n) {
    const ch = formula[i];
    if (ch === '"') {
      // string literal; "" is an escaped quote
      let j = i + 1;
      while (j < n) {
        if (formula[j] === '"') {
          if (formula[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      let name = '';
      while (j < n) {
        if (formula[j] === "'") {
          if (formula[j + 1] === "'") {
            name += "'";
            j += 2;
            continue;
          }
          break;
        }
        name += formula[j++];
      }
      if (formula[j + 1] === '!') {
        out += visit({ kind: 'sheet', name });
        i = j + 2;
      } else {
        out += formula.slice(i, j + 1);
        i = j + 1;
      }
      continue;
    }
    if (ch === '#') {
      // an error literal (#VALUE!, #N/A, #DIV/0!…) is neither a sheet (VALUE!) nor a name
      const m = ERROR_LITERAL.exec(formula.slice(i));
      if (m) {
        out += m[0];
        i += m[0].length;
        continue;
      }
    }
    const prev = i > 0 ? formula[i - 1] : '';
    if (ID_START.test(ch) && !(prev && ID_CHAR.test(prev))) {
      let j = i;
      while (j < n && ID_CHAR.test(formula[j])) j++;
      const word = formula.slice(i, j);
      if (formula[j] === '!') {
        out += visit({ kind: 'sheet', name: word });
        i = j + 1;
        continue;
      }
      // a cell address (E12, $E$12 is split at $) is not a name
      const partOfAddress = prev === '$' || formula[j] === '$' || /^[A-Za-z]{1,3}\d+$/.test(word);
      if (!partOfAddress && !/^(TRUE|FALSE)$/i.test(word)) visit({ kind: 'ident', name: word, call: formula[j] === '(' });
      out += word;
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** Sheet names and defined names a formula refers to. */
export function formulaRefs(formula: string): { sheets: string[]; names: string[] } {
  const sheets: string[] = [];
  const names: string[] = [];
  mapFormula(
    formula,
    (s) => (sheets.push(s), s),
    (id, call) => {
      if (!call) names.push(id);
    },
  );
  return { sheets, names };
}

/** Every formula of a sheet: cells, conditional formats, custom validations. */
function sheetFormulas(sheet: SheetSpec): string[] {
  const f: string[] = [];
  for (const c of sheet.cells) {
    if (c.formula !== undefined) f.push(c.formula);
    if (c.validation?.type === 'custom') f.push(c.validation.formula);
  }
  for (const cf of sheet.conditionalFormats) f.push(cf.formula);
  return f;
}

/** The sheet a defined name's reference (`'规则'!$C$5`) points to. */
export function refSheet(ref: string): string | null {
  let sheet: string | null = null;
  mapFormula(ref, (s) => ((sheet ??= s), s));
  return sheet;
}

const lower = (s: string) => s.toLocaleLowerCase();

/**
 * The sheets each sheet of the spec refers to directly, by key (itself excluded): through sheet
 * references in its formulas and through the spec's defined names (`PTS_A01` → the rules sheet).
 */
export function sheetDeps(spec: WorkbookSpec): Map<SheetKey, SheetKey[]> {
  const byName = new Map(spec.sheets.map((s) => [lower(s.name), s.key]));
  const nameSheet = new Map(spec.names.map((d) => [lower(d.name), refSheet(d.ref)]));
  const out = new Map<SheetKey, SheetKey[]>();
  for (const s of spec.sheets) {
    const deps = new Set<SheetKey>();
    for (const f of sheetFormulas(s)) {
      const r = formulaRefs(f);
      const targets = [...r.sheets, ...r.names.map((nm) => nameSheet.get(lower(nm)) ?? null).filter((x): x is string => !!x)];
      for (const t of targets) {
        const k = byName.get(lower(t));
        if (k && k !== s.key) deps.add(k);
      }
    }
    out.set(
      s.key,
      spec.sheets.map((x) => x.key).filter((k) => deps.has(k)),
    );
  }
  return out;
}

/**
 * The sheets `wanted` need, by key, `wanted` included: every sheet their formulas refer to (directly
 * or through a defined name of the spec), transitively. E.g. form A → rules; the summary → the forms,
 * the test, the quarter and the rules; the after-sales form → the rules (its S01 average reads a
 * helper column on its own sheet, D5).
 */
export function sheetClosure(spec: WorkbookSpec, wanted: SheetKey[]): SheetKey[] {
  const deps = sheetDeps(spec);
  const need = new Set<SheetKey>();
  const todo = spec.sheets.map((s) => s.key).filter((k) => wanted.includes(k));
  while (todo.length) {
    const k = todo.pop()!;
    if (need.has(k)) continue;
    need.add(k);
    for (const d of deps.get(k) ?? []) if (!need.has(d)) todo.push(d);
  }
  return spec.sheets.map((s) => s.key).filter((k) => need.has(k));
}

// ---------------- recognising our own sheets ----------------

/** The defined name whose comment carries the stamp (see `specStamp`). */
export const STAMP_NAME = 'KPI_MONTH';

/** What a stamp says: the spec the workbook's sheets were made for, and which of them we inserted. */
export interface Stamp {
  /** `month=… lang=… mode=… roster=…`: equal bases mean equal layouts (same cells in the same places) */
  base: string;
  month: string;
  lang: string;
  mode: string;
  roster: string;
  /** keys of the sheets inserted under the template's name */
  sheets: SheetKey[];
}

/** FNV-1a, 32 bits, as 8 hex digits. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * The stamp of a spec, written as the comment of the `KPI_MONTH` defined name (a name's comment is read
 * with the names in the insertion's first round trip, ExcelApi 1.4): `kpi-forms month=2024-03 lang=zh
 * mode=kpi roster=80:1a2b3c4d sheets=formA,rules`. The roster part is the number of agents and a hash
 * of their ids and roles in order, which is what decides where each agent's cells are.
 */
export function specStamp(spec: WorkbookSpec, sheets: SheetKey[]): string {
  const agents = spec.layout.map((l) => `${l.agent.id}\t${l.agent.role}`).join('\n');
  const base = `month=${spec.month} lang=${spec.lang} mode=${spec.mode} roster=${spec.layout.length}:${fnv1a(agents)}`;
  const order = spec.sheets.map((s) => s.key);
  const keys = [...new Set(sheets)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return `kpi-forms ${base} sheets=${keys.join(',')}`;
}

/** A stamp read back from a comment, or null when the comment is not one. */
export function parseStamp(comment: string | undefined | null): Stamp | null {
  const m = /^kpi-forms (month=(\S+) lang=(\S+) mode=(\S+) roster=(\S+)) sheets=(\S*)$/.exec((comment ?? '').trim());
  if (!m) return null;
  return {
    base: m[1],
    month: m[2],
    lang: m[3],
    mode: m[4],
    roster: m[5],
    sheets: m[6].split(',').filter(isSheetKey),
  };
}

// ---------------- agents' blocks ----------------

/**
 * The cells of chosen agents on one sheet of the spec, as an A1 address list (`A1:F22,A45:F66`), for
 * selecting them: on a sheet with page breaks (one agent per printed page) each agent's whole page,
 * elsewhere the rows that hold the agent's cells (the summary's row, the test's row); consecutive
 * agents merge into one area. Empty when the sheet holds none of their cells.
 */
export function agentAreas(spec: WorkbookSpec, key: SheetKey, ids: string[]): string[] {
  const sheet = spec.sheets.find((s) => s.key === key);
  if (!sheet) return [];
  const want = new Set(ids);
  const bounds = sheetBounds(sheet);
  const width = Math.max(1, sheet.widths.length);
  const breaks = [...sheet.rowBreaks].sort((a, b) => a - b);
  const rowsOf = new Map<string, number[]>();
  for (const l of spec.layout) {
    const rows = [...Object.values(l.inputs), ...Object.values(l.outputs), l.formCell]
      .filter((p) => lower(p.sheet) === lower(sheet.name))
      .map((p) => parseAddr(p.address).row);
    if (rows.length) rowsOf.set(l.agent.id, rows);
  }
  const rects: Rect[] = [];
  for (const [id, rows] of rowsOf) {
    if (!want.has(id)) continue;
    let r1 = Math.min(...rows);
    let r2 = Math.max(...rows);
    if (breaks.length) {
      // the printed page the cells are on (from the break before them to the break after, or the end),
      // when it is the agent's own page: no other agent has cells on it
      const p1 = breaks.filter((b) => b < r1).reduce((_, b) => b + 1, 1);
      const p2 = breaks.find((b) => b >= r2) ?? bounds.r2;
      const shared = [...rowsOf].some(([other, rs]) => other !== id && rs.some((r) => r >= p1 && r <= p2));
      if (!shared) [r1, r2] = [p1, p2];
    }
    rects.push({ r1, c1: 1, r2, c2: width });
  }
  rects.sort((a, b) => a.r1 - b.r1);
  const merged: Rect[] = [];
  for (const r of rects) {
    const last = merged[merged.length - 1];
    if (last && r.r1 <= last.r2 + 1) last.r2 = Math.max(last.r2, r.r2);
    else merged.push({ ...r });
  }
  return merged.map(rectAddress);
}

/** Names (other than the spec's own sheets) that the chosen sheets' formulas refer to and that the spec cannot supply. */
export function missingSheetRefs(spec: WorkbookSpec, keys: SheetKey[]): string[] {
  const names = new Set(spec.sheets.map((s) => lower(s.name)));
  const out = new Set<string>();
  for (const s of spec.sheets.filter((x) => keys.includes(x.key))) {
    for (const f of sheetFormulas(s)) for (const r of formulaRefs(f).sheets) if (!names.has(lower(r))) out.add(r);
  }
  return [...out];
}

/** The spec's defined names that the chosen sheets' formulas use. */
export function usedNames(spec: WorkbookSpec, keys: SheetKey[]): string[] {
  const defined = new Map(spec.names.map((d) => [lower(d.name), d.name]));
  const out = new Set<string>();
  for (const s of spec.sheets.filter((x) => keys.includes(x.key))) {
    for (const f of sheetFormulas(s)) for (const n of formulaRefs(f).names) if (defined.has(lower(n))) out.add(defined.get(lower(n))!);
  }
  return [...out];
}

// ---------------- sheet names ----------------

const MAX_SHEET_NAME = 31;

/**
 * A sheet name not in `taken` (compared case-insensitively, as Excel does): `name`, else `name (2)`,
 * `name (3)`, … shortened so that it stays within Excel's 31 characters.
 */
export function uniqueSheetName(name: string, taken: Iterable<string>): string {
  const t = new Set([...taken].map(lower));
  if (!t.has(lower(name))) return name;
  for (let k = 2; ; k++) {
    const suffix = ` (${k})`;
    const cand = `${name.slice(0, MAX_SHEET_NAME - suffix.length)}${suffix}`;
    if (!t.has(lower(cand))) return cand;
  }
}

/**
 * The spec with sheets renamed (`map`: old name → new name): sheet names, every formula (cells,
 * conditional formats, custom validations), every defined name's reference and the layout (inputs,
 * outputs, form cell, id cell).
 * Sheet references inside string literals are left alone. Returns `spec` itself when nothing changes.
 */
export function renameSheets(spec: WorkbookSpec, map: Record<string, string>): WorkbookSpec {
  const m = new Map(
    Object.entries(map)
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => [lower(a), b]),
  );
  if (m.size === 0) return spec;
  const to = (name: string) => m.get(lower(name)) ?? name;
  const fx = (f: string) => mapFormula(f, to);
  const cell = (c: CellSpec): CellSpec => {
    const out: CellSpec = { ...c };
    if (c.formula !== undefined) out.formula = fx(c.formula);
    if (c.validation?.type === 'custom') out.validation = { ...c.validation, formula: fx(c.validation.formula) };
    return out;
  };
  const at = (p: { sheet: string; address: string }) => ({ sheet: to(p.sheet), address: p.address });
  const remap = (r: Record<string, { sheet: string; address: string }>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, at(v)]));
  return {
    ...spec,
    sheets: spec.sheets.map((s) => ({
      ...s,
      name: to(s.name),
      cells: s.cells.map(cell),
      conditionalFormats: s.conditionalFormats.map((c) => ({ ...c, formula: fx(c.formula) })),
    })),
    names: spec.names.map((d) => ({ ...d, ref: fx(d.ref) })),
    layout: spec.layout.map((l) => ({
      ...l,
      inputs: remap(l.inputs),
      outputs: remap(l.outputs),
      formCell: at(l.formCell),
      ...(l.idCell ? { idCell: at(l.idCell) } : {}),
    })),
  };
}

// ---------------- cell content ----------------

const MONTH_WORD = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[\s\-/.,]*\d/i;

/**
 * Whether Excel would read this text as something other than text when it is written through
 * `Range.values`/`Range.formulas`: a formula (`=`, and `+ - @`), a number, a date or time, a
 * percentage, a boolean or an error. Conservative: anything not starting with a letter counts.
 */
export function needsQuote(text: string): boolean {
  if (text === '') return false;
  if (!/^\p{L}/u.test(text)) return true;
  return /^(true|false)$/i.test(text.trim()) || MONTH_WORD.test(text);
}

/**
 * A model cell as an entry of a `Range.formulas` array: `=formula`, a number or boolean as such,
 * text as text (an apostrophe in front when Excel would read it as a formula, number, date or
 * boolean; Excel keeps the apostrophe out of the value), and `null` (leave the cell alone) for no content.
 * @throws Error for a non-finite number
 */
export function formulaEntry(c: Pick<CellSpec, 'value' | 'formula'>): string | number | boolean | null {
  const content = cellContent(c);
  if (content && 'formula' in content) return `=${content.formula}`;
  return valueEntry(content?.value);
}

/** A constant as an entry of `Range.values`/`Range.formulas` (see `formulaEntry`); `''` is no content. */
export function valueEntry(v: CellSpec['value']): string | number | boolean | null {
  const c = constantOf(v);
  if (c === null || c === '') return null;
  return typeof c === 'string' && needsQuote(c) ? `'${c}` : c;
}

// ---------------- rectangles ----------------

/**
 * Address lists for `Worksheet.getRanges` (RangeAreas, ExcelApi 1.9): at most `maxAreas` areas and
 * `maxChars` characters each, well below the limits seen in practice (office-js #5198: failures
 * from ~8,000 characters / ~500 areas).
 */
export function areaChunks(rects: Rect[], maxAreas = 100, maxChars = 2000): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  let len = 0;
  for (const r of rects) {
    const a = rectAddress(r);
    if (cur.length && (cur.length >= maxAreas || len + a.length + 1 > maxChars)) {
      out.push(cur.join(','));
      cur = [];
      len = 0;
    }
    cur.push(a);
    len += a.length + 1;
  }
  if (cur.length) out.push(cur.join(','));
  return out;
}

// ---------------- planning an insertion ----------------

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

/** What the caller chooses (see insert.ts `InsertOptions`). */
export interface PlanOptions {
  /** keys of the spec's sheets to insert (default: every sheet of the spec); the sheets they need are added or reused */
  sheets?: SheetKey[];
  /** an existing sheet with the same name: see `OnConflict` (default `reuse`) */
  onConflict?: OnConflict;
  /** ids of the agents to select on the sheet shown afterwards */
  select?: string[];
}

/**
 * The workbook's sheets were made for another month, language, formula mode or roster (its stamp
 * differs), so none of them was reused: what differs, and the workbook's month.
 */
export interface OtherStamp {
  month: string;
  differs: Array<'month' | 'lang' | 'mode' | 'roster'>;
}

/** What an insertion needs to know about the open workbook. */
export interface WorkbookState {
  /** sheet names, as Excel has them */
  sheets: string[];
  /** workbook-scoped defined names: lower-case name → { name, value (e.g. `规则!$C$5`), comment (ExcelApi 1.4) } */
  names: Map<string, { name: string; value: string; comment?: string }>;
}

/** What an insertion does, decided before anything is written. */
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
  otherStamp?: OtherStamp;
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
 * reused: the rules sheet when its defined names exist; the roster when there is one (not another roster's); and any sheet
 * this add-in made for the same month, language, formula mode and roster — told by the stamp on
 * `KPI_MONTH` (`specStamp`) listing it, and a sheet of the template's name. A reused sheet's own needs
 * are not inserted (it has them already). So inserting form A, then the summary, makes the summary read
 * the form A that holds the entries instead of a blank copy.
 * @throws Error when a sheet or defined name the insertion needs is neither in the spec nor in the workbook (a
 *   spec our own code built wrong: a fault of the program)
 */
export function planInsertion(spec: WorkbookSpec, state: WorkbookState, opts: PlanOptions = {}): InsertPlan {
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
  // the roster: an existing one is kept unless replacing it, or unless our stamp says it holds another roster
  // (the records sheet's checks read the roster's ids and roles by position, so another roster's would flag them)
  const roster = byKey.get('roster');
  const otherRoster = !!theirs && theirs.sheets.includes('roster') && theirs.roster !== mine.roster;
  if (roster && !replacing('roster') && !otherRoster && existing.has(lc(roster.name)))
    reuseAs.set('roster', existing.get(lc(roster.name))!);
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
    throw new Error(
      `The sheets to insert refer to ${missing.map((m) => `"${m}"`).join(', ')}, which is neither in the workbook nor being inserted.`,
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
  for (const { name, ref, sheet } of describeNames(finalSpec)) {
    if (!insertedNames.has(lc(sheet))) continue; // its sheet is not inserted (e.g. rules reused)
    const n: DefinedNameSpec = { name, ref };
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
    throw new Error(
      `The sheets to insert use the defined names ${unresolved.slice(0, 5).join(', ')}${unresolved.length > 5 ? ', …' : ''}, which neither exist in the workbook nor come with a sheet being inserted (the rules sheet).`,
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
