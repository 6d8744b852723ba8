/**
 * Excel's documented limits as one table, and a checker that applies them to a workbook: the model
 * (`limitsViewOfSpec`), the parts of a written .xlsx file (`limitsViewOfXlsxParts`, the XML as Excel
 * reads it) or any other rendering brought to the same `LimitsView` (the tests map the fake Excel of the
 * Office.js writer to it). Pure: no ExcelJS, no Office.js, no unzip (the caller hands over the parts' text).
 *
 * Lengths are in UTF-16 code units (JavaScript's `length`), which is how Excel counts characters
 * (excelize #972: the 255-character validation limit is in UTF-16 code units, not UTF-8 bytes).
 */

/** Where a limit is documented. */
const SRC = {
  specs: 'Microsoft Support: Excel specifications and limits',
  oiFormula: '[MS-OI29500] 2.1.1085 ST_Formula: at most 8192 characters',
  oiSheet: '[MS-OI29500] 2.1.578 sheet: name ≤ 31 characters, sheet-name syntax, unique case-insensitively',
  oiDefinedName: '[MS-OI29500] 2.1.568 definedName: name 1–255 characters, comment ≤ 255',
  oiNames: '[MS-OI29500] 2.1.867 Names (name syntax); ECMA-376 Part 1 §18.17.2.5: a name is not TRUE/FALSE or a cell reference',
  oiValidation:
    '[MS-OI29500] 2.1.613 dataValidation: prompt ≤ 255, error ≤ 224, promptTitle ≤ 32, errorTitle ≤ 32, sqref 1–32767 references',
  xlsbDValStrings: '[MS-XLSB] 2.5.37 DValStrings: prompt ≤ 255, error ≤ 225, titles ≤ 32',
  validationFormula:
    'a longer data-validation formula makes Excel repair the file and drop the validation (ClosedXML #1044, linkml #1798, excelize #972; ../shared/spec/excel-facts.md)',
  renameSheet:
    'Microsoft Support: Rename a worksheet (not blank, ≤ 31 characters, none of / \\ ? * : [ ], no leading or trailing apostrophe, not "History")',
  ptgStr: '[MS-XLS] PtgStr: a string constant in a formula is a ShortXLUnicodeString (at most 255 characters)',
  cellXfs: '[MS-OI29500] cellXfs: Excel limits the combined cell formats (xf records) to 65430',
  facts: '../shared/spec/excel-facts.md (Excel specifications and limits)',
} as const;

export type LimitKey =
  | 'rows'
  | 'columns'
  | 'formulaLength'
  | 'nestingLevels'
  | 'functionArguments'
  | 'formulaText'
  | 'cellText'
  | 'lineFeeds'
  | 'rowHeight'
  | 'columnWidth'
  | 'pageBreaks'
  | 'sheetName'
  | 'sheetNameUnique'
  | 'definedNameLength'
  | 'definedNameSyntax'
  | 'definedNameUnique'
  | 'definedNameComment'
  | 'validationFormula'
  | 'validationList'
  | 'validationPrompt'
  | 'validationPromptTitle'
  | 'validationError'
  | 'validationErrorTitle'
  | 'validationAreas'
  | 'validationOverlap'
  | 'conditionalFormats'
  | 'cellFormats';

export interface ExcelLimit {
  /** the largest value allowed (for rules that are a syntax, the length part of it) */
  max: number;
  unit:
    'rows' | 'columns' | 'characters' | 'levels' | 'arguments' | 'line feeds' | 'points' | 'breaks' | 'references' | 'rules' | 'formats';
  /** what the limit applies to */
  appliesTo: string;
  source: string;
}

/** A limit: what it applies to and where it is documented (several sources joined with "; "). */
const limit = (max: number, unit: ExcelLimit['unit'], appliesTo: string, ...sources: string[]): ExcelLimit => ({
  max,
  unit,
  appliesTo,
  source: sources.join('; '),
});

/** A row of Microsoft's "Excel specifications and limits" table, by the feature it names. */
const specsRow = (feature: string): string => `${SRC.specs} ("${feature}")`;

/** The texts of a data validation are limited by both file formats' specifications. */
const VALIDATION_TEXTS = [SRC.oiValidation, SRC.xlsbDValStrings];

