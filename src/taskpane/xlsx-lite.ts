/**
 * Reads the cells of one sheet of an .xlsx file in the browser without ExcelJS (which would not fit the
 * task pane's size budget): the zip's central directory, `DecompressionStream('deflate-raw')` for the
 * parts, `DOMParser` for their XML. Only what a roster and a call log need: the sheet named 花名册/Roster (else the
 * first sheet), shared strings, inline strings, numbers (dates are their serial numbers), booleans;
 * formulas give their cached value. The call-log import (call-log.ts) reads a log's first sheet with it;
 * "add another supervisor's workbook" (merge-file.ts) reads a month workbook's defined names and the sheets
 * they and the month need (`readXlsxBook`).
 * No zip64, no encryption (an encrypted workbook is not a zip: it is refused as such).
 *
 * Loaded on demand (webpack chunk "xlsx"): inputs.ts and call-log.ts import it dynamically when a
 * workbook is picked, so the pane's initial bundle does not carry it; `canReadXlsx` (inputs.ts) says
 * beforehand whether this browser can unpack one.
 */
import type { RosterSheet } from '../office/writer';
import { Problem } from '../core/problem';
import { M, ZipParams } from './messages';

/** A file xlsx-lite cannot read: the reason, worded where it is shown (the file's name is added there). */
const damaged = (p: ZipParams) => new Problem(M.zip, p);

/**
 * The problem of an uploaded .xlsx that `readXlsxSheet` refused, naming the file: its reason, or the
 * message of another error (the browser's inflater on a damaged part).
 */
