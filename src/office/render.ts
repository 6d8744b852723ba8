/**
 * Renders one sheet's description (templates/render.ts `SheetRender`, the same the .xlsx writer renders)
 * through Office.js: the operations are queued, `req.room` syncs between requests when a request would
 * grow over its budget. What needs a requirement set above the manifest's (ExcelApi 1.4) is behind its
 * `WriterFeatures` flag here, at the call (test/requirement-sets.test.ts).
 */
import { colName } from '../templates/model';
import { Rect, rectAddress, toRects } from '../templates/rects';
import { PROTECTION, RenderCell, RenderRule, RenderStyle, RenderValidation, SheetRender, widthToPoints } from '../templates/render';
import { areaChunks, formulaEntry } from './plan';
import { OP_BYTES, Requests, jsonBytes, rowBands } from './requests';
import { WriterFeatures } from './requirements';

const EDGES_OUT = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const;
const ALIGN: Record<NonNullable<RenderStyle['horizontal']>, 'Left' | 'Center' | 'Right'> = {
  left: 'Left',
  center: 'Center',
  right: 'Right',
};
const BORDER_STYLE: Record<NonNullable<RenderStyle['border']>['style'], { style: 'Continuous'; weight: 'Thin' }> = {
  thin: { style: 'Continuous', weight: 'Thin' },
};

/**
 * One RangeFormat (of a Range or RangeAreas) set to a style; inside borders only where every area has
 * them. A fresh (or cleared) cell is General, not wrapped and locked: only what differs is set.
 */
function applyStyle(fmt: Excel.RangeFormat, st: RenderStyle, inside: { h: boolean; v: boolean }): void {
  fmt.font.name = st.font.name;
  if (st.font.bold) fmt.font.bold = true;
  if (st.font.size) fmt.font.size = st.font.size;
  if (st.font.color) fmt.font.color = `#${st.font.color}`;
  if (st.fill) fmt.fill.color = `#${st.fill}`;
  if (st.horizontal) fmt.horizontalAlignment = ALIGN[st.horizontal];
  fmt.verticalAlignment = 'Center';
  if (st.wrap) fmt.wrapText = true;
  if (st.border) {
    const edges: string[] = [...EDGES_OUT];
    if (inside.h) edges.push('InsideHorizontal');
    if (inside.v) edges.push('InsideVertical');
    for (const e of edges) {
      const b = fmt.borders.getItem(e as Excel.BorderIndex);
      b.style = BORDER_STYLE[st.border.style].style;
      b.weight = BORDER_STYLE[st.border.style].weight;
      b.color = `#${st.border.color}`;
    }
  }
  if (!st.locked) fmt.protection.locked = false;
}