/** Excel's limits that a generated workbook can reach, each with what it applies to and where it is documented. */
export const EXCEL_LIMITS: Record<LimitKey, ExcelLimit> = {
  rows: limit(1048576, 'rows', 'rows of a worksheet (every cell, range and break address)', SRC.specs),
  columns: limit(16384, 'columns', 'columns of a worksheet (XFD)', SRC.specs),
  formulaLength: limit(
    8192,
    'characters',
    'a formula (cell, defined name, conditional format), without the leading =',
    specsRow('Length of formula contents'),
    SRC.oiFormula,
  ),
  nestingLevels: limit(64, 'levels', 'nested function calls in one formula', specsRow('Nested levels of functions')),
  functionArguments: limit(255, 'arguments', 'arguments of one function call', specsRow('Arguments in a function')),
  formulaText: limit(255, 'characters', 'a text constant ("…") inside a formula', SRC.ptgStr),
  cellText: limit(32767, 'characters', 'the text of a cell', specsRow('Total number of characters that a cell can contain')),
  lineFeeds: limit(253, 'line feeds', 'line feeds in the text of a cell', specsRow('Maximum number of line feeds per cell')),
  rowHeight: limit(409, 'points', 'the height of a row', specsRow('Row height')),
  columnWidth: limit(255, 'characters', 'the width of a column', specsRow('Column width')),
  pageBreaks: limit(1026, 'breaks', 'manual page breaks of a worksheet, horizontal and vertical', specsRow('Page breaks')),
  sheetName: limit(
    31,
    'characters',
    "a worksheet name: 1–31 characters, none of : \\ / ? * [ ], no leading or trailing ', not History",
    SRC.oiSheet,
    SRC.renameSheet,
  ),
  sheetNameUnique: limit(1, 'rules', 'worksheet names are unique, case-insensitively', SRC.oiSheet),
  definedNameLength: limit(255, 'characters', 'a defined name', SRC.oiDefinedName),
  definedNameSyntax: limit(
    255,
    'characters',
    'a defined name: starts with a letter, _ or \\; then letters, digits, _ . \\; not TRUE/FALSE, not a cell reference (A1, R1C1, R, C)',
    SRC.oiNames,
  ),
  definedNameUnique: limit(1, 'rules', 'workbook-scoped defined names are unique, case-insensitively', SRC.oiNames),
  definedNameComment: limit(255, 'characters', 'the comment of a defined name', SRC.oiDefinedName),
  validationFormula: limit(
    255,
    'characters',
    'a data-validation formula (formula1, formula2), without the leading =',
    SRC.validationFormula,
  ),
  validationList: limit(
    255,
    'characters',
    'the source of a list data validation (its items joined with commas)',
    SRC.validationFormula,
    '../shared/spec/excel-facts.md',
  ),
  validationPrompt: limit(255, 'characters', 'the input message of a data validation', ...VALIDATION_TEXTS),
  validationPromptTitle: limit(32, 'characters', 'the input message title of a data validation', ...VALIDATION_TEXTS),
  validationError: limit(
    224,
    'characters',
    'the error alert message of a data validation (the stricter of the two documented values)',
    ...VALIDATION_TEXTS,
  ),
  validationErrorTitle: limit(32, 'characters', 'the error alert title of a data validation', ...VALIDATION_TEXTS),
  validationOverlap: limit(
    1,
    'rules',
    'data validations per cell: ranges of two validations must not overlap',
    'EPPlus #829 (overlapping data validations are not allowed in Excel); exceljs #2820 (LibreOffice and Numbers apply only the first of overlapping ranges)',
  ),
  validationAreas: limit(32767, 'references', 'the ranges one data validation applies to (sqref)', SRC.oiValidation),
  conditionalFormats: limit(64000, 'rules', 'conditional formatting rules of a workbook', SRC.facts),
  cellFormats: limit(
    65430,
    'formats',
    'cell formats (xf records) of a workbook',
    SRC.cellXfs,
    `${SRC.specs} ("Unique cell formats/cell styles", 65,490)`,
  ),
};

// ---------------- what the checker reads ----------------

export interface LimitsValidation {
  /** the cells it applies to: A1 ranges separated by spaces or commas */
  range: string;
  type: string;
  /** as stored, without a leading = (a list's explicit source in the file is `"A,B,C"`) */
  formula1?: string;
  formula2?: string;
  prompt?: string;
  promptTitle?: string;
  error?: string;
  errorTitle?: string;
}

export interface LimitsSheet {
  name: string;
  /** cells with content: a formula (with or without =) or text */
  /**
   * `shares`: the formula is that of the first cell of this key with its references moved (CellSpec.shares): the
   * same calls, nesting and text constants, so only its length is measured again (a records sheet has 48,000)
   */
  cells: Array<{ address: string; formula?: string; text?: string; shares?: string }>;
  validations: LimitsValidation[];
  conditionalFormats: Array<{ range: string; formula: string }>;
  /** row → height in points */
  rowHeights: Array<[number, number]>;
  /** column (1-based) → width in characters */
  columnWidths: Array<[number, number]>;
  rowBreaks: number[];
  colBreaks: number[];
}

export interface LimitsView {
  sheets: LimitsSheet[];
  /** defined names; `sheet` is set for a sheet-scoped name (print area, print titles) */
  names: Array<{ name: string; ref: string; comment?: string; sheet?: string }>;
  /** cell formats (xf records) of the workbook, when known */
  cellFormats?: number;
}

export interface LimitViolation {
  rule: LimitKey;
  /** `'Sheet'!A1`, `'Sheet'!D9 validation`, `name PTS_A01`, `sheet 'X'` */
  where: string;
  /** the value found (a length, a count, a height) or the offending text */
  found: number | string;
  limit: number;
  message: string;
}

// ---------------- formulas ----------------

