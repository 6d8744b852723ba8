/**
 * Pure helpers of the Office.js writer (no Office.js here, so they are unit-testable and cheap):
 *  - which sheets a sheet needs (its formulas' sheet references and defined names), so inserting form A
 *    also inserts the rules sheet its `PTS_…` names point to, unless those names already exist;
 *  - choosing final sheet names that never overwrite (`表A-业务 (2)`), and renaming the sheets of a
 *    `WorkbookSpec` with every formula, defined name and layout entry that refers to them;
 *  - how one model cell goes into `Range.formulas` (text that Excel would read as a formula, a number,
 *    a date or a boolean is written with a leading apostrophe, which keeps it text);
 *  - A1 rectangles: grouping cells into few rectangles and few `getRanges` address lists.
 */
import { CellSpec, SheetKey, SheetSpec, WorkbookSpec, colName, parseAddr, sheetRef } from '../templates/model';

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
 * the test, the quarter and the rules; the after-sales form → the summary (its S01 average) → …
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
  const keys: SheetKey[] = ['summary', 'formA', 'formB', 'test', 'after', 'quarter', 'rules', 'roster'];
  return {
    base: m[1],
    month: m[2],
    lang: m[3],
    mode: m[4],
    roster: m[5],
    sheets: m[6].split(',').filter((k): k is SheetKey => (keys as string[]).includes(k)),
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
  if (c.formula !== undefined) return `=${c.formula}`;
  return valueEntry(c.value);
}

/** A constant as an entry of `Range.values`/`Range.formulas` (see `formulaEntry`). */
export function valueEntry(v: CellSpec['value']): string | number | boolean | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot write the number ${v} to a cell`);
    return v;
  }
  if (typeof v === 'boolean') return v;
  const s = String(v);
  return needsQuote(s) ? `'${s}` : s;
}

// ---------------- rectangles ----------------