/** How many operations `applyStyle` queues for a style. */
function styleOps(st: RenderStyle, inside: { h: boolean; v: boolean }): number {
  const edges = st.border ? 4 + (inside.h ? 1 : 0) + (inside.v ? 1 : 0) : 0;
  const set = [st.font.bold, st.font.size, st.font.color, st.fill, st.horizontal, st.wrap, !st.locked];
  return 2 + set.filter(Boolean).length + edges * 3;
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

function validationRule(r: RenderRule): Excel.DataValidationRule {
  switch (r.type) {
    case 'whole':
    case 'decimal': {
      const basic: Excel.BasicDataValidation =
        r.operator === 'between'
          ? { formula1: r.min, formula2: r.max, operator: 'Between' }
          : { formula1: r.min, operator: 'GreaterThanOrEqualTo' };
      return r.type === 'whole' ? { wholeNumber: basic } : { decimal: basic };
    }
    case 'list':
      return { list: { inCellDropDown: true, source: r.source } };
    case 'custom':
      return { custom: { formula: `=${r.formula}` } };
  }
}

function applyValidation(dv: Excel.DataValidation, v: RenderValidation, rule: Excel.DataValidationRule): void {
  dv.rule = rule;
  dv.prompt = { showPrompt: true, title: v.prompt.title, message: v.prompt.message };
  dv.errorAlert = { showAlert: true, style: 'Stop', title: v.error.title, message: v.error.message };
}

/** A rectangle of cells whose formulas are the ones of the row above it (`source`) moved down: Range.copyFrom fills it. */
export interface ShareFill {
  source: Rect;
  target: Rect;
}

/**
 * Where a sheet's formulas are their column's first one moved down (`CellSpec.shares`: the records' checks, an
 * .xlsx shared formula): per column, each run of consecutive rows of one key from `top` down; the run's first cell
 * is written, the rest filled from it. Adjacent columns with the same rows make one rectangle (H4:K4 → H5:K12803).
 * Pure.
 */
export function shareFills(cells: readonly RenderCell[], top = 1): ShareFill[] {
  const runs = new Map<string, { col: number; key: string; r1: number; r2: number }>();
  const done: Array<{ col: number; r1: number; r2: number }> = [];
  const sorted = cells
    .filter((c) => c.row >= top && c.content && 'shares' in c.content && c.content.shares !== undefined)
    .sort((a, b) => a.col - b.col || a.row - b.row);
  for (const c of sorted) {
    const key = (c.content as { shares: string }).shares;
    const run = runs.get(String(c.col));
    if (run && run.key === key && run.r2 === c.row - 1) run.r2 = c.row;
    else {
      if (run) done.push(run);
      runs.set(String(c.col), { col: c.col, key, r1: c.row, r2: c.row });
    }
  }
  done.push(...runs.values());
  const out: ShareFill[] = [];
  for (const r of done.filter((x) => x.r2 > x.r1).sort((a, b) => a.r1 - b.r1 || a.r2 - b.r2 || a.col - b.col)) {
    const last = out[out.length - 1];
    if (last && last.source.r1 === r.r1 && last.target.r2 === r.r2 && last.source.c2 === r.col - 1) {
      last.source.c2 = r.col;
      last.target.c2 = r.col;
    } else out.push({ source: { r1: r.r1, c1: r.col, r2: r.r1, c2: r.col }, target: { r1: r.r1 + 1, c1: r.col, r2: r.r2, c2: r.col } });
  }
  return out;
}

/**
 * Queues one sheet's content: number formats and formulas as two 2-D arrays over the used rectangle
 * (in bands of rows when it is larger than half a request), formats by style, merges, widths, heights,
 * validation, conditional formats, freeze panes.
 * `fromRow` > 1 queues only the rows from there down (rows appended to a sheet written before, e.g. a month's
 * rows of the ledger: office/year.ts): widths, hidden columns and frozen rows are the sheet's already, and the
 * caller clears the sheet's conditional formats, which are queued whole.
 * @returns the number of cells with content
 */
export async function queueSheetContent(
  ws: Excel.Worksheet,
  d: SheetRender,
  f: WriterFeatures,
  req: Requests,
  fromRow = 1,
): Promise<number> {
  const rows = d.bounds.r2;
  const cols = d.bounds.c2;
  const top = Math.max(1, fromRow);
  const formulas: Array<Array<string | number | boolean | null>> = Array.from({ length: rows }, () => new Array(cols).fill(null));
  const numFmt: Array<Array<string | null>> = Array.from({ length: rows }, () => new Array(cols).fill(null));
  let anyFmt = false;
  let content = 0;
  // formulas that are the row above's moved down are filled by Excel (ExcelApi 1.9), not sent: 12,000 records' checks
  const fills = f.copyFrom ? shareFills(d.cells, top) : [];
  const filled = (row: number, col: number) => fills.some(({ target: t }) => row >= t.r1 && row <= t.r2 && col >= t.c1 && col <= t.c2);
  for (const c of d.cells) {
    if (c.row < top) continue;
    const fill = fills.length > 0 && filled(c.row, c.col);
    const e = fill ? null : formulaEntry(c.content ?? {});
    formulas[c.row - 1][c.col - 1] = e;
    if (e !== null || fill) content++;
    if (c.style.numFmt) {
      numFmt[c.row - 1][c.col - 1] = c.style.numFmt;
      anyFmt = true;
    }
  }
  // one range for the whole sheet, or bands of rows that each fit half a request
  for (const [i0, j0, bytes] of rowBands(formulas.slice(top - 1), req.budget / 2)) {
    const [i, j] = [i0 + top - 1, j0 + top - 1];
    const fmtBand = numFmt.slice(i, j + 1);
    const fmtBytes = anyFmt ? jsonBytes(fmtBand) : 0;
    await req.room(bytes + fmtBytes + 2 * OP_BYTES);
    const band = ws.getRange(rectAddress({ r1: i + 1, c1: 1, r2: j + 1, c2: cols }));
    if (anyFmt) band.numberFormat = fmtBand; // before the values, so "@" cells receive text
    band.formulas = formulas.slice(i, j + 1);
  }
  // after every band: the first rows hold their formulas when Excel copies them down
  if (f.copyFrom)
    for (const { source, target: t } of fills) {
      await req.room(2 * OP_BYTES);
      ws.getRange(rectAddress(t)).copyFrom(rectAddress(source), 'Formulas'); // ExcelApi 1.9
    }
  const below = (rects: Rect[]): Rect[] => rects.filter((r) => r.r2 >= top).map((r) => ({ ...r, r1: Math.max(r.r1, top) }));

  for (const { style, rects: all } of d.styleAreas) {
    const rects = below(all);
    for (const g of byShape(rects)) {
      for (const a of addresses(g.rects, f)) {
        await req.room(styleOps(style, g) * (OP_BYTES + a.length));
        applyStyle(target(ws, a, f).format, style, g);
      }
    }
  }
  for (const m of d.merges) {
    if (top > 1 && Number(/\d+/.exec(m)?.[0]) < top) continue;
    await req.room(OP_BYTES + m.length);
    ws.getRange(m).merge(false);
  }

  // column widths: runs of equal widths share one range
  await req.room((d.widths.length + d.hiddenColumns.length) * (OP_BYTES + 10));
  for (let i = 0; top === 1 && i < d.widths.length;) {
    let j = i;
    while (j + 1 < d.widths.length && d.widths[j + 1] === d.widths[i]) j++;
    ws.getRange(`${colName(i + 1)}:${colName(j + 1)}`).format.columnWidth = widthToPoints(d.widths[i]);
    i = j + 1;
  }
  if (top === 1) for (const c of d.hiddenColumns) ws.getRange(`${colName(c)}:${colName(c)}`).columnHidden = true;
  const heights = new Map<number, Array<{ row: number; col: number }>>();
  for (const [r, h] of d.rowHeights) {
    if (r < top) continue;
    const a = heights.get(h) ?? [];
    a.push({ row: r, col: 1 });
    heights.set(h, a);
  }
  for (const [h, rowsOfH] of heights)
    for (const a of addresses(toRects(rowsOfH), f)) {
      await req.room(OP_BYTES + a.length);
      target(ws, a, f).format.rowHeight = h;
    }

  if (f.dataValidation) {
    for (const v of d.validations) {
      const rule = validationRule(v.rule);
      const texts = jsonBytes(rule) + jsonBytes(v.prompt) + jsonBytes(v.error) + 3 * OP_BYTES;
      for (const a of addresses(below(v.rects), f)) {
        await req.room(texts + 3 * a.length);
        applyValidation(target(ws, a, f).dataValidation, v, rule);
      }
    }
  }
  if (f.conditionalFormats) {
    for (const c of d.conditionalFormats) {
      await req.room(5 * OP_BYTES + c.range.length + jsonBytes(c.formula));
      if (c.dataBar) {
        // the annual review's trend: an in-cell data bar (ExcelApi 1.6, as the custom formats)
        const bar = ws.getRange(c.range).conditionalFormats.add('DataBar').dataBar;
        const end = (v: number | 'min' | 'max') =>
          typeof v === 'number'
            ? { type: 'Number', formula: String(v) }
            : { type: v === 'min' ? 'LowestValue' : 'HighestValue', formula: '' };
        bar.lowerBoundRule = end(c.dataBar.min) as Excel.ConditionalDataBarRule;
        bar.upperBoundRule = end(c.dataBar.max) as Excel.ConditionalDataBarRule;
        bar.positiveFormat.fillColor = `#${c.fill}`;
        bar.positiveFormat.gradientFill = false;
        continue;
      }
      const cf = ws.getRange(c.range).conditionalFormats.add('Custom');
      cf.custom.rule.formula = `=${c.formula}`;
      cf.custom.format.fill.color = `#${c.fill}`;
      if (c.color) cf.custom.format.font.color = `#${c.color}`;
      if (c.bold) cf.custom.format.font.bold = true;
    }
  }
  if (f.freezePanes && d.freezeRows > 0 && top === 1) ws.freezePanes.freezeRows(d.freezeRows);
  if (f.autoFilter && d.autoFilter && top === 1) {
    await req.room(OP_BYTES + d.autoFilter.length);
    ws.autoFilter.apply(d.autoFilter); // ExcelApi 1.9
  }
  return content;
}

/**
 * Queues clearing an existing sheet so that it can be written as a new one (replacing in place, which
 * keeps the worksheet and so every reference to it from other sheets): contents, formulas and formats
 * (`clear(All)`, which also relocks every cell), merges, hidden columns and rows, data validation,
 * conditional formats, manual page breaks, frozen panes, column widths and row heights. The sheet must
 * be unprotected before. Visible again if it was hidden (the writer may activate it). What needs a
 * set above the pane's minimum (ExcelApi 1.4) is gated like the writing: conditional formats 1.6,
 * frozen panes and standard widths/heights 1.7, validation 1.8, page breaks and the AutoFilter 1.9.
 */
export function queueReset(ws: Excel.Worksheet, f: WriterFeatures): void {
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
  if (f.autoFilter) ws.autoFilter.remove(); // ExcelApi 1.9: a worksheet has one AutoFilter; the new content may set its own
  if (f.freezePanes) {
    ws.freezePanes.unfreeze(); // ExcelApi 1.7
    all.format.useStandardWidth = true; // ExcelApi 1.7
    all.format.useStandardHeight = true;
  }
}

/** Queues protection without a password as `PROTECTION` says (input cells were unlocked by their style). */
export function queueProtection(ws: Excel.Worksheet, f: WriterFeatures): void {
  const o: Excel.WorksheetProtectionOptions = {
    allowFormatColumns: PROTECTION.formatColumns,
    allowFormatRows: PROTECTION.formatRows,
    allowAutoFilter: PROTECTION.autoFilter, // ExcelApi 1.2
  };
  if (f.freezePanes && PROTECTION.selectCells) o.selectionMode = 'Normal'; // ExcelApi 1.7
  ws.protection.protect(o);
}

/**
 * Queues the page setup (ExcelApi 1.9; nothing without it): A4, orientation, margins, print area and
 * titles, one agent per page, and the description's fixed `scale` on every sheet: through Office.js
 * Excel does not apply fit-to-pages unless the Page Layout tab is active (office-js #1860). A break
 * after the last row separates nothing and is left out.
 */
export function queuePageLayout(ws: Excel.Worksheet, d: SheetRender, f: WriterFeatures): void {
  if (!f.pageLayout) return;
  const p = d.page;
  const pl = ws.pageLayout;
  pl.paperSize = 'A4';
  pl.orientation = p.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  pl.centerHorizontally = p.centerHorizontally;
  // margins in points, 72 to the inch (to 0.01 pt: 0.6 × 72 is 43.199999…)
  const pt = (inches: number) => Math.round(inches * 7200) / 100;
  pl.leftMargin = pt(p.margins.left);
  pl.rightMargin = pt(p.margins.right);
  pl.topMargin = pt(p.margins.top);
  pl.bottomMargin = pt(p.margins.bottom);
  pl.headerMargin = pt(p.margins.header);
  pl.footerMargin = pt(p.margins.footer);
  pl.zoom = { scale: p.scale };
  if (p.printArea) pl.setPrintArea(p.printArea);
  if (p.printTitleRows)
    pl.setPrintTitleRows(
      p.printTitleRows
        .split(':')
        .map((r) => `$${r}`)
        .join(':'),
    );
  for (const r of p.rowBreaks) if (r < d.bounds.r2) ws.horizontalPageBreaks.add(`A${r + 1}`);
}
