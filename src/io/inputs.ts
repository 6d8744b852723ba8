/**
 * The CLI's input files: the roster (CSV or .xlsx) and the entries (CSV), read from disk.
 * Text files are UTF-8 (with or without BOM) or GB18030 (what Excel in Chinese locales writes for
 * "CSV"); anything else (a zip/.xlsx where CSV is expected, a PDF, an old .xls, UTF-16 text, binary
 * data) is refused with a message saying what it is (sniff.ts). Parsing and the value rules live in
 * `records.ts` and `csv.ts`; every problem is a `Problem` of messages.ts.
 */
import * as fs from 'fs';
import type ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { Agent } from '../core/agent';
import { Problem } from '../core/problem';
import { INPUT } from './messages';
import type { KpiRecord } from '../core/records';
import { InputsById, TextRow, csvRows, entriesFromRows, entryRecordsFromRows, rosterFromRows } from './records';
import { fileFormat, unreadableXlsx } from './sniff';

export * from './records';

function readBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Problem(INPUT.noSuchFile, { file });
    if (code === 'EISDIR') throw new Problem(INPUT.isFolder, { file });
    throw new Problem(INPUT.cannotRead, { file, detail: code ?? String(e) });
  }
}

/**
 * Reads a text (CSV) file and decodes it: UTF-8 when the bytes are valid UTF-8 (a BOM is dropped),
 * otherwise GB18030 (Excel in Chinese locales).
 * @param file path as the user gave it (messages name it so)
 * @returns the text, without BOM
 * @throws Problem when the file is missing, is not text (zip/.xlsx, PDF, .xls, UTF-16, binary),
 *   or is neither UTF-8 nor GB18030
 */
export function readTextFile(file: string): string {
  return decodeText(readBytes(file), file);
}

/**
 * Decodes the bytes of a CSV file (see `readTextFile`).
 * @throws Problem naming `file` when the bytes are not UTF-8 or GB18030 text
 */
export function decodeText(buf: Buffer, file: string): string {
  return decodeCsv(buf, file).text;
}

/**
 * Decodes CSV bytes (Node; the task pane has its own TextDecoder-based twin in taskpane/inputs.ts):
 * UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), otherwise GB18030 via iconv-lite. Bytes
 * that are not text are refused first, as where only CSV is taken (sniff.ts `fileFormat`).
 * @returns the text without BOM and the encoding used
 * @throws Problem naming `file` when the bytes are binary (zip/.xlsx, PDF, .xls, UTF-16…) or neither
 *   UTF-8 nor GB18030 text
 */
export function decodeCsv(buf: Buffer, file: string): { text: string; encoding: 'UTF-8' | 'GB18030' } {
  const f = fileFormat(file, buf, 'csv');
  if ('refused' in f) throw f.refused;
  let body = buf;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) body = buf.subarray(3);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'UTF-8' };
  } catch {
    const text = iconv.decode(body, 'gb18030');
    if (text.includes('\uFFFD')) throw new Problem(INPUT.notUtf8OrGb, { file });
    return { text, encoding: 'GB18030' };
  }
}

/**
 * An ExcelJS cell value as a plain value: a formula by its cached result, rich text and hyperlinks by
 * their text, an error by its text (`#N/A`); a formula without a cached result is blank (null).
 */
export function plainCell(v: ExcelJS.CellValue): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    // a hyperlink's text may itself be rich text
    if ('text' in v) return plainCell(v.text as ExcelJS.CellValue);
    if ('result' in v) return plainCell(v.result as ExcelJS.CellValue);
    if ('error' in v) return String(v.error);
  }
  return null;
}

/** A cell of an .xlsx sheet as text: rich text joined, formulas by their result, numbers as written, a date as YYYY-MM-DD. */
export function cellToText(v: ExcelJS.CellValue): string {
  const p = plainCell(v);
  return p === null ? '' : p instanceof Date ? p.toISOString().slice(0, 10) : String(p);
}

