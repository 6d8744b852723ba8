/** io/sniff.ts: what a file is from its first bytes, and the one set of messages for a file of the wrong kind. */
import { Problem } from '../../src/core/problem';
import { fileFormat, sniffBytes, unreadableXlsx } from '../../src/io/sniff';

/** A refusal's code and English message (the problem itself carries both languages). */
const refusal = (v: ReturnType<typeof fileFormat>) => {
  if (!('refused' in v)) return v;
  expect(v.refused).toBeInstanceOf(Problem);
  return { code: v.refused.code, refused: v.refused.message };
};

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);
const ZIP = bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00);
const EMPTY_ZIP = bytes(0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0);
const OLE = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0);
const PDF = text('%PDF-1.7\n%âãÏÓ\n');
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52);
const UTF16LE = bytes(0xff, 0xfe, 0x41, 0x00);
const UTF16BE = bytes(0xfe, 0xff, 0x00, 0x41);

const SAVE_CSV = 'save it as "CSV UTF-8 (comma delimited)"';
const SAVE_EITHER = 'save it as .xlsx or as "CSV UTF-8 (comma delimited)"';
const OLE_WHAT = 'an old binary Excel (.xls), another old Office file (.doc) or a password-protected workbook';

describe('sniffBytes', () => {
  test.each([
    ['an .xlsx (zip)', ZIP, 'zip'],
    ['an empty zip (only the end record)', EMPTY_ZIP, 'zip'],
    ['an .xls (OLE)', OLE, 'ole'],
    ['a PDF', PDF, 'other'],
    ['a PNG (NUL bytes)', PNG, 'other'],
    ['UTF-16 LE with BOM', UTF16LE, 'other'],
    ['UTF-16 BE with BOM', UTF16BE, 'other'],
    ['CSV text', text('employee_id,name\nE01,张三\n'), 'text'],
    ['an empty file', bytes(), 'text'],
    ['PK alone (too short for a zip)', text('PK'), 'text'],
  ])('%s', (_what, b, kind) => {
    expect(sniffBytes(b).kind).toBe(kind);
  });

  test('a NUL byte makes binary data within the first 8 KB only', () => {
    const at = (i: number) => {
      const b = new Uint8Array(9000).fill(0x41);
      b[i] = 0;
      return sniffBytes(b);
    };
    expect(at(8191)).toEqual({ kind: 'other', what: 'binary data' });
    expect(at(8192)).toEqual({ kind: 'text', what: '' });
  });
});

describe('fileFormat: where only CSV is taken (entries)', () => {
  test('text is CSV whatever its name', () => {
    expect(fileFormat('e.csv', text('a,b'), 'csv')).toEqual({ format: 'csv' });
    expect(fileFormat('e.xlsx', text('a,b'), 'csv')).toEqual({ format: 'csv' });
  });
  test.each([
    ['a zip', ZIP, `e.csv: is a zip archive (an .xlsx, .docx or .zip file), not a CSV text file; ${SAVE_CSV}`],
    ['an OLE file', OLE, `e.csv: is ${OLE_WHAT}, not a CSV text file; ${SAVE_CSV}`],
    ['a PDF', PDF, `e.csv: is a PDF file, not a CSV text file; ${SAVE_CSV}`],
    ['UTF-16', UTF16LE, `e.csv: is UTF-16 text (Excel "Unicode text"), not a CSV text file; ${SAVE_CSV}`],
    ['binary data', PNG, `e.csv: is not a CSV text file (binary data); ${SAVE_CSV}`],
  ])('refuses %s', (_what, b, message) => {
    expect(refusal(fileFormat('e.csv', b, 'csv'))).toEqual({ code: 'input.refused', refused: message });
  });
});

describe('fileFormat: where CSV or .xlsx is taken (roster, call log)', () => {
  test('a zip is read as .xlsx whatever its name; text as CSV', () => {
    expect(fileFormat('log.xlsx', ZIP, 'csv-or-xlsx')).toEqual({ format: 'xlsx' });
    expect(fileFormat('roster.csv', ZIP, 'csv-or-xlsx')).toEqual({ format: 'xlsx' });
    expect(fileFormat('log.csv', text('Agent,Date'), 'csv-or-xlsx')).toEqual({ format: 'csv' });
    expect(fileFormat('log.txt', text('Agent\tDate'), 'csv-or-xlsx')).toEqual({ format: 'csv' });
  });
  test('text under a workbook name is refused', () => {
    expect(refusal(fileFormat('fake.xlsx', text('Agent,Date'), 'csv-or-xlsx'))).toEqual({
      code: 'input.excelNameNotZip',
      refused: 'fake.xlsx: has an .xlsx name but is not an .xlsx workbook (not a zip file)',
    });
    expect(refusal(fileFormat('FAKE.XLSM', text('Agent,Date'), 'csv-or-xlsx'))).toEqual({
      code: 'input.excelNameNotZip',
      refused: 'FAKE.XLSM: has an .xlsm name but is not an .xlsx workbook (not a zip file)',
    });
    expect(refusal(fileFormat('old.xls', text('Agent\tDate'), 'csv-or-xlsx'))).toEqual({
      code: 'input.excelNameNotZip',
      refused: 'old.xls: has an .xls name but is not an .xlsx workbook (not a zip file)',
    });
  });
  test.each([
    ['an OLE file', OLE, `old.xls: is ${OLE_WHAT}, not a CSV text file or an .xlsx workbook; ${SAVE_EITHER}`],
    ['a PDF', PDF, `old.xls: is a PDF file, not a CSV text file or an .xlsx workbook; ${SAVE_EITHER}`],
    ['UTF-16', UTF16BE, `old.xls: is UTF-16 text (Excel "Unicode text"), not a CSV text file or an .xlsx workbook; ${SAVE_EITHER}`],
    ['binary data', PNG, `old.xls: is neither a CSV text file nor an .xlsx workbook (binary data); ${SAVE_EITHER}`],
  ])('refuses %s, saying what it is before what its name says', (_what, b, message) => {
    expect(refusal(fileFormat('old.xls', b, 'csv-or-xlsx'))).toEqual({ code: 'input.refused', refused: message });
  });
});

describe('unreadableXlsx', () => {
  test('a file named .xlsx is a workbook that cannot be read; another name may be any zip', () => {
    expect(unreadableXlsx('a.xlsx', 'End of data reached').code).toBe('input.unreadableXlsx');
    expect(unreadableXlsx('a.csv', 'x').code).toBe('input.unreadableZip');
    expect(unreadableXlsx('a.xlsx', 'End of data reached').message).toBe('a.xlsx: not a readable .xlsx workbook (End of data reached)');
    expect(unreadableXlsx('a.XLSM', 'x').message).toBe('a.XLSM: not a readable .xlsx workbook (x)');
    expect(unreadableXlsx('a.csv', 'x').message).toBe(
      'a.csv: is a zip archive (an .xlsx, .docx or .zip file) but not a readable .xlsx workbook (x)',
    );
  });
});