export interface FormulaStats {
  length: number;
  /** deepest nesting of function calls */
  depth: number;
  /** most arguments of one call */
  maxArgs: number;
  /** longest text constant */
  maxText: number;
}

/**
 * Length, function nesting, arguments per call and the longest text constant of a formula. Text constants
 * ("…" with "" inside) and quoted sheet names ('…' with '') are skipped; a `(` right after a name is a
 * function call, any other `(` only groups; commas inside `{…}` array constants separate items, not arguments.
 */
export function formulaStats(formula: string): FormulaStats {
  // one pass over character codes, the open calls counted as they open and close: a workbook has tens of
  // thousands of formulas (a records sheet of 12,000 rows), so this stays linear and allocates nothing per character
  const f = formula.charCodeAt(0) === 61 /* = */ ? formula.slice(1) : formula;
  const fn: boolean[] = [];
  const args: number[] = [];
  const any: boolean[] = [];
  let top = -1;
  let open = 0;
  let depth = 0;
  let maxArgs = 0;
  let maxText = 0;
  const n = f.length;
  for (let i = 0; i < n; i++) {
    const ch = f.charCodeAt(i);
    if (ch === 34 /* " */ || ch === 39 /* ' */) {
      let j = i + 1;
      let len = 0;
      for (; j < n; j++) {
        if (f.charCodeAt(j) === ch) {
          if (f.charCodeAt(j + 1) === ch) {
            j++;
            len++;
            continue;
          }
          break;
        }
        len++;
      }
      if (ch === 34 && len > maxText) maxText = len;
      if (top >= 0) any[top] = true;
      i = j;
      continue;
    }
    if (ch === 40 /* ( */ || ch === 123 /* { */) {
      const isFn = ch === 40 && i > 0 && isNameChar(f.charCodeAt(i - 1));
      if (top >= 0) any[top] = true;
      top++;
      fn[top] = isFn;
      args[top] = 1;
      any[top] = false;
      if (isFn && ++open > depth) depth = open;
      continue;
    }
    if (ch === 41 /* ) */ || ch === 125 /* } */) {
      if (top < 0) continue;
      if (fn[top]) {
        open--;
        const a = any[top] || args[top] > 1 ? args[top] : 0;
        if (a > maxArgs) maxArgs = a;
      }
      top--;
      continue;
    }
    if (ch === 44 /* , */ && top >= 0 && fn[top]) {
      args[top]++;
      continue;
    }
    if (top >= 0 && ch !== 32) any[top] = true;
  }
  return { length: f.length, depth, maxArgs, maxText };
}

/** [A-Za-z0-9_.]: a `(` right after one is a function call. */
const isNameChar = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 /* _ */ || c === 46; /* . */

// ---------------- addresses and names ----------------

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/**
 * True when `s` is an A1 reference inside Excel's grid (a name may not look like one): `$?` 1–3 letters `$?` digits.
 * Read by character codes, without a match object: every cell of a workbook (140,000 with a month of records) is asked.
 */
function isA1InGrid(s: string): boolean {
  return a1Key(s) >= 0;
}

/**
 * An A1 reference (`$?` 1–3 letters `$?` digits) as row × 16384 + column − 1 when inside Excel's grid, else −1: one
 * number per cell (the overlap check of 60,000 validated cells keeps numbers, not texts).
 */
function a1Key(s: string): number {
  const n = s.length;
  let i = s.charCodeAt(0) === 36 /* $ */ ? 1 : 0;
  let col = 0;
  const c0 = i;
  for (; i < n; i++) {
    const ch = s.charCodeAt(i) | 32; // lower case
    if (ch < 97 || ch > 122) break;
    col = col * 26 + ch - 96;
  }
  if (i === c0 || i - c0 > 3) return -1;
  if (s.charCodeAt(i) === 36) i++;
  const r0 = i;
  let row = 0;
  for (; i < n; i++) {
    const ch = s.charCodeAt(i);
    if (ch < 48 || ch > 57) return -1;
    row = row * 10 + ch - 48;
  }
  if (i === r0 || col > EXCEL_LIMITS.columns.max || row < 1 || row > EXCEL_LIMITS.rows.max) return -1;
  return row * 16384 + col - 1;
}

/** A cell key of `a1Key` as A1. */
const keyA1 = (k: number): string => `${colLetters((k % 16384) + 1)}${Math.floor(k / 16384)}`;

/** Rows and columns of every area of a range text (`A1:B2 C3`, `$A$1:$B$2,C3`, `5:5`), or the areas outside the grid. */
function areas(range: string): Array<{ text: string; ok: boolean }> {
  return range
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((text) => {
      const a = text.replace(/^.*!/, '').replace(/\$/g, '');
      const parts = a.split(':');
      const ok = parts.every((p) =>
        /^\d+$/.test(p)
          ? Number(p) >= 1 && Number(p) <= EXCEL_LIMITS.rows.max
          : /^[A-Za-z]{1,3}$/.test(p)
            ? colNumber(p) <= EXCEL_LIMITS.columns.max
            : isA1InGrid(p),
      );
      return { text, ok };
    });
}

