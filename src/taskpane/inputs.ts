/**
 * Browser-side input adapter of the task pane: pasted or uploaded CSV text and the roster sheet's
 * cells into agents and entries. The parsing and every value rule are io/records.ts's (the same as the
 * CLI's, through csv-parse's sync API); this file only turns browser things (a File, a sheet's values)
 * into its rows. An uploaded roster .xlsx is unpacked by xlsx-lite.ts (ExcelJS is too heavy for the pane),
 * loaded on demand. This module, io/records.ts and csv-parse are themselves chunk "records" (chunks.ts),
 * fetched when the pane first reads a roster or entries.
 */
import { InputsById, TextRow, csvRows, entriesFromRows, entryRecordsFromRows, rosterFromRows } from '../io/records';
import type { KpiRecord } from '../core/records';
import { Agent, colName } from '../templates/model';
import type { RosterSheet } from '../office/writer';
import { Problem } from '../core/problem';
import { INPUT } from '../io/messages';
import { M } from './messages';

/**
 * The roster from CSV text (`employee_id,name,role,group`).
 * @param label how messages name the source, e.g. `pasted roster` or the file name
 * @throws Problem (io's) naming each bad row
 */
export function parseRoster(text: string, label: string): Agent[] {
  return rosterFromRows(csvRows(text, label), label);
}

/**
 * Entries from CSV text (`employee_id,code,value`) for these agents.
 * @throws Problem (io's) naming each bad row
 */
export function parseEntries(text: string, label: string, agents: Agent[]): InputsById {
  return entriesFromRows(csvRows(text, label), label, agents);
}

/**
 * Entries from CSV text as records of `month` (D12): the counts as records (optional columns date,
 * evidence, recorded_by, status; a row without a date is a month-level record), the monthly figures typed.
 * @throws Problem (io's) naming each bad row, also a date outside the month and an unknown status
 */
export function parseEntryRecords(
  text: string,
  label: string,
  agents: Agent[],
  month: string,
): { inputs: InputsById; records: KpiRecord[] } {
  return entryRecordsFromRows(csvRows(text, label), label, agents, month);
}

const ID_HEADERS = ['employee_id', 'employeeid', 'employee-id', 'id', '工号', '员工编号', '编号'];

/**
 * The roster from the cells of a roster sheet (as the template writes it: a title, then the header
 * 工号/ID, 姓名/Name, 岗位/Role, 组/Group, then one row per agent). The header is the first row with an
 * id column; messages name the sheet's cells.
 * @throws Problem pane.noHeaderRow when no header row is found; io's when a row is bad
 */
export function rosterFromSheet(sheet: RosterSheet): Agent[] {
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const rows: TextRow[] = sheet.values.map((line, i) => {
    const r = sheet.row + i;
    return {
      cells: line.map(text),
      where: { file: sheet.sheet, row: r },
      cell: (c: number) => `${sheet.sheet}!${colName(sheet.col + c)}${r}`,
    };
  });
  const h = rows.findIndex((r) => r.cells.some((c) => ID_HEADERS.includes(c.trim().toLowerCase())));
  if (h < 0) throw new Problem(M.noHeaderRow, { sheet: sheet.sheet });
  return rosterFromRows(rows.slice(h), sheet.sheet);
}

/**
 * Reads an uploaded CSV file as text: UTF-8 (BOM dropped) when valid, otherwise GB18030 (what Excel
 * in Chinese locales saves as "CSV"). Refuses .xlsx/.xls (zip or OLE bytes) with a message.
 * @throws Problem pane.workbookNotCsv for a workbook, input.notUtf8OrGb for bytes neither decoder takes
 */
export async function readCsvFile(file: Blob & { name?: string }): Promise<string> {
  const name = file.name ?? 'file';
  const buf = new Uint8Array(await blobBytes(file));
  if ((buf[0] === 0x50 && buf[1] === 0x4b) || (buf[0] === 0xd0 && buf[1] === 0xcf)) {
    throw new Problem(M.workbookNotCsv, { file: name });
  }
  return decodeCsvBytes(buf, name).text;
}

/**
 * Decodes CSV bytes as the CLI does (io/calls.ts): UTF-8, with or without BOM, when the bytes are valid
 * UTF-8; otherwise GB18030 (`TextDecoder('gb18030')`, which browsers and Node with full ICU have).
 * @param name the file's name, for the message
 * @returns the text without BOM and the encoding used
 * @throws Problem input.notUtf8OrGb when neither decoder accepts the bytes
 */
export function decodeCsvBytes(buf: Uint8Array, name = 'file'): { text: string; encoding: 'UTF-8' | 'GB18030' } {
  const body = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'UTF-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030').decode(body), encoding: 'GB18030' };
    } catch {
      throw new Problem(INPUT.notUtf8OrGb, { file: name });
    }
  }
}

/** The bytes of a File or Blob (FileReader where Blob.arrayBuffer is missing). */
export function blobBytes(file: Blob): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result as ArrayBuffer);
    r.onerror = () => reject(r.error);
    r.readAsArrayBuffer(file);
  });
}

/** Whether this browser can unpack .xlsx (DecompressionStream with deflate-raw: Chromium 103+, Safari 16.4+). */
export function canReadXlsx(): boolean {
  try {
    return typeof DecompressionStream === 'function' && !!new DecompressionStream('deflate-raw');
  } catch {
    return false;
  }
}

/** Whether a file name or type says it is a workbook rather than CSV. */
export function isWorkbookFile(file: { name?: string; type?: string }): boolean {
  return /\.(xlsx|xlsm|xls)$/i.test(file.name ?? '') || /spreadsheetml|ms-excel/.test(file.type ?? '');
}

/**
 * The roster from an uploaded .xlsx: its 花名册/Roster sheet (else the first sheet), read like the open
 * workbook's roster sheet (`rosterFromSheet`); messages name the file, the sheet and the cell.
 * @param sheetNames the roster sheet's names to look for
 * @throws Problem for an .xls (OLE) file (pane.rosterXls), a file that is not an .xlsx (pane.xlsxUnreadable), or bad rows
 */
export async function readRosterXlsx(
  file: Blob & { name?: string },
  sheetNames: string[],
): Promise<{ sheet: RosterSheet; agents: Agent[] }> {
  const name = file.name ?? 'file';
  const bytes = new Uint8Array(await blobBytes(file));
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) throw new Problem(M.rosterXls, { file: name });
  const { readXlsxSheet, unreadableXlsx } = await import(/* webpackChunkName: "xlsx" */ './xlsx-lite');
  let sheet: RosterSheet;
  try {
    sheet = await readXlsxSheet(bytes, sheetNames);
  } catch (e) {
    throw unreadableXlsx(name, e);
  }
  const labelled = { ...sheet, sheet: `${name} › ${sheet.sheet}` };
  return { sheet: labelled, agents: rosterFromSheet(labelled) };
}
