/**
 * Renders a `WorkbookSpec` (templates/model.ts) as an ExcelJS workbook, in memory: values and formulas, styles,
 * merges, widths and heights, data validation, conditional formats, defined names, sheet protection, A4 print
 * setup with one agent per page, freeze panes. Files are written by xlsx/writer.ts without ExcelJS (fast-write.ts,
 * the same description); this rendering is for code that wants an ExcelJS workbook, and the tests compare the
 * two (test/xlsx/fast-month.test.ts).
 */
import ExcelJS from 'exceljs';
import { WorkbookSpec } from '../templates/model';
import { rectAddress } from '../templates/rects';
import { PROTECTION, RenderPage, RenderStyle, RenderValidation, SheetRender, describeNames, describeSheet } from '../templates/render';
import { xlsxFormula } from './formula';

const argb = (rgb: string) => `FF${rgb.replace(/^#/, '').toUpperCase()}`;

/**
 * A style as ExcelJS takes it. One object per style, shared by all its cells: ExcelJS's style table
 * remembers an object it has seen (a WeakMap), so each cell costs a lookup instead of rendering its style
 * to XML (a records sheet of 12,000 rows is 140,000 styled cells). No cell's style is changed after it is set.
 */
function excelStyleOf(st: RenderStyle): Partial<ExcelJS.Style> {
  // named: a font without a name is LibreOffice's default font, not the workbook's Calibri
  const font: Partial<ExcelJS.Font> = { name: st.font.name, family: 2 };
  if (st.font.bold) font.bold = true;
  if (st.font.size) font.size = st.font.size;
  if (st.font.color) font.color = { argb: argb(st.font.color) };
  const out: Partial<ExcelJS.Style> = { font };
  if (st.fill) out.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(st.fill) }, bgColor: { argb: argb(st.fill) } };
  if (st.border) {
    const line: Partial<ExcelJS.Border> = { style: st.border.style, color: { argb: argb(st.border.color) } };
    out.border = { top: line, left: line, bottom: line, right: line };
  }
  out.alignment = { horizontal: st.horizontal ?? 'general', vertical: st.vertical, wrapText: st.wrap } as Partial<ExcelJS.Alignment>;
  if (st.numFmt) out.numFmt = st.numFmt;
  out.protection = { locked: st.locked };
  return out;
}

function validationOf(v: RenderValidation): ExcelJS.DataValidation {
  const common = {
    allowBlank: v.allowBlank,
    showInputMessage: true,
    promptTitle: v.prompt.title,
    prompt: v.prompt.message,
    showErrorMessage: true,
    errorStyle: v.error.style,
    errorTitle: v.error.title,
    error: v.error.message,
  };
  const r = v.rule;
  switch (r.type) {
    case 'whole':
    case 'decimal':
      return r.operator === 'between'
        ? { ...common, type: r.type, operator: 'between', formulae: [r.min, r.max] }
        : { ...common, type: r.type, operator: 'greaterThanOrEqual', formulae: [r.min] };
    case 'list':
      return { ...common, type: 'list', formulae: [`"${r.source}"`] };
    case 'custom':
      return { ...common, type: 'custom', formulae: [xlsxFormula(r.formula)] };
  }
}

/**
 * Data validations, one per rectangle of the description (which never overlap). Set per cell, ExcelJS
 * merges cells itself but in text order (E10 before E6) and writes overlapping ranges (E10:E16 and
 * E6:E16, exceljs #2820), of which LibreOffice keeps only the first and Excel refuses overlaps.
 */
function addValidations(ws: ExcelJS.Worksheet, d: SheetRender): void {
  const dv = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  for (const v of d.validations) {
    const rule = validationOf(v);
    for (const r of v.rects) dv.add(rectAddress(r), rule);
  }
}

/** The page setup as ExcelJS says it: fit to one page wide where the description asks for it (the file format honours it). */
function pageSetupOf(p: RenderPage): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9, // A4
    orientation: p.orientation,
    ...(p.fitToWidth ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : { fitToPage: false, scale: p.scale }),
    horizontalCentered: p.centerHorizontally,
    margins: { ...p.margins },
    // ExcelJS puts a "$" before each part's column only: give it "A$1:F$44" so the file holds $A$1:$F$44
    ...(p.printArea ? { printArea: p.printArea.replace(/([A-Z]+)(\d+)/g, '$1$$$2') } : {}),
    ...(p.printTitleRows ? { printTitlesRow: p.printTitleRows } : {}),
  };
}