/**
 * The first worksheet of an .xlsx file's bytes (the roster's, the call log's), read with ExcelJS.
 * @throws Problem when the bytes are not a readable workbook or it has no worksheet
 */
export async function firstWorksheet(file: string, buf: Buffer): Promise<ExcelJS.Worksheet> {
  // loaded here, not at the top: a CSV roster or entries file does not pay ExcelJS's ~0.5 s load
  const { Workbook } = (await import('exceljs')).default;
  const wb = new Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer); // ExcelJS types its Buffer as an ArrayBuffer
  } catch (e) {
    throw unreadableXlsx(file, (e as Error).message);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new Problem(INPUT.noWorksheet, { file });
  return ws;
}

async function xlsxRows(file: string, buf: Buffer): Promise<TextRow[]> {
  const ws = await firstWorksheet(file, buf);
  const rows: TextRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 1); c++) cells.push(cellToText(row.getCell(c).value));
    if (cells.every((c) => c.trim() === '')) return;
    rows.push({ cells, where: { file, sheet: ws.name, row: n }, cell: (col) => `${file} ${ws.name}!${row.getCell(col + 1).address}` });
  });
  return rows;
}

/**
 * Reads the roster: a CSV file (`employee_id,name,role,group`, role `pre-sales`/`after-sales` or
 * `售前`/`售后`) or an .xlsx workbook (its first sheet, same header; a kpi-forms month workbook: its roster sheet).
 * Async because an .xlsx roster is read with ExcelJS.
 * @returns the agents in file order
 * @throws Problem naming the file and row (or cell): empty roster, duplicate id, bad role, missing column,
 *   a file that is neither CSV text nor .xlsx
 */
export async function parseRoster(file: string): Promise<Agent[]> {
  const buf = readBytes(file);
  const f = fileFormat(file, buf, 'csv-or-xlsx');
  if ('refused' in f) throw f.refused;
  if (f.format === 'xlsx') return (await monthWorkbookRoster(file)) ?? rosterFromRows(await xlsxRows(file, buf), file);
  return rosterFromRows(csvRows(decodeText(buf, file), file), file);
}

/**
 * The roster sheet (花名册/Roster) of a kpi-forms month workbook given as the roster (last month's workbook for the
 * next month), or null for any other .xlsx: its first sheet is the summary, whose merged title is no header.
 */
async function monthWorkbookRoster(file: string): Promise<Agent[] | null> {
  const { readRoster, readRules, readWorkbookFile } = await import('../xlsx/reader');
  let wb: Awaited<ReturnType<typeof readWorkbookFile>>;
  try {
    wb = await readWorkbookFile(file);
  } catch {
    return null; // not readable as a month workbook: the roster reader below says what the file is
  }
  if (!wb.definedNames.some((n) => n.name.toUpperCase() === 'KPI_MONTH')) return null;
  return readRoster(wb, file, readRules(wb, file).lang);
}

/**
 * Reads the entries CSV (`employee_id,code,value`) of a month against the roster. The rules of each
 * code are forms.md's (see `checkValue` and `entriesFromRows` in records.ts).
 * @returns employee id → code → value (counts added up, S02 letters joined)
 * @throws Problem naming the file, the CSV row and the rule broken
 */
export function parseEntries(file: string, agents: Agent[]): InputsById {
  return entriesFromRows(csvRows(readTextFile(file), file), file, agents);
}

/**
 * Reads the entries CSV of `month` as records (D12): the optional columns date, evidence, recorded_by and
 * status (records.ts `entryRecordsFromRows`); a 3-column file gives month-level records.
 * @throws Problem naming the file and row: as `parseEntries`, and a date outside the month, an unknown status
 */
export function parseEntryRecords(file: string, agents: Agent[], month: string): { inputs: InputsById; records: KpiRecord[] } {
  return entryRecordsFromRows(csvRows(readTextFile(file), file), file, agents, month);
}
