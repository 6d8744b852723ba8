/**
 * Reads the cells of one sheet of an .xlsx file in the browser without ExcelJS (which would not fit the
 * task pane's size budget): the zip's central directory, `DecompressionStream('deflate-raw')` for the
 * parts, `DOMParser` for their XML. Only what a roster and a call log need: the sheet named 花名册/Roster (else the
 * first sheet), shared strings, inline strings, numbers (dates are their serial numbers), booleans;
 * formulas give their cached value. The call-log import (call-log.ts) reads a log's first sheet with it.
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

/**
 * The used cells of the roster sheet (花名册 / Roster, compared case-insensitively; else the first
 * sheet) of an .xlsx file, as `readRosterSheet` gives them from the open workbook.
 * @param sheetNames the names to look for first
 * @throws Problem pane.zip when the bytes are not an .xlsx workbook (the reason in its parameters); the
 *   browser's inflater may throw its own error for a damaged part
 */
export async function readXlsxSheet(bytes: Uint8Array, sheetNames: string[]): Promise<RosterSheet> {
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
  const want = sheetNames.map((n) => n.toLowerCase());
  const sheet = sheets.find((s) => want.includes(s.name.toLowerCase())) ?? sheets[0];
  if (!sheet) throw damaged({ reason: 'noSheet' });
  const rels = await xml('xl/_rels/workbook.xml.rels');
  const target = (rels ? all(rels, 'Relationship') : []).find((r) => r.getAttribute('Id') === sheet.rid)?.getAttribute('Target') ?? '';
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const ws = await xml(path);
  if (!ws) throw damaged({ reason: 'sheetMissing', sheet: sheet.name, part: path });
  const sst = await xml('xl/sharedStrings.xml');
  const shared = sst ? all(sst, 'si').map(textOf) : [];

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
  if (!cells.length) return { sheet: sheet.name, values: [['']], row: 1, col: 1 };
  // a loop, not Math.min(...cells): a call log's tens of thousands of cells would overflow the arguments
  let [r1, c1, r2, c2] = [Infinity, Infinity, 0, 0];
  for (const c of cells) {
    r1 = Math.min(r1, c.row);
    c1 = Math.min(c1, c.col);
    r2 = Math.max(r2, c.row);
    c2 = Math.max(c2, c.col);
  }
  const rows = r2 - r1 + 1;
  const cols = c2 - c1 + 1;
  const values: unknown[][] = Array.from({ length: rows }, () => new Array(cols).fill(''));
  for (const c of cells) values[c.row - r1][c.col - c1] = c.v;
  return { sheet: sheet.name, values, row: r1, col: c1 };
}
