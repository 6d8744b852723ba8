/**
 * Roster and entries files (src/io/inputs.ts, src/io/records.ts): encodings, the value rules of
 * forms.md (D4 counts, B06 half days, EX 0–100, grades A–E, ratings A–D), and precise messages.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as iconv from 'iconv-lite';
import * as os from 'os';
import * as path from 'path';
import { Problem } from '../src/core/problem';
import { checkMonth, checkValue, decodeText, mergeInputs, normaliseRole, parseEntries, parseRoster, readTextFile } from '../src/io/inputs';
import { Agent } from '../src/templates/model';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-inputs-'));
let n = 0;
/** Writes a file in the temp folder and returns its path. */
function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, `${n++}-${name}`);
  fs.writeFileSync(p, content);
  return p;
}
const ROSTER = 'employee_id,name,role,group\nE01,Ann,pre-sales,G1\nE02,Bob,pre-sales,G1\nE03,Cai,after-sales,G2\n';
const agents: Agent[] = [
  { id: 'E01', name: 'Ann', role: 'pre-sales', group: 'G1' },
  { id: 'E02', name: 'Bob', role: 'pre-sales', group: 'G1' },
  { id: 'E03', name: 'Cai', role: 'after-sales', group: 'G2' },
];
/** entries.csv with the given data rows after the header (row 2 onwards) */
const entries = (...rows: string[]) => file('entries.csv', ['employee_id,code,value', ...rows].join('\n') + '\n');
/** the English message of the problem parseEntries throws */
function entriesError(...rows: string[]): string {
  const p = entries(...rows);
  try {
    parseEntries(p, agents);
  } catch (e) {
    expect(e).toBeInstanceOf(Problem);
    expect((e as Problem).code).toMatch(/^input\./);
    return (e as Error).message;
  }
  throw new Error('no error thrown');
}