export function unreadableXlsx(file: string, e: unknown): Problem {
  const p: ZipParams =
    e instanceof Problem && e.code === M.zip.code ? e.params : { reason: 'other', detail: String((e as Error)?.message ?? e) };
  return new Problem(M.xlsxUnreadable, { ...p, file }, { cause: e });
}

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts of a zip: name → a function that inflates it. */
function zipEntries(b: Uint8Array): Map<string, () => Promise<Uint8Array>> {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65557); i--) {
    if (v.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged({ reason: 'notZip' });
  const out = new Map<string, () => Promise<Uint8Array>>();
  const names = new TextDecoder();
  let p = v.getUint32(eocd + 16, true);
  for (let n = v.getUint16(eocd + 10, true); n > 0; n--) {
    if (v.getUint32(p, true) !== 0x02014b50) throw damaged({ reason: 'badDirectory' });
    const method = v.getUint16(p + 10, true);
    const size = v.getUint32(p + 20, true);
    const nameLen = v.getUint16(p + 28, true);
    const local = v.getUint32(p + 42, true);
    const name = names.decode(b.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
    out.set(name, async () => {
      const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
      const data = b.subarray(start, start + size);
      if (method === 0) return data;
      if (method !== 8) throw damaged({ reason: 'compression', part: name, method });
      return inflate(data);
    });
  }
  return out;
}

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const ds = new DecompressionStream('deflate-raw');
  const w = ds.writable.getWriter();
  // not awaited: the reader below drains the stream; errors surface there
  w.write(data as Uint8Array<ArrayBuffer>).catch(() => undefined);
  w.close().catch(() => undefined);
  const r = ds.readable.getReader();
  const chunks: Uint8Array[] = [];
  let len = 0;
  for (;;) {
    const { done, value } = await r.read();
    if (done) break;
    chunks.push(value);
    len += value.length;
  }
  const out = new Uint8Array(len);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

const all = (d: Document | Element, tag: string) => Array.from(d.getElementsByTagNameNS('*', tag));
/** The text of an element's <t> parts (rich text runs), phonetic runs left out. */
const textOf = (e: Element) =>
  all(e, 't')
    .filter((t) => (t.parentElement?.localName ?? '') !== 'rPh')
    .map((t) => t.textContent ?? '')
    .join('');

function colOf(ref: string): { col: number } {
  let col = 0;
  for (const ch of /^\$?([A-Z]+)/.exec(ref)?.[1] ?? 'A') col = col * 26 + ch.charCodeAt(0) - 64;
  return { col };
}

/** The workbook's parts as xlsx-lite reads them: its sheets (name → part), shared strings and defined names. */
async function openBook(bytes: Uint8Array) {
  const zip = zipEntries(bytes);
  const dec = new TextDecoder();
  const xml = async (name: string): Promise<Document | null> => {
    const get = zip.get(name);
    return get ? new DOMParser().parseFromString(dec.decode(await get()), 'application/xml') : null;
  };
  const wb = await xml('xl/workbook.xml');
  if (!wb) throw damaged({ reason: 'noWorkbook' });
  const sheets = all(wb, 'sheet').map((s) => ({
    name: s.getAttribute('name') ?? '',
    rid: s.getAttributeNS(REL_NS, 'id') ?? s.getAttribute('r:id') ?? '',
  }));
  const rels = await xml('xl/_rels/workbook.xml.rels');
  const partOf = (rid: string) => {
    const target = (rels ? all(rels, 'Relationship') : []).find((r) => r.getAttribute('Id') === rid)?.getAttribute('Target') ?? '';
    return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  };
  let shared: string[] | undefined;
  const sharedStrings = async () => {
    if (!shared) {
      const sst = await xml('xl/sharedStrings.xml');
      shared = sst ? all(sst, 'si').map(textOf) : [];
    }
    return shared;
  };
  // workbook-scoped names only: a sheet's own names (localSheetId) and Excel's (_xlnm.Print_Area…) are not the month's
  const names = all(wb, 'definedName')
    .filter((d) => d.getAttribute('localSheetId') === null && !(d.getAttribute('name') ?? '').startsWith('_xlnm.'))
    .map((d) => ({ name: d.getAttribute('name') ?? '', ref: (d.textContent ?? '').trim() }));
  return { xml, sheets, partOf, sharedStrings, names };
}

/** The used cells of a sheet's XML: each cell's row, column and value. */
function sheetCells(ws: Document, shared: string[]): Array<{ row: number; col: number; v: string | number | boolean }> {
  const cells: Array<{ row: number; col: number; v: string | number | boolean }> = [];
  let row = 0;
  for (const r of all(ws, 'row')) {
    row = Number(r.getAttribute('r') ?? row + 1);
    let col = 0;
    for (const c of all(r, 'c')) {
      // r="B3" is optional: without it a cell follows the previous one
      const at = c.getAttribute('r');
      col = at ? colOf(at).col : col + 1;
      const t = c.getAttribute('t') ?? 'n';
      const raw = all(c, 'v')[0]?.textContent ?? '';
      let v: string | number | boolean;
      if (t === 's') v = shared[Number(raw)] ?? '';
      else if (t === 'inlineStr') v = textOf(c);
      else if (t === 'b') v = raw === '1';
      // t="d" (an ISO 8601 date, rare) stays text rather than becoming NaN
      else if (t === 'str' || t === 'e' || t === 'd') v = raw;
      else if (raw === '') continue;
      else v = Number(raw);
      if (v !== '') cells.push({ row, col, v });
    }
  }
  return cells;
}

/** The cells as a rectangle from the top-left used cell (blank cells ''). */
function gridOf(sheet: string, cells: Array<{ row: number; col: number; v: string | number | boolean }>): RosterSheet {
  if (!cells.length) return { sheet, values: [['']], row: 1, col: 1 };
  // a loop, not Math.min(...cells): a call log's tens of thousands of cells would overflow the arguments
  let [r1, c1, r2, c2] = [Infinity, Infinity, 0, 0];
  for (const c of cells) {
    r1 = Math.min(r1, c.row);
    c1 = Math.min(c1, c.col);
    r2 = Math.max(r2, c.row);
    c2 = Math.max(c2, c.col);
  }
  const values: unknown[][] = Array.from({ length: r2 - r1 + 1 }, () => new Array(c2 - c1 + 1).fill(''));
  for (const c of cells) values[c.row - r1][c.col - c1] = c.v;
  return { sheet, values, row: r1, col: c1 };
}

/**
 * The used cells of the roster sheet (花名册 / Roster, compared case-insensitively; else the first
 * sheet) of an .xlsx file, as `readRosterSheet` gives them from the open workbook.
 * @param sheetNames the names to look for first
 * @throws Problem pane.zip when the bytes are not an .xlsx workbook (the reason in its parameters); the
 *   browser's inflater may throw its own error for a damaged part
 */
export async function readXlsxSheet(bytes: Uint8Array, sheetNames: string[]): Promise<RosterSheet> {
  const book = await openBook(bytes);
  const want = sheetNames.map((n) => n.toLowerCase());
  const sheet = book.sheets.find((s) => want.includes(s.name.toLowerCase())) ?? book.sheets[0];
  if (!sheet) throw damaged({ reason: 'noSheet' });
  const path = book.partOf(sheet.rid);
  const ws = await book.xml(path);
  if (!ws) throw damaged({ reason: 'sheetMissing', sheet: sheet.name, part: path });
  return gridOf(sheet.name, sheetCells(ws, await book.sharedStrings()));
}

/** A workbook file as the department merge reads it (office/month-cells.ts): its sheets' names, its defined names, any sheet's cells. */
export interface XlsxBook {
  sheetNames: string[];
  /** workbook-scoped defined names and their references (`'规则'!$C$4`) */
  names: Array<{ name: string; ref: string }>;
  /** a sheet's used cells (its name compared case-insensitively), read when first asked for; null when there is no such sheet */
  sheet(name: string): Promise<RosterSheet | null>;
}

/**
 * Opens an .xlsx file for reading several of its sheets (the month workbook an "add another supervisor's
 * workbook" merges): the sheets are unpacked one by one, when asked for.
 * @throws Problem pane.zip as `readXlsxSheet`
 */
export async function readXlsxBook(bytes: Uint8Array): Promise<XlsxBook> {
  const book = await openBook(bytes);
  const read = new Map<string, Promise<RosterSheet | null>>();
  return {
    sheetNames: book.sheets.map((s) => s.name),
    names: book.names,
    sheet: (name) => {
      const s = book.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!s) return Promise.resolve(null);
      if (!read.has(s.name))
        read.set(
          s.name,
          (async () => {
            const path = book.partOf(s.rid);
            const ws = await book.xml(path);
            if (!ws) throw damaged({ reason: 'sheetMissing', sheet: s.name, part: path });
            return gridOf(s.name, sheetCells(ws, await book.sharedStrings()));
          })(),
        );
      return read.get(s.name)!;
    },
  };
}
