/**
 * What a writer renders, decided once for both: the .xlsx writer (src/xlsx/writer.ts, ExcelJS) and the
 * Office.js writer (src/office/render.ts) turn this description into their API's calls and differ only
 * where the APIs differ (colours as `FFRRGGBB` or `#RRGGBB`, widths in characters or points, margins in
 * inches or points, `_xlfn.` or `=` before formulas). Pure: no ExcelJS, no Office.js.
 *
 * Decided here:
 * - each style (model.ts `STYLES`) as font, fill, border, alignment, number format and locking;
 * - each data validation as its rule, its input message and error alert with their titles (in the
 *   workbook's language), within Excel's limits (core/excel-limits.ts: message 255, error 224, titles
 *   32 characters), and the rectangles it covers (one rule per cell: cells never in two validations);
 * - the cells' contents (a constant is text, number or boolean; never a formula);
 * - page setup: A4, orientation, margins, print area and titles, manual breaks, and the print scale (see
 *   `RenderPage`); frozen panes, hidden columns, protection; the defined names and their sheets.
 */
import { EXCEL_LIMITS } from '../core/excel-limits';
import {
  CellSpec,
  ConditionalFormatSpec,
  INCOMPLETE_SHOWN,
  INCOMPLETE_WORDS,
  Lang,
  STYLES,
  SheetSpec,
  StyleName,
  StyleSpec,
  ValidationSpec,
  WorkbookSpec,
  parseAddr,
} from './model';
import { Rect, toRects } from './rects';

// ---------------- styles ----------------

/** A style in neutral terms; colours are RRGGBB. */
export interface RenderStyle {
  /**
   * Calibri, named on every cell: the layout is measured in it (measure.ts), and a workbook's own default
   * (Aptos in new Excel, another font in LibreOffice for a nameless font) would not fit; then only what
   * differs from 11 pt, black, regular
   */
  font: { name: typeof FONT_NAME; bold?: true; size?: number; color?: string };
  /** solid fill */
  fill?: string;
  /** a thin line on every edge of every cell */
  border?: { style: 'thin'; color: string };
  /** unset: General (text left, numbers right) */
  horizontal?: 'left' | 'center' | 'right';
  vertical: 'middle';
  wrap: boolean;
  /** Excel number format; unset: leave the cell's (General) */
  numFmt?: string;
  /** false: an input cell, editable on the protected sheet */
  locked: boolean;
}

/** The font of every cell. */
export const FONT_NAME = 'Calibri';

/** The colour of every cell border. */
export const BORDER_COLOR = '808080';

function renderStyleOf(st: StyleSpec, lang: Lang): RenderStyle {
  const font: RenderStyle['font'] = { name: FONT_NAME };
  if (st.bold) font.bold = true;
  if (st.size) font.size = st.size;
  if (st.color) font.color = st.color;
  const out: RenderStyle = { font, vertical: 'middle', wrap: st.wrap ?? false, locked: st.locked };
  if (st.fill) out.fill = st.fill;
  if (st.border) out.border = { style: 'thin', color: BORDER_COLOR };
  if (st.align) out.horizontal = st.align;
  // the text `incomplete` shown in the workbook's language; the cell's value stays what the engines compare
  if (st.numFmt) out.numFmt = st.numFmt.replace(INCOMPLETE_SHOWN, `"${INCOMPLETE_WORDS[lang]}"`);
  return out;
}

const stylesOf = (lang: Lang) => new Map((Object.keys(STYLES) as StyleName[]).map((k) => [k, renderStyleOf(STYLES[k], lang)]));
const RENDER_STYLES: Record<Lang, Map<StyleName, RenderStyle>> = { zh: stylesOf('zh'), en: stylesOf('en') };

/**
 * A style of the model in neutral terms, in the workbook's language (default English).
 * @throws Error for a name that is not a style of the model
 */
export function renderStyle(name: StyleName, lang: Lang = 'en'): RenderStyle {
  const st = RENDER_STYLES[lang].get(name);
  if (!st) throw new Error(`unknown style "${name}"`);
  return st;
}

// ---------------- cell contents ----------------

/** What a cell holds: a formula (English locale, no `=`), a constant, or nothing. */
export type CellContent = { formula: string; shares?: string } | { value: string | number | boolean } | null;

