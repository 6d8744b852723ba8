/**
 * io/csv.ts reads a text without quotes and CRs (entries as kpi-forms and most tools write them: 12,000 rows a
 * month) without csv-parse's record objects; csv-parse, with the options readCsv gives it, is the oracle: the
 * same cells and the same line of each record, on hand-picked and random texts.
 */
import { parse } from 'csv-parse/sync';
import { CsvDelimiter, readCsv } from '../../src/io/csv';

/** csv-parse's reading of `text`: cells, and the line each record is on (one line each: no quotes). */
function oracle(text: string, delimiter: CsvDelimiter): Array<{ cells: string[]; line: number }> {
  const rows = parse(text.replace(/^\uFEFF/, ''), {
    delimiter,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    relax_quotes: true,
  }) as Array<{ record: string[]; info: { lines: number } }>;
  return rows.map((r) => ({ cells: r.record, line: r.info.lines }));
}

/** A small random generator (mulberry32), so that a failure names its seed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('readCsv on a text without quotes or CRs agrees with csv-parse', () => {
  test.each([
    ['entries with trailing newline', 'employee_id,code,value,date\nP1,A01,1,2015-03-02\nP1,B06,0.5,\n'],
    ['no trailing newline', 'a,b\n1,2'],
    ['empty lines before, between and after', '\n\na,b\n\n1,2\n\n\n'],
    ['a line of empty cells is a record', 'a,b\n,\n,,,\n1'],
    ['a line of spaces is a record', 'a,b\n   \n1,2'],
    ['rows of different lengths', 'a,b,c\n1\n1,2,3,4,5'],
    ['semicolons, a comma is text', 'a;b\n1,5;2'],
    ['tabs', 'a\tb\n1\t2\n'],
    ['Chinese and a byte-order mark', '\uFEFF工号,代码,值\nP1,A01,1\n'],
    ['an empty text', ''],
    ['only newlines', '\n\n\n'],
  ])('%s', (_what, text) => {
    const { delimiter, records } = readCsv(text, 'x.csv');
    expect(records).toEqual(oracle(text, delimiter));
  });

  test('random texts of cells, delimiters, spaces and empty lines (200 seeds)', () => {
    const parts = ['a', 'P1', '1', '0.5', ' ', '', '工号', 'x y', '=SUM(1)', ',', ';', '\t', '\n', '\n\n'];
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed);
      let text = '';
      const n = Math.floor(r() * 40);
      for (let i = 0; i < n; i++) text += parts[Math.floor(r() * parts.length)];
      const { delimiter, records } = readCsv(text, 'x.csv');
      expect([seed, records]).toEqual([seed, oracle(text, delimiter)]);
    }
  });
});