/**
 * The cells of a range text inside the grid, as `a1Key` numbers, in the order of `cellsOf` (for overlap checks): one
 * cell or one area `A4:A12103` read without a text per cell; anything else through `cellsOf`.
 */
function cellKeysOf(range: string): number[] {
  const one = a1Key(range);
  if (one >= 0) return [one];
  const colon = range.indexOf(':');
  if (colon > 0 && range.indexOf(':', colon + 1) < 0) {
    const a = a1Key(range.slice(0, colon));
    const b = a1Key(range.slice(colon + 1));
    if (a >= 0 && b >= 0) {
      const [r1, c1, r2, c2] = [Math.floor(a / 16384), a % 16384, Math.floor(b / 16384), b % 16384];
      const out: number[] = [];
      for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++)
        for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++) out.push(r * 16384 + c);
      return out;
    }
  }
  return cellsOf(range).map(a1Key);
}

/** The cells of a range text inside the grid, as A1 (for overlap checks; areas outside the grid are skipped). */
function cellsOf(range: string): string[] {
  const one = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(range);
  if (one && isA1InGrid(range)) return [`${one[1].toUpperCase()}${Number(one[2])}`];
  const out: string[] = [];
  for (const a of areas(range)) {
    if (!a.ok) continue;
    const [p, r] = a.text
      .replace(/\$/g, '')
      .split(':')
      .map((x) => /^([A-Za-z]{1,3})(\d+)$/.exec(x));
    if (!p) continue; // whole rows or columns: not used by validations here
    const [c1, r1, c2, r2] = [colNumber(p[1]), Number(p[2]), colNumber((r ?? p)[1]), Number((r ?? p)[2])];
    for (let col = Math.min(c1, c2); col <= Math.max(c1, c2); col++) {
      let letters = '';
      for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
      for (let row = Math.min(r1, r2); row <= Math.max(r1, r2); row++) out.push(`${letters}${row}`);
    }
  }
  return out;
}

const SHEET_FORBIDDEN = /[:\\/?*[\]]/;

/** Why a worksheet name breaks Excel's rules, or null. */
export function sheetNameProblem(name: string): string | null {
  if (name.length === 0) return 'is blank';
  if (name.length > EXCEL_LIMITS.sheetName.max) return `has ${name.length} characters (at most ${EXCEL_LIMITS.sheetName.max})`;
  if (SHEET_FORBIDDEN.test(name)) return 'contains one of : \\ / ? * [ ]';
  if (name.startsWith("'") || name.endsWith("'")) return "begins or ends with '";
  if (name.toLowerCase() === 'history') return 'is History, which Excel reserves';
  return null;
}

/** Why a defined name breaks Excel's rules, or null. Built-in names (`_xlnm.Print_Area`) follow the same syntax. */
export function definedNameProblem(name: string): string | null {
  if (name.length === 0) return 'is blank';
  if (name.length > EXCEL_LIMITS.definedNameLength.max)
    return `has ${name.length} characters (at most ${EXCEL_LIMITS.definedNameLength.max})`;
  if (!/^[\p{L}_\\][\p{L}\p{Nd}_.\\]*$/u.test(name)) return 'must start with a letter, _ or \\ and hold only letters, digits, _ . \\';
  if (/^(true|false)$/i.test(name)) return 'is TRUE or FALSE';
  if (isA1InGrid(name)) return 'is a cell reference (A1)';
  if (/^(r\d*c\d*|r\d*|c\d*)$/i.test(name)) return 'is a cell reference (R1C1) or R/C';
  return null;
}

// ---------------- the checker ----------------

const q = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;
const lineFeeds = (s: string) => (s.match(/\n/g) ?? []).length;

/**
 * Every violation of Excel's limits in the view: formula length, nesting, arguments, text constants and
 * cell text of every cell; every data validation (formulas, list source, messages and titles, areas);
 * every conditional format; row heights, column widths, page breaks, addresses inside the grid; sheet
 * names; defined names (syntax, length, uniqueness, comment, formula); the workbook's formats.
 */