describe('readTextFile: UTF-8 with or without BOM, else GB18030; never a binary file', () => {
  const text = 'employee_id,name\nE01,张三\n';
  test('UTF-8 without and with BOM', () => {
    expect(readTextFile(file('a.csv', text))).toBe(text);
    expect(readTextFile(file('b.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])))).toBe(text);
  });
  test('GB18030 (Excel "CSV" in a Chinese locale)', () => {
    const gb = iconv.encode(text, 'gb18030');
    expect(gb.equals(Buffer.from(text))).toBe(false); // really not UTF-8 bytes
    expect(readTextFile(file('gb.csv', gb))).toBe(text);
  });
  test.each([
    ['an .xlsx (zip)', Buffer.from('PK\u0003\u0004rest-of-zip', 'latin1'), /zip archive/],
    ['a PDF', Buffer.from('%PDF-1.7\n...', 'latin1'), /PDF/],
    ['an old .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /old Office file/],
    ['UTF-16 text', iconv.encode('\ufeffemployee_id', 'utf-16le'), /UTF-16/],
    ['binary data', Buffer.from([0x41, 0x00, 0x42, 0x43]), /binary data/],
  ])('refuses %s, naming the file', (_what, bytes, re) => {
    const p = file('x.csv', bytes);
    expect(() => readTextFile(p)).toThrow(expect.objectContaining({ code: 'input.refused' }));
    expect(() => readTextFile(p)).toThrow(re);
    expect(() => readTextFile(p)).toThrow(p);
  });
  test('a missing file', () => {
    expect(() => readTextFile(path.join(dir, 'nope.csv'))).toThrow(/nope\.csv: no such file/);
  });
  test('decodeText names the file it was given', () => {
    expect(() => decodeText(Buffer.from('%PDF-'), 'roster.csv')).toThrow(/^roster\.csv: is a PDF file, not a CSV text file/);
  });
});

describe('parseRoster', () => {
  test('CSV: ids, names, roles and groups in file order', async () => {
    expect(await parseRoster(file('roster.csv', ROSTER))).toEqual(agents);
  });
  test('roles 售前/售后 and case/space variants; Chinese names in GB18030; extra columns ignored', async () => {
    const csv =
      '工号,姓名,岗位,组,备注\r\nE01,张三,售前,一组,x\r\nE02,李四, Pre-Sales ,一组,\r\nE03,王五,售后,二组,\r\nE04,赵六,AFTER SALES,二组,\r\n';
    const r = await parseRoster(file('roster-gb.csv', iconv.encode(csv, 'gb18030')));
    expect(r.map((a) => [a.id, a.name, a.role, a.group])).toEqual([
      ['E01', '张三', 'pre-sales', '一组'],
      ['E02', '李四', 'pre-sales', '一组'],
      ['E03', '王五', 'after-sales', '二组'],
      ['E04', '赵六', 'after-sales', '二组'],
    ]);
  });
  test('names beginning with = + - @ are kept as text, exactly', async () => {
    const csv =
      'employee_id,name,role,group\nE01,=SUM(1),pre-sales,G\nE02,+86 Li,pre-sales,G\nE03,-Wu,after-sales,G\nE04,@Zhou,after-sales,G\n';
    expect((await parseRoster(file('roster.csv', csv))).map((a) => a.name)).toEqual(['=SUM(1)', '+86 Li', '-Wu', '@Zhou']);
  });
  test('an .xlsx roster: first sheet, same header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Staff');
    ws.addRow(['employee_id', 'name', 'role', 'group']);
    ws.addRow([1001, 'Ann', '售前', 'G1']);
    ws.addRow(['E02', { richText: [{ text: 'B' }, { text: 'ob' }] }, 'after-sales', 'G2']);
    const p = path.join(dir, 'roster.xlsx');
    await wb.xlsx.writeFile(p);
    expect(await parseRoster(p)).toEqual([
      { id: '1001', name: 'Ann', role: 'pre-sales', group: 'G1' },
      { id: 'E02', name: 'Bob', role: 'after-sales', group: 'G2' },
    ]);
  });
  test('an .xlsx roster error names the sheet cell', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Staff');
    ws.addRow(['employee_id', 'name', 'role', 'group']);
    ws.addRow(['E01', 'Ann', 'boss', 'G1']);
    const p = path.join(dir, 'bad-roster.xlsx');
    await wb.xlsx.writeFile(p);
    await expect(parseRoster(p)).rejects.toThrow(`${p} Staff!C2: role "boss" must be pre-sales or after-sales (售前 or 售后)`);
  });
  test('duplicate employee ids: the row and the first row are named', async () => {
    const p = file('roster.csv', 'employee_id,name,role,group\nE01,Ann,pre-sales,G\nE02,Bob,pre-sales,G\nE01,Ann2,after-sales,G\n');
    await expect(parseRoster(p)).rejects.toThrow(`${p} row 4: employee_id "E01" is a duplicate of row 2; ids must be unique`);
  });
  test('an empty roster (header only, or an empty file)', async () => {
    const p = file('roster.csv', 'employee_id,name,role,group\n');
    await expect(parseRoster(p)).rejects.toThrow(`${p}: the roster lists no agents`);
    const q = file('roster.csv', '');
    await expect(parseRoster(q)).rejects.toThrow(`${q}: the file is empty`);
  });
  test('a missing column, an unknown role, an empty name', async () => {
    const a = file('roster.csv', 'employee_id,name,group\nE01,Ann,G\n');
    await expect(parseRoster(a)).rejects.toThrow(
      `${a} row 1: the header must have the columns employee_id,name,role,group; "role" is missing`,
    );
    const b = file('roster.csv', 'employee_id,name,role,group\nE01,Ann,manager,G\n');
    await expect(parseRoster(b)).rejects.toThrow(`${b} row 2: role "manager" must be pre-sales or after-sales`);
    const c = file('roster.csv', 'employee_id,name,role,group\nE01,,pre-sales,G\n');
    await expect(parseRoster(c)).rejects.toThrow(`${c} row 2: the name of "E01" is empty`);
  });
  test('an .xlsx passed under a .csv name, a PDF as roster', async () => {
    const p = file('roster.csv', Buffer.from('PK\u0003\u0004xx', 'latin1'));
    await expect(parseRoster(p)).rejects.toThrow(/is a zip archive/);
    const q = file('roster.pdf', '%PDF-1.4');
    await expect(parseRoster(q)).rejects.toThrow(/is a PDF file, not a CSV text file/);
  });
  test('an .xlsx roster under another name is read by its bytes; text under an .xlsx name is refused', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Staff').addRows([
      ['employee_id', 'name', 'role', 'group'],
      ['E01', 'Ann', 'pre-sales', 'G1'],
    ]);
    const p = file('roster-from-mail.csv', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(await parseRoster(p)).toEqual([{ id: 'E01', name: 'Ann', role: 'pre-sales', group: 'G1' }]);
    const q = file('roster.xlsx', ROSTER);
    await expect(parseRoster(q)).rejects.toThrow(`${q}: has an .xlsx name but is not an .xlsx workbook (not a zip file)`);
  });
  test('an old .xls roster: what it is, and that .xlsx or CSV is taken', async () => {
    const p = file('roster.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    await expect(parseRoster(p)).rejects.toThrow(
      `${p}: is an old binary Excel (.xls), another old Office file (.doc) or a password-protected workbook, not a CSV text file or an .xlsx workbook; save it as .xlsx or as "CSV UTF-8 (comma delimited)"`,
    );
  });
  test('all problems of a file are collected; the message says how many more', async () => {
    const p = file('roster.csv', 'employee_id,name,role,group\nE01,Ann,x,G\nE02,Bob,y,G\n');
    await expect(parseRoster(p)).rejects.toThrow(/row 2: role "x" .*\(and 1 more problem in the same file\)/);
  });
});

