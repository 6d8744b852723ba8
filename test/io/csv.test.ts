/**
 * io/csv.ts, the one CSV reader of roster, entries and call log: the delimiter rule and the line each
 * record starts on (a spreadsheet's row number), worked by hand.
 */
import { parseCsvTable } from '../../src/io/calls-core';
import { csvDelimiter, readCsv } from '../../src/io/csv';
import { Problem } from '../../src/core/problem';
import { csvRows, placeText } from '../../src/io/records';

describe('csvDelimiter: a comma, unless the header row uses more semicolons or tabs, outside quotes', () => {
  test.each([
    ['commas', 'employee_id,name,role,group', ','],
    ['semicolons (Excel where the decimal separator is a comma)', 'employee_id;name;role;group', ';'],
    ['tabs (Text, tab delimited)', 'employee_id\tname\trole\tgroup', '\t'],
    ['no delimiter at all', 'employee_id', ','],
    ['an empty text', '', ','],
    ['semicolons, one comma inside a column name (3 against 1)', 'Agent;Date;Answered (Y/N);Satisfaction rating, 1-5', ';'],
    ['commas, semicolons inside a quoted column name (2 against 0)', 'Name,"Rating; 1-5; A-D",Date', ','],
    ['semicolons, commas inside a quoted column name (1 against 0)', '"a,b,c";d', ';'],
    ['a tie between comma and semicolon goes to the comma', 'a;b,c', ','],
    ['a tie between semicolon and tab goes to the semicolon', 'a;b\tc', ';'],
    ['only the first record counts', 'a;b;c\n1,2,3,4,5', ';'],
    ['a header whose quoted name spans lines is one record', '"a,\nb,c";d;e\n1,2,3', ';'],
    ['a quote inside an unquoted field is text, not a quote', 'name=HYPERLINK("x,y");id;role', ';'],
    ['a byte-order mark is ignored', '\uFEFFa;b', ';'],
  ])('%s', (_what, header, delimiter) => {
    expect(csvDelimiter(header)).toBe(delimiter);
  });
});

describe('readCsv', () => {
  test('cells as text; a quote inside an unquoted field is kept; rows of different lengths are kept', () => {
    expect(readCsv('name,id\n=HYPERLINK("x"),E1\nAnn\n"Lee, Bo",E2,extra\n', 'r.csv')).toEqual({
      delimiter: ',',
      records: [
        { cells: ['name', 'id'], line: 1 },
        { cells: ['=HYPERLINK("x")', 'E1'], line: 2 },
        { cells: ['Ann'], line: 3 },
        { cells: ['Lee, Bo', 'E2', 'extra'], line: 4 },
      ],
    });
  });

  test('empty lines are skipped but counted; a line of empty cells is a record; the BOM is dropped', () => {
    const { records } = readCsv('\uFEFFa,b\n\n2,3\n,\n4,5', 'r.csv');
    expect(records).toEqual([
      { cells: ['a', 'b'], line: 1 },
      { cells: ['2', '3'], line: 3 },
      { cells: ['', ''], line: 4 },
      { cells: ['4', '5'], line: 5 },
    ]);
  });

  test('a quoted field over two lines: the record starts on its first line, later records keep their lines (LF, CRLF, CR)', () => {
    // line 1: a,b   line 2: "x   line 3: y",1   line 4: 2,3
    const lines = (text: string) => readCsv(text, 'r.csv').records.map((r) => r.line);
    expect(lines('a,b\n"x\ny",1\n2,3\n')).toEqual([1, 2, 4]);
    expect(lines('a,b\r\n"x\r\ny",1\r\n2,3\r\n')).toEqual([1, 2, 4]);
    expect(lines('a,b\r"x\ry",1\r2,3\r')).toEqual([1, 2, 4]);
    // two such fields in one record, then a record after an empty line: lines 1 | 2–4 | 5 (empty) | 6
    expect(lines('a,b\r\n"x\r\ny","p\r\nq",1\r\n\r\n2,3\r\n')).toEqual([1, 2, 6]);
  });

  test('semicolon CSV: a comma inside a cell is text', () => {
    expect(readCsv('employee_id;name;role;group, note\nE01;Lee, Bo;pre-sales;G1', 'r.csv').records[1].cells).toEqual([
      'E01',
      'Lee, Bo',
      'pre-sales',
      'G1',
    ]);
  });

  test('an unclosed quote is a problem naming the file and a row', () => {
    expect(() => readCsv('a,b\n"x,1\n2,3\n', 'f.csv')).toThrow(Problem);
    expect(() => readCsv('a,b\n"x,1\n2,3\n', 'f.csv')).toThrow(expect.objectContaining({ code: 'input.badCsv' }));
    expect(() => readCsv('a,b\n"x,1\n2,3\n', 'f.csv')).toThrow(/^f\.csv row \d+: not valid CSV \(/);
  });
});

describe('the readers that use it', () => {
  test('records.csvRows: the same rule for the roster and the entries (a comma in a semicolon header)', () => {
    const rows = csvRows(
      'employee_id;name;role;group, note\r\nE01;"Ann\r\nLee";pre-sales;G1\r\n;;;\r\nE02;Bob;after-sales;G2\r\n',
      'r.csv',
    );
    expect(rows.map((r) => [placeText('en', r.where), r.cells])).toEqual([
      ['r.csv row 1', ['employee_id', 'name', 'role', 'group, note']],
      ['r.csv row 2', ['E01', 'Ann\r\nLee', 'pre-sales', 'G1']],
      // row 4 (;;;) has only empty cells: skipped
      ['r.csv row 5', ['E02', 'Bob', 'after-sales', 'G2']],
    ]);
  });

  test('calls-core.parseCsvTable: the same rule for the call log; the description names a delimiter other than the comma', () => {
    const t = parseCsvTable('log.csv', 'Agent\tDate\n"Bo, Li"\t01-01-15\n', 'UTF-8');
    expect(t).toEqual({
      source: { srcKind: 'csv', encoding: 'UTF-8', delimiter: 'tab' },
      headers: ['Agent', 'Date'],
      rows: [{ rowNo: 2, cells: ['Bo, Li', '01-01-15'] }],
    });
    expect(parseCsvTable('log.csv', 'Agent,Date\n', 'GB18030').source).toEqual({ srcKind: 'csv', encoding: 'GB18030', delimiter: ',' });
    expect(() => parseCsvTable('log.csv', '', 'UTF-8')).toThrow('log.csv: the file is empty (no header row)');
  });
});