export function checkLimits(view: LimitsView): LimitViolation[] {
  const out: LimitViolation[] = [];
  const L = EXCEL_LIMITS;
  const over = (rule: LimitKey, where: string, found: number, what: string) => {
    if (found > L[rule].max)
      out.push({
        rule,
        where,
        found,
        limit: L[rule].max,
        message: `${where}: ${what} ${found} > ${L[rule].max} ${L[rule].unit} (${L[rule].source})`,
      });
  };
  // `where` is worded only for a violation: a records sheet has 50,000 formulas
  let shared = new Map<string, { s: FormulaStats; skip: number }>();
  // a validation formula's stats by its text (a list's rule is the same on every row)
  const validationStats = new Map<string, FormulaStats>();
  const formula = (at: string | (() => string), f: string, shares?: string) => {
    let s: FormulaStats;
    if (shares === undefined) s = formulaStats(f);
    else {
      // `skip`: the leading `=` the first cell's formula had (its length counts without it), as the others do
      let first = shared.get(shares);
      if (first === undefined) {
        const stats = formulaStats(f);
        shared.set(shares, (first = { s: stats, skip: f.length - stats.length }));
      }
      // the first cell's stats with this cell's length, without an object per cell (48,000 shared formulas)
      if (
        f.length - first.skip <= L.formulaLength.max &&
        first.s.depth <= L.nestingLevels.max &&
        first.s.maxArgs <= L.functionArguments.max &&
        first.s.maxText <= L.formulaText.max
      )
        return;
      s = { ...first.s, length: f.length - first.skip };
    }
    if (
      s.length <= L.formulaLength.max &&
      s.depth <= L.nestingLevels.max &&
      s.maxArgs <= L.functionArguments.max &&
      s.maxText <= L.formulaText.max
    )
      return;
    const where = typeof at === 'string' ? at : at();
    over('formulaLength', where, s.length, 'formula length');
    over('nestingLevels', where, s.depth, 'nested function levels');
    over('functionArguments', where, s.maxArgs, 'arguments of one function');
    over('formulaText', where, s.maxText, 'text constant in a formula');
  };
  const grid = (where: string, range: string) => {
    if (isA1InGrid(range)) return;
    for (const a of areas(range))
      if (!a.ok)
        out.push({
          rule: 'rows',
          where,
          found: a.text,
          limit: L.rows.max,
          message: `${where}: ${a.text} is outside the grid of ${L.rows.max} rows × ${L.columns.max} columns (${L.rows.source})`,
        });
  };

  const seenSheets = new Map<string, string>();
  let cfRules = 0;
  for (const sh of view.sheets) {
    const problem = sheetNameProblem(sh.name);
    if (problem)
      out.push({
        rule: 'sheetName',
        where: `sheet ${q(sh.name)}`,
        found: sh.name,
        limit: L.sheetName.max,
        message: `sheet ${q(sh.name)}: the name ${problem} (${L.sheetName.source})`,
      });
    const lc = sh.name.toLowerCase();
    if (seenSheets.has(lc))
      out.push({
        rule: 'sheetNameUnique',
        where: `sheet ${q(sh.name)}`,
        found: sh.name,
        limit: 1,
        message: `sheet ${q(sh.name)}: the same name as ${q(seenSheets.get(lc)!)} (${L.sheetNameUnique.source})`,
      });
    seenSheets.set(lc, sh.name);

    shared = new Map();
    for (const c of sh.cells) {
      const where = () => `${q(sh.name)}!${c.address}`;
      if (!isA1InGrid(c.address)) grid(where(), c.address);
      if (c.formula !== undefined) formula(where, c.formula, c.shares);
      if (c.text !== undefined && (c.text.length > L.cellText.max || c.text.includes('\n'))) {
        over('cellText', where(), c.text.length, 'cell text length');
        over('lineFeeds', where(), lineFeeds(c.text), 'line feeds');
      }
    }
    const validated = new Set<number>();
    // a records sheet has 60,000 validations, most of one cell: the sheet's name quoted once, a cell's place read once
    const quoted = q(sh.name);
    for (const v of sh.validations) {
      const where = `${quoted}!${v.range} validation`;
      const inGrid = isA1InGrid(v.range);
      if (!inGrid) grid(where, v.range);
      const twiceKey = cellKeysOf(v.range).find((c) => validated.has(c) || !validated.add(c));
      const twice = twiceKey === undefined ? undefined : keyA1(twiceKey);
      if (twice)
        out.push({
          rule: 'validationOverlap',
          where,
          found: twice,
          limit: 1,
          message: `${where}: ${twice} is in another data validation too (${L.validationOverlap.source})`,
        });
      if (!inGrid) over('validationAreas', where, areas(v.range).length, 'ranges');
      for (const f of [v.formula1, v.formula2]) {
        if (f === undefined) continue;
        const text = f.replace(/^=/, '');
        over(
          v.type === 'list' ? 'validationList' : 'validationFormula',
          where,
          text.length,
          v.type === 'list' ? 'list source length' : 'validation formula length',
        );
        let s = validationStats.get(text);
        if (s === undefined) validationStats.set(text, (s = formulaStats(text)));
        over('nestingLevels', where, s.depth, 'nested function levels');
        over('functionArguments', where, s.maxArgs, 'arguments of one function');
      }
      if (v.prompt !== undefined) over('validationPrompt', where, v.prompt.length, 'input message length');
      if (v.promptTitle !== undefined) over('validationPromptTitle', where, v.promptTitle.length, 'input message title length');
      if (v.error !== undefined) over('validationError', where, v.error.length, 'error message length');
      if (v.errorTitle !== undefined) over('validationErrorTitle', where, v.errorTitle.length, 'error title length');
    }
    for (const cf of sh.conditionalFormats) {
      const where = `${q(sh.name)}!${cf.range} conditional format`;
      grid(where, cf.range);
      formula(where, cf.formula);
      cfRules++;
    }
    for (const [r, h] of sh.rowHeights) {
      grid(`${q(sh.name)} row ${r}`, `${r}:${r}`);
      over('rowHeight', `${q(sh.name)} row ${r}`, h, 'row height');
    }
    for (const [c, w] of sh.columnWidths) over('columnWidth', `${q(sh.name)} column ${c}`, w, 'column width');
    over('pageBreaks', `sheet ${q(sh.name)}`, sh.rowBreaks.length + sh.colBreaks.length, 'manual page breaks');
    for (const r of sh.rowBreaks) grid(`${q(sh.name)} page break after row ${r}`, `${r}:${r}`);
  }
  over('conditionalFormats', 'workbook', cfRules, 'conditional formatting rules');
  if (view.cellFormats !== undefined) over('cellFormats', 'workbook', view.cellFormats, 'cell formats');

  const seenNames = new Map<string, string>();
  for (const n of view.names) {
    const where = `name ${n.name}${n.sheet ? ` (${q(n.sheet)})` : ''}`;
    const problem = definedNameProblem(n.name);
    if (problem)
      out.push({
        rule: n.name.length > L.definedNameLength.max ? 'definedNameLength' : 'definedNameSyntax',
        where,
        found: n.name,
        limit: L.definedNameLength.max,
        message: `${where}: the name ${problem} (${L.definedNameSyntax.source})`,
      });
    const key = `${n.sheet ?? ''}!${n.name.toLowerCase()}`;
    if (seenNames.has(key))
      out.push({
        rule: 'definedNameUnique',
        where,
        found: n.name,
        limit: 1,
        message: `${where}: defined twice (${L.definedNameUnique.source})`,
      });
    seenNames.set(key, n.name);
    formula(where, n.ref);
    if (n.comment !== undefined) over('definedNameComment', where, n.comment.length, 'comment length');
  }
  return out;
}