export interface Rect {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export const rectAddress = (r: Rect): string =>
  r.r1 === r.r2 && r.c1 === r.c2 ? `${colName(r.c1)}${r.r1}` : `${colName(r.c1)}${r.r1}:${colName(r.c2)}${r.r2}`;

/**
 * Groups cells into few rectangles: runs along each row, then runs of rows with the same column span.
 * @param cells 1-based row/col pairs (duplicates allowed)
 */
export function toRects(cells: Array<{ row: number; col: number }>): Rect[] {
  const rows = new Map<number, number[]>();
  for (const { row, col } of cells) {
    const a = rows.get(row) ?? [];
    a.push(col);
    rows.set(row, a);
  }
  const open = new Map<string, Rect>(); // "c1:c2" → rect still growing downwards
  const done: Rect[] = [];
  for (const r of [...rows.keys()].sort((a, b) => a - b)) {
    const cols = [...new Set(rows.get(r)!)].sort((a, b) => a - b);
    const spans: Array<[number, number]> = [];
    for (const c of cols) {
      const last = spans[spans.length - 1];
      if (last && c === last[1] + 1) last[1] = c;
      else spans.push([c, c]);
    }
    const seen = new Set<string>();
    for (const [c1, c2] of spans) {
      const k = `${c1}:${c2}`;
      seen.add(k);
      const o = open.get(k);
      if (o && o.r2 === r - 1) o.r2 = r;
      else {
        if (o) done.push(o);
        open.set(k, { r1: r, c1, r2: r, c2 });
      }
    }
    for (const [k, o] of open) {
      if (!seen.has(k) && o.r2 < r) {
        done.push(o);
        open.delete(k);
      }
    }
  }
  done.push(...open.values());
  return done.sort((a, b) => a.r1 - b.r1 || a.c1 - b.c1);
}

/** The rectangles of a list of A1 cell addresses. */
export function rectsOf(addresses: string[]): Rect[] {
  return toRects(addresses.map((a) => parseAddr(a)));
}

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

/** The bounding rectangle of a sheet's content (cells, merges, column widths). */
export function sheetBounds(sheet: SheetSpec): Rect {
  let r2 = 1;
  let c2 = Math.max(1, sheet.widths.length);
  for (const c of sheet.cells) {
    const p = parseAddr(c.address);
    if (p.row > r2) r2 = p.row;
    if (p.col > c2) c2 = p.col;
  }
  for (const m of sheet.merges) {
    const p = parseAddr(m.split(':')[1] ?? m);
    if (p.row > r2) r2 = p.row;
    if (p.col > c2) c2 = p.col;
  }
  return { r1: 1, c1: 1, r2, c2 };
}

/**
 * A column width in characters (as the model and ExcelJS give it) as Excel's points for
 * `format.columnWidth`: pixels = characters × 7 + 5 (Calibri 11's digit width and cell padding), × 0.75.
 */
export function widthToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

// ---------------- print scale ----------------

/** A4 in points (210 × 297 mm), and the left and right margins the writer sets (36 pt each). */
const A4 = { short: 595.28, long: 841.89, sideMargins: 72 };

/**
 * The print scale (percent) at which the printed columns of a sheet fit the width of an A4 page: the
 * columns of the print area (else every column with a width), hidden ones left out, each
 * `widthToPoints` wide, against the page's width less the margins (portrait or landscape), 2% to spare,
 * at most 100 and at least 10 (Excel's range). The Office.js writer sets it instead of "fit to 1 page
 * wide", which Excel does not apply unless the Page Layout tab is active (office-js #1860).
 */
export function fitWidthScale(sheet: SheetSpec): number {
  let c1 = 1;
  let c2 = Math.max(1, sheet.widths.length);
  if (sheet.printArea) {
    const [a, b] = sheet.printArea.replace(/\$/g, '').split(':');
    c1 = parseAddr(a).col;
    c2 = parseAddr(b ?? a).col;
  }
  const hidden = new Set(sheet.hiddenColumns ?? []);
  let total = 0;
  for (let c = c1; c <= c2; c++) if (!hidden.has(c)) total += widthToPoints(sheet.widths[c - 1] ?? DEFAULT_WIDTH);
  const printable = (sheet.landscape ? A4.long : A4.short) - A4.sideMargins;
  return Math.max(10, Math.min(100, Math.floor((printable / Math.max(1, total)) * 98)));
}

/** Excel's default column width in characters */
const DEFAULT_WIDTH = 8.43;

// ---------------- request size ----------------

/**
 * UTF-8 bytes of the JSON of a value (strings quoted and escaped, numbers, booleans, null, arrays and
 * plain objects): the size a value adds to an Office.js request. Quick: no JSON text is built.
 */
export function jsonBytes(v: unknown): number {
  if (v === null || v === undefined) return 4;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v).length;
  if (typeof v === 'string') {
    let n = 2;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c === 0x22 || c === 0x5c) n += 2;
      else if (c < 0x20) n += 6;
      else if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff) {
        n += 4;
        i++;
      } else n += 3;
    }
    return n;
  }
  if (Array.isArray(v)) return v.reduce((s: number, x) => s + jsonBytes(x) + 1, 1);
  if (typeof v === 'object') return Object.entries(v as object).reduce((s, [k, x]) => s + jsonBytes(k) + jsonBytes(x) + 2, 1);
  return 4;
}

/**
 * Rows of a 2-D array cut into bands of consecutive rows, each at most `maxBytes` (`jsonBytes` of its
 * rows; a row larger than that is a band of its own): [first row index, last row index, bytes].
 */
export function rowBands(rows: unknown[][], maxBytes: number): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  let start = 0;
  let bytes = 0;
  rows.forEach((row, i) => {
    const b = jsonBytes(row) + 1;
    if (i > start && bytes + b > maxBytes) {
      out.push([start, i - 1, bytes]);
      start = i;
      bytes = 0;
    }
    bytes += b;
  });
  if (rows.length) out.push([start, rows.length - 1, bytes]);
  return out;
}
