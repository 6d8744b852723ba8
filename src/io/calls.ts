/**
 * Import a call-centre log (CSV or .xlsx) into form inputs for one month:
 *
 * - unanswered calls → `A01` (电话响铃3声内未接听, form A) for **pre-sales** agents;
 * - answered calls → `S01` (售后问题处理单量, tickets handled) for **after-sales** agents;
 * - up to `sampleSize` (20) satisfaction ratings → `S02` (客户满意度) as rating letters for
 *   **after-sales** agents, mapped 1–5 → A–D by an editable table (rules S01, S02 and D6 of forms.md).
 *
 * Which columns hold what is a `CallMapping` (a plain, documented object a user can copy and edit);
 * two presets describe the public sample log (`calls-2015q1.csv` and `raw-call-center-dataset.xlsx`).
 *
 * Nothing is dropped silently: log agents that are not in the roster come back in `unknownAgents`,
 * rows with an unparseable date, answered flag or rating are listed by row number in `messages`
 * (the header is row 1: the worksheet row of an .xlsx file, the line a record starts on in a CSV).
 *
 * This module reads the file (Node: fs, iconv-lite for GB18030 CSV, ExcelJS for .xlsx); the rules of the
 * import are in `calls-core.ts`, which the task pane uses on a CSV the user picks.
 *
 * Layer: src/io (imports core, templates, csv-parse, iconv-lite, ExcelJS).
 */
import * as fs from 'fs';
import * as path from 'path';
import { decodeCsv } from './inputs';
import ExcelJS from 'exceljs';
import { CallImport, ImportOptions, Raw, Table, importCallsTable, isBlankRaw, parseCsvTable } from './calls-core';

export * from './calls-core';

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Buffer) => b.length >= 8 && b.readUInt32BE(0) === 0xd0cf11e0 && b.readUInt32BE(4) === 0xa1b11ae1;

function readCsv(file: string, buf: Buffer): Table {
  const { text, encoding } = decodeCsv(buf, file);
  return parseCsvTable(file, text, encoding);
}

/** An ExcelJS cell value as a plain value: formula results, rich text and hyperlinks become their value/text. */
function plainCell(v: ExcelJS.CellValue): Raw {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  const o = v as unknown as Record<string, unknown>;
  if ('result' in o) return plainCell(o.result as ExcelJS.CellValue);
  if ('richText' in o && Array.isArray(o.richText)) return (o.richText as Array<{ text: string }>).map((t) => t.text).join('');
  if ('text' in o) return String(o.text);
  if ('error' in o) return String(o.error);
  return String(v);
}

async function readXlsx(file: string): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new Error(`${file}: not a readable .xlsx workbook (${(e as Error).message})`);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new Error(`${file}: the workbook has no worksheet`);
  const width = ws.columnCount;
  const all: Array<{ rowNo: number; cells: Raw[] }> = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNo) => {
    const cells: Raw[] = [];
    for (let c = 1; c <= width; c++) cells.push(plainCell(row.getCell(c).value));
    if (cells.some((x) => !isBlankRaw(x))) all.push({ rowNo, cells });
  });
  if (all.length === 0) throw new Error(`${file}: the first worksheet "${ws.name}" is empty (no header row)`);
  const headers = all[0].cells.map((h) => (h === null ? '' : h instanceof Date ? h.toISOString() : String(h).trim()));
  return { describe: `xlsx, first worksheet "${ws.name}"`, headers, rows: all.slice(1) };
}

async function readTable(file: string): Promise<Table> {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    throw new Error(`${file}: cannot read the call log (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const ext = path.extname(file).toLowerCase();
  if (isZip(buf)) return readXlsx(file);
  if (ext === '.xlsx' || ext === '.xlsm') throw new Error(`${file}: has an .xlsx name but is not an .xlsx workbook (not a zip file)`);
  if (isOle(buf) || ext === '.xls') throw new Error(`${file}: is an old binary Excel (.xls) or other OLE file; save it as .xlsx or CSV`);
  const head = buf.subarray(0, 8192);
  const looksBinary = head.includes(0) && !(head[0] === 0xff && head[1] === 0xfe) && !(head[0] === 0xfe && head[1] === 0xff);
  if (looksBinary) throw new Error(`${file}: is neither a CSV text file nor an .xlsx workbook`);
  if (head[0] === 0xff && head[1] === 0xfe) throw new Error(`${file}: is UTF-16 text; save the CSV as UTF-8 or GB18030`);
  if (head[0] === 0xfe && head[1] === 0xff) throw new Error(`${file}: is UTF-16 text; save the CSV as UTF-8 or GB18030`);
  return readCsv(file, buf);
}

/**
 * Reads a call-centre log and turns one month of it into form inputs (rules S01, S02 with D6, A01).
 *
 * Per roster agent with at least one call in the month:
 * - pre-sales: `A01` = number of unanswered calls (a count; 2 points each on form A by default);
 * - after-sales: `S01` = number of answered calls (tickets handled), and `S02` = rating letters
 *   (e.g. `"CCADA…"`) of the first `sampleSize` answered, rated calls of the month ordered by
 *   (date, time to the minute, call id in natural order, file row); seconds are ignored so that a
 *   log with seconds (the raw .xlsx) and one with `hh:mm` (the cleaned CSV) give the same sample.
 *   Fewer ratings than `sampleSize` give a shorter string (scaled to 20 by D6); none → no S02 (D11).
 * Roster agents without calls in the month get no inputs (incomplete rather than 0, D11).
 *
 * @param file path to a `.csv` (UTF-8 with or without BOM, or GB18030; delimiter `,`, `;` or tab)
 *   or `.xlsx` file (first worksheet; header in the first non-empty row)
 * @param opts.month the month imported, `YYYY-MM`; other months' rows are skipped (and counted)
 * @param opts.agents the roster; `role` decides A01 (pre-sales) versus S01/S02 (after-sales)
 * @param opts.mapping the column mapping; default: `detectPreset` of the file's header row
 * @returns `inputs` employee id → code → value (A01/S01 numbers, S02 text); `unknownAgents` log
 *   agents (trimmed name) not found in the roster with their number of rows in the month; `messages`
 *   human lines saying what was read, imported and skipped, with row numbers (header = row 1)
 * @throws Error naming the file when it cannot be read, is neither CSV nor .xlsx, lacks a mapped
 *   column (all missing columns are named), has no preset matching its header and no mapping was
 *   given, or the mapping or month is invalid
 */
export async function importCalls(file: string, opts: ImportOptions): Promise<CallImport> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.month ?? '')) throw new Error(`${file}: month "${opts.month}" is not YYYY-MM`);
  return importCallsTable(file, await readTable(file), opts);
}