// ---------------- views ----------------

/** The model's shape of a workbook spec (structural, so core needs no import from templates). */
interface SpecLike {
  sheets: Array<{
    name: string;
    widths: number[];
    cells: Array<{
      address: string;
      value?: string | number | boolean | null;
      formula?: string;
      shares?: string;
      validation?:
        | { type: 'whole' | 'decimal'; min: number; max?: number; prompt: string; error: string }
        | { type: 'list'; values: string[]; prompt: string; error: string }
        | { type: 'custom'; formula: string; prompt: string; error: string; shared?: string };
    }>;
    rowHeights: Record<number, number>;
    rowBreaks: number[];
    printArea?: string;
    printTitleRows?: string;
    conditionalFormats: Array<{ range: string; formula: string }>;
  }>;
  names: Array<{ name: string; ref: string }>;
}

/**
 * The model (templates/model.ts `WorkbookSpec`) as the checker reads it. Formulas are the model's (the
 * .xlsx writer adds `_xlfn.` to a few functions: check the file too); print areas and titles become the
 * sheet-scoped built-in names a writer creates.
 */
export function limitsViewOfSpec(spec: SpecLike): LimitsView {
  const names: LimitsView['names'] = spec.names.map((n) => ({ name: n.name, ref: n.ref }));
  const sheets = spec.sheets.map((s): LimitsSheet => {
    const ref = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(s.name) ? s.name : q(s.name);
    if (s.printArea) names.push({ name: '_xlnm.Print_Area', ref: `${ref}!${s.printArea}`, sheet: s.name });
    if (s.printTitleRows) names.push({ name: '_xlnm.Print_Titles', ref: `${ref}!${s.printTitleRows}`, sheet: s.name });
    const cells: LimitsSheet['cells'] = [];
    for (const c of s.cells)
      // a formula cell read as it is (address, formula, shares: a records sheet has 50,000), a text as its text
      if (c.formula !== undefined) cells.push(c as { address: string; formula: string; shares?: string });
      else if (typeof c.value === 'string') cells.push({ address: c.address, text: c.value });
    return {
      name: s.name,
      cells,
      validations: specValidations(s.cells),
      conditionalFormats: s.conditionalFormats.map((c) => ({ range: c.range, formula: c.formula })),
      rowHeights: Object.entries(s.rowHeights).map(([r, h]) => [Number(r), h]),
      columnWidths: s.widths.map((w, i) => [i + 1, w]),
      rowBreaks: [...s.rowBreaks],
      colBreaks: [],
    };
  });
  return { sheets, names };
}

type SpecValidation = NonNullable<SpecLike['sheets'][number]['cells'][number]['validation']>;

/**
 * A sheet's validations as the checker reads them: the cells of one rule (a custom rule shared by a column's cells,
 * whose formula is the first cell's as templates/render.ts `sheetValidations` writes it; or equal rules with
 * equal messages) as one validation over their cells' runs down each column, in the order of their first cell.
 * A custom rule without `shared` is relative to its own cell: one validation per cell.
 */
