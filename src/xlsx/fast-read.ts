/**
 * Reads the cells of an .xlsx for scoring, without ExcelJS: the workbook's sheets and defined names, the
 * shared strings, the number formats that make a number a date, and every worksheet's cells (value,
 * formula or not, cached result). Loading ExcelJS alone takes longer than scoring a workbook of 80 agents
 * (`kpi-forms score` is a whole process), and ExcelJS builds styles, columns and row objects scoring never
 * reads.
 *
 * The values are ExcelJS's, as `reader.ts` saw them through it (test/fast-read.test.ts compares the two
 * on workbooks saved by kpi-forms, LibreOffice and hand-made parts): a formula cell gives its cached
 * result (undefined when it has none), rich text is joined, an error is its code (`#N/A`), a number
 * in a date format is a Date, an empty shared string is null, `str` text is XML-decoded once more (as
 * ExcelJS does), a CDATA section is no text (ExcelJS listens to saxes's text events only). The parts come
 * unpacked and CRC-checked from `checkXlsxPackage`.
 *
 * Every part is checked as a whole, but most cells are only found (one regular-expression match each, which
 * checks them) and read when asked for: scoring reads a fifth of them, and a short process spends most of
 * its time in code V8 has not optimised yet (`readRowCells`).
 */
import { PARSED_XML, XlsxPackage, partBytes } from './package';
import { XmlError, XmlHandler, XmlScanner } from './xml-scan';

export type CellValue = number | string | boolean | null | Date | undefined;

/** One cell as scoring reads it. */
export interface ReadCell {
  /** a constant, or a formula's cached result (undefined: the formula has none); null when empty */
  readonly value: CellValue;
  /** the cell holds a formula (its own or a shared one) */
  readonly formula: boolean;
}

export interface ReadSheet {
  readonly name: string;
  /** the number of the last row the sheet's XML lists */
  readonly rowCount: number;
  /** @param address A1 style, e.g. `E7` */
  cell(address: string): ReadCell;
  cellAt(row: number, col: number): ReadCell;
  /**
   * The values of the columns `cols` of a row, in that order, as `cellAt` gives them — for a sheet read row by
   * row (the records log): the row's other cells (the log's long check formulas) are not read.
   */
  rowValues(row: number, cols: readonly number[]): CellValue[];
}

/** A workbook's cells and defined names: what `reader.ts` scores. */
export interface ReadWorkbook {
  /** a worksheet by its exact name */
  sheet(name: string): ReadSheet | undefined;
  /** each defined name (print areas and titles excepted) with its cell ranges, `Sheet!$A$1:$B$2`; names without one are left out */
  readonly definedNames: ReadonlyArray<{ name: string; ranges: string[] }>;
}

/** The reader met something it does not read as ExcelJS would (a part not well-formed, a text index past the end). */
export class FastReadError extends Error {
  constructor(
    readonly part: string,
    message: string,
  ) {
    super(`${part}: ${message}`);
    this.name = 'FastReadError';
  }
}

const EMPTY: ReadCell = { value: null, formula: false };

/** The t attribute of a cell, as a number (stored per cell). */
const enum T {
  none,
  s,
  str,
  inlineStr,
  b,
  e,
  /** n, d or anything else: ExcelJS reads these as numbers */
  other,
}

// ---------------- ExcelJS's conversions (lib/utils/utils.js, lib/xlsx/xform) ----------------

/** `_x000D_`-style escapes of text elements (ExcelJS TextXform: upper-case hex only). */
const decodeX = (s: string) =>
  s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));

