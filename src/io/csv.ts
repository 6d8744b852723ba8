/**
 * The one CSV reader of the inputs: the roster, the entries and the call-centre log, in the CLI and in
 * the task pane (browser-safe: csv-parse's sync API, no Node modules). Decoding the bytes (UTF-8 or
 * GB18030) happens before: `inputs.ts` `decodeCsv` in Node, the pane's own TextDecoder twin.
 *
 * The delimiter rule: a comma, unless the header row (the first record) uses more semicolons or more
 * tabs than commas, outside quoted fields; then the one it uses most (a tie goes to the comma, then the
 * semicolon). Excel writes `;` where the decimal separator is a comma, and "Text (Tab delimited)" uses
 * tabs; a header such as `Name,"Rating; 1-5",Date` stays comma-delimited.
 */
import { parse } from 'csv-parse/sync';
import { Problem } from '../core/problem';
import { INPUT } from './messages';

export type CsvDelimiter = ',' | ';' | '\t';

/** One record of a CSV text: its cells and the 1-based line it starts on (a spreadsheet's row number). */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/**
 * The delimiter of a CSV text (see the rule above): counts `,` `;` and tab in the first record,
 * outside double-quoted fields; a byte-order mark is ignored.
 */
export function csvDelimiter(text: string): CsvDelimiter {
  const count: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  const s = text.replace(/^\uFEFF/, '');
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"') {
        // a doubled quote is a quote in the text; a single one closes the field
        if (s[i + 1] === '"') i++;
        else quoted = false;
      }
    } else if (ch === '"' && fieldStart) {
      quoted = true; // as csv-parse: only a quote opening a field quotes it; others are text
    } else if (ch === '\n' || ch === '\r') {
      break;
    } else if (ch === ',' || ch === ';' || ch === '\t') {
      count[ch]++;
      fieldStart = true;
      continue;
    }
    fieldStart = false;
  }
  return count[';'] > count[','] && count[';'] >= count['\t'] ? ';' : count['\t'] > count[','] && count['\t'] > count[';'] ? '\t' : ',';
}

const breaks = (s: string): number => s.match(/\r\n|\r|\n/g)?.length ?? 0;
const breakChars = (s: string): number => s.match(/[\r\n]/g)?.length ?? 0;

/**
 * Reads CSV text into records, in file order. A quote inside an unquoted field is kept as text (a
 * name `=HYPERLINK("x")` typed by hand); rows of different lengths are kept as they are; empty lines
 * are skipped, a line of empty cells (`,,`) is a record of empty cells. A byte-order mark is dropped.
 * @param file how messages name the text, e.g. `roster.csv`
 * @returns the delimiter used (see `csvDelimiter`) and the records
 * @throws Problem `input.badCsv`: `entries.csv row 3: not valid CSV (…)`, naming the line, for malformed CSV (an
 *   unclosed quote)
 */
export function readCsv(text: string, file: string): { delimiter: CsvDelimiter; records: CsvRecord[] } {
  const body = text.replace(/^\uFEFF/, '');
  const delimiter = csvDelimiter(body);
  // no quote and no CR (a month of 12,000 entries as kpi-forms and most tools write it): each LF ends a record and
  // each delimiter a cell, what csv-parse reads too (test/csv-plain.test.ts compares them), without its record objects
  if (!body.includes('"') && !body.includes('\r')) return { delimiter, records: plainRecords(body, delimiter) };
  let parsed: Array<{ record: string[]; info: { lines: number } }>;
  try {
    parsed = parse(body, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: true }) as never;
  } catch (e) {
    const err = e as { lines?: number; message?: string };
    const detail = String(err.message ?? e).replace(/\s+/g, ' ');
    throw new Problem(INPUT.badCsv, err.lines ? { file, line: err.lines, detail } : { file, detail });
  }
  // csv-parse's info.lines is the line a record ends on, but it counts each CR and each LF inside a
  // quoted field as a line of its own (a CRLF there counts 2) and carries that into later records;
  // the line a record starts on is corrected for both, counting a CRLF, a CR or an LF as one break
  let extra = 0;
  return {
    delimiter,
    records: parsed.map(({ record, info }) => {
      const inside = record.reduce((n, c) => n + breakChars(c), 0);
      const line = info.lines - inside - extra;
      extra += inside - record.reduce((n, c) => n + breaks(c), 0);
      return { cells: record, line };
    }),
  };
}

/** Records of a CSV text without quotes and CRs: one per non-empty line, split at the delimiter. */
function plainRecords(body: string, delimiter: CsvDelimiter): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 0;
  for (let at = 0; at < body.length;) {
    let end = body.indexOf('\n', at);
    if (end < 0) end = body.length;
    line++;
    if (end > at) records.push({ cells: body.slice(at, end).split(delimiter), line });
    at = end + 1;
  }
  return records;
}