function renderSheet(ws: ExcelJS.Worksheet, d: SheetRender, styles: Map<RenderStyle, Partial<ExcelJS.Style>>): void {
  d.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const c of d.hiddenColumns) ws.getColumn(c).hidden = true;
  for (const [row, h] of d.rowHeights) ws.getRow(row).height = h;

  // the first cell of each shared formula (CellSpec.shares): the cells below it that share it refer to it. Excel and
  // LibreOffice move its references only; ExcelJS's reader would also move cell-like text in its strings ("B13"),
  // and nothing of kpi-forms reads formula text back
  const masters = new Map<string, string>();
  for (const c of d.cells) {
    // by row and column: ExcelJS would parse each address again
    const cell = ws.getRow(c.row).getCell(c.col);
    // ExcelJS never interprets a string as a formula: `{ formula }` objects are the only formulas
    if (c.content && 'formula' in c.content) {
      const master = c.content.shares === undefined ? undefined : masters.get(c.content.shares);
      if (master !== undefined) cell.value = { sharedFormula: master } as ExcelJS.CellSharedFormulaValue;
      else {
        if (c.content.shares !== undefined) masters.set(c.content.shares, c.address);
        cell.value = { formula: xlsxFormula(c.content.formula) } as ExcelJS.CellFormulaValue;
      }
    } else cell.value = c.content ? c.content.value : null;
    let style = styles.get(c.style);
    if (!style) styles.set(c.style, (style = excelStyleOf(c.style)));
    cell.style = style;
  }
  addValidations(ws, d);
  // merge after writing, keeping each covered cell's own style (the model styles them explicitly)
  for (const m of d.merges) ws.mergeCellsWithoutStyle(m);

  d.conditionalFormats.forEach((cf, i) => {
    if (cf.dataBar) {
      const end = (v: number | 'min' | 'max') => (typeof v === 'number' ? { type: 'num' as const, value: v } : { type: v });
      ws.addConditionalFormatting({
        ref: cf.range,
        rules: [
          {
            type: 'dataBar',
            priority: i + 1,
            cfvo: [end(cf.dataBar.min), end(cf.dataBar.max)],
            color: { argb: argb(cf.fill) },
            gradient: false,
          } as ExcelJS.DataBarRuleType,
        ],
      });
      return;
    }
    const style: Partial<ExcelJS.Style> = { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(cf.fill) } } };
    if (cf.color || cf.bold) style.font = { ...(cf.color ? { color: { argb: argb(cf.color) } } : {}), ...(cf.bold ? { bold: true } : {}) };
    ws.addConditionalFormatting({
      ref: cf.range,
      rules: [{ type: 'expression', priority: i + 1, formulae: [xlsxFormula(cf.formula)], style }],
    });
  });

  for (const r of d.page.rowBreaks) ws.getRow(r).addPageBreak();
  ws.pageSetup = { ...ws.pageSetup, ...pageSetupOf(d.page) } as ExcelJS.PageSetup;

  if (d.autoFilter) ws.autoFilter = d.autoFilter;
  if (d.freezeRows > 0) {
    ws.views = [{ state: 'frozen', xSplit: 0, ySplit: d.freezeRows, topLeftCell: `A${d.freezeRows + 1}` }];
  }
  if (d.protect) {
    // ExcelJS's protect() is synchronous under its Promise when there is no password: the
    // sheetProtection model is set before it returns.
    void ws.protect('', {
      selectLockedCells: PROTECTION.selectCells,
      selectUnlockedCells: PROTECTION.selectCells,
      formatCells: false,
      formatColumns: PROTECTION.formatColumns,
      formatRows: PROTECTION.formatRows,
      insertRows: false,
      insertColumns: false,
      deleteRows: false,
      deleteColumns: false,
      sort: false,
      autoFilter: PROTECTION.autoFilter,
    });
  }
}

/**
 * Renders the spec as an ExcelJS workbook (in memory): every sheet of `spec.sheets` in order as
 * templates/render.ts describes it, every defined name of `spec.names` whose sheet is built, and
 * full-calculation-on-load so that Excel computes the formulas when it opens the file.
 * Formulas are stored without `=` and with `_xlfn.` before Excel 2010+ functions (RANK.EQ).
 * @throws Error for a spec the model does not allow (unknown style, bad address, overlapping merges)
 */
export function workbookToExcelJS(spec: WorkbookSpec): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kpi-forms';
  wb.title = `KPI ${spec.month}`;
  wb.calcProperties = { fullCalcOnLoad: true };
  const styles = new Map<RenderStyle, Partial<ExcelJS.Style>>();
  for (const sheet of spec.sheets) {
    const d = describeSheet(sheet, spec.lang);
    const ws = wb.addWorksheet(sheet.name, { pageSetup: { paperSize: 9, orientation: d.page.orientation } });
    renderSheet(ws, d, styles);
  }
  for (const n of describeNames(spec)) wb.definedNames.add(n.ref, n.name);
  return wb;
}
