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
 * This module reads the file (Node: fs, iconv-lite for GB18030 CSV, ExcelJS for .xlsx); what the file
 * is comes from sniff.ts, the CSV from csv.ts, and the rules of the import are in `calls-core.ts`,
 * which the task pane uses on a file the user picks.
 *
 * Layer: src/io (imports core, csv-parse, iconv-lite, ExcelJS).
 */
import * as fs from 'fs';
import { Problem } from '../core/problem';
import { CallImport, ImportOptions, Table, checkCallMonth, importCallsTable, isBlankRaw, parseCsvTable } from './calls-core';
import { decodeCsv, firstWorksheet, plainCell } from './inputs';
import { INPUT } from './messages';
import { fileFormat } from './sniff';

export * from './calls-core';

async function readXlsx(file: string, buf: Buffer): Promise<Table> {
  const ws = await firstWorksheet(file, buf);
  const width = ws.columnCount;
  const all: Table['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNo) => {
    const cells: Table['rows'][number]['cells'] = [];
    for (let c = 1; c <= width; c++) cells.push(plainCell(row.getCell(c).value));
    if (cells.some((x) => !isBlankRaw(x))) all.push({ rowNo, cells });
  });
  if (all.length === 0) throw new Problem(INPUT.emptyLogSheet, { file, sheet: ws.name });
  const headers = all[0].cells.map((h) => (h === null ? '' : h instanceof Date ? h.toISOString() : String(h).trim()));
  return { source: { srcKind: 'xlsx', sheet: ws.name }, headers, rows: all.slice(1) };
}

async function readTable(file: string): Promise<Table> {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    throw new Problem(INPUT.cannotReadLog, { file, detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
  }
  const f = fileFormat(file, buf, 'csv-or-xlsx');
  if ('refused' in f) throw f.refused;
  if (f.format === 'xlsx') return readXlsx(file, buf);
  const { text, encoding } = decodeCsv(buf, file);
  return parseCsvTable(file, text, encoding);
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
 * @param file path to a `.csv` (UTF-8 with or without BOM, or GB18030; a comma, or the semicolon or
 *   tab its header row uses more: csv.ts) or an `.xlsx` file (first worksheet; header in the first
 *   non-empty row); its bytes say which (sniff.ts): a zip is read as .xlsx, text as CSV, and text
 *   under an .xlsx, .xlsm or .xls name is refused
 * @param opts.month the month imported, `YYYY-MM`; other months' rows are skipped (and counted)
 * @param opts.agents the roster; `role` decides A01 (pre-sales) versus S01/S02 (after-sales)
 * @param opts.mapping the column mapping; default: `detectPreset` of the file's header row
 * @returns `inputs` employee id → code → value (A01/S01 numbers, S02 text); `unknownAgents` log
 *   agents (trimmed name) not found in the roster with their number of rows in the month; `messages`
 *   human lines saying what was read, imported and skipped, with row numbers (header = row 1)
 * @throws Problem naming the file when it cannot be read, is neither CSV nor .xlsx, lacks a mapped
 *   column (all missing columns are named), has no preset matching its header and no mapping was
 *   given, or the mapping or month is invalid
 */
export async function importCalls(file: string, opts: ImportOptions): Promise<CallImport> {
  checkCallMonth(file, opts.month); // before the file is read: a bad month is the first thing said
  const table = await readTable(file);
  // the entries CSV given as the log (--calls for --entries): said so, not "the header row matches no preset"
  const header = new Set(table.headers.map((h) => h.trim().toLowerCase()));
  if (!opts.mapping && ['employee_id', 'code', 'value'].every((c) => header.has(c))) throw new Problem(INPUT.logIsEntries, { file });
  return importCallsTable(file, table, opts);
}
