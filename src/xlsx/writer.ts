/**
 * Renders a `WorkbookSpec` (templates/model.ts) as an .xlsx file with ExcelJS: values and formulas,
 * styles, merges, widths and heights, data validation, conditional formats, defined names, sheet
 * protection, A4 print setup with one agent per page, freeze panes. The file is written whole or not
 * at all, and an existing file is never replaced unless asked.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { XLFN_FUNCTIONS } from '../core/kpi';
import { CellSpec, ConditionalFormatSpec, STYLES, SheetSpec, StyleSpec, ValidationSpec, WorkbookSpec, parseAddr } from '../templates/model';

const argb = (rgb: string) => `FF${rgb.replace(/^#/, '').toUpperCase()}`;

/**
 * The formula as an .xlsx file stores it: every function of `XLFN_FUNCTIONS` (Excel 2010+, e.g.
 * RANK.EQ) prefixed with `_xlfn.`, outside string literals; no leading `=`.
 * @param formula English-locale formula without `=` (as in the model)
 */
export function xlsxFormula(formula: string): string {
  const f = formula.replace(/^=/, '');
  // split on string literals ("" inside a literal is an escaped quote and stays within it)
  const parts = f.split(/("(?:[^"]|"")*")/);
  return parts
    .map((p, i) => {
      if (i % 2 === 1) return p;
      let s = p;
      for (const name of XLFN_FUNCTIONS) {
        const re = new RegExp(`(?<![A-Za-z0-9_.])${name.replace(/\./g, '\\.')}\\(`, 'gi');
        s = s.replace(re, `_xlfn.${name}(`);
      }
      return s;
    })
    .join('');
}

function applyStyle(cell: ExcelJS.Cell, st: StyleSpec): void {
  const font: Partial<ExcelJS.Font> = {};
  if (st.bold) font.bold = true;
  if (st.size) font.size = st.size;
  if (st.color) font.color = { argb: argb(st.color) };
  if (Object.keys(font).length) cell.font = font;
  if (st.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(st.fill) }, bgColor: { argb: argb(st.fill) } };
  if (st.border) {
    const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
    cell.border = { top: thin, left: thin, bottom: thin, right: thin };
  }
  cell.alignment = { horizontal: st.align ?? 'general', vertical: 'middle', wrapText: st.wrap ?? false } as Partial<ExcelJS.Alignment>;
  if (st.numFmt) cell.numFmt = st.numFmt;
  cell.protection = { locked: st.locked };
}

function validationOf(v: ValidationSpec): ExcelJS.DataValidation {
  const common = {
    allowBlank: true,
    showInputMessage: true,
    prompt: v.prompt,
    showErrorMessage: true,
    errorStyle: 'stop' as const,
    error: v.error,
  };
  switch (v.type) {
    case 'whole':
    case 'decimal':
      return v.max === undefined
        ? { ...common, type: v.type, operator: 'greaterThanOrEqual', formulae: [v.min] }
        : { ...common, type: v.type, operator: 'between', formulae: [v.min, v.max] };
    case 'list':
      return { ...common, type: 'list', formulae: [`"${v.values.join(',')}"`] };
    case 'custom':
      return { ...common, type: 'custom', formulae: [xlsxFormula(v.formula)] };
  }
}

/**
 * Data validations as ranges: each run of cells one above the other with the same rule becomes one range
 * (a custom rule stays on its own cell, its formula is relative to it). Set per cell, ExcelJS merges cells
 * itself but in text order (E10 before E6) and writes overlapping ranges (E10:E16 and E6:E16, exceljs
 * #2820), of which LibreOffice keeps only the first and Excel refuses overlaps.
 */
function addValidations(ws: ExcelJS.Worksheet, sheet: SheetSpec): void {
  const dv = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  const cells = sheet.cells
    .filter((c) => c.validation)
    .map((c) => ({ ...parseAddr(c.address), address: c.address, v: c.validation!, key: JSON.stringify(c.validation) }))
    .sort((a, b) => a.col - b.col || a.row - b.row);
  for (let i = 0; i < cells.length;) {
    let j = i;
    if (cells[i].v.type !== 'custom')
      while (
        j + 1 < cells.length &&
        cells[j + 1].col === cells[i].col &&
        cells[j + 1].row === cells[j].row + 1 &&
        cells[j + 1].key === cells[i].key
      )
        j++;
    dv.add(j > i ? `${cells[i].address}:${cells[j].address}` : cells[i].address, validationOf(cells[i].v));
    i = j + 1;
  }
}

