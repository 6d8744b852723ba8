/**
 * The workbook as data: what every writer renders (the .xlsx writer with ExcelJS, the Office.js
 * writer in the task pane). Nothing here knows ExcelJS or Office.js.
 *
 * Addresses are A1 text; rows and columns are 1-based. Formulas are English-locale text without the
 * leading `=` and without `_xlfn.` prefixes (the .xlsx writer adds them, Office.js does not want them).
 */
import type { SheetKey } from './registry';
import type { Agent } from '../core/agent';

export type StyleName =
  | 'title'
  | 'subtitle'
  | 'label'
  | 'text'
  | 'wrap'
  | 'header'
  | 'section'
  | 'input'
  | 'inputText'
  | 'inputDate'
  | 'formula'
  | 'flag'
  | 'points'
  | 'score'
  | 'money'
  | 'note'
  | 'rule'
  | 'percent'
  | 'award'
  | 'date';

export interface StyleSpec {
  bold?: boolean;
  size?: number;
  /** fill colour, RRGGBB */
  fill?: string;
  /** font colour, RRGGBB */
  color?: string;
  align?: 'left' | 'center' | 'right';
  wrap?: boolean;
  border?: boolean;
  /** Excel number format */
  numFmt?: string;
  /** false = unlocked input cell (sheets are protected) */
  locked: boolean;
}

/**
 * A number format's text section that shows the text `incomplete` (D11, core/rules.ts INCOMPLETE, the value
 * every engine compares) as the workbook's word for it: render.ts puts the word in (`INCOMPLETE_WORDS`). Only
 * in styles whose cells hold a number, an error or `incomplete`, never other text (it would show that too).
 */
export const INCOMPLETE_SHOWN = '"{incomplete}"';

/** The word a workbook shows for the text `incomplete`, per language. */
export const INCOMPLETE_WORDS: Record<Lang, string> = { zh: '未完成', en: 'incomplete' };

/** One table of styles for every writer (design: light grey headers, pale yellow inputs). */
export const STYLES: Record<StyleName, StyleSpec> = {
  title: { bold: true, size: 14, align: 'center', locked: true },
  subtitle: { bold: true, size: 11, align: 'left', locked: true },
  label: { bold: true, align: 'left', locked: true },
  text: { border: true, align: 'left', locked: true },
  wrap: { border: true, align: 'left', wrap: true, locked: true },
  header: { bold: true, fill: 'D9D9D9', border: true, align: 'center', wrap: true, locked: true },
  section: { bold: true, fill: 'F2F2F2', border: true, align: 'left', locked: true },
  input: { fill: 'FFF9DB', border: true, align: 'center', locked: false },
  inputText: { fill: 'FFF9DB', border: true, align: 'left', numFmt: '@', locked: false },
  /** a day (the records sheet's dates): a date serial shown as a day */
  inputDate: { fill: 'FFF9DB', border: true, align: 'center', numFmt: 'yyyy-mm-dd', locked: false },
  formula: { border: true, align: 'center', numFmt: 'General', locked: true },
  /** item scores in points: two decimals, as the paper form's 0.00; the text `incomplete` (D11) in the workbook's language */
  points: { border: true, align: 'center', numFmt: `0.00;-0.00;0.00;${INCOMPLETE_SHOWN}`, locked: true },
  /** TRUE/FALSE results: General, so every spreadsheet keeps them boolean */
  flag: { border: true, align: 'center', numFmt: 'General', locked: true },
  score: { bold: true, border: true, align: 'center', numFmt: `0.00;-0.00;0.00;${INCOMPLETE_SHOWN}`, locked: true },
  money: { bold: true, border: true, align: 'right', numFmt: `#,##0.00;-#,##0.00;0.00;${INCOMPLETE_SHOWN}`, locked: true },
  /** the quarter award: money, and blank (text "") until the quarter is decided */
  award: { bold: true, border: true, align: 'right', numFmt: '#,##0.00', locked: true },
  /** weights as the paper form prints them: 30%, total 100% (the value stays the fraction 0.3) */
  percent: { border: true, align: 'center', numFmt: '0%', locked: true },
  /** a day shown as a day (the ledger's notice and due dates), not an input */
  date: { border: true, align: 'center', numFmt: 'yyyy-mm-dd', locked: true },
  note: { size: 9, color: '595959', align: 'left', wrap: true, locked: true },
  rule: { fill: 'FFF9DB', border: true, align: 'center', numFmt: 'General', locked: false },
};

/** Data validation of an input cell. */
export type ValidationSpec =
  | { type: 'whole'; min: number; max?: number; prompt: string; error: string }
  | { type: 'decimal'; min: number; max?: number; prompt: string; error: string }
  | { type: 'list'; values: string[]; prompt: string; error: string }
  /**
   * custom: formula (no `=`) written for the top-left cell of the range. Cells of one `shared` key form one
   * validation whose formula is their first cell's (relative references: a column of rows checked alike)
   */
  | { type: 'custom'; formula: string; prompt: string; error: string; shared?: string };

