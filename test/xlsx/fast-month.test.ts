/**
 * The month workbook as `kpi-forms new` and `merge` write it (xlsx/writer.ts → fast-write.ts, SpreadsheetML written
 * directly) holds what the ExcelJS rendering of the same spec holds (xlsx/exceljs-write.ts, the writer before):
 * both files read back by ExcelJS, an independent reader, and compared sheet by sheet — every cell's value,
 * formula (a shared one as the reader moves it) and style, merges, column widths and hidden columns, row heights,
 * data validations, conditional formats, page setup, print area and titles, page breaks, frozen rows, protection,
 * AutoFilter, defined names, full calculation on load, the creator and title.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { buildWorkbook, quarterMonths } from '../../src/templates/workbook';
import { WorkbookSpec } from '../../src/templates/model';
import { workbookBuffer, workbookToExcelJS } from '../../src/xlsx/writer';
import { randomMonth } from '../helpers/random';
import { randomRecords } from '../helpers/random-records';

const month = '2015-03';

async function load(buf: Buffer | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

/** What a sheet holds, as ExcelJS reads it, in a form two files can be compared by (order-free where the file is). */
function sheetView(ws: ExcelJS.Worksheet) {
  const cells: Record<string, unknown> = {};
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (c) => {
      const v = c.value as unknown;
      const content =
        c.type === ExcelJS.ValueType.Formula ? { formula: c.formula } : v === null || v === undefined ? null : { value: v, type: c.type };
      // a font without a size is the file's default font's, 11 pt in both files (styles.xml's first font)
      const style = c.style.font ? { ...c.style, font: { size: 11, ...c.style.font } } : c.style;
      cells[c.address] = { content, style, merged: c.isMerged ? c.master.address : undefined };
    }),
  );
  const model = ws.model as unknown as {
    cols?: Array<{ min: number; max: number; width?: number; hidden?: boolean }>;
    merges?: string[];
    rowBreaks?: Array<{ id: number }>;
    autoFilter?: unknown;
    sheetProtection?: Record<string, unknown>;
  };
  const cols: Record<number, { width?: number; hidden: boolean }> = {};
  for (const c of model.cols ?? []) for (let i = c.min; i <= c.max; i++) cols[i] = { width: c.width, hidden: !!c.hidden };
  const heights: Record<number, number | undefined> = {};
  ws.eachRow({ includeEmpty: true }, (row, r) => (heights[r] = row.height));
  const dv = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
  const validations = Object.keys(dv)
    .sort()
    .map((k) => {
      const { operator, ...rest } = dv[k] as { operator?: string };
      // `between` is the default operator: ExcelJS writes none for it
      return [k, { ...rest, operator: operator ?? 'between' }];
    });
  const cf = (
    (ws as unknown as { conditionalFormattings: unknown }).conditionalFormattings as Array<{
      ref: string;
      rules: Array<Record<string, unknown>>;
    }>
  ).map((x) => ({
    ref: x.ref,
    rules: x.rules.map((r) => ({ ...r, priority: undefined })),
  }));
  const { horizontalDpi: _h, verticalDpi: _v, ...page } = ws.pageSetup as unknown as Record<string, unknown>;
  const p = page as { fitToPage?: boolean; fitToHeight?: number; fitToWidth?: number; scale?: number };
  // without fit to page, the fit sizes mean nothing (ExcelJS writes 1 × 1, the fast writer none)
  if (!p.fitToPage) [p.fitToHeight, p.fitToWidth] = [undefined, undefined];
  else p.scale = undefined;
  const prot = model.sheetProtection ?? {};
  return {
    name: ws.name,
    cells,
    cols,
    heights,
    merges: [...(model.merges ?? [])].sort(),
    validations,
    cf,
    page,
    breaks: (model.rowBreaks ?? []).map((b) => b.id),
    // frozen rows (a sheet without a view of its own is a normal view)
    frozen: (ws.views ?? []).filter((v) => v.state === 'frozen').map((v) => (v as { ySplit?: number }).ySplit),
    protection: {
      sheet: !!prot.sheet,
      formatCells: !!prot.formatCells,
      formatColumns: !!prot.formatColumns,
      formatRows: !!prot.formatRows,
      autoFilter: !!prot.autoFilter,
      selectLockedCells: !!prot.selectLockedCells,
      selectUnlockedCells: !!prot.selectUnlockedCells,
      sort: !!prot.sort,
      insertRows: !!prot.insertRows,
      deleteRows: !!prot.deleteRows,
    },
    autoFilter: model.autoFilter,
  };
}

function bookView(wb: ExcelJS.Workbook) {
  const names = (wb.definedNames.model as Array<{ name: string; ranges: string[] }>)
    .map((n) => [n.name, [...n.ranges].sort()] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    sheets: wb.worksheets.map((ws) => ws.name),
    names,
    fullCalcOnLoad: wb.calcProperties.fullCalcOnLoad,
    creator: wb.creator,
    title: wb.title,
  };
}

async function expectSameFile(spec: WorkbookSpec): Promise<void> {
  const fast = await workbookBuffer(spec);
  const [a, b] = await Promise.all([load(fast), load(await workbookToExcelJS(spec).xlsx.writeBuffer())]);
  expect(bookView(a)).toEqual(bookView(b));
  for (const ws of b.worksheets) {
    const x = sheetView(a.getWorksheet(ws.name)!);
    const y = sheetView(ws);
    // compared part by part, so that a difference names its part
    for (const k of Object.keys(y) as Array<keyof typeof y>) expect([ws.name, k, x[k]]).toEqual([ws.name, k, y[k]]);
  }
}

describe('the month workbook written directly holds what the ExcelJS rendering holds', () => {
  test.each(['zh', 'en'] as const)('%s: 12 agents with records, plain formulas, a quarter with earlier months', async (lang) => {
    const rm = randomMonth(
      11,
      12,
      quarterMonths(month, 'calendar').filter((m) => m !== month),
    );
    const spec = buildWorkbook({
      month,
      agents: rm.agents,
      inputs: {},
      records: randomRecords(5, rm, month, 6),
      history: rm.history,
      lang,
      mode: 'plain',
    });
    expect(spec.sheets.find((s) => s.key === 'summary')!.autoFilter).toBeDefined();
    await expectSameFile(spec);
  });

  test('=KPI.… formulas, typed inputs, no records', async () => {
    const rm = randomMonth(12, 7, []);
    await expectSameFile(buildWorkbook({ month, agents: rm.agents, inputs: rm.inputs, lang: 'en', mode: 'kpi' }));
  });

  test('a merged month: the records name their workbook (source column)', async () => {
    const rm = randomMonth(13, 6, []);
    const records = randomRecords(6, rm, month, 3).map((r, i) => ({ ...r, source: i % 2 ? 'a.xlsx' : 'b & <c>.xlsx' }));
    await expectSameFile(buildWorkbook({ month, agents: rm.agents, inputs: {}, records, lang: 'zh', mode: 'plain' }));
  });

  test('the file: every part deflated, docProps named in the package, nothing ExcelJS needs missing', async () => {
    const rm = randomMonth(14, 3, []);
    const z = await JSZip.loadAsync(await workbookBuffer(buildWorkbook({ month, agents: rm.agents, lang: 'en' })), { checkCRC32: true });
    const types = await z.file('[Content_Types].xml')!.async('string');
    for (const name of Object.keys(z.files)) {
      if (name === '[Content_Types].xml' || name.endsWith('.rels')) continue;
      expect([name, types.includes(`PartName="/${name}"`)]).toEqual([name, true]);
    }
    expect(Object.keys(z.files)).toContain('docProps/core.xml');
  });
});
