/**
 * A `WorkbookSpec` as .xlsx bytes written directly as SpreadsheetML, without ExcelJS's object model: for the
 * ledger workbook (500 agents × 12 months is 6,000 rows × 29 columns), where building ExcelJS's cells and rendering
 * them was most of `kpi-forms close`. It renders the same description as the ExcelJS writer (templates/render.ts
 * `describeSheet`): values and formulas (shared ones too, with `_xlfn.` as `xlsxFormula` adds it), styles, merges,
 * widths, hidden columns, heights, data validation, conditional formats and data bars, frozen rows, protection,
 * A4 page setup, print area and titles, defined names, full calculation on load. Parts deflated by Node's zlib.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { Problem } from '../core/problem';
import { CellSpec, Lang, SheetSpec, WorkbookSpec, colName, parseAddr } from '../templates/model';
import { Rect, rectAddress } from '../templates/rects';
import {
  PROTECTION,
  RenderCell,
  RenderStyle,
  RenderValidation,
  SheetRender,
  constantOf,
  describeNames,
  describeSheet,
  renderStyle,
  sheetValidations,
} from '../templates/render';
import { xlsxFormula } from './formula';
import { X } from './messages';

// `'` too, as ExcelJS wrote it (a sheet name in a defined name: &apos;Form A&apos;!$A$1)
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
// eslint-disable-next-line no-control-regex
const NEEDS_CARE = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/** Text as XML allows it: control characters other than tab and line breaks are left out. Most text needs nothing done. */
const text = (s: string): string =>
  // eslint-disable-next-line no-control-regex
  NEEDS_CARE.test(s) ? esc(s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')) : s;
// eslint-disable-next-line no-control-regex
const CONTENT_CARE = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/**
 * Text as an element's content: as `text`, but quotes stay as they are (only attributes need them escaped), so a
 * formula with string literals ("" in most) needs nothing done.
 */
const content = (s: string): string => (CONTENT_CARE.test(s) ? text(s) : s);
const argb = (rgb: string) => `FF${rgb.replace(/^#/, '').toUpperCase()}`;
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** The workbook's style table: fonts, fills, borders, number formats, cell formats (each RenderStyle once), dxfs. */
class Styles {
  private fonts = ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'];
  private fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private borders = ['<border><left/><right/><top/><bottom/><diagonal/></border>'];
  private numFmts: string[] = [];
  private xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private byStyle = new Map<RenderStyle, number>();
  private byXf = new Map<string, number>();
  dxfs: string[] = [];

  private index(list: string[], x: string): number {
    const i = list.indexOf(x);
    return i >= 0 ? i : list.push(x) - 1;
  }

  xf(st: RenderStyle): number {
    const known = this.byStyle.get(st);
    if (known !== undefined) return known;
    const f = st.font;
    const font = this.index(
      this.fonts,
      `<font>${f.bold ? '<b/>' : ''}<sz val="${f.size ?? 11}"/>${f.color ? `<color rgb="${argb(f.color)}"/>` : ''}<name val="${esc(f.name)}"/><family val="2"/></font>`,
    );
    const fill = st.fill
      ? this.index(
          this.fills,
          `<fill><patternFill patternType="solid"><fgColor rgb="${argb(st.fill)}"/><bgColor rgb="${argb(st.fill)}"/></patternFill></fill>`,
        )
      : 0;
    const line = st.border ? `style="${st.border.style}"><color rgb="${argb(st.border.color)}"/>` : '';
    const border = st.border
      ? this.index(
          this.borders,
          `<border><left ${line}</left><right ${line}</right><top ${line}</top><bottom ${line}</bottom><diagonal/></border>`,
        )
      : 0;
    let numFmt = 0;
    if (st.numFmt) numFmt = st.numFmt === 'General' ? 0 : 164 + this.index(this.numFmts, st.numFmt);
    const align = `<alignment${st.horizontal ? ` horizontal="${st.horizontal}"` : ''} vertical="center"${st.wrap ? ' wrapText="1"' : ''}/>`;
    const xf =
      `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1" applyProtection="1">` +
      `${align}<protection locked="${st.locked ? 1 : 0}"/></xf>`;
    let i = this.byXf.get(xf);
    if (i === undefined) this.byXf.set(xf, (i = this.xfs.push(xf) - 1));
    this.byStyle.set(st, i);
    return i;
  }

  xml(): string {
    const list = (tag: string, xs: string[]) => `<${tag} count="${xs.length}">${xs.join('')}</${tag}>`;
    const fmts = this.numFmts.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${esc(f)}"/>`);
    return (
      `${XML}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
      (fmts.length ? list('numFmts', fmts) : '') +
      list('fonts', this.fonts) +
      list('fills', this.fills) +
      list('borders', this.borders) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list('cellXfs', this.xfs) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      list('dxfs', this.dxfs) +
      '</styleSheet>'
    );
  }
}

/** Shared strings: each text once. */
class Strings {
  private at = new Map<string, number>();
  private list: string[] = [];
  count = 0;
  index(s: string): number {
    this.count++;
    let i = this.at.get(s);
    if (i === undefined) {
      this.at.set(s, (i = this.list.length));
      this.list.push(s);
    }
    return i;
  }
  xml(): string {
    const si = this.list.map((s) => `<si><t${/^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : ''}>${content(s)}</t></si>`);
    return `${XML}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${si.length}">${si.join('')}</sst>`;
  }
}

function validationXml(v: RenderValidation, rects: Rect[]): string {
  const r = v.rule;
  const attrs =
    `type="${r.type}"${r.type === 'whole' || r.type === 'decimal' ? ` operator="${r.operator}"` : ''} allowBlank="1" showInputMessage="1" showErrorMessage="1" errorStyle="${v.error.style}"` +
    ` errorTitle="${text(v.error.title)}" error="${text(v.error.message)}" promptTitle="${text(v.prompt.title)}" prompt="${text(v.prompt.message)}"` +
    ` sqref="${rects.map(rectAddress).join(' ')}"`;
  const formulas =
    r.type === 'list'
      ? `<formula1>${text(`"${r.source}"`)}</formula1>`
      : r.type === 'custom'
        ? `<formula1>${text(xlsxFormula(r.formula))}</formula1>`
        : `<formula1>${r.min}</formula1>${r.operator === 'between' ? `<formula2>${r.max}</formula2>` : ''}`;
  return `<dataValidation ${attrs}>${formulas}</dataValidation>`;
}

/** A sheet as this writer renders it: describeSheet's description, its cells taken from the spec, by row. */
interface XlsxSheet extends SheetRender {
  /** the spec's cells of each row (undefined: none), in column order */
  byRow: CellSpec[][];
  /** the workbook's language (the styles' number formats) */
  lang: Lang;
  /** the spec's sheet */
  spec: SheetSpec;
}

/** `A1` as row × 32768 + column, without allocating; NaN for anything else (`$A$1` too: parseAddr decides). */
function packedAddress(a: string): number {
  let col = 0;
  let i = 0;
  for (; i < a.length; i++) {
    const ch = a.charCodeAt(i);
    if (ch < 65 || ch > 90) break;
    col = col * 26 + ch - 64;
  }
  if (i === 0 || i === a.length || i > 3) return NaN;
  let row = 0;
  for (; i < a.length; i++) {
    const ch = a.charCodeAt(i);
    if (ch < 48 || ch > 57) return NaN;
    row = row * 10 + ch - 48;
  }
  return row * 32768 + col;
}

/**
 * The sheet as describeSheet (templates/render.ts) describes it — page, merges, widths, heights, frozen rows,
 * AutoFilter, conditional formats, protection, validations (`sheetValidations`), bounds — with its cells left in the
 * spec: a records sheet of 12,000 rows is 140,000 cells, and a RenderCell with its content for each, and reading
 * every formula's text (most are a shared formula's, written once), was much of writing it. `cells` is worked out
 * only when asked for.
 * @throws Error for a bad address, as describeSheet does
 */
function describeForXlsx(sheet: SheetSpec, lang: Lang): XlsxSheet {
  const rest = describeSheet({ ...sheet, cells: [] }, lang);
  const byRow: CellSpec[][] = [];
  const colsByRow: number[][] = [];
  let r2 = rest.bounds.r2;
  let c2 = rest.bounds.c2;
  for (const c of sheet.cells) {
    let p = packedAddress(c.address);
    if (Number.isNaN(p)) {
      const q = parseAddr(c.address);
      p = q.row * 32768 + q.col;
    }
    const row = Math.floor(p / 32768);
    const col = p - row * 32768;
    if (row > r2) r2 = row;
    if (col > c2) c2 = col;
    (byRow[row] ??= []).push(c);
    (colsByRow[row] ??= []).push(col);
  }
  // each row's cells in column order (a sheet module may set a cell out of order)
  colsByRow.forEach((cols, r) => {
    if (cols.every((c, i) => i === 0 || cols[i - 1] < c)) return;
    const order = cols.map((_, i) => i).sort((x, y) => cols[x] - cols[y]);
    byRow[r] = order.map((i) => byRow[r][i]);
  });
  let cells: RenderCell[] | undefined;
  return {
    ...rest,
    bounds: { r1: 1, c1: 1, r2, c2 },
    validations: sheetValidations(sheet, lang),
    get cells() {
      return (cells ??= describeSheet(sheet, lang).cells);
    },
    byRow,
    lang,
    spec: sheet,
  };
}

/**
 * The rows of `<sheetData>`: rows in order, each row's cells in column order, rows with a height even when empty. A
 * formula shared by cells below it in one column (CellSpec.shares) is written once, in its first cell, whose `ref`
 * reaches the last; the others name it by `si` (their formula text, the first's moved, is not read). Each cell's
 * style and content as describeSheet renders them (renderStyle, constantOf). Built as one string.
 * @throws Error `Sheet!A1: unknown style "x"`, a number that is not finite, as describeSheet does
 */
function rowsXml(d: XlsxSheet, styles: Styles, strings: Strings): string {
  const { byRow } = d;
  const heights = new Map(d.rowHeights);
  const last = Math.max(byRow.length - 1, ...heights.keys());
  // shared formulas: the first cell of each key (in row order), its last row, how many cells
  const shared = new Map<string, { master: CellSpec; last: number; n: number; si: number }>();
  for (let r = 1; r < byRow.length; r++)
    for (const c of byRow[r] ?? []) {
      if (c.formula === undefined || c.shares === undefined) continue;
      const m = shared.get(c.shares);
      if (m) {
        m.last = r;
        m.n++;
      } else shared.set(c.shares, { master: c, last: r, n: 1, si: shared.size });
    }
  const xfs = new Map<string, number>();
  const xfOf = (c: CellSpec): number => {
    let s = xfs.get(c.style);
    if (s === undefined) {
      let st: RenderStyle;
      try {
        st = renderStyle(c.style, d.lang);
      } catch {
        throw new Error(`${d.name}!${c.address}: unknown style "${c.style}"`);
      }
      xfs.set(c.style, (s = styles.xf(st)));
    }
    return s;
  };
  const formulaText = (f: string) => content(xlsxFormula(f.charCodeAt(0) === 61 /* = */ ? f.slice(1) : f));
  // each row's cells joined into one flat string when the row ends (as directRowsXml): a rope of 140,000 cell strings
  // kept to the end would live through every scavenge of the young generation, a row's cells die young
  const rows: string[] = [];
  for (let r = 1; r <= last; r++) {
    const row = byRow[r];
    const h = heights.get(r);
    if (row === undefined && h === undefined) continue;
    const out = [h !== undefined ? `<row r="${r}" ht="${h}" customHeight="1">` : `<row r="${r}">`];
    for (const c of row ?? []) {
      const s = xfOf(c);
      const a = c.address;
      if (c.formula !== undefined) {
        const m = c.shares === undefined ? undefined : shared.get(c.shares);
        if (m === undefined || m.n === 1) out.push(`<c r="${a}" s="${s}"><f>${formulaText(c.formula)}</f></c>`);
        else if (m.master === c)
          out.push(
            `<c r="${a}" s="${s}"><f t="shared" ref="${a}:${a.replace(/\d+$/, String(m.last))}" si="${m.si}">${formulaText(c.formula)}</f></c>`,
          );
        else out.push(`<c r="${a}" s="${s}"><f t="shared" si="${m.si}"/></c>`);
        continue;
      }
      const v = constantOf(c.value);
      if (v === null) out.push(`<c r="${a}" s="${s}"/>`);
      else if (typeof v === 'number') out.push(`<c r="${a}" s="${s}"><v>${v}</v></c>`);
      else if (typeof v === 'boolean') out.push(`<c r="${a}" s="${s}" t="b"><v>${v ? 1 : 0}</v></c>`);
      else out.push(`<c r="${a}" s="${s}" t="s"><v>${strings.index(v)}</v></c>`);
    }
    out.push('</row>');
    rows.push(out.join(''));
  }
  return rows.join('');
}

/**
 * Rows of a sheet rendered straight from its data, below the rows its spec holds: the ledger's 6,000 rows of constants
 * (xlsx/ledger-write.ts), without a CellSpec and a RenderCell per cell. The same XML as `rowsXml` gives those cells.
 */
export interface DirectRows {
  /** the last row `render` gives (the sheet's dimension) */
  lastRow: number;
  /** gives the rows in order, each opened by `row` and then its cells (constants) in column order */
  render(row: (r: number) => void, cell: (col: number, style: RenderStyle, value: CellSpec['value']) => void): void;
}

function directRowsXml(direct: DirectRows, after: number, styles: Styles, strings: Strings): string {
  // each row's cells joined into one flat string when the row ends: a rope of 174,000 cell strings kept to the end
  // would live through every scavenge of the young generation (copied each time), a row's cells die young
  const rows: string[] = [];
  let cells: string[] = [];
  let row = after;
  let open = false;
  let last = 0;
  const letters: string[] = [];
  direct.render(
    (r) => {
      if (r <= row) throw new Error(`direct rows: row ${r} after row ${row}`);
      if (open) rows.push(`${cells.join('')}</row>`);
      cells = [`<row r="${r}">`];
      row = r;
      open = true;
      last = 0;
    },
    (col, style, value) => {
      if (!open || col <= last) throw new Error(`direct rows: cell in column ${col} out of order in row ${row}`);
      last = col;
      const a = `${(letters[col] ??= colName(col))}${row}`;
      const s = styles.xf(style);
      const v = constantOf(value);
      if (v === null) cells.push(`<c r="${a}" s="${s}"/>`);
      else if (typeof v === 'number') cells.push(`<c r="${a}" s="${s}"><v>${v}</v></c>`);
      else if (typeof v === 'boolean') cells.push(`<c r="${a}" s="${s}" t="b"><v>${v ? 1 : 0}</v></c>`);
      else cells.push(`<c r="${a}" s="${s}" t="s"><v>${strings.index(v)}</v></c>`);
    },
  );
  if (open) rows.push(`${cells.join('')}</row>`);
  return rows.join('');
}

const lastRowOf = (d: XlsxSheet): number => d.cells.reduce((m, c) => Math.max(m, c.row), 0);

function sheetXml(d: XlsxSheet, styles: Styles, strings: Strings, direct?: DirectRows): string {
  const out: string[] = [];
  const p = d.page;
  out.push(`${XML}<worksheet ${NS}>`);
  out.push(`<sheetPr><pageSetUpPr fitToPage="${p.fitToWidth ? 1 : 0}"/></sheetPr>`);
  const b = direct ? { ...d.bounds, r2: Math.max(d.bounds.r2, direct.lastRow) } : d.bounds;
  out.push(`<dimension ref="${b.r2 >= 1 && b.c2 >= 1 ? rectAddress({ r1: 1, c1: 1, r2: b.r2, c2: b.c2 }) : 'A1'}"/>`);
  out.push(
    d.freezeRows > 0
      ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${d.freezeRows}" topLeftCell="A${d.freezeRows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>`
      : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>',
  );
  out.push('<sheetFormatPr defaultRowHeight="15"/>');
  // every column with a width, and hidden columns past them (a hidden helper column without a width: Excel's 9)
  const hidden = new Set(d.hiddenColumns);
  const lastCol = Math.max(d.widths.length, ...d.hiddenColumns);
  if (lastCol > 0) {
    const cols: string[] = [];
    for (let i = 1; i <= lastCol; i++) {
      const w = d.widths[i - 1];
      if (w === undefined && !hidden.has(i)) continue;
      cols.push(`<col min="${i}" max="${i}" width="${w ?? 9}" customWidth="1"${hidden.has(i) ? ' hidden="1"' : ''}/>`);
    }
    out.push(`<cols>${cols.join('')}</cols>`);
  }
  out.push('<sheetData>');
  out.push(rowsXml(d, styles, strings));
  if (direct) out.push(directRowsXml(direct, lastRowOf(d), styles, strings));
  out.push('</sheetData>');
  if (d.protect)
    out.push(
      `<sheetProtection sheet="1" objects="1" scenarios="1" formatCells="1" formatColumns="${PROTECTION.formatColumns ? 0 : 1}" formatRows="${PROTECTION.formatRows ? 0 : 1}"` +
        ` selectLockedCells="${PROTECTION.selectCells ? 0 : 1}" selectUnlockedCells="${PROTECTION.selectCells ? 0 : 1}"` +
        ` autoFilter="${PROTECTION.autoFilter ? 0 : 1}"/>`,
    );
  if (d.autoFilter) out.push(`<autoFilter ref="${d.autoFilter}"/>`);
  if (d.merges.length > 0)
    out.push(`<mergeCells count="${d.merges.length}">${d.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`);
  d.conditionalFormats.forEach((cf, i) => {
    if (cf.dataBar) {
      const end = (v: number | 'min' | 'max') => (typeof v === 'number' ? `<cfvo type="num" val="${v}"/>` : `<cfvo type="${v}"/>`);
      out.push(
        `<conditionalFormatting sqref="${cf.range}"><cfRule type="dataBar" priority="${i + 1}"><dataBar>${end(cf.dataBar.min)}${end(cf.dataBar.max)}<color rgb="${argb(cf.fill)}"/></dataBar></cfRule></conditionalFormatting>`,
      );
      return;
    }
    const font = cf.color || cf.bold ? `<font>${cf.bold ? '<b/>' : ''}${cf.color ? `<color rgb="${argb(cf.color)}"/>` : ''}</font>` : '';
    const dxf =
      styles.dxfs.push(`<dxf>${font}<fill><patternFill patternType="solid"><bgColor rgb="${argb(cf.fill)}"/></patternFill></fill></dxf>`) -
      1;
    out.push(
      `<conditionalFormatting sqref="${cf.range}"><cfRule type="expression" dxfId="${dxf}" priority="${i + 1}"><formula>${text(xlsxFormula(cf.formula))}</formula></cfRule></conditionalFormatting>`,
    );
  });
  if (d.validations.length > 0) {
    const n = d.validations.reduce((k, v) => k + v.rects.length, 0);
    out.push(
      `<dataValidations count="${n}">${d.validations.flatMap((v) => v.rects.map((r) => validationXml(v, [r]))).join('')}</dataValidations>`,
    );
  }
  out.push(`<printOptions horizontalCentered="${p.centerHorizontally ? 1 : 0}"/>`);
  const mg = p.margins;
  out.push(
    `<pageMargins left="${mg.left}" right="${mg.right}" top="${mg.top}" bottom="${mg.bottom}" header="${mg.header}" footer="${mg.footer}"/>`,
  );
  out.push(
    `<pageSetup paperSize="9" orientation="${p.orientation}"${p.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ` scale="${p.scale}"`}/>`,
  );
  if (p.rowBreaks.length > 0)
    out.push(
      `<rowBreaks count="${p.rowBreaks.length}" manualBreakCount="${p.rowBreaks.length}">${p.rowBreaks.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join('')}</rowBreaks>`,
    );
  out.push('</worksheet>');
  return out.join('');
}

/** Builds a zip of the parts, each deflated (no ZIP64: a workbook this writer writes is far below 4 GB). */
export function zipParts(parts: Array<[string, string | Buffer]>): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of parts) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    // level 1: the parts are repetitive XML; a higher level costs more time than it saves in size here
    const packed = zlib.deflateRawSync(data, { level: 1 });
    const crc = zlib.crc32(data);
    const fname = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fname.length, 26);
    local.writeUInt16LE(0, 28);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    local.copy(c, 6, 4, 30); // version needed … name length, extra length
    c.writeUInt32LE(offset, 42);
    central.push(c, fname);
    chunks.push(local, fname, packed);
    offset += 30 + fname.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, dir, end]);
}

/** The document's properties (docProps/core.xml), as ExcelJS's writer gave a month workbook. */
export interface XlsxProps {
  creator: string;
  title: string;
}

/**
 * The .xlsx file of `spec`, written directly (see the module's comment).
 * @param props the creator and title, with the time it was made, as docProps/core.xml; none when not given
 * @throws Error for a spec the model does not allow (unknown style, bad address), as describeSheet does
 */
export function workbookXlsx(spec: WorkbookSpec, props?: XlsxProps, direct?: ReadonlyMap<number, DirectRows>): Buffer {
  const styles = new Styles();
  const strings = new Strings();
  const sheets = spec.sheets.map((s) => describeForXlsx(s, spec.lang));
  const sheetParts = sheets.map((d, i) => sheetXml(d, styles, strings, direct?.get(i)));
  const quote = (n: string) => `'${n.replace(/'/g, "''")}'`;
  const names: string[] = [];
  sheets.forEach((d, i) => {
    if (d.page.printArea)
      names.push(
        `<definedName name="_xlnm.Print_Area" localSheetId="${i}">${text(`${quote(d.name)}!${d.page.printArea.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`)}</definedName>`,
      );
    if (d.page.printTitleRows) {
      const [a, z] = d.page.printTitleRows.split(':');
      names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${text(`${quote(d.name)}!$${a}:$${z}`)}</definedName>`);
    }
  });
  for (const n of describeNames(spec)) names.push(`<definedName name="${esc(n.name)}">${text(n.ref)}</definedName>`);
  const workbook =
    `${XML}<workbook ${NS}><workbookPr/><bookViews><workbookView/></bookViews><sheets>` +
    sheets.map((d, i) => `<sheet name="${text(d.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    `</sheets>${names.length ? `<definedNames>${names.join('')}</definedNames>` : ''}<calcPr calcId="0" fullCalcOnLoad="1"/></workbook>`;
  const n = sheets.length;
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  const rels = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"';
  const wbRels =
    `${XML}<Relationships ${rels}>` +
    sheets.map((_, i) => rel(`rId${i + 1}`, 'worksheet', `worksheets/sheet${i + 1}.xml`)).join('') +
    rel(`rId${n + 1}`, 'styles', 'styles.xml') +
    rel(`rId${n + 2}`, 'sharedStrings', 'sharedStrings.xml') +
    '</Relationships>';
  const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  const types =
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/>` +
    sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${ct}.worksheet+xml"/>`).join('') +
    `<Override PartName="/xl/styles.xml" ContentType="${ct}.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.sharedStrings+xml"/>` +
    (props ? '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' : '') +
    '</Types>';
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const core = props
    ? `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"` +
      ` xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${text(props.creator)}</dc:creator>` +
      `<dc:title>${text(props.title)}</dc:title><dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created>` +
      `<dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`
    : undefined;
  const coreRel = props
    ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    : '';
  return zipParts([
    ['[Content_Types].xml', types],
    ['_rels/.rels', `${XML}<Relationships ${rels}>${rel('rId1', 'officeDocument', 'xl/workbook.xml')}${coreRel}</Relationships>`],
    ...(core === undefined ? [] : [['docProps/core.xml', core] as [string, string]]),
    ['xl/workbook.xml', workbook],
    ['xl/_rels/workbook.xml.rels', wbRels],
    ...sheetParts.map((x, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, x]),
    ['xl/styles.xml', styles.xml()],
    ['xl/sharedStrings.xml', strings.xml()],
  ]);
}

/**
 * Writes `spec` to `outPath` whole or not at all: a temporary file beside it, renamed into place (`force`) or linked
 * (never replacing a file that appeared meanwhile), as writer.ts `writeWorkbookFile` does.
 */
export function writeXlsxFile(
  spec: WorkbookSpec,
  outPath: string,
  opts: { force?: boolean; direct?: ReadonlyMap<number, DirectRows> } = {},
): number {
  const exists = () => fs.existsSync(outPath);
  if (exists() && !opts.force) throw new Problem(X.outputExists, { file: outPath });
  const dir = path.dirname(path.resolve(outPath));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Problem(X.noFolder, { file: outPath, dir });
  if (exists() && fs.statSync(outPath).isDirectory()) throw new Problem(X.outputIsFolder, { file: outPath });
  const buf = workbookXlsx(spec, undefined, opts.direct);
  const tmp = path.join(dir, `.${path.basename(outPath)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  fs.writeFileSync(tmp, buf, { flag: 'wx' });
  try {
    if (opts.force) fs.renameSync(tmp, outPath);
    else {
      try {
        fs.linkSync(tmp, outPath);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST' || exists()) throw new Problem(X.outputExists, { file: outPath });
        fs.renameSync(tmp, outPath);
      }
    }
  } finally {
    if (fs.existsSync(tmp)) fs.unlinkSync(tmp);
  }
  return buf.length;
}