describe('parseEntries: the value rules of forms.md', () => {
  test('counts of weekly records add up; S02 rows concatenate; grades upper-cased', () => {
    const p = entries(
      'E01,A01,2',
      'E01,A01,3',
      'E01,B06,0.5',
      'E01,B06,1',
      'E01,B13,2.5',
      'E01,EX,80.5',
      'E03,S02,aab c',
      'E03,S02,D',
      'E03,S03,b',
      'E03,S06, a ',
      'E03,S01,12',
      'E03,S01,8',
    );
    expect(parseEntries(p, agents)).toEqual({
      E01: { A01: 5, B06: 1.5, B13: 2.5, EX: 80.5 },
      E03: { S02: 'AABCD', S03: 'B', S06: 'A', S01: 20 },
    });
  });
  test('a blank value is no entry; extra columns (e.g. a week) are ignored; CRLF and ; delimiters', () => {
    const p = file('entries.csv', 'employee_id;code;value;week\r\nE01;A01;;1\r\nE01;A02;1;2\r\n');
    expect(parseEntries(p, agents)).toEqual({ E01: { A02: 1 } });
  });
  test('the message names the file, the row, the item and the rule', () => {
    const p = entries('E01,A01,1', 'E01,A02,1', 'E02,A01,1', 'E02,B01,1', 'E02,B02,0', 'E01,A03,-1');
    expect(() => parseEntries(p, agents)).toThrow(`${p} row 7: A03 count "-1" must be a whole number ≥ 0 (D4)`);
  });
  test.each([
    ['negative count', 'E01,A03,-1', 'A03 count "-1" must be a whole number ≥ 0 (D4)'],
    ['fractional count', 'E01,B01,1.5', 'B01 count "1.5" must be a whole number ≥ 0 (D4)'],
    ['text count', 'E01,A01,two', 'A01 count "two" must be a whole number ≥ 0 (D4); it is not a number'],
    ['full-width count', 'E01,A01,３', 'A01 count "３" must be a whole number ≥ 0 (D4); full-width digits are not accepted'],
    ['B06 not in half days', 'E01,B06,0.3', 'B06 days "0.3" must be a number of days ≥ 0 in half days, e.g. 1.5 (D4)'],
    ['B06 negative', 'E01,B06,-0.5', 'B06 days "-0.5" must be a number of days ≥ 0'],
    ['B13 negative points', 'E01,B13,-2', 'B13 points "-2" must be a number of points from 0 to 100'],
    ['test score over 100', 'E01,EX,101', 'EX test score "101" must be a number from 0 to 100'],
    ['test score below 0', 'E01,EX,-5', 'EX test score "-5" must be a number from 0 to 100'],
    ['grade outside A–E', 'E03,S03,F', 'S03 grade "F" must be one of the grade letters A, B, C, D, E'],
    ['grade of two letters', 'E03,S06,AB', 'S06 grade "AB" must be one of the grade letters A, B, C, D, E'],
    [
      'full-width grade',
      'E03,S06,Ａ',
      'S06 grade "Ａ" must be one of the grade letters A, B, C, D, E; full-width letters are not accepted',
    ],
    [
      'rating E',
      'E03,S02,ABE',
      'S02 ratings "ABE" must be rating letters A–D, one per called-back ticket, e.g. AABCD (D6); "E" is not one',
    ],
    ['negative tickets', 'E03,S01,-3', 'S01 ticket count "-3" must be a whole number ≥ 0 (D4, D5)'],
    ['fractional red line', 'E01,AR1,0.5', 'AR1 red-line count "0.5" must be a whole number ≥ 0 (D3, D4)'],
  ])('%s', (_what, row, msg) => {
    expect(entriesError(row)).toContain(`row 2: ${msg}`);
  });
  test('an unknown employee id, an unknown code, a code of the other kind of agent', () => {
    expect(entriesError('E99,A01,1')).toMatch(/entries\.csv row 2: employee_id "E99" is not in the roster$/);
    expect(entriesError('E01,A12,1')).toMatch(/row 2: code "A12" is not an item code of forms\.md/);
    expect(entriesError('E01,Ａ01,1')).toMatch(/row 2: code "Ａ01" is not an item code/);
    expect(entriesError('E01,S03,A')).toMatch(/row 2: code S03 is an after-sales item but "E01" is pre-sales$/);
    expect(entriesError('E03,A01,1')).toMatch(/row 2: code A01 is a pre-sales item but "E03" is after-sales$/);
  });
  test('a repeated test score or grade is an error naming both rows', () => {
    expect(entriesError('E01,EX,80', 'E02,EX,70', 'E01,EX,90')).toMatch(
      /row 4: EX of "E01" is given again \(first at row 2\); one test score per month/,
    );
    expect(entriesError('E03,S03,A', 'E03,S03,B')).toMatch(/row 3: S03 of "E03" is given again \(first at row 2\); one grade per month/);
  });
  test('B13 points adding up past 100', () => {
    expect(entriesError('E01,B13,60', 'E01,B13,50')).toMatch(/row 3: B13 points add up to 110 for "E01"; the total must be from 0 to 100/);
  });
  test('a row spread over two lines by a quoted newline keeps the numbering of the file', () => {
    const p = file('entries.csv', 'employee_id,code,value,note\nE01,A01,1,"two\nlines"\nE01,A02,x,\n');
    expect(() => parseEntries(p, agents)).toThrow(`${p} row 4: A02 count "x"`);
  });
  test('a quoted newline written by Excel on Windows (CRLF) counts as one line', () => {
    // lines: 1 header, 2–3 the E01 row with its two-line note, 4 the bad A02 row
    const p = file('entries.csv', 'employee_id,code,value,note\r\nE01,A01,1,"two\r\nlines"\r\nE01,A02,x,\r\n');
    expect(() => parseEntries(p, agents)).toThrow(`${p} row 4: A02 count "x"`);
  });
  test('semicolon entries whose header has a comma in a column name (Excel where the decimal separator is a comma)', () => {
    const p = file('entries.csv', 'employee_id;code;value;note, optional\nE01;B06;1,5;\n');
    expect(() => parseEntries(p, agents)).toThrow(`${p} row 2: B06 days "1,5" must be a number of days ≥ 0 in half days`);
    expect(parseEntries(file('entries.csv', 'employee_id;code;value;note, optional\nE01;A01;2;a, b\n'), agents)).toEqual({
      E01: { A01: 2 },
    });
  });
  test('a header without the value column', () => {
    const p = file('entries.csv', 'employee_id,code\nE01,A01\n');
    expect(() => parseEntries(p, agents)).toThrow(
      `${p} row 1: the header must have the columns employee_id,code,value; "value" is missing`,
    );
  });
  test('an .xlsx given as entries is refused', () => {
    const p = file('entries.xlsx', Buffer.from('PK\u0003\u0004xx', 'latin1'));
    expect(() => parseEntries(p, agents)).toThrow(/is a zip archive \(an \.xlsx, \.docx or \.zip file\), not a CSV text file/);
  });
});

