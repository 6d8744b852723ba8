/**
 * What a file is, from its first bytes, and the one set of messages for a file of the wrong kind: used
 * wherever an input file is read (roster, entries, call log; the CLI in Node, the task pane in the
 * browser: bytes only, no Node modules).
 *
 * The sniffer names what a user gets by saving or exporting from Excel or Office by mistake: an .xlsx
 * (any zip), an .xls (any OLE compound file: also .doc and password-protected workbooks), a PDF, and
 * Excel's "Unicode text" (UTF-16). Anything else with a NUL byte in its first 8 KB is "binary data";
 * the rest is text, which the CSV reader takes (after decoding: UTF-8 or GB18030).
 */

import { Problem } from '../core/problem';
import { FILE_IS, FileIs, INPUT } from './messages';

export type FileKind = 'text' | 'zip' | 'ole' | 'other';

export interface Sniffed {
  kind: FileKind;
  /** what the file is, as English messages say it (`a PDF file`); '' for text */
  what: string;
}

/** What the first bytes of a file say it is: its kind, and what it is for a message (none for text). */
function sniff(bytes: Uint8Array): { kind: FileKind; is?: FileIs } {
  const starts = (...b: number[]) => bytes.length >= b.length && b.every((x, i) => bytes[i] === x);
  // PK\3\4 starts a zip's first entry; PK\5\6 is the end record that alone makes an empty zip
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return { kind: 'zip', is: 'zip' };
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return { kind: 'ole', is: 'ole' };
  if (starts(0x25, 0x50, 0x44, 0x46)) return { kind: 'other', is: 'pdf' };
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return { kind: 'other', is: 'utf16' };
  if (bytes.subarray(0, 8192).includes(0)) return { kind: 'other', is: 'binary' };
  return { kind: 'text' };
}

/** What the first bytes of a file say it is. */
export function sniffBytes(bytes: Uint8Array): Sniffed {
  const s = sniff(bytes);
  return { kind: s.kind, what: s.is ? FILE_IS[s.is].en : '' };
}

/** What a place takes: CSV text only (entries), or CSV text or an .xlsx workbook (roster, call log). */
export type Accepts = 'csv' | 'csv-or-xlsx';

/** How to read a file a place takes, or the problem why it does not take it. */
export type FileVerdict = { format: 'csv' | 'xlsx' } | { refused: Problem };

const EXCEL_NAME = /\.(xlsx|xlsm|xls)$/i;

/**
 * How to read a file, from its bytes (and, where an .xlsx is taken, its name): `csv` for text, `xlsx`
 * for a zip where an .xlsx is taken; otherwise the problem (`input.refused`, `input.excelNameNotZip`), e.g.
 * `roster.csv: is a PDF file, not a CSV text file or an .xlsx workbook; save it as .xlsx or as "CSV UTF-8 (comma delimited)"`.
 * Unrecognised bytes (binary data) are said by what the file is not, since what it is is unknown.
 *
 * A file named .xlsx, .xlsm or .xls where an .xlsx is taken must be a workbook: text under such a name is
 * refused rather than read as CSV. Where only CSV is taken the name does not matter.
 * @param file the file's name or path, as messages name it
 */
export function fileFormat(file: string, bytes: Uint8Array, accepts: Accepts): FileVerdict {
  const s = sniff(bytes);
  const either = accepts === 'csv-or-xlsx';
  if (s.kind === 'zip' && either) return { format: 'xlsx' };
  if (s.kind === 'text') {
    const ext = EXCEL_NAME.exec(file)?.[0];
    if (either && ext) return { refused: new Problem(INPUT.excelNameNotZip, { file, ext: ext.toLowerCase() }) };
    return { format: 'csv' };
  }
  return { refused: new Problem(INPUT.refused, { file, is: s.is!, either }) };
}

/**
 * The problem of a zip that the .xlsx reader could not read: a file named .xlsx is a damaged workbook
 * (`input.unreadableXlsx`), another name may be any zip (`input.unreadableZip`).
 * @param detail the reader's own message
 */
export function unreadableXlsx(file: string, detail: string): Problem {
  return new Problem(/\.xls[xm]$/i.test(file) ? INPUT.unreadableXlsx : INPUT.unreadableZip, { file, detail });
}