/**
 * A model constant as every writer writes it: text stays text (even `=SUM(1)`), numbers and booleans as
 * such, null for none.
 * @throws Error for a number that is not finite (no cell can hold it)
 */
export function constantOf(v: CellSpec['value']): string | number | boolean | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot write the number ${v} to a cell`);
    return v;
  }
  if (typeof v === 'boolean') return v;
  return String(v);
}

/** A model cell's content (see `constantOf`). */
export function cellContent(c: Pick<CellSpec, 'value' | 'formula' | 'shares'>): CellContent {
  if (c.formula !== undefined) {
    const formula = c.formula.charCodeAt(0) === 61 /* = */ ? c.formula.slice(1) : c.formula;
    return c.shares === undefined ? { formula } : { formula, shares: c.shares };
  }
  const v = constantOf(c.value);
  return v === null ? null : { value: v };
}

// ---------------- data validation ----------------

/** A validation rule in neutral terms. */
export type RenderRule =
  | { type: 'whole' | 'decimal'; operator: 'greaterThanOrEqual'; min: number }
  | { type: 'whole' | 'decimal'; operator: 'between'; min: number; max: number }
  /** `source`: the items joined with commas, as Excel's list source takes them */
  | { type: 'list'; values: string[]; source: string }
  /** a formula (no `=`) relative to its cell: such a rule covers one cell */
  | { type: 'custom'; formula: string };

/** A data validation and the cells it covers. */
export interface RenderValidation {
  rule: RenderRule;
  /** a blank input is allowed: the forms read it as 0 or as incomplete */
  allowBlank: true;
  /** shown when the cell is selected */
  prompt: { title: string; message: string };
  /** a stop alert: the entry is refused */
  error: { title: string; message: string; style: 'stop' };
  /** rectangles that do not overlap, top to bottom */
  rects: Rect[];
}

/** The titles of the input message and of the error alert, per workbook language (at most 32 characters). */
export const VALIDATION_TITLES: Record<WorkbookSpec['lang'], { prompt: string; error: string }> = {
  zh: { prompt: '填写说明', error: '输入无效' },
  en: { prompt: 'Input', error: 'Invalid entry' },
};

/** `text` cut to `max` UTF-16 code units (as Excel counts), never inside a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function ruleOf(v: ValidationSpec): RenderRule {
  switch (v.type) {
    case 'whole':
    case 'decimal':
      return v.max === undefined
        ? { type: v.type, operator: 'greaterThanOrEqual', min: v.min }
        : { type: v.type, operator: 'between', min: v.min, max: v.max };
    case 'list':
      return { type: 'list', values: [...v.values], source: v.values.join(',') };
    case 'custom':
      return { type: 'custom', formula: v.formula.replace(/^=/, '') };
  }
}

/**
 * A model validation as both writers render it, without its cells: rule, messages and titles within
 * Excel's limits.
 */
export function renderValidation(v: ValidationSpec, lang: WorkbookSpec['lang']): Omit<RenderValidation, 'rects'> {
  const t = VALIDATION_TITLES[lang];
  return {
    rule: ruleOf(v),
    allowBlank: true,
    prompt: { title: clip(t.prompt, EXCEL_LIMITS.validationPromptTitle.max), message: clip(v.prompt, EXCEL_LIMITS.validationPrompt.max) },
    error: {
      title: clip(t.error, EXCEL_LIMITS.validationErrorTitle.max),
      message: clip(v.error, EXCEL_LIMITS.validationError.max),
      style: 'stop',
    },
  };
}

/**
 * The sheet's validations: cells with equal validations grouped into rectangles (a custom rule stays on
 * its own cell, its formula is relative to it), in the order of their first cell in the model.
 */
export function sheetValidations(sheet: SheetSpec, lang: WorkbookSpec['lang']): RenderValidation[] {
  type Group = { v: ValidationSpec; cells: Array<{ row: number; col: number }> };
  const groups: Group[] = [];
  // a rule shared by a column's cells by its name (a records sheet's 48,000 custom rules are objects of their own)
  const byShared = new Map<string, Group>();
  // another rule by its object (a records sheet's status list is one object on 12,000 rows), then by what it says
  const byObject = new Map<ValidationSpec, Group>();
  const byText = new Map<string, Group>();
  for (const c of sheet.cells) {
    const v = c.validation;
    if (!v) continue;
    let g = v.type === 'custom' ? (v.shared ? byShared.get(v.shared) : undefined) : byObject.get(v);
    if (g === undefined) {
      if (v.type !== 'custom') {
        const k = JSON.stringify(v);
        g = byText.get(k);
        if (g === undefined) {
          byText.set(k, (g = { v, cells: [] }));
          groups.push(g);
        }
        byObject.set(v, g);
      } else {
        // a custom rule is relative to its cell: alone, unless its cells share it (one column, formula of the first)
        groups.push((g = { v, cells: [] }));
        if (v.shared) byShared.set(v.shared, g);
      }
    }
    g.cells.push(parseAddr(c.address));
  }
  return groups.map((g) => ({ ...renderValidation(g.v, lang), rects: toRects(g.cells) }));
}

// ---------------- page setup ----------------

/** Page margins in inches (0.5" left and right, 0.6" top and bottom, 0.3" header and footer). */
export const PAGE_MARGINS = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } as const;

/** A4 in points (210 × 297 mm). */
const A4 = { short: 595.28, long: 841.89 };

/** Excel's default column width in characters. */
const DEFAULT_WIDTH = 8.43;

/**
 * A column width in characters (as the model and ExcelJS give it) as Excel's points (Office.js
 * `format.columnWidth`): pixels = characters × 7 + 5 (Calibri 11's digit width and cell padding), × 0.75.
 */
export function widthToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/**
 * The print scale (percent) at which the printed columns of a sheet fit the width of an A4 page: the
 * columns of the print area (else every column with a width), hidden ones left out, each
 * `widthToPoints` wide, against the page's width less the side margins (portrait or landscape), 2% to
 * spare, at most 100 and at least 10 (Excel's range).
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
  const printable = (sheet.landscape ? A4.long : A4.short) - (PAGE_MARGINS.left + PAGE_MARGINS.right) * 72;
  return Math.max(10, Math.min(100, Math.floor((printable / Math.max(1, total)) * 98)));
}

/**
 * A sheet's page setup.
 *
 * The print scale, decided once: a sheet with manual page breaks (one agent per page) prints at its
 * `printScale`, since Excel ignores manual breaks under "fit to N pages". Any other sheet is to print one
 * page wide: `fitToWidth` says so, and a rendering that Excel honours it in (the .xlsx file's
 * `fitToPage`) uses it; through Office.js Excel does not apply fit-to-pages unless the Page Layout tab is
 * active (office-js #1860), so that rendering uses `scale`, the fixed scale at which the printed columns
 * fit one A4 page wide (`fitWidthScale`). `scale` is set for every sheet.
 */
export interface RenderPage {
  paper: 'A4';
  orientation: 'portrait' | 'landscape';
  centerHorizontally: true;
  /** inches */
  margins: typeof PAGE_MARGINS;
  /** A1 range without `$`, e.g. `A1:F44` */
  printArea?: string;
  /** rows repeated at the top of each page, e.g. `3:3` */
  printTitleRows?: string;
  /** percent, 10–100 */
  scale: number;
  /** one page wide, automatic height, where the rendering applies it (else `scale`) */
  fitToWidth: boolean;
  /** a manual page break after each of these rows */
  rowBreaks: number[];
}

export function pageOf(sheet: SheetSpec): RenderPage {
  const page: RenderPage = {
    paper: 'A4',
    orientation: sheet.landscape ? 'landscape' : 'portrait',
    centerHorizontally: true,
    margins: PAGE_MARGINS,
    scale: sheet.printScale ?? fitWidthScale(sheet),
    fitToWidth: !sheet.printScale,
    rowBreaks: [...sheet.rowBreaks],
  };
  if (sheet.printArea) page.printArea = sheet.printArea.replace(/\$/g, '');
  if (sheet.printTitleRows) page.printTitleRows = sheet.printTitleRows.replace(/\$/g, '');
  return page;
}

// ---------------- protection ----------------

/**
 * Sheet protection, without a password (it guards against slips, not people): selecting cells,
 * formatting columns and rows (widths, heights) and using an AutoFilter the sheet has (the summary's groups)
 * stay allowed; everything else (formatting cells, inserting, deleting, sorting) is refused. Input cells are unlocked by their style.
 */
export const PROTECTION = { selectCells: true, formatColumns: true, formatRows: true, autoFilter: true } as const;

// ---------------- the sheet ----------------

/** The bounding rectangle of a sheet's content (cells, merges, column widths), from A1. */
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

/** One cell as written. */
export interface RenderCell {
  address: string;
  row: number;
  col: number;
  content: CellContent;
  style: RenderStyle;
}

/** One sheet as both writers render it. */
export interface SheetRender {
  name: string;
  /** the content's extent, from A1 */
  bounds: Rect;
  cells: RenderCell[];
  /** each style used, with the rectangles of its cells (for APIs that format ranges) */
  styleAreas: Array<{ name: StyleName; style: RenderStyle; rects: Rect[] }>;
  validations: RenderValidation[];
  /** merged ranges; each covered cell keeps its own style */
  merges: string[];
  /** column widths in characters, from column A */
  widths: number[];
  hiddenColumns: number[];
  /** [row, height in points] */
  rowHeights: Array<[number, number]>;
  /** rows frozen at the top (0 = none) */
  freezeRows: number;
  /** an AutoFilter over this range (A1, no `$`), usable on the protected sheet */
  autoFilter?: string;
  /** in order of priority, the first highest */
  conditionalFormats: ConditionalFormatSpec[];
  page: RenderPage;
  /** protect the sheet as `PROTECTION` says */
  protect: boolean;
}

/**
 * The sheet as both writers render it.
 * @throws Error `Sheet!A1: unknown style "x"`, a bad address, a number that is not finite
 */
export function describeSheet(sheet: SheetSpec, lang: WorkbookSpec['lang']): SheetRender {
  const byStyle = new Map<StyleName, Array<{ row: number; col: number }>>();
  const styles = RENDER_STYLES[lang];
  const cells = sheet.cells.map((c): RenderCell => {
    const p = parseAddr(c.address);
    const style = styles.get(c.style);
    if (!style) throw new Error(`${sheet.name}!${c.address}: unknown style "${c.style}"`);
    const at = byStyle.get(c.style) ?? [];
    at.push(p);
    byStyle.set(c.style, at);
    return { address: c.address, row: p.row, col: p.col, content: cellContent(c), style };
  });
  let areas: SheetRender['styleAreas'] | undefined;
  return {
    name: sheet.name,
    bounds: sheetBounds(sheet),
    cells,
    // worked out when asked for: the Office.js writer formats rectangles, the .xlsx writer styles cells
    get styleAreas() {
      return (areas ??= [...byStyle].map(([name, at]) => ({ name, style: styles.get(name)!, rects: toRects(at) })));
    },
    validations: sheetValidations(sheet, lang),
    merges: [...sheet.merges],
    widths: [...sheet.widths],
    hiddenColumns: [...(sheet.hiddenColumns ?? [])],
    rowHeights: Object.entries(sheet.rowHeights).map(([r, h]) => [Number(r), h]),
    freezeRows: sheet.freezeRows,
    ...(sheet.autoFilter ? { autoFilter: sheet.autoFilter.replace(/\$/g, '') } : {}),
    conditionalFormats: sheet.conditionalFormats,
    page: pageOf(sheet),
    protect: sheet.protect,
  };
}

// ---------------- defined names ----------------

const NAME_REF = /^(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/;

/**
 * The spec's defined names with the sheet each refers to (as the spec spells it); names on a sheet the
 * spec does not have (not built: BuildOptions.sheets) are left out.
 * @throws Error for a reference that is not a sheet-qualified cell or top-left:bottom-right range
 */
export function describeNames(spec: Pick<WorkbookSpec, 'sheets' | 'names'>): Array<{ name: string; ref: string; sheet: string }> {
  const sheets = new Map(spec.sheets.map((s) => [s.name.toLocaleLowerCase(), s.name]));
  const out: Array<{ name: string; ref: string; sheet: string }> = [];
  for (const n of spec.names) {
    const m = NAME_REF.exec(n.ref);
    if (!m) throw new Error(`defined name ${n.name}: "${n.ref}" is not a sheet-qualified reference`);
    const sheet = sheets.get((m[1] ?? m[2]).replace(/''/g, "'").toLocaleLowerCase());
    if (sheet === undefined) continue;
    const [a, b] = m[3].split(':').map((x) => parseAddr(x));
    if (b && (b.row < a.row || b.col < a.col)) throw new Error(`defined name ${n.name}: "${n.ref}" is not top-left:bottom-right`);
    out.push({ name: n.name, ref: n.ref, sheet });
  }
  return out;
}
