/**
 * The same view of a workbook as `fast-read.ts` (`ReadWorkbook`), read by ExcelJS: the reference the fast
 * reader is tested against (test/fast-read.test.ts), and the reader `score` falls back on when the fast
 * one refuses a file, so that a damaged file gets the messages it always got (ExcelJS fails, then
 * `diagnoseXlsx` names the part). Loaded only then: ExcelJS takes longer to load than a whole score.
 */
import ExcelJS from 'exceljs';
import { CellValue, ReadCell, ReadWorkbook } from './fast-read';
import { XlsxPackage, diagnoseXlsx } from './package';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !(v instanceof Date);

/** A cell's value as a plain scalar: formulas by their stored result, rich text joined, errors as their code. */
function plain(cell: ExcelJS.Cell): CellValue {
  const v = cell.value as unknown;
  if (isObj(v) && ('formula' in v || 'sharedFormula' in v)) {
    // cell.result keeps 0, FALSE and "" (cell.value drops falsy results)
    return resultOf(cell.result as unknown);
  }
  return resultOf(v);
}

function resultOf(v: unknown): CellValue {
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  if (isObj(v)) {
    if (Array.isArray(v.richText)) return (v.richText as Array<{ text: string }>).map((t) => t.text).join('');
    if ('error' in v) return String(v.error);
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return resultOf(v.result);
  }
  return null;
}

const isFormula = (cell: ExcelJS.Cell): boolean => {
  const v = cell.value as unknown;
  return isObj(v) && ('formula' in v || 'sharedFormula' in v);
};

const view = (cell: ExcelJS.Cell): ReadCell => ({ value: plain(cell), formula: isFormula(cell) });

/** An ExcelJS workbook seen as `ReadWorkbook`. */
export function excelJsView(wb: ExcelJS.Workbook): ReadWorkbook {
  return {
    sheet(name) {
      const ws = wb.getWorksheet(name);
      if (!ws) return undefined;
      return {
        name,
        rowCount: ws.rowCount,
        cell: (address) => view(ws.getCell(address)),
        cellAt: (row, col) => view(ws.getCell(row, col)),
        rowValues: (row, cols) => cols.map((c) => plain(ws.getCell(row, c))),
      };
    },
    definedNames: wb.definedNames.model as Array<{ name: string; ranges: string[] }>,
  };
}

/** Worksheet XML parts the reader does not need (ExcelJS `ignoreNodes`). */
const READ_IGNORED = [
  'dataValidations',
  'conditionalFormatting',
  'mergeCells',
  'rowBreaks',
  'colBreaks',
  'pageMargins',
  'pageSetup',
  'printOptions',
  'headerFooter',
  'sheetProtection',
  'hyperlinks',
  'drawing',
  'picture',
  'tableParts',
  'extLst',
];

/**
 * Reads a checked package with ExcelJS.
 * @throws Problem naming the part that ExcelJS could not read (`diagnoseXlsx`)
 */
export async function readWithExcelJS(pkg: XlsxPackage): Promise<ReadWorkbook> {
  const wb = new ExcelJS.Workbook();
  try {
    // scoring needs cell values and defined names only: skipping validations, conditional formats,
    // merges and print setup halves ExcelJS's read time
    await wb.xlsx.load(pkg.buf as unknown as ExcelJS.Buffer, { ignoreNodes: READ_IGNORED } as unknown as ExcelJS.XlsxReadOptions);
  } catch (e) {
    throw diagnoseXlsx(pkg, e);
  }
  return excelJsView(wb);
}