function specValidations(cells: SpecLike['sheets'][number]['cells']): LimitsValidation[] {
  const groups: Array<{ v: SpecValidation; at: string[] }> = [];
  // a custom rule by its `shared` name (a records sheet's 48,000 are objects of their own), without a key text per cell
  const byShared = new Map<string, { v: SpecValidation; at: string[] }>();
  // another rule by its object (a records sheet's status list is one object on 12,000 rows), then by what it says
  const byObject = new Map<SpecValidation, { v: SpecValidation; at: string[] }>();
  const byText = new Map<string, { v: SpecValidation; at: string[] }>();
  for (const c of cells) {
    const v = c.validation;
    if (!v) continue;
    let g = v.type === 'custom' ? (v.shared !== undefined ? byShared.get(v.shared) : undefined) : byObject.get(v);
    if (g === undefined) {
      if (v.type !== 'custom') {
        const k = JSON.stringify([v.type, v.type === 'list' ? v.values : [v.min, v.max], v.prompt, v.error]);
        g = byText.get(k);
        if (g === undefined) {
          byText.set(k, (g = { v, at: [] }));
          groups.push(g);
        }
        byObject.set(v, g);
      } else {
        // a custom rule without `shared` is relative to its own cell: alone
        groups.push((g = { v, at: [] }));
        if (v.shared !== undefined) byShared.set(v.shared, g);
      }
    }
    g.at.push(c.address);
  }
  const out: LimitsValidation[] = [];
  for (const { v, at } of groups) {
    const formulas =
      v.type === 'custom'
        ? { formula1: v.formula }
        : v.type === 'list'
          ? { formula1: `"${v.values.join(',')}"` }
          : { formula1: String(v.min), ...(v.max !== undefined ? { formula2: String(v.max) } : {}) };
    out.push({ range: columnRuns(at), type: v.type, ...formulas, prompt: v.prompt, error: v.error });
  }
  return out;
}

/** Cells (A1, each once) as ranges: runs of consecutive rows down a column joined (`A4:A12103 C5`), in the cells' order. */
function columnRuns(at: string[]): string {
  if (at.length === 1) return at[0];
  const runs: string[] = [];
  let first = '';
  let last = -1;
  let lastA1 = '';
  for (const a of at) {
    const k = a1Key(a);
    if (k >= 0 && last >= 0 && k === last + 16384) {
      last = k;
      lastA1 = a;
      continue;
    }
    if (first !== '') runs.push(first === lastA1 ? first : `${first}:${lastA1}`);
    first = lastA1 = a;
    last = k;
  }
  runs.push(first === lastA1 ? first : `${first}:${lastA1}`);
  return runs.join(' ');
}

// ---------------- the .xlsx file's parts ----------------

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e === 'amp'
      ? '&'
      : e === 'lt'
        ? '<'
        : e === 'gt'
          ? '>'
          : e === 'quot'
            ? '"'
            : e === 'apos'
              ? "'"
              : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) out[m[1].replace(/^.*:/, '')] = decodeXml(m[3] ?? m[4] ?? '');
  return out;
}

/** Text of `<t>` elements inside an element (shared strings, inline strings, rich text runs). */
function textOf(xml: string): string {
  return [...xml.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)].map((m) => decodeXml(m[1])).join('');
}

function colLetters(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/**
 * A shared formula's text as Excel reads it in another cell of the share: its relative A1 references moved by
 * `rows` and `cols` (`$` parts kept), never text in quotes ("…" literals, '…' sheet names); a reference moved off
 * the grid is #REF!. Whole-row and whole-column references (A:A, 1:1) are left as they are (kpi-forms shares none).
 */
function moveFormula(formula: string, rows: number, cols: number): string {
  return formula
    .split(/("(?:[^"]|"")*"|'(?:[^']|'')*')/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(
            /(?<![A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_.(])/g,
            (ref, c$: string, col: string, r$: string, row: string) => {
              if (!isA1InGrid(ref)) return ref;
              const c = c$ ? colNumber(col) : colNumber(col) + cols;
              const r = r$ ? Number(row) : Number(row) + rows;
              if (c < 1 || c > EXCEL_LIMITS.columns.max || r < 1 || r > EXCEL_LIMITS.rows.max) return '#REF!';
              return `${c$}${c$ ? col : colLetters(c)}${r$}${r}`;
            },
          ),
    )
    .join('');
}

/**
 * A written .xlsx file as the checker reads it, from the text of its parts (path in the zip → XML):
 * `xl/workbook.xml`, `xl/_rels/workbook.xml.rels`, the worksheets, `xl/sharedStrings.xml`, `xl/styles.xml`.
 * Strings are XML-decoded: the lengths are those Excel sees.
 */