/** A constant as a cell value: text always as text (even `=SUM(1)`), numbers and booleans as such. */
function constant(v: CellSpec['value']): ExcelJS.CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot write the number ${v} to a cell`);
    return v;
  }
  if (typeof v === 'boolean') return v;
  // ExcelJS never interprets a string as a formula: `{ formula }` objects are the only formulas.
  return String(v);
}

function renderSheet(ws: ExcelJS.Worksheet, sheet: SheetSpec): void {
  sheet.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const c of sheet.hiddenColumns ?? []) ws.getColumn(c).hidden = true;
  for (const [row, h] of Object.entries(sheet.rowHeights)) ws.getRow(Number(row)).height = h;

  for (const c of sheet.cells) {
    const cell = ws.getCell(c.address);
    if (c.formula !== undefined) cell.value = { formula: xlsxFormula(c.formula) } as ExcelJS.CellFormulaValue;
    else cell.value = constant(c.value);
    const st = STYLES[c.style];
    if (!st) throw new Error(`${sheet.name}!${c.address}: unknown style "${c.style}"`);
    applyStyle(cell, st);
  }
  addValidations(ws, sheet);
  // merge after writing, keeping each covered cell's own style (the model styles them explicitly)
  for (const m of sheet.merges) ws.mergeCellsWithoutStyle(m);

  sheet.conditionalFormats.forEach((cf: ConditionalFormatSpec, i) => {
    const style: Partial<ExcelJS.Style> = { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(cf.fill) } } };
    if (cf.color || cf.bold) style.font = { ...(cf.color ? { color: { argb: argb(cf.color) } } : {}), ...(cf.bold ? { bold: true } : {}) };
    ws.addConditionalFormatting({
      ref: cf.range,
      rules: [{ type: 'expression', priority: i + 1, formulae: [xlsxFormula(cf.formula)], style }],
    });
  });

  for (const r of sheet.rowBreaks) ws.getRow(r).addPageBreak();

  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: sheet.landscape ? 'landscape' : 'portrait',
    // Excel ignores manual page breaks under fit-to-page: sheets with breaks print at a fixed scale
    ...(sheet.printScale ? { fitToPage: false, scale: sheet.printScale } : { fitToPage: true, fitToWidth: 1, fitToHeight: 0 }),
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    // ExcelJS puts a "$" before each part's column only: give it "A$1:F$44" so the file holds $A$1:$F$44
    ...(sheet.printArea ? { printArea: sheet.printArea.replace(/([A-Z]+)(\d+)/g, '$1$$$2') } : {}),
    ...(sheet.printTitleRows ? { printTitlesRow: sheet.printTitleRows } : {}),
  } as ExcelJS.PageSetup;

  if (sheet.freezeRows > 0) {
    ws.views = [{ state: 'frozen', xSplit: 0, ySplit: sheet.freezeRows, topLeftCell: `A${sheet.freezeRows + 1}` }];
  }
}

/**
 * Renders the spec as an ExcelJS workbook (in memory): every sheet of `spec.sheets` in order, every
 * defined name of `spec.names`, sheet protection without a password where `protect` is set (input
 * cells are unlocked; selecting cells and formatting rows and columns stay allowed), and
 * full-calculation-on-load so that Excel computes the formulas when it opens the file.
 * Formulas are stored without `=` and with `_xlfn.` before Excel 2010+ functions (RANK.EQ).
 * @throws Error for a spec the model does not allow (unknown style, bad address, overlapping merges)
 */
export function workbookToExcelJS(spec: WorkbookSpec): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kpi-forms';
  wb.title = `KPI ${spec.month}`;
  wb.calcProperties = { fullCalcOnLoad: true };
  for (const sheet of spec.sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      pageSetup: { paperSize: 9, orientation: sheet.landscape ? 'landscape' : 'portrait' },
    });
    renderSheet(ws, sheet);
    if (sheet.protect) {
      // ExcelJS's protect() is synchronous under its Promise when there is no password: the
      // sheetProtection model is set before it returns.
      void ws.protect('', {
        selectLockedCells: true,
        selectUnlockedCells: true,
        formatCells: false,
        formatColumns: true,
        formatRows: true,
        insertRows: false,
        insertColumns: false,
        deleteRows: false,
        deleteColumns: false,
        sort: false,
        autoFilter: false,
      });
    }
  }
  const sheetNames = new Set(spec.sheets.map((s) => s.name));
  for (const n of spec.names) {
    const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/.exec(n.ref);
    if (!m) throw new Error(`defined name ${n.name}: "${n.ref}" is not a sheet-qualified reference`);
    const sheetName = (m[1] ?? m[2]).replace(/''/g, "'");
    if (!sheetNames.has(sheetName)) continue; // the sheet was not built (BuildOptions.sheets)
    const [a, b] = m[3].split(':').map((x) => parseAddr(x));
    if (b && (b.row < a.row || b.col < a.col)) throw new Error(`defined name ${n.name}: "${n.ref}" is not top-left:bottom-right`);
    wb.definedNames.add(n.ref, n.name);
  }
  return wb;
}

/**
 * Builds the .xlsx of `spec` and writes it to `outPath`: the whole file is built in memory, written to
 * a temporary file in the same folder and moved into place, so a failure never leaves a half-written
 * file, and the move never replaces an existing file unless `force` is set.
 * @param outPath the .xlsx path
 * @param opts.force replace `outPath` if it exists
 * @returns the bytes written
 * @throws Error `out.xlsx already exists (use --force to replace it)`, or when the folder does not exist
 */
export async function writeWorkbookFile(spec: WorkbookSpec, outPath: string, opts: { force?: boolean } = {}): Promise<number> {
  const exists = () => fs.existsSync(outPath);
  if (exists() && !opts.force) throw new OutputExistsError(outPath);
  const dir = path.dirname(path.resolve(outPath));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`${outPath}: the folder ${dir} does not exist`);
  if (exists() && fs.statSync(outPath).isDirectory()) throw new Error(`${outPath}: is a folder`);
  const buf = Buffer.from(await workbookToExcelJS(spec).xlsx.writeBuffer());
  const tmp = path.join(dir, `.${path.basename(outPath)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  fs.writeFileSync(tmp, buf, { flag: 'wx' });
  try {
    if (opts.force) {
      fs.renameSync(tmp, outPath);
    } else {
      // link() fails if outPath appeared meanwhile: never overwrite without force
      try {
        fs.linkSync(tmp, outPath);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new OutputExistsError(outPath);
        if (exists()) throw new OutputExistsError(outPath);
        fs.renameSync(tmp, outPath); // file systems without hard links
      }
    }
  } finally {
    if (fs.existsSync(tmp)) fs.unlinkSync(tmp);
  }
  return buf.length;
}

/** The output file exists and `force` was not given. */
export class OutputExistsError extends Error {
  constructor(readonly outPath: string) {
    super(`${outPath}: already exists; not overwritten (use --force to replace it)`);
    this.name = 'OutputExistsError';
  }
}
