/**
 * Helpers of the Excel-limits tests (test/excel-limits*.test.ts): a generated workbook in either rendering
 * as the checker of src/core/excel-limits.ts reads it — the .xlsx file's XML parts (unzipped with JSZip,
 * ExcelJS's own zip library) or what the Office.js writer left in the fake Excel — and the check that a
 * rendering holds every formula, validation, format and name of the spec and breaks no limit.
 */
import JSZip from 'jszip';
import { LimitsSheet, LimitsView, checkLimits, limitsViewOfXlsxParts } from '../../src/core/excel-limits';
import { insertIntoWorkbook } from '../../src/office/writer';
import { WorkbookSpec, parseAddr } from '../../src/templates/model';
import { buildWorkbook, quarterMonths } from '../../src/templates/workbook';
import { workbookBuffer } from '../../src/xlsx/writer';
import { FakeWorkbook } from './fakeExcel';
import { randomMonth } from './random';

export const MONTH = '2024-03';

/** The XML parts of an .xlsx (zip path → text). */
export async function xlsxParts(buf: Buffer | ArrayBuffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(buf);
  const parts: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) if (/\.(xml|rels)$/.test(name)) parts[name] = await zip.files[name].async('string');
  return parts;
}

/** What the Office.js writer left in the fake Excel, as the checker reads it (column widths back from points to characters). */
export function viewOfFake(wb: FakeWorkbook): LimitsView {
  const sheets = wb.sheetNames.map((name): LimitsSheet => {
    const s = wb.sheet(name)!;
    const cells: LimitsSheet['cells'] = [];
    for (const [address, c] of s.cells) {
      if (c.formula !== undefined) cells.push({ address, formula: c.formula });
      else if (typeof c.value === 'string') cells.push({ address, text: c.value });
    }
    return {
      name,
      cells,
      validations: s.validations.map((v) => {
        const [type, rule] = Object.entries(v.rule)[0] as [string, Record<string, unknown>];
        const f = (x: unknown) => (x === undefined ? {} : { formula1: String(x) });
        const formulas =
          type === 'custom'
            ? f(rule.formula)
            : type === 'list'
              ? f(rule.source)
              : { ...f(rule.formula1), ...(rule.formula2 !== undefined ? { formula2: String(rule.formula2) } : {}) };
        return {
          range: v.address,
          type: type === 'wholeNumber' ? 'whole' : type,
          ...formulas,
          ...(v.prompt ? { prompt: v.prompt.message, promptTitle: v.prompt.title } : {}),
          ...(v.errorAlert ? { error: v.errorAlert.message, errorTitle: v.errorAlert.title } : {}),
        };
      }),
      conditionalFormats: s.conditionalFormats.map((c) => ({ range: c.address, formula: c.formula ?? '' })),
      rowHeights: [...s.rowHeights.entries()],
      columnWidths: [...s.colWidths.entries()].map(([c, pts]) => [c, (pts / 0.75 - 5) / 7]),
      // a break added at A(r+1) is a break after row r
      rowBreaks: s.pageBreaks.map((a) => parseAddr(a.split(':')[0]).row - 1),
      colBreaks: s.verticalPageBreaks.map(() => 0),
    };
  });
  const names: LimitsView['names'] = [...wb.names.values()].map((n) => ({
    name: n.name,
    ref: n.ref,
    ...(n.comment !== undefined ? { comment: n.comment } : {}),
  }));
  for (const name of wb.sheetNames) {
    const p = wb.sheet(name)!.page;
    if (typeof p.printArea === 'string') names.push({ name: '_xlnm.Print_Area', ref: p.printArea, sheet: name });
    if (typeof p.printTitleRows === 'string') names.push({ name: '_xlnm.Print_Titles', ref: p.printTitleRows, sheet: name });
  }
  return { sheets, names };
}

export interface LimitsCase {
  lang: 'zh' | 'en';
  mode: 'kpi' | 'plain';
  n: number;
}

/** zh and en × =KPI.… and plain × 1, 80 and 500 agents. */
export const LIMITS_CASES: LimitsCase[] = (['zh', 'en'] as const).flatMap((lang) =>
  (['kpi', 'plain'] as const).flatMap((mode) => [1, 80, 500].map((n) => ({ lang, mode, n }))),
);

/** A random month of `n` agents (inputs and quarter history in the cells; names such as `=cmd`, `@home`). */
export function specOf(c: LimitsCase): WorkbookSpec {
  const rm = randomMonth(
    600 + c.n,
    c.n,
    quarterMonths(MONTH, 'calendar').filter((m) => m !== MONTH),
  );
  return buildWorkbook({ month: MONTH, agents: rm.agents, inputs: rm.inputs, history: rm.history, lang: c.lang, mode: c.mode });
}

/** The .xlsx file of the spec as Excel reads it. */
export async function viewOfXlsx(spec: WorkbookSpec): Promise<LimitsView> {
  return limitsViewOfXlsxParts(await xlsxParts(await workbookBuffer(spec)));
}

/** The whole spec inserted by the Office.js writer into a fresh fake Excel. */
export async function viewOfOffice(spec: WorkbookSpec): Promise<LimitsView> {
  const wb = new FakeWorkbook();
  await insertIntoWorkbook(spec, { run: wb.run });
  return viewOfFake(wb);
}

/** Cells of a range text (`A1:B2 C3`). */
function cellCount(range: string): number {
  return range
    .split(/[\s,]+/)
    .filter(Boolean)
    .reduce((n, a) => {
      const [p, q] = a.split(':').map((x) => parseAddr(x));
      return n + (q ? (q.row - p.row + 1) * (q.col - p.col + 1) : 1);
    }, 0);
}

/**
 * The rendering was read, not skipped (every sheet, formula cell, conditional format, validated cell and
 * defined name of the spec is in it; every after-sales agent's S02 cell has the short ratings rule), and
 * it breaks none of Excel's limits.
 */
export function expectWithinLimits(spec: WorkbookSpec, view: LimitsView): void {
  for (const s of spec.sheets) {
    const got = view.sheets.find((x) => x.name === s.name);
    expect(got?.name).toBe(s.name);
    expect(`${s.name} ${got!.cells.filter((x) => x.formula !== undefined).length}`).toBe(
      `${s.name} ${s.cells.filter((x) => x.formula !== undefined).length}`,
    );
    expect(got!.conditionalFormats.length).toBe(s.conditionalFormats.length);
  }
  const validated = view.sheets.reduce((n, s) => n + s.validations.reduce((k, v) => k + cellCount(v.range), 0), 0);
  expect(validated).toBe(spec.sheets.reduce((n, s) => n + s.cells.filter((c) => c.validation).length, 0));
  for (const n of spec.names) expect(view.names.some((x) => x.name === n.name)).toBe(true);
  expect(checkLimits(view)).toEqual([]);
  for (const lay of spec.layout.filter((l) => l.agent.role === 'after-sales')) {
    const s = view.sheets.find((x) => x.name === lay.inputs.S02.sheet)!;
    const v = s.validations.find((x) => x.range.split(/[\s,]+/).includes(lay.inputs.S02.address));
    expect(v?.formula1?.replace(/^=/, '')).toMatch(/^LEN\(SUBSTITUTE\(/);
  }
}