export function limitsViewOfXlsxParts(parts: Record<string, string>): LimitsView {
  const wbXml = parts['xl/workbook.xml'];
  if (wbXml === undefined) throw new Error('xl/workbook.xml is missing');
  const rels = new Map<string, string>();
  for (const m of (parts['xl/_rels/workbook.xml.rels'] ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attrs(m[0]);
    rels.set(a.Id, a.Target.replace(/^\/?(xl\/)?/, 'xl/'));
  }
  const shared = [...(parts['xl/sharedStrings.xml'] ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1]));
  const sheetTags = [...wbXml.matchAll(/<sheet\b[^>]*\/?>/g)].map((m) => attrs(m[0]));
  const sheets = sheetTags.map((st): LimitsSheet => {
    const path = rels.get(st.id) ?? '';
    const xml = parts[path];
    if (xml === undefined) throw new Error(`${path || `the part of sheet ${st.name}`} is missing`);
    const cells: LimitsSheet['cells'] = [];
    // shared formulas (<f t="shared" si="…">): the first cell holds the text, the others only the index
    const masters = new Map<string, { row: number; col: number; formula: string }>();
    for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const a = attrs(m[1]);
      const body = m[2] ?? '';
      const f = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/.exec(body);
      if (f) {
        let formula = decodeXml(f[2] ?? '');
        const fa = attrs(f[1]);
        if (fa.t === 'shared' && fa.si !== undefined) {
          const at = /^([A-Za-z]+)(\d+)$/.exec(a.r ?? '');
          const here = at ? { row: Number(at[2]), col: colNumber(at[1]) } : { row: 0, col: 0 };
          const master = masters.get(fa.si);
          if (formula !== '') masters.set(fa.si, { ...here, formula });
          // Excel reads the cell as the first cell's formula moved here
          else if (master) formula = moveFormula(master.formula, here.row - master.row, here.col - master.col);
        }
        cells.push({ address: a.r, formula });
        continue;
      }
      if (a.t === 's') {
        const v = /<v>([\s\S]*?)<\/v>/.exec(body);
        if (v) cells.push({ address: a.r, text: shared[Number(v[1])] ?? '' });
      } else if (a.t === 'inlineStr') cells.push({ address: a.r, text: textOf(body) });
    }
    const validations: LimitsValidation[] = [...xml.matchAll(/<dataValidation\b([^>]*?)(?:\/>|>([\s\S]*?)<\/dataValidation>)/g)].map(
      (m) => {
        const a = attrs(m[1]);
        const f1 = /<(?:\w+:)?formula1>([\s\S]*?)<\/(?:\w+:)?formula1>/.exec(m[2] ?? '');
        const f2 = /<(?:\w+:)?formula2>([\s\S]*?)<\/(?:\w+:)?formula2>/.exec(m[2] ?? '');
        return {
          range: a.sqref ?? '',
          type: a.type ?? 'none',
          ...(f1 ? { formula1: decodeXml(f1[1]) } : {}),
          ...(f2 ? { formula2: decodeXml(f2[1]) } : {}),
          ...(a.prompt !== undefined ? { prompt: a.prompt } : {}),
          ...(a.promptTitle !== undefined ? { promptTitle: a.promptTitle } : {}),
          ...(a.error !== undefined ? { error: a.error } : {}),
          ...(a.errorTitle !== undefined ? { errorTitle: a.errorTitle } : {}),
        };
      },
    );
    const conditionalFormats: LimitsSheet['conditionalFormats'] = [];
    for (const m of xml.matchAll(/<conditionalFormatting\b([^>]*)>([\s\S]*?)<\/conditionalFormatting>/g)) {
      const range = attrs(m[1]).sqref ?? '';
      for (const r of m[2].matchAll(/<cfRule\b[^>]*?(?:\/>|>([\s\S]*?)<\/cfRule>)/g)) {
        const fs = [...(r[1] ?? '').matchAll(/<formula>([\s\S]*?)<\/formula>/g)].map((x) => decodeXml(x[1]));
        conditionalFormats.push({ range, formula: fs.join(',') });
      }
    }
    const rowHeights: Array<[number, number]> = [];
    for (const m of xml.matchAll(/<row\b[^>]*>/g)) {
      const a = attrs(m[0]);
      if (a.ht !== undefined) rowHeights.push([Number(a.r), Number(a.ht)]);
    }
    const columnWidths: Array<[number, number]> = [];
    for (const m of xml.matchAll(/<col\b[^>]*>/g)) {
      const a = attrs(m[0]);
      if (a.width !== undefined)
        for (let c = Number(a.min); c <= Number(a.max) && c <= Number(a.min) + 16384; c++) columnWidths.push([c, Number(a.width)]);
    }
    const breaks = (tag: string) => {
      const b = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`).exec(xml);
      return b ? [...b[1].matchAll(/<brk\b[^>]*>/g)].map((x) => Number(attrs(x[0]).id)) : [];
    };
    return {
      name: st.name,
      cells,
      validations,
      conditionalFormats,
      rowHeights,
      columnWidths,
      rowBreaks: breaks('rowBreaks'),
      colBreaks: breaks('colBreaks'),
    };
  });
  const names: LimitsView['names'] = [...wbXml.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)].map((m) => {
    const a = attrs(m[1]);
    const local = a.localSheetId !== undefined ? sheetTags[Number(a.localSheetId)]?.name : undefined;
    return {
      name: a.name,
      ref: decodeXml(m[2]),
      ...(a.comment !== undefined ? { comment: a.comment } : {}),
      ...(local !== undefined ? { sheet: local } : {}),
    };
  });
  const xfs = /<cellXfs\b[^>]*count="(\d+)"/.exec(parts['xl/styles.xml'] ?? '');
  return { sheets, names, ...(xfs ? { cellFormats: Number(xfs[1]) } : {}) };
}