export interface CellSpec {
  /** A1 address on its sheet */
  address: string;
  /** a constant; text is always text, even when it starts with = + - @ */
  value?: string | number | boolean | null;
  /** a formula without `=` */
  formula?: string;
  style: StyleName;
  /** data validation of an input cell */
  validation?: ValidationSpec;
  /**
   * An input's longest expected entry (S02: 20 rating letters): the layout gives the cell room to show it
   * whole, as if the cell held it. Not written to the file.
   */
  sample?: string;
  /**
   * The formula is that of the first cell of this key (above it in the same column), its relative references
   * moved down with the row: an .xlsx file stores it once, as a shared formula (12,000 rows of records).
   */
  shares?: string;
}

export interface ConditionalFormatSpec {
  /** range, A1 */
  range: string;
  /** formula without `=`, relative to the top-left cell of the range */
  formula: string;
  fill: string;
  color?: string;
  bold?: boolean;
  /**
   * An in-cell data bar instead of a fill (the annual review's trend): bars from `min` to `max` (a number, or the
   * range's own lowest / highest), in `fill`; `formula` is unused.
   */
  dataBar?: { min: number | 'min'; max: number | 'max' };
}

/** A sheet kind's key: one per module in sheets/, listed in registry.ts. */
export type { SheetKey };

/** The workbook's language: labels in zh-CN (the familiar paper forms) or en-US. */
export type Lang = 'zh' | 'en';

export interface SheetSpec {
  key: SheetKey;
  name: string;
  /** column widths in characters, from column A */
  widths: number[];
  cells: CellSpec[];
  /** merged ranges, A1 ("A1:F1") */
  merges: string[];
  rowHeights: Record<number, number>;
  /** a manual page break after each of these rows (one agent per printed A4 page) */
  rowBreaks: number[];
  printArea?: string;
  /** print titles: rows repeated on each page, e.g. "5:5" */
  printTitleRows?: string;
  landscape: boolean;
  /**
   * Fixed print scale in percent. Set on sheets with manual page breaks (one agent per page): Excel
   * ignores manual page breaks under "fit to N pages", so those sheets print at this scale instead.
   * Unset: fit to one page wide.
   */
  printScale?: number;
  /** columns (1-based) hidden from view and print: helper cells such as the S01 tickets of every agent */
  hiddenColumns?: number[];
  /** freeze panes below this row (0 = none) */
  freezeRows: number;
  /**
   * An AutoFilter over this range (A1, its first row the headers): a worksheet has at most one (Excel's limit);
   * filtering it stays allowed on the protected sheet (render.ts `PROTECTION.autoFilter`)
   */
  autoFilter?: string;
  protect: boolean;
  conditionalFormats: ConditionalFormatSpec[];
}

export interface DefinedNameSpec {
  /** e.g. PTS_A01 */
  name: string;
  /** sheet-qualified absolute reference, e.g. 'Rules'!$C$5 */
  ref: string;
}

export type { Agent, Role } from '../core/agent';

/** Where one agent's inputs and results are, for readers (score) and the results view. */
export interface AgentLayout {
  agent: Agent;
  /** forms.md code → cell holding the input (A01…, AR1, B01…, EX, S01…, SP1, SN1) */
  inputs: Record<string, { sheet: string; address: string }>;
  /**
   * result key → cell holding the formula: form scores by code ("A", "B", "S01"…"S06", "SP1", "SN1"), total
   * (the after-sales form's composite; the summary's for pre-sales), summaryTotal, rank, bottomRank, redLines,
   * bottom, pay, award, flags, summaryRow (the summary row's id cell), quarter, quarterAward
   */
  outputs: Record<string, { sheet: string; address: string }>;
  /** first cell of the agent's form block, to jump to */
  formCell: { sheet: string; address: string };
  /** the cell of the form block holding the employee id (readers check it to detect moved rows) */
  idCell?: { sheet: string; address: string };
}

export interface WorkbookSpec {
  month: string;
  lang: Lang;
  mode: 'kpi' | 'plain';
  sheets: SheetSpec[];
  names: DefinedNameSpec[];
  layout: AgentLayout[];
}

// ---------- A1 helpers ----------

export function colName(col: number): string {
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

export function addr(row: number, col: number): string {
  return `${colName(col)}${row}`;
}

export function abs(a1: string): string {
  return a1.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
}

export function parseAddr(a1: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(a1);
  if (!m) throw new Error(`not an A1 address: ${a1}`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]), col };
}

/** A sheet name as formulas write it: quoted when it is not a plain identifier. */
export function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