/** ExcelJS `xmlDecode`: the five named entities, applied to str text already decoded by the parser. */
const xmlDecode = (s: string) =>
  s.indexOf('&') < 0
    ? s
    : s.replace(/&([a-z]*);/g, (c) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' })[c] ?? c);

/** ExcelJS `isDateFmt`: date or time letters outside quotes and brackets. */
const isDateFmt = (fmt: string | undefined) => !!fmt && /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** The built-in number formats that are dates or times (ExcelJS defaultnumformats.js, as isDateFmt reads them). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** ExcelJS `excelToDate` (also given a string or boolean result, as ExcelJS gives it). */
const excelToDate = (v: unknown, date1904: boolean) =>
  new Date(Math.round(((v as number) - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));

// ---------------- addresses ----------------

const MAX_COL = 16384;
const MAX_ROW = 1048576;

/** The column number of an A1 address's letters (0 when it has none). */
function colOf(address: string): number {
  let col = 0;
  for (let i = 0; i < address.length; i++) {
    const c = address.charCodeAt(i) & ~32; // upper case
    if (c < 65 || c > 90) break;
    col = col * 26 + c - 64;
  }
  return col;
}

function parseAddress(address: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address);
  if (!m) throw new Error(`not a cell address: ${address}`);
  return { row: Number(m[2]), col: colOf(m[1]) };
}

function colLetters(col: number): string {
  let s = '';
  for (let x = col; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

// ---------------- the usual forms of elements, as regular expressions ----------------

/** White space. */
const WS = String.raw`[ \t\n\r]*`;
/** An attribute as TAG_REST (xml-scan.ts) checks it: white space, a name, `=`, a quoted value without `<`. */
const ATTR = String.raw`[ \t\n\r]+[^ \t\n\r=<>/"'&]+${WS}=${WS}(?:"[^"<]*"|'[^'<]*')`;

// ---------------- parts ----------------

function parse(pkg: XlsxPackage, part: string, h: XmlHandler): XmlScanner {
  const x = new XmlScanner(partBytes(pkg, part));
  try {
    x.scan(h);
  } catch (e) {
    if (e instanceof XmlError) throw new FastReadError(part, `${e.message} (offset ${e.offset})`);
    throw e;
  }
  return x;
}

/** xl/workbook.xml: defined names and the 1904 date system. */
function readWorkbookPart(pkg: XlsxPackage): { names: Array<{ name: string; text: string }>; date1904: boolean } {
  const names: Array<{ name: string; text: string }> = [];
  let date1904 = false;
  let current: { name: string; text: string } | null = null;
  parse(pkg, 'xl/workbook.xml', {
    open(x) {
      if (x.local === 'definedName') names.push((current = { name: x.attr('name') ?? '', text: '' }));
      else if (x.local === 'workbookPr') date1904 = x.attrIs('date1904', '1');
    },
    close(x) {
      if (current && x.local === 'definedName') current = null;
    },
    wantText: () => current !== null,
    text(x, from, to, cdata) {
      if (!cdata) current!.text += x.text(from, to);
    },
  });
  return { names, date1904 };
}

/** xl/sharedStrings.xml: each <si> as text (runs joined), null for an empty one (ExcelJS: an empty object). */
function readSharedStrings(pkg: XlsxPackage): Array<string | null> {
  const PART = 'xl/sharedStrings.xml';
  const out: Array<string | null> = [];
  if (!pkg.entries.has(PART)) return out;
  let text: string | undefined;
  let runs: string[] | undefined;
  let inSi = false;
  let inRun = false;
  let phonetic = 0;
  let buf: string | null = null;
  parse(pkg, PART, {
    open(x, empty) {
      if (x.local === 'si') {
        inSi = true;
        text = runs = undefined;
      } else if (x.local === 'sst' && !empty && x.checked) return plainStrings(x, x.contentFrom, out);
      else if (!inSi) return;
      else if (x.local === 'rPh') phonetic++;
      else if (phonetic === 0 && x.local === 't') buf = '';
      else if (phonetic === 0 && x.local === 'r') inRun = true;
    },
    close(x) {
      if (x.local === 'si') {
        out.push(text !== undefined ? text : runs ? runs.join('') : null);
        inSi = false;
      } else if (x.local === 'rPh') phonetic--;
      else if (buf !== null && x.local === 't') {
        if (inRun) (runs ??= []).push(decodeX(buf));
        else text = decodeX(buf);
        buf = null;
      } else if (x.local === 'r') inRun = false;
    },
    wantText: () => buf !== null,
    text(x, from, to, cdata) {
      if (!cdata) buf += x.text(from, to);
    },
  });
  return out;
}

/** A shared string as writers write most: `<si><t …>text</t></si>` (white space before it; its text without markup). */
const PLAIN_STRING = new RegExp(String.raw`${WS}<si><t(?:${ATTR})*${WS}>[^<]*</t></si>`, 'y');

/**
 * The shared strings from `from` (the content of <sst>) that match PLAIN_STRING, each read from its match
 * (as the scan's events would read it: the text decoded, then its _xHHHH_ escapes); returns where the first
 * other element starts, which the scan reads (rich text, phonetic runs, an empty <t/>, CDATA, the end).
 */
function plainStrings(x: XmlScanner, from: number, out: Array<string | null>): number {
  const xml = x.xml;
  let p = from;
  for (;;) {
    PLAIN_STRING.lastIndex = p;
    if (!PLAIN_STRING.test(xml)) {
      RICH_STRING.lastIndex = p;
      if (!RICH_STRING.test(xml)) return p;
      p = richString(x, p, RICH_STRING.lastIndex, out);
      continue;
    }
    const end = PLAIN_STRING.lastIndex;
    // the <t> tag's end (a quoted value may hold a >): walk its attributes
    for (let more = x.attrAfter(xml.indexOf('<si><t', p) + 6); more; more = x.attrAfter(x.valueTo + 1));
    const text = x.nameFrom + 1;
    const close = end - 9; // </t></si>
    out.push(decodeX(close > text ? x.text(text, close) : ''));
    p = end;
  }
}

/**
 * A rich-text shared string as writers write it (LibreOffice: a run per script): `<si>`, runs `<r>` each with
 * optional run properties (empty elements only) and one `<t …>text</t>`, then `</si>` (white space before it).
 */
const RICH_STRING = new RegExp(
  String.raw`${WS}<si>(?:<r>(?:<rPr>(?:<[A-Za-z]+(?:${ATTR})*${WS}/>)*</rPr>)?<t(?:${ATTR})*${WS}>[^<]*</t></r>)+</si>`,
  'y',
);

/** The string RICH_STRING matched at [from, end): its runs' texts joined (each decoded, then its _xHHHH_ escapes). */
function richString(x: XmlScanner, from: number, end: number, out: Array<string | null>): number {
  const xml = x.xml;
  let text = '';
  // each run's <t: after its properties (whose elements hold no <t), or right after <r>
  for (let r = xml.indexOf('<r>', from); r >= 0 && r < end; r = xml.indexOf('<r>', r + 3)) {
    const props = xml.indexOf('</rPr>', r);
    const next = xml.indexOf('</r>', r);
    const t = props >= 0 && props < next ? props + 6 : r + 3;
    for (let more = x.attrAfter(t + 2); more; more = x.attrAfter(x.valueTo + 1));
    const open = x.nameFrom + 1;
    const close = next - 4; // </t>
    text += decodeX(close > open ? x.text(open, close) : '');
  }
  out.push(text);
  return end;
}

/** xl/styles.xml: for each cell style (cellXfs), whether its number format is a date or time. */
function readDateStyles(pkg: XlsxPackage): boolean[] {
  const PART = 'xl/styles.xml';
  if (!pkg.entries.has(PART)) return [];
  const formats = new Map<number, string>();
  const xfs: number[] = [];
  let inFormats = false;
  let inCellXfs = false;
  let depth = 0;
  parse(pkg, PART, {
    open(x) {
      // the lists are children of the root; their items are the lists' children
      if (depth === 2 && inFormats && x.local === 'numFmt') {
        const code = x.attr('formatCode');
        if (code !== undefined) formats.set(parseInt(x.attr('numFmtId') ?? '', 10), code.replace(/[\\](.)/g, '$1'));
      } else if (depth === 2 && inCellXfs && x.local === 'xf') xfs.push(parseInt(x.attr('numFmtId') ?? '', 10));
      else if (depth === 1) {
        inFormats = x.local === 'numFmts';
        inCellXfs = x.local === 'cellXfs';
      }
      depth++;
    },
    close() {
      depth--;
    },
  });
  // ExcelJS: a custom format of that id first, else the built-in one; numFmtId 0 (General) is never looked up
  return xfs.map((id) => !!id && (formats.has(id) ? isDateFmt(formats.get(id)) : BUILTIN_DATE_FORMATS.has(id)));
}

/**
 * A worksheet's cells with a value or a formula. Each cell is a few numbers in flat arrays and its text stays
 * in the part's XML until read: a sheet of 80 agents has tens of thousands of cells, scoring reads a few thousand.
 */
class Sheet implements ReadSheet {
  rowCount = 0;
  /**
   * cell number by row, then column (from 1); a negative number −(offset + 1) is a cell not read yet, whose
   * `<c` starts at that offset of the part (see `readRowCells`): read when asked for
   */
  readonly index: Array<Array<number | undefined> | undefined> = [];
  /**
   * rows whose cells were checked whole (ROW_BODY) but not indexed yet: where their content starts; indexed
   * when a cell of theirs is asked for (scoring asks for one or two cells of a row of six or more)
   */
  readonly pending = new Map<number, number>();
  /**
   * The cells' columns, cell by cell (`count` of them): typed arrays, grown by doubling, so that the garbage
   * collector never copies them (tens of thousands of numbers in plain arrays cost a whole process ~10 ms of
   * scavenges). Read through `sheet.` each time: growing replaces them.
   */
  count = 0;
  t = new Uint8Array(1024);
  style = new Int32Array(1024);
  formula = new Uint8Array(1024);
  /** where the text of <v> (or of <t> outside rich-text runs) is in the XML: start, end (-1: none) */
  vFrom = new Int32Array(1024);
  vTo = new Int32Array(1024);
  /** that text when it is not the characters as written (references, several pieces) */
  readonly vText = new Map<number, string>();
  /** the texts of rich-text runs */
  readonly runs = new Map<number, string[]>();
  /** the part: its bytes, and as Latin-1 (XmlScanner.xml) */
  bytes: Buffer = Buffer.alloc(0);
  latin1 = '';
  /** the part's scanner, for the cells read when asked for */
  scanner: XmlScanner | undefined;

  constructor(
    readonly name: string,
    private readonly strings: Array<string | null>,
    private readonly dateStyles: boolean[],
    private readonly date1904: boolean,
  ) {}

  /** Adds a cell; returns its number. */
  addCell(type: T, sty: number, isFormula: boolean, from: number, to: number): number {
    const c = this.count;
    if (c === this.t.length) {
      const grow = <A extends Uint8Array | Int32Array>(a: A): A => {
        const b = new (a.constructor as new (n: number) => A)(a.length * 2);
        b.set(a);
        return b;
      };
      this.t = grow(this.t);
      this.style = grow(this.style);
      this.formula = grow(this.formula);
      this.vFrom = grow(this.vFrom);
      this.vTo = grow(this.vTo);
    }
    this.t[c] = type;
    this.style[c] = sty;
    this.formula[c] = isFormula ? 1 : 0;
    this.vFrom[c] = from;
    this.vTo[c] = to;
    this.count = c + 1;
    return c;
  }

  cell(address: string): ReadCell {
    // A1 read in place (scoring asks for thousands of cells)
    let i = 0;
    let col = 0;
    let row = 0;
    let c = address.charCodeAt(i);
    if (c === 36) c = address.charCodeAt(++i); // $
    for (; c >= 65 && c <= 90; c = address.charCodeAt(++i)) col = col * 26 + c - 64;
    if (c === 36) c = address.charCodeAt(++i);
    for (; c >= 48 && c <= 57; c = address.charCodeAt(++i)) row = row * 10 + c - 48;
    if (i !== address.length || col === 0 || row === 0) {
      const { row: r, col: k } = parseAddress(address);
      return this.cellAt(r, k);
    }
    return this.cellAt(row, col);
  }

  cellAt(row: number, col: number): ReadCell {
    const cells = this.index[row] ?? (this.pending.has(row) ? indexRow(this, row) : undefined);
    let i = cells?.[col];
    if (i === undefined) return EMPTY;
    if (i < 0) {
      i = readCellAt(this, -i - 1);
      cells![col] = i;
      if (i === undefined) return EMPTY;
    }
    return this.valueOf(i);
  }

  /** for `rowValues`: the last list of columns asked for, and where each column goes in the values (0: not asked) */
  private wantedCols: readonly number[] = [];
  private wantedAt = new Uint8Array(0);

  rowValues(row: number, cols: readonly number[]): CellValue[] {
    const out = new Array<CellValue>(cols.length).fill(null);
    const start = this.index[row] === undefined ? this.pending.get(row) : undefined;
    if (start === undefined) {
      // a row read cell by cell by the scan, or indexed already
      if (this.index[row] !== undefined) for (let k = 0; k < cols.length; k++) out[k] = this.cellAt(row, cols[k]).value;
      return out;
    }
    if (cols !== this.wantedCols) {
      this.wantedCols = cols;
      this.wantedAt = new Uint8Array(Math.max(0, ...cols) + 1);
      cols.forEach((c, k) => (this.wantedAt[c] = k + 1));
    }
    const at = this.wantedAt;
    // a pending row (checked whole by ROW_BODY): the wanted cells read in place, the row left pending; a
    // column met again is the later cell if it has a value (as indexRow reads it)
    const x = this.scanner!;
    const xml = this.latin1;
    for (let p = start; ;) {
      const lt = xml.indexOf('<', p);
      if (xml.charCodeAt(lt + 1) !== 99 /* c */) return out; // </row>
      const col = colAt(xml, lt + 6, xml.indexOf('"', lt + 6));
      for (let more = x.attrAfter(lt + 2); more; more = x.attrAfter(x.valueTo + 1));
      const selfClosing = xml.charCodeAt(x.nameFrom) === 47; /* / */
      p = selfClosing ? x.nameFrom + 2 : xml.indexOf('</c>', x.nameFrom) + 4;
      const k = col >= 1 && col < at.length ? at[col] : 0;
      if (k === 0 || selfClosing) continue;
      const c = readCellAt(this, lt);
      if (c !== undefined) out[k - 1] = this.valueOf(c).value;
    }
  }

  /** the text of cell number `i` (<v>, or <t> outside rich-text runs) */
  text(i: number): string | undefined {
    const kept = this.vText.get(i);
    if (kept !== undefined) return kept;
    if (this.vFrom[i] < 0) return undefined;
    // numbers, booleans and text indexes are read as numbers: where they stand; text is decoded
    const t = this.t[i];
    return t === T.str || t === T.inlineStr || t === T.e
      ? this.bytes.toString('utf8', this.vFrom[i], this.vTo[i])
      : this.latin1.slice(this.vFrom[i], this.vTo[i]);
  }

  /** ExcelJS CellXform.parseClose + reconcile, then reader.ts's plain(). */
  private valueOf(i: number): ReadCell {
    const v = this.text(i);
    const t = this.t[i];
    const date = this.style[i] > 0 && this.dateStyles[this.style[i]] === true;
    if (this.formula[i]) {
      let result: CellValue;
      if (v) {
        if (t === T.str) result = xmlDecode(v);
        else if (t === T.b) result = parseInt(v, 10) !== 0;
        else if (t === T.e) result = v;
        else result = parseFloat(v);
        if (date) result = excelToDate(result, this.date1904);
      }
      return { value: result, formula: true };
    }
    const runs = this.runs.get(i);
    if (runs) return { value: runs.join(''), formula: false };
    if (v === undefined) return EMPTY;
    let value: CellValue;
    switch (t) {
      case T.s:
        value = this.strings[parseInt(v, 10)];
        break;
      case T.str:
        value = xmlDecode(v);
        break;
      case T.inlineStr:
        value = v;
        break;
      case T.b:
        value = parseInt(v, 10) !== 0;
        break;
      case T.e:
        value = v;
        break;
      default:
        value = date ? excelToDate(parseFloat(v), this.date1904) : parseFloat(v);
    }
    return { value, formula: false };
  }
}

// ---------------- cells read when asked for ----------------

/** Such an attribute, but not t="s" (a text cell's, whose index is checked as the cell is met). */
const ATTR_NOT_TEXT = String.raw`[ \t\n\r]+(?:t${WS}=${WS}(?:"(?!s")[^"<]*"|'(?!s')[^'<]*')|(?!t${WS}=)[^ \t\n\r=<>/"'&]+${WS}=${WS}(?:"[^"<]*"|'[^'<]*'))`;
/**
 * A cell as writers write most of them, not a text cell: `<c …/>`, or `<c …>` with an optional `<f …>text</f>`
 * or `<f …/>` and an optional `<v>text</v>`, then `</c>` (white space before it). Its text holds no markup, so
 * in a part whose checks of the whole text passed (XmlScanner.checked) a match is well-formed as the scan
 * would find it, element by element.
 */
const CELL = new RegExp(
  String.raw`${WS}<c(?:${ATTR_NOT_TEXT})*${WS}(?:/>|>(?:<f(?:${ATTR})*${WS}(?:/>|>[^<]*</f>))?(?:<v>[^<]*</v>)?</c>)`,
  'y',
);
/** A text cell as writers write it: r, perhaps s, t="s", the index of its text (checked against the shared strings as it is met). */
const TEXT_CELL = /[ \t\n\r]*<c r="[A-Z]+\d+"(?: s="\d+")? t="s"><v>\d+<\/v><\/c>/y;

/**
 * The cells of a row from `from`, the content of its start tag, as long as they match CELL or TEXT_CELL and
 * begin with their r: each is only indexed (its offset), and read when scoring asks for it (`readCellAt`) —
 * scoring reads a fifth of a workbook's cells, and each read costs a short process more than its match. A
 * text cell's index past the shared strings, a cell of another form (inline or rich text, CDATA, a comment,
 * no r, a column already met in the row) and the row's end are left to the scan: returns where they start.
 * @returns the offset the scan goes on from, and the last column indexed (0: none)
 */
function readRowCells(xml: string, from: number, cells: Array<number | undefined>, stringCount: number): { at: number; col: number } {
  let p = from;
  let last = 0;
  for (;;) {
    let end: number;
    CELL.lastIndex = p;
    if (CELL.test(xml)) end = CELL.lastIndex;
    else {
      TEXT_CELL.lastIndex = p;
      if (!TEXT_CELL.test(xml)) break;
      end = TEXT_CELL.lastIndex;
      // <v>digits</v></c>: the index, as the scan reads it
      const v = xml.lastIndexOf('<v>', end) + 3;
      if (!(intAt(xml, v, end - 8) < stringCount)) break;
    }
    const lt = xml.charCodeAt(p) === 60 ? p : xml.indexOf('<', p);
    if (!xml.startsWith('<c r="', lt)) break;
    const col = colAt(xml, lt + 6, xml.indexOf('"', lt + 6));
    if (cells[col] !== undefined) break;
    // a column the index has no room for is no cell (as the scan drops it), but is the column the next r-less cell follows
    if (col >= 1 && col <= MAX_COL) cells[col] = -(lt + 1);
    last = col;
    p = end;
  }
  return { at: p, col: last };
}

/**
 * Reads the cell whose `<c` is at `lt` (indexed by `readRowCells`) as the scan reads it: its number, or
 * undefined when it has no value and no formula.
 */
function readCellAt(sheet: Sheet, lt: number): number | undefined {
  const x = sheet.scanner!;
  const xml = sheet.latin1;
  // the first s and t, as seek finds them; x.nameFrom ends at the tag's > or />
  let sty = 0;
  let type = T.none;
  let seen = 0;
  for (let more = x.attrAfter(lt + 2); more; more = x.attrAfter(x.valueTo + 1)) {
    if (x.nameTo - x.nameFrom !== 1) continue;
    const name = xml.charCodeAt(x.nameFrom);
    if (name === 115 /* s */ && !(seen & 1)) {
      seen |= 1;
      sty = x.valueTo > x.valueFrom ? intAt(xml, x.valueFrom, x.valueTo) : 0;
    } else if (name === 116 /* t */ && !(seen & 2)) {
      seen |= 2;
      type = cellType(xml, x.valueFrom, x.valueTo);
    }
  }
  let isFormula = false;
  let from = -1;
  let to = -1;
  let q = x.nameFrom;
  if (xml.charCodeAt(q) === 62 /* > */) {
    q++;
    if (xml.startsWith('<f', q)) {
      // a formula is formula text or a share type (ExcelJS; the cells of a shared formula have no text)
      let share = false;
      for (let more = x.attrAfter(q + 2); more; more = x.attrAfter(x.valueTo + 1)) {
        if (!share && x.nameTo - x.nameFrom === 1 && xml.charCodeAt(x.nameFrom) === 116 /* t */) {
          share = true;
          isFormula = x.valueTo > x.valueFrom;
        }
      }
      q = x.nameFrom;
      if (xml.charCodeAt(q) === 47 /* / */) q += 2;
      else {
        const close = xml.indexOf('<', q + 1);
        if (close > q + 1) isFormula = true;
        q = close + 4; // </f>
      }
    }
    if (xml.startsWith('<v>', q)) {
      const close = xml.indexOf('<', q + 3);
      if (close > q + 3) {
        from = q + 3;
        to = close;
      }
    }
  }
  if (!isFormula && from < 0) return undefined;
  if (from >= 0 && !x.plain(from, to)) {
    // text with references or carriage returns: kept decoded
    const c = sheet.addCell(type, sty, isFormula, -1, -1);
    sheet.vText.set(c, x.text(from, to));
    return c;
  }
  return sheet.addCell(type, sty, isFormula, from, to);
}

/** A regular expression source matching the decimal numbers below `n` (leading zeros allowed), as `intAt` reads them. */
function belowSource(n: number): string {
  if (n <= 0) return '(?!)';
  const m = String(n - 1);
  const alts: string[] = [];
  // fewer digits than n − 1
  for (let len = 1; len < m.length; len++) alts.push(len === 1 ? '[0-9]' : `[1-9][0-9]{${len - 1}}`);
  // as many digits: a prefix of n − 1, then a smaller digit, then any digits; or n − 1 itself
  for (let i = 0; i < m.length; i++) {
    const d = m.charCodeAt(i) - 48;
    const low = i === 0 && m.length > 1 ? 1 : 0;
    if (d > low) alts.push(`${m.slice(0, i)}[${low}-${d - 1}]${i + 1 < m.length ? `[0-9]{${m.length - i - 1}}` : ''}`);
  }
  alts.push(m);
  return `0*(?:${alts.join('|')})`;
}

/**
 * A row's content to its `</row>`, every cell as `readRowCells` indexes it (CELL or TEXT_CELL, each beginning
 * with its r; a text cell's index below the shared strings' count): one native match checks a whole row.
 */
function rowBodyRegExp(stringCount: number): RegExp {
  const r = String.raw`<c r="[A-Z]{1,3}[0-9]+"`;
  const cell = String.raw`${WS}${r}(?:${ATTR_NOT_TEXT})*${WS}(?:/>|>(?:<f(?:${ATTR})*${WS}(?:/>|>[^<]*</f>))?(?:<v>[^<]*</v>)?</c>)`;
  const text = String.raw`${WS}${r}(?: s="[0-9]+")? t="s"><v>${belowSource(stringCount)}</v></c>`;
  return new RegExp(String.raw`(?:${cell}|${text})*${WS}</row>`, 'y');
}

/**
 * Indexes a row that ROW_BODY checked (its cells are well-formed, each begins with its r): each cell's offset,
 * read when asked for. A column met again is what the scan makes of it: the later cell, if it has a value.
 */
function indexRow(sheet: Sheet, row: number): Array<number | undefined> {
  const x = sheet.scanner!;
  const xml = sheet.latin1;
  const cells: Array<number | undefined> = (sheet.index[row] = []);
  let p = sheet.pending.get(row)!;
  sheet.pending.delete(row);
  for (;;) {
    const lt = xml.indexOf('<', p);
    if (xml.charCodeAt(lt + 1) !== 99 /* c */) return cells; // </row>
    const col = colAt(xml, lt + 6, xml.indexOf('"', lt + 6));
    // the start tag's end (a quoted value may hold a >), then the cell's
    for (let more = x.attrAfter(lt + 2); more; more = x.attrAfter(x.valueTo + 1));
    p = xml.charCodeAt(x.nameFrom) === 47 /* / */ ? x.nameFrom + 2 : xml.indexOf('</c>', x.nameFrom) + 4;
    if (col < 1 || col > MAX_COL) continue;
    const met = cells[col];
    if (met === undefined) cells[col] = -(lt + 1);
    else {
      const c = readCellAt(sheet, lt);
      if (c !== undefined) cells[col] = c;
    }
  }
}

/** Reads a worksheet part into `sheet`: cells by the row of their <row> element and the column of their r. */
function readSheet(pkg: XlsxPackage, part: string, sheet: Sheet, stringCount: number): void {
  let row = 0;
  let col = 0;
  /** the cell being read (its number), or -1 */
  let c = -1;
  let inData = false;
  /** where text goes: 1 <f>, 2 <v> or <t>, 3 <t> of a rich-text run */
  let into = 0;
  let run = '';
  let inRun = false;
  let formulaText = false;
  let pieces = 0;
  let cellRow: Array<number | undefined> | undefined;
  const { vText, runs } = sheet;
  const rowBody = rowBodyRegExp(stringCount);
  const scanned = parse(pkg, part, {
    open(x, empty) {
      if (!inData) {
        if (x.local === 'sheetData') inData = true;
        return;
      }
      if (c < 0) {
        if (x.local === 'c') {
          col = x.seek('r') ? colAt(x.xml, x.valueFrom, x.valueTo) : col + 1;
          c = sheet.addCell(
            x.seek('t') ? cellType(x.xml, x.valueFrom, x.valueTo) : T.none,
            x.seek('s') && x.valueTo > x.valueFrom ? intAt(x.xml, x.valueFrom, x.valueTo) : 0,
            false,
            -1,
            -1,
          );
          formulaText = false;
          pieces = 0;
        } else if (x.local === 'row') {
          row = x.seek('r') ? intAt(x.xml, x.valueFrom, x.valueTo) : row + 1;
          col = 0;
          if (row > sheet.rowCount) sheet.rowCount = row;
          const inRange = row >= 1 && row <= MAX_ROW;
          if (inRange) {
            // a row met again replaces the earlier one, as in ExcelJS
            sheet.pending.delete(row);
            sheet.index[row] = undefined;
          }
          if (!empty && x.checked && inRange) {
            // a row of usual cells only, each beginning with its r, to its </row>: checked by one match, indexed when asked for
            rowBody.lastIndex = x.contentFrom;
            if (rowBody.test(x.xml)) {
              sheet.pending.set(row, x.contentFrom);
              cellRow = undefined;
              return rowBody.lastIndex - 6;
            }
          }
          cellRow = inRange ? (sheet.index[row] = []) : undefined;
          if (!empty && x.checked && cellRow) {
            const read = readRowCells(x.xml, x.contentFrom, cellRow, stringCount);
            if (read.col > 0) col = read.col;
            return read.at;
          }
        }
        return;
      }
      if (x.local === 'v') into = 2;
      else if (x.local === 'f') {
        into = 1;
        // ExcelJS: a formula is formula text or a share type (the cells of a shared formula have no text)
        if (x.seek('t') && x.valueTo > x.valueFrom) sheet.formula[c] = 1;
      } else if (x.local === 'r') {
        inRun = true;
        run = '';
      } else if (x.local === 't') into = inRun ? 3 : 2;
    },
    close(x) {
      if (c < 0) {
        if (inData && x.local === 'sheetData') inData = false;
        return;
      }
      if (x.local === 'c') {
        if (formulaText) sheet.formula[c] = 1;
        const { formula, vFrom, vTo } = sheet;
        if (formula[c] || vFrom[c] >= 0 || vText.has(c) || runs.has(c)) {
          // a text index past the end of the shared strings: ExcelJS fails, and so does this reader
          if (!formula[c] && sheet.t[c] === T.s && !runs.has(c)) {
            const text = vText.get(c);
            const k = text === undefined ? intAt(x.xml, vFrom[c], vTo[c]) : parseInt(text, 10);
            if (!(k >= 0 && k < stringCount))
              throw new FastReadError(part, `text no. ${text ?? x.xml.slice(vFrom[c], vTo[c])} is past the shared strings`);
          }
          if (cellRow && col >= 1 && col <= MAX_COL) cellRow[col] = c;
        }
        c = -1;
      } else if (x.local === 'r') {
        const list = runs.get(c) ?? [];
        list.push(decodeX(run));
        runs.set(c, list);
        inRun = false;
      } else if (into !== 0 && (x.local === 'v' || x.local === 'f' || x.local === 't')) into = 0;
    },
    wantText: () => into !== 0,
    text(x, from, to, cdata) {
      if (cdata) return;
      if (into === 1) formulaText ||= to > from;
      else if (into === 3) run += x.text(from, to);
      else if (pieces++ === 0 && x.plain(from, to)) {
        sheet.vFrom[c] = from;
        sheet.vTo[c] = to;
      } else {
        // text with references, or a second piece (text and CDATA): kept as a string
        const before = vText.get(c) ?? (sheet.vFrom[c] >= 0 ? x.bytes.toString('utf8', sheet.vFrom[c], sheet.vTo[c]) : '');
        vText.set(c, before + x.text(from, to));
      }
    },
  });
  sheet.bytes = scanned.bytes;
  sheet.latin1 = scanned.xml;
  sheet.scanner = scanned;
}

/** A cell's t attribute, written at [v, to) of `xml`, as a number. */
function cellType(xml: string, v: number, to: number): T {
  switch (to - v) {
    case 1:
      return xml[v] === 's' ? T.s : xml[v] === 'b' ? T.b : xml[v] === 'e' ? T.e : T.other;
    case 3:
      return xml.startsWith('str', v) ? T.str : T.other;
    case 9:
      return xml.startsWith('inlineStr', v) ? T.inlineStr : T.other;
    default:
      return T.other;
  }
}

/** The column of an A1 address written at [from, to) of `s` (its letters; 0 when none). */
function colAt(s: string, from: number, to: number): number {
  let col = 0;
  for (let i = from; i < to; i++) {
    const ch = s.charCodeAt(i) & ~32; // upper case
    if (ch < 65 || ch > 90) break;
    col = col * 26 + ch - 64;
  }
  return col;
}

/** parseInt of the text at [from, to) (digits read in place; anything else through parseInt). */
function intAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return parseInt(s.slice(from, to), 10);
    n = n * 10 + d;
  }
  return to > from ? n : NaN;
}

// ---------------- defined names (ExcelJS DefinedNamesXform + DefinedNames) ----------------

interface Area {
  sheet: string | undefined;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The ranges of a defined name's text, split at commas outside quoted sheet names (ExcelJS extractRanges). */
function splitRanges(text: string): string[] {
  const out: string[] = [];
  let open = false;
  let last = '';
  for (const item of text.split(',')) {
    if (!item) continue;
    const quotes = (item.match(/'/g) ?? []).length;
    if (quotes === 0) {
      if (open) last += `${item},`;
      else out.push(item);
    } else if (!open && quotes % 2 === 0) out.push(item);
    else if (open && quotes % 2 === 1) {
      open = false;
      out.push(last + item);
      last = '';
    } else {
      open = true;
      last += `${item},`;
    }
  }
  return out;
}

/** ExcelJS keeps ranges with absolute corners ($A$1) only: a name `Rules!C5` has no ranges, so it is "missing". */
const ABSOLUTE = /[$](\w+)[$](\d+)(:[$](\w+)[$](\d+))?/;

function decodeArea(range: string): Area | null {
  const m = /^(?:(?:'((?:[^']|'')*)'|([^'^ !]*))!)?\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(range);
  if (!m) return null;
  const a = { row: Number(m[4]), col: colOf(m[3]) };
  const b = m[5] ? { row: Number(m[6]), col: colOf(m[5]) } : a;
  if (a.col > MAX_COL || b.col > MAX_COL) return null;
  return {
    sheet: m[1] ?? (m[2] || undefined),
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

/** ExcelJS Range.$shortRange: `Sheet!$A$1` or `'Sheet name'!$A$1:$B$2`. */
function shortRange(a: Area): string {
  const sheet = a.sheet ? (/^[a-zA-Z0-9]*$/.test(a.sheet) ? `${a.sheet}!` : `'${a.sheet}'!`) : '';
  const tl = `$${colLetters(a.left)}$${a.top}`;
  return a.top === a.bottom && a.left === a.right ? sheet + tl : `${sheet}${tl}:$${colLetters(a.right)}$${a.bottom}`;
}

/**
 * The ranges ExcelJS gives a name of several areas: its cells, merged into rectangles in the order of its
 * cell matrix (sheets as first met, then rows, then columns), each grown down, then to the sides.
 */
function mergedAreas(areas: Area[]): Area[] {
  const sheets = new Map<string, Map<number, Set<number>>>();
  const sheetKey = (s: string | undefined) => s ?? '';
  for (const a of areas) {
    let rows = sheets.get(sheetKey(a.sheet));
    if (!rows) sheets.set(sheetKey(a.sheet), (rows = new Map()));
    for (let r = a.top; r <= a.bottom; r++) {
      let cols = rows.get(r);
      if (!cols) rows.set(r, (cols = new Set()));
      for (let c = a.left; c <= a.right; c++) cols.add(c);
    }
  }
  // ExcelJS keeps sheets in an object: sheet names that are array indexes come first, in numeric order
  const isIndex = (s: string) => /^(0|[1-9]\d*)$/.test(s) && Number(s) < 2 ** 32 - 1;
  const order = [...sheets.keys()].sort((x, y) =>
    isIndex(x) && isIndex(y) ? Number(x) - Number(y) : isIndex(x) ? -1 : isIndex(y) ? 1 : 0,
  );
  const out: Area[] = [];
  for (const s of order) {
    const rows = sheets.get(s)!;
    const has = (r: number, c: number) => rows.get(r)?.has(c) ?? false;
    const take = (r: number, c: number) => rows.get(r)!.delete(c);
    for (const r of [...rows.keys()].sort((x, y) => x - y)) {
      for (const c of [...rows.get(r)!].sort((x, y) => x - y)) {
        if (!has(r, c)) continue;
        take(r, c);
        const area: Area = { sheet: s || undefined, top: r, left: c, bottom: r, right: c };
        for (let y = r - 1; has(y, c); y--) take((area.top = y), c);
        for (let y = r + 1; has(y, c); y++) take((area.bottom = y), c);
        const column = (x: number) => {
          for (let y = area.top; y <= area.bottom; y++) if (!has(y, x)) return false;
          for (let y = area.top; y <= area.bottom; y++) take(y, x);
          return true;
        };
        for (let x = c - 1; column(x); x--) area.left = x;
        for (let x = c + 1; column(x); x++) area.right = x;
        out.push(area);
      }
    }
  }
  return out;
}

function definedNames(names: Array<{ name: string; text: string }>): Array<{ name: string; ranges: string[] }> {
  // one entry per name (a later definition of the same name replaces an earlier one), in first-seen order
  const byName = new Map<string, string[]>();
  for (const n of names) {
    if (n.name === '_xlnm.Print_Area' || n.name === '_xlnm.Print_Titles') continue;
    const areas = splitRanges(n.text)
      .filter((r) => ABSOLUTE.test(r.split('!').pop() ?? ''))
      .map(decodeArea)
      .filter((a): a is Area => a !== null);
    byName.set(n.name, (areas.length > 1 ? mergedAreas(areas) : areas).map(shortRange));
  }
  return [...byName].filter(([, ranges]) => ranges.length > 0).map(([name, ranges]) => ({ name, ranges }));
}

// ---------------- the workbook ----------------

/**
 * Reads a workbook whose package `checkXlsxPackage` accepted.
 * @throws FastReadError when a part it parses (as ExcelJS parses: the workbook, shared strings, styles,
 *   every worksheet, and the other XML parts only for well-formedness) is not well-formed, or a text cell's
 *   index is past the shared strings; the caller then falls back to ExcelJS, whose failure is diagnosed
 */
export function readXlsx(pkg: XlsxPackage): ReadWorkbook {
  const { names, date1904 } = readWorkbookPart(pkg);
  const strings = readSharedStrings(pkg);
  const dateStyles = readDateStyles(pkg);
  const sheets = new Map<string, Sheet>();
  const sheetParts = new Set<string>();
  for (const s of pkg.sheets) {
    const sheet = new Sheet(s.name, strings, dateStyles, date1904);
    readSheet(pkg, s.part, sheet, strings.length);
    sheets.set(s.name, sheet);
    sheetParts.add(s.part);
  }
  // the other XML parts ExcelJS parses: a part that is not well-formed fails it, so it fails here too
  const done = new Set(['xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml', ...sheetParts]);
  for (const name of pkg.entries.keys()) {
    if (!done.has(name) && PARSED_XML.test(name)) parse(pkg, name, { open() {}, close() {} });
  }
  return { sheet: (name) => sheets.get(name), definedNames: definedNames(names) };
}
