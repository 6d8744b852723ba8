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

export type FileKind = 'text' | 'zip' | 'ole' | 'other';

export interface Sniffed {
  kind: FileKind;
  /** what the file is, as messages say it (`a PDF file`); '' for text */
  what: string;
}

/** What the `what` of unrecognised bytes is. */
const BINARY = 'binary data';

/** What the first bytes of a file say it is. */
export function sniffBytes(bytes: Uint8Array): Sniffed {
  const starts = (...b: number[]) => bytes.length >= b.length && b.every((x, i) => bytes[i] === x);
  // PK\3\4 starts a zip's first entry; PK\5\6 is the end record that alone makes an empty zip
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06))
    return { kind: 'zip', what: 'a zip archive (an .xlsx, .docx or .zip file)' };
  if (starts(0xd0, 0xcf, 0x11, 0xe0))
    return { kind: 'ole', what: 'an old binary Excel (.xls), another old Office file (.doc) or a password-protected workbook' };
  if (starts(0x25, 0x50, 0x44, 0x46)) return { kind: 'other', what: 'a PDF file' };
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return { kind: 'other', what: 'UTF-16 text (Excel "Unicode text")' };
  if (bytes.subarray(0, 8192).includes(0)) return { kind: 'other', what: BINARY };
  return { kind: 'text', what: '' };
}

/** What a place takes: CSV text only (entries), or CSV text or an .xlsx workbook (roster, call log). */
export type Accepts = 'csv' | 'csv-or-xlsx';

/** How to read a file a place takes, or the message why it does not take it. */
export type FileVerdict = { format: 'csv' | 'xlsx' } | { refused: string };

const SAVE_CSV = 'save it as "CSV UTF-8 (comma delimited)"';
const SAVE_EITHER = 'save it as .xlsx or as "CSV UTF-8 (comma delimited)"';
const EXCEL_NAME = /\.(xlsx|xlsm|xls)$/i;

/**
 * How to read a file, from its bytes (and, where an .xlsx is taken, its name): `csv` for text, `xlsx`
 * for a zip where an .xlsx is taken; otherwise the message, e.g.
 * `roster.csv: is a PDF file, not a CSV text file or an .xlsx workbook; save it as .xlsx or as "CSV UTF-8 (comma delimited)"`.
 *
 * A file named .xlsx, .xlsm or .xls where an .xlsx is taken must be a workbook: text under such a name is
 * refused rather than read as CSV. Where only CSV is taken the name does not matter.
 * @param file the file's name or path, as messages name it
 */
export function fileFormat(file: string, bytes: Uint8Array, accepts: Accepts): FileVerdict {
  const s = sniffBytes(bytes);
  const either = accepts === 'csv-or-xlsx';
  if (s.kind === 'zip' && either) return { format: 'xlsx' };
  if (s.kind === 'text') {
    const ext = EXCEL_NAME.exec(file)?.[0];
    if (either && ext) return { refused: `${file}: has an ${ext.toLowerCase()} name but is not an .xlsx workbook (not a zip file)` };
    return { format: 'csv' };
  }
  const advice = either ? SAVE_EITHER : SAVE_CSV;
  // unrecognised bytes: say what the file is not, since what it is is unknown
  if (s.what === BINARY)
    return {
      refused: `${file}: is ${either ? 'neither a CSV text file nor an .xlsx workbook' : 'not a CSV text file'} (${BINARY}); ${advice}`,
    };
  return { refused: `${file}: is ${s.what}, not a CSV text file${either ? ' or an .xlsx workbook' : ''}; ${advice}` };
}

/**
 * The message for a zip that the .xlsx reader could not read: a file named .xlsx is a damaged workbook,
 * another name may be any zip.
 * @param detail the reader's own message
 */
export function unreadableXlsx(file: string, detail: string): string {
  return /\.xls[xm]$/i.test(file)
    ? `${file}: not a readable .xlsx workbook (${detail})`
    : `${file}: is a zip archive (an .xlsx, .docx or .zip file) but not a readable .xlsx workbook (${detail})`;
}