describe('single values and months', () => {
  test('cells of a workbook: a number cell must hold a number, not text', () => {
    expect(checkValue('A01', 3, 'a.xlsx 表A-业务!E6', false)).toBe(3);
    expect(() => checkValue('A01', '3', 'a.xlsx 表A-业务!E6', false)).toThrow(
      'a.xlsx 表A-业务!E6: A01 count "3" must be a whole number ≥ 0 (D4); the cell holds text, not a number',
    );
    expect(checkValue('S02', 'ab cd', 'x', false)).toBe('ABCD');
    expect(checkValue('EX', null, 'x', false)).toBeNull();
  });
  test('quarter history: rank ≥ 1, red lines ≥ 0', () => {
    expect(checkValue('Q:2024-01:rank', 1, 'x', false)).toBe(1);
    expect(() => checkValue('Q:2024-01:rank', 0, 'q', false)).toThrow('q: rank of 2024-01 0 must be a whole number ≥ 1 (D10)');
    expect(checkValue('Q:2024-01:redLines', 0, 'x', false)).toBe(0);
  });
  test('checkMonth', () => {
    expect(checkMonth('2024-03', '--month')).toBe('2024-03');
    for (const bad of ['2024-13', '2024-3', '24-03', '2024/03', '']) {
      expect(() => checkMonth(bad, '--month')).toThrow(`--month ${JSON.stringify(bad)} must be a month YYYY-MM (e.g. 2024-03)`);
    }
  });
  test('normaliseRole', () => {
    expect(['售前', 'pre-sales', 'Pre Sales', 'PRESALES', 'pre_sales'].map(normaliseRole)).toEqual(Array(5).fill('pre-sales'));
    expect(['售后', 'after-sales', 'After Sales'].map(normaliseRole)).toEqual(Array(3).fill('after-sales'));
    expect(normaliseRole('sales')).toBeNull();
  });
  test('mergeInputs: the entries value wins over the call log, and says so', () => {
    const m = mergeInputs({ E01: { A01: 2 } }, { E01: { A01: 39 }, E03: { S01: 10 } }, 'log.csv');
    expect(m.inputs).toEqual({ E01: { A01: 2 }, E03: { S01: 10 } });
    // the note is a message worded where it is shown (the CLI in LANG's language): code, params and both wordings
    expect(m.notes.map((note) => [note.code, note.params])).toEqual([
      ['callReport.replacedByEntries', { file: 'log.csv', code: 'A01', id: 'E01', log: '39', entry: '2' }],
    ]);
    expect(m.notes.map((note) => note.in('en'))).toEqual([
      'log.csv: A01 of "E01" from the call log (39) replaced by the entries value (2)',
    ]);
    expect(m.notes.map((note) => note.in('zh'))).toEqual(['log.csv:"E01" 的 A01 以考核记录中的值 (2) 为准,替换了日志中的值 (39)']);
  });
});

test('a month that has the YYYY-MM shape but does not exist says so', () => {
  expect(() => checkMonth('2015-13', '--month')).toThrow('--month "2015-13" must be a month YYYY-MM (e.g. 2024-03): there is no month 13');
});
