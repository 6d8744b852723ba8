/**
 * Import a call-centre log (CSV or .xlsx) into form inputs for one month:
 *
 * - unanswered calls → `A01` (电话响铃3声内未接听, form A) for **pre-sales** agents;
 * - answered calls → `S01` (售后问题处理单量, tickets handled) for **after-sales** agents;
 * - up to `sampleSize` (20) satisfaction ratings → `S02` (客户满意度) as rating letters for
 *   **after-sales** agents, mapped 1–5 → A–D by an editable table (rules S01, S02 and D6 of forms.md).
 *
 * Which columns hold what is a `CallMapping` (a plain, documented object a user can copy and edit);
 * two presets describe the public sample log (`calls-2015q1.csv` and `raw-call-center-dataset.xlsx`).
 *
 * Nothing is dropped silently: log agents that are not in the roster come back in `unknownAgents`,
 * rows with an unparseable date, answered flag or rating are listed by row number in `messages`
 * (the header is row 1: the worksheet row of an .xlsx file, the line a record starts on in a CSV).
 *
 * This module is browser-safe (the task pane imports it): it reads a table already decoded from a CSV
 * (by csv.ts, the one CSV reader) or an .xlsx; `calls.ts` reads files in Node (fs, iconv-lite for
 * GB18030, ExcelJS).
 *
 * Layer: src/io (imports core, csv-parse).
 */
import type { KpiRecord } from '../core/records';
import { Agent } from '../core/agent';
import { isMonth } from '../core/month';
import { Note, Problem } from '../core/problem';
import { DEFAULT_RULES } from '../core/rules';
import { readCsv } from './csv';
import { INPUT, REPORT } from './messages';

/**
 * Which column of the log holds what, and how to read it. Column names are matched trimmed and
 * case-insensitively (inner runs of spaces count as one space).
 *
 * Default rating table (`ratingToLetter`) of both presets, 5-point log scale → 4-letter S02 scale:
 * `5 → A` 非常满意, `4 → B` 比较满意, `3 → C` 不太满意, `2 → D` and `1 → D` 很不满意.
 */
export interface CallMapping {
  /** column with the agent's name as the log writes it, e.g. `Agent` */
  agent: string;
  /** column with the call's date (may also carry the time, e.g. an Excel date-time serial) */
  date: string;
  /** column with the answered flag, e.g. `Answered (Y/N)` */
  answered: string;
  /** column with the caller's satisfaction rating (1–5, blank when not rated) */
  satisfaction: string;
  /** column with a call id, used to order calls of the same minute; absent → file row order */
  callId?: string;
  /** column with the time of day (`hh:mm`, `hh:mm:ss`, a day fraction or a date-time); absent → the time part of `date` */
  time?: string;
  /**
   * How `date` is written in text cells: `dd-mm-yy` (years 00–69 → 2000+, 70–99 → 1900+; a 4-digit year
   * is also accepted; `-`, `/` or `.` separate), `yyyy-mm-dd`, or `excel-serial` (days since
   * 1899-12-30, the fraction is the time). Whatever the format, an .xlsx date cell (a Date) or a
   * number cell in an .xlsx file is read as an Excel date.
   */
  dateFormat: 'dd-mm-yy' | 'excel-serial' | 'yyyy-mm-dd';
  /** values of `answered` meaning the call was answered, e.g. `['Y']` (trimmed, case-insensitive); any other non-blank value = unanswered */
  answeredYes: string[];
  /** editable table, log rating (as text, e.g. `"5"`) → S02 letter A–D */
  ratingToLetter: Record<string, 'A' | 'B' | 'C' | 'D'>;
  /** how many ratings are taken for S02 per agent and month (the source calls back 20 tickets) */
  sampleSize: number;
  /** log agent name → roster employee_id; default: match the roster name (trimmed, case-insensitive), then the employee id */
  agentAliases?: Record<string, string>;
  /**
   * Put unanswered calls of pre-sales agents into A01 (default `true`, as specified). A log's
   * "unanswered" is every call nobody picked up, which is at least as many as "not answered within
   * 3 rings"; `false` leaves A01 to the supervisor's entries and only reports the counts.
   */
  unansweredToA01?: boolean;
}

/** The default rating table: 5 → A, 4 → B, 3 → C, 2 → D, 1 → D. */
const DEFAULT_RATING_TABLE: Record<string, 'A' | 'B' | 'C' | 'D'> = { '5': 'A', '4': 'B', '3': 'C', '2': 'D', '1': 'D' };

/**
 * Preset for the cleaned public log `calls-2015q1.csv`: columns `Call Id, Date (dd-mm-yy), Time (hh:mm),
 * Agent, Answered (Y/N), Satisfaction rating`; answered = `Y`; ratings 5 → A, 4 → B, 3 → C, 2 and 1 → D;
 * 20 ratings per agent.
 */
export const PRESET_CALLS_2015Q1: CallMapping = {
  agent: 'Agent',
  date: 'Date',
  time: 'Time',
  callId: 'Call Id',
  answered: 'Answered (Y/N)',
  satisfaction: 'Satisfaction rating',
  dateFormat: 'dd-mm-yy',
  answeredYes: ['Y'],
  ratingToLetter: { ...DEFAULT_RATING_TABLE },
  sampleSize: 20,
};

/**
 * Preset for the raw public log `raw-call-center-dataset.xlsx`: as `PRESET_CALLS_2015Q1` but without a
 * `Time` column: `Date` is one Excel date-time serial (ExcelJS reads it as a Date).
 */
export const PRESET_RAW_2015Q1: CallMapping = {
  agent: 'Agent',
  date: 'Date',
  callId: 'Call Id',
  answered: 'Answered (Y/N)',
  satisfaction: 'Satisfaction rating',
  dateFormat: 'excel-serial',
  answeredYes: ['Y'],
  ratingToLetter: { ...DEFAULT_RATING_TABLE },
  sampleSize: 20,
};

const norm = (s: string): string => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

const copyMapping = (m: CallMapping): CallMapping => JSON.parse(JSON.stringify(m)) as CallMapping;

/** The columns a mapping needs, as [role, column name]. */
function mappedColumns(m: CallMapping): Array<[string, string]> {
  const cols: Array<[string, string]> = [
    ['agent', m.agent],
    ['date', m.date],
    ['answered', m.answered],
    ['satisfaction', m.satisfaction],
  ];
  if (m.callId !== undefined) cols.push(['callId', m.callId]);
  if (m.time !== undefined) cols.push(['time', m.time]);
  return cols;
}

/**
 * Picks the preset whose columns a header row has: `PRESET_CALLS_2015Q1` when there is a `Time`
 * column besides `Agent`, `Date`, `Answered (Y/N)`, `Satisfaction rating` (and `Call Id`), otherwise
 * `PRESET_RAW_2015Q1` when those are present without `Time`.
 *
 * @param headers the header row's cells as text (order and case do not matter)
 * @returns a fresh copy of the preset (safe to edit), or `undefined` when neither fits
 */
export function detectPreset(headers: string[]): CallMapping | undefined {
  const have = new Set(headers.map((h) => norm(String(h ?? ''))));
  const fits = (m: CallMapping) => mappedColumns(m).every(([, c]) => have.has(norm(c)));
  if (fits(PRESET_CALLS_2015Q1)) return copyMapping(PRESET_CALLS_2015Q1);
  if (fits(PRESET_RAW_2015Q1)) return copyMapping(PRESET_RAW_2015Q1);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading the file: CSV (UTF-8 or GB18030) or .xlsx (first worksheet)
// ---------------------------------------------------------------------------------------------

export type Raw = string | number | boolean | Date | null;

/** Where a table came from, for the report: a CSV (its encoding, its delimiter) or an .xlsx's first worksheet. */
export type TableSource = { srcKind: 'csv'; encoding: string; delimiter: string } | { srcKind: 'xlsx'; sheet: string };

export interface Table {
  source: TableSource;
  headers: string[];
  /** data rows with their row number in the file (header = row 1) */
  rows: Array<{ rowNo: number; cells: Raw[] }>;
}

/**
 * A CSV text as a table, by the one CSV reader (csv.ts: a comma, or the semicolon or tab the header
 * row uses more); row numbers are the lines records start on (header = 1).
 * @param file the name used in messages
 * @param encoding the encoding the text was decoded from, for the description
 * @throws Problem naming the file (and line) when the CSV cannot be parsed or is empty
 */
export function parseCsvTable(file: string, text: string, encoding: string): Table {
  const { delimiter, records } = readCsv(text, file);
  if (records.length === 0) throw new Problem(INPUT.emptyLog, { file });
  const headers = records[0].cells.map((h) => h.trim());
  const rows = records.slice(1).map((r) => ({ rowNo: r.line, cells: r.cells as Raw[] }));
  return { source: { srcKind: 'csv', encoding, delimiter: delimiter === '\t' ? 'tab' : delimiter }, headers, rows };
}

// ---------------------------------------------------------------------------------------------
// Values: dates, times, answered flags, ratings
// ---------------------------------------------------------------------------------------------

/** Blank: null, undefined or text of spaces only. */
export function isBlankRaw(v: Raw | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

const text = (v: Raw | undefined): string => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v).trim());

interface CallDate {
  /** YYYY-MM-DD */
  day: string;
  /** YYYY-MM */
  month: string;
  /** minute of the day 0–1439 (seconds dropped), or null when unknown */
  minute: number | null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function hm(h: string | undefined, m: string | undefined, ampm?: string): number | null | undefined {
  if (h === undefined) return undefined;
  let hh = Number(h);
  const mm = Number(m);
  if (ampm) {
    if (hh < 1 || hh > 12) return null;
    hh = (hh % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0);
  }
  if (hh > 23 || mm > 59) return null;
  return hh * 60 + mm;
}

/** A Date as ExcelJS returns date cells (the serial's wall-clock time stored as UTC). */
function fromDate(d: Date): CallDate | null {
  if (Number.isNaN(d.getTime())) return null;
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  return { day: `${y}-${pad(m)}-${pad(d.getUTCDate())}`, month: `${y}-${pad(m)}`, minute: d.getUTCHours() * 60 + d.getUTCMinutes() };
}

/** An Excel serial date-time (days since 1899-12-30, the 1900 system), rounded to the millisecond as ExcelJS does. */
function fromSerial(serial: number): CallDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  return fromDate(new Date(Math.round((serial - 25569) * 86400000)));
}

/** Parses a date cell. Returns null when it cannot be read in the mapping's format. */
function parseDate(v: Raw, format: CallMapping['dateFormat']): CallDate | null {
  if (v instanceof Date) return fromDate(v);
  if (typeof v === 'number') return fromSerial(v);
  const s = text(v);
  if (s === '') return null;
  const time = String.raw`(?:[ T]+(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*([AaPp][Mm])?)?`;
  if (format === 'excel-serial') return /^\d+(\.\d+)?$/.test(s) ? fromSerial(Number(s)) : null;
  const dmy = format === 'dd-mm-yy';
  const m = new RegExp(
    dmy ? String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})${time}$` : String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${time}$`,
  ).exec(s);
  if (!m) return null;
  const [dd, mm, yy] = dmy ? [m[1], m[2], m[3]] : [m[3], m[2], m[1]];
  // a 2-digit year (dd-mm-yy only): 00–69 are 2000–2069, 70–99 are 1970–1999
  const y = Number(yy) + (yy.length === 2 ? (Number(yy) <= 69 ? 2000 : 1900) : 0);
  const mo = Number(mm);
  const d = Number(dd);
  if (!validYmd(y, mo, d)) return null;
  const minute = hm(m[4], m[5], m[6]);
  if (minute === null) return null;
  return { day: `${y}-${pad(mo)}-${pad(d)}`, month: `${y}-${pad(mo)}`, minute: minute ?? null };
}

/** Parses a time-of-day cell to a minute of the day (seconds dropped); null when unreadable. */
function parseTime(v: Raw): number | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.getUTCHours() * 60 + v.getUTCMinutes();
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return null;
    const frac = v - Math.floor(v);
    const ms = Math.round(frac * 86400000);
    return Math.floor(ms / 60000) % 1440;
  }
  const s = text(v);
  const m = /^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*([AaPp][Mm])?$/.exec(s);
  if (!m) return null;
  return hm(m[1], m[2], m[3]) ?? null;
}

/** A rating cell as the key of the rating table: trimmed text, whole numbers without decimals ("4.0" → "4"). */
function ratingKey(v: Raw): string {
  if (typeof v === 'number') return String(v);
  const s = text(v);
  if (/^[+-]?\d+(\.\d+)?$/.test(s) && Number.isInteger(Number(s))) return String(Number(s));
  return s;
}

/** Natural order of call ids: "ID9" < "ID10". */
function naturalCompare(a: string, b: string): number {
  const ca = a.match(/\d+|\D+/g) ?? [];
  const cb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i];
    const y = cb[i];
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
      if (x.length !== y.length) return x.length - y.length;
      continue;
    }
    return x < y ? -1 : 1;
  }
  return ca.length - cb.length;
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

function checkMapping(file: string, m: CallMapping): void {
  const table = m.ratingToLetter ?? {};
  const badRatings = Object.entries(table).filter(([, l]) => !['A', 'B', 'C', 'D'].includes(l));
  const p = {
    file,
    emptyColumns: mappedColumns(m)
      .filter(([, col]) => typeof col !== 'string' || col.trim() === '')
      .map(([role]) => role),
    dateFormat: ['dd-mm-yy', 'excel-serial', 'yyyy-mm-dd'].includes(m.dateFormat) ? null : String(m.dateFormat),
    answeredYesEmpty: !Array.isArray(m.answeredYes) || m.answeredYes.filter((x) => String(x).trim() !== '').length === 0,
    sampleSize: Number.isInteger(m.sampleSize) && m.sampleSize >= 1 ? null : String(m.sampleSize),
    ratingEmpty: Object.keys(table).length === 0,
    badRatings: badRatings.map(([k]) => k),
    badLetters: badRatings.map(([, l]) => String(l)),
  };
  const bad =
    p.emptyColumns.length > 0 ||
    p.dateFormat !== null ||
    p.answeredYesEmpty ||
    p.sampleSize !== null ||
    p.ratingEmpty ||
    badRatings.length > 0;
  if (bad) throw new Problem(INPUT.badMapping, p);
}

interface Call {
  rowNo: number;
  day: string;
  minute: number | null;
  callId: string;
  answered: boolean;
  letter?: 'A' | 'B' | 'C' | 'D';
}

/** Row numbers, with the offending value for the first few: `12 ("32-01-15")`, `40 ("x")`, `41`. */
function rowList(items: Array<{ rowNo: number; value?: string }>, show = 10): string[] {
  return items.map((it, i) => (i < show && it.value !== undefined ? `${it.rowNo} ("${it.value}")` : String(it.rowNo)));
}

/** What an import is asked: the month (`YYYY-MM`), the roster, and optionally the column mapping. */
export interface ImportOptions {
  month: string;
  agents: Agent[];
  mapping?: CallMapping;
}

/** What an import gives: inputs by employee id and code, log agents not in the roster, and what was done. */
export interface CallImport {
  inputs: Record<string, Record<string, number | string>>;
  /**
   * The same as records (D12), the calls as evidence (`call <id> <hh:mm>`, by `call log`): one A01 record per
   * unanswered call of a pre-sales agent; one S01 record per answered call and one S02 record per sampled
   * rating of an after-sales agent
   */
  records?: KpiRecord[];
  unknownAgents: Array<{ name: string; rows: number }>;
  /** the report: what was read, imported per agent, skipped (row numbers); worded where shown (`note.in(lang)`) */
  messages: Note[];
}

/**
 * Checks the month an import is asked for: exactly `YYYY-MM` (core/month.ts).
 * @throws Problem `input.logMonth`: `calls.csv: month "2015-1" is not YYYY-MM`
 */
export function checkCallMonth(file: string, month: string): void {
  if (!isMonth(month)) throw new Problem(INPUT.logMonth, { file, month: String(month) });
}

/**
 * The import of a log already read as a table: `importCalls` (calls.ts) reads a file in Node, the task
 * pane reads a file the user picks. The rules, the messages and the result are `importCalls`'s,
 * documented there.
 * @param file how messages name the log
 * @param table the header and the data rows, with their row numbers in the file (header = row 1)
 * @throws Problem naming the file when the month or the mapping is invalid, when mapped columns are
 *   missing (all of them are named), or when no mapping was given and no preset fits the header
 */
export function importCallsTable(file: string, table: Table, opts: ImportOptions): CallImport {
  const month = opts.month;
  checkCallMonth(file, month);

  let mapping = opts.mapping;
  let preset: 'given' | 'cleaned' | 'raw' = 'given';
  if (!mapping) {
    mapping = detectPreset(table.headers);
    if (!mapping) {
      throw new Problem(INPUT.noPreset, {
        file,
        found: table.headers,
        expected: mappedColumns(PRESET_CALLS_2015Q1).map(([, c]) => c),
        time: PRESET_CALLS_2015Q1.time!,
        date: PRESET_CALLS_2015Q1.date,
      });
    }
    preset = mapping.time ? 'cleaned' : 'raw';
  }
  checkMapping(file, mapping);

  // columns
  const index = new Map<string, number>();
  table.headers.forEach((h, i) => {
    const k = norm(h);
    if (k !== '' && !index.has(k)) index.set(k, i);
  });
  const missing = mappedColumns(mapping).filter(([, c]) => !index.has(norm(c)));
  if (missing.length) {
    throw new Problem(INPUT.missingLogColumns, {
      file,
      columns: missing.map(([, c]) => c),
      roles: missing.map(([role]) => role),
      header: table.headers.filter((h) => h !== ''),
    });
  }
  const col = (c: string | undefined) => (c === undefined ? -1 : (index.get(norm(c)) as number));
  const cAgent = col(mapping.agent);
  const cDate = col(mapping.date);
  const cAnswered = col(mapping.answered);
  const cSat = col(mapping.satisfaction);
  const cId = col(mapping.callId);
  const cTime = col(mapping.time);

  const yes = new Set(mapping.answeredYes.map((x) => norm(String(x))));
  const ratingTable = new Map(Object.entries(mapping.ratingToLetter).map(([k, l]) => [ratingKey(k), l]));

  // roster lookup: alias → id, then name, then id
  const byId = new Map(opts.agents.map((a) => [norm(a.id), a]));
  const byName = new Map<string, Agent[]>();
  for (const a of opts.agents) byName.set(norm(a.name), [...(byName.get(norm(a.name)) ?? []), a]);
  const aliases = new Map(Object.entries(mapping.agentAliases ?? {}).map(([k, v]) => [norm(k), v]));
  const messages: Note[] = [];
  /** why a log name matched no agent, when not simply absent from the roster */
  const resolveNotes = new Map<string, { why: 'aliasMissing'; id: string } | { why: 'ambiguous'; ids: string[] }>();
  const resolve = (name: string): Agent | undefined => {
    const k = norm(name);
    if (aliases.has(k)) {
      const id = aliases.get(k) as string;
      const a = byId.get(norm(id));
      if (!a) resolveNotes.set(name, { why: 'aliasMissing', id });
      return a;
    }
    const named = byName.get(k);
    if (named && named.length > 1) {
      resolveNotes.set(name, { why: 'ambiguous', ids: named.map((a) => a.id) });
      return undefined;
    }
    return named?.[0] ?? byId.get(k);
  };
  const agentOf = new Map<string, Agent | undefined>();

  const calls = new Map<string, Call[]>();
  const unknown = new Map<string, { rows: number; rowNos: number[] }>();
  const skipped = {
    date: [] as Array<{ rowNo: number; value?: string }>,
    agent: [] as Array<{ rowNo: number; value?: string }>,
    answered: [] as Array<{ rowNo: number; value?: string }>,
    rating: [] as Array<{ rowNo: number; value?: string }>,
    ratingUnanswered: [] as Array<{ rowNo: number; value?: string }>,
    time: [] as Array<{ rowNo: number; value?: string }>,
  };
  let otherMonths = 0;
  let inMonth = 0;
  const monthsSeen = new Set<string>();

  for (const { rowNo, cells } of table.rows) {
    if (cells.every((c) => isBlankRaw(c))) continue;
    const rawDate = cells[cDate] ?? null;
    const date = parseDate(rawDate, mapping.dateFormat);
    if (!date) {
      skipped.date.push({ rowNo, value: text(rawDate) });
      continue;
    }
    monthsSeen.add(date.month);
    if (date.month !== month) {
      otherMonths++;
      continue;
    }
    inMonth++;
    const name = text(cells[cAgent]);
    if (name === '') {
      skipped.agent.push({ rowNo });
      continue;
    }
    const rawAnswered = text(cells[cAnswered]);
    if (rawAnswered === '') {
      skipped.answered.push({ rowNo });
      continue;
    }
    if (!agentOf.has(name)) agentOf.set(name, resolve(name));
    const agent = agentOf.get(name);
    if (!agent) {
      const u = unknown.get(name) ?? { rows: 0, rowNos: [] };
      u.rows++;
      u.rowNos.push(rowNo);
      unknown.set(name, u);
      continue;
    }
    const answered = yes.has(norm(rawAnswered));
    let minute = date.minute;
    if (cTime >= 0) {
      const rawTime = cells[cTime] ?? null;
      minute = parseTime(rawTime);
      if (minute === null) skipped.time.push({ rowNo, value: text(rawTime) });
    }
    const call: Call = { rowNo, day: date.day, minute, callId: cId >= 0 ? text(cells[cId]) : '', answered };
    const rawRating = cells[cSat] ?? null;
    if (!isBlankRaw(rawRating)) {
      const letter = ratingTable.get(ratingKey(rawRating));
      if (!answered) skipped.ratingUnanswered.push({ rowNo, value: text(rawRating) });
      else if (!letter) skipped.rating.push({ rowNo, value: text(rawRating) });
      else call.letter = letter;
    }
    const list = calls.get(agent.id);
    if (list) list.push(call);
    else calls.set(agent.id, [call]);
  }

  // ---- the report: what was read
  messages.push(
    new Note(REPORT.read, {
      file,
      ...table.source,
      dataRows: table.rows.length,
      preset,
      agent: mapping.agent,
      date: mapping.date,
      dateFormat: mapping.dateFormat,
      time: mapping.time,
      answered: mapping.answered,
      yes: mapping.answeredYes,
      rating: mapping.satisfaction,
      table: Object.entries(mapping.ratingToLetter).map(([k, l]) => `${k}→${l}`),
      sample: mapping.sampleSize,
    }),
  );
  messages.push(new Note(REPORT.month, { month, calls: inMonth, otherRows: otherMonths }));
  if (inMonth === 0) {
    const seen = [...monthsSeen].sort();
    messages.push(new Note(REPORT.noCallInMonth, { month, from: seen[0], to: seen[seen.length - 1] }));
  }
  if (skipped.date.length) messages.push(new Note(REPORT.skippedDate, { rows: rowList(skipped.date), dateFormat: mapping.dateFormat }));
  if (skipped.agent.length) messages.push(new Note(REPORT.skippedAgent, { rows: rowList(skipped.agent) }));
  if (skipped.answered.length)
    messages.push(new Note(REPORT.skippedAnswered, { rows: rowList(skipped.answered), column: mapping.answered }));
  if (skipped.rating.length)
    messages.push(new Note(REPORT.ratingNotInTable, { rows: rowList(skipped.rating), ratings: [...ratingTable.keys()] }));
  if (skipped.ratingUnanswered.length) messages.push(new Note(REPORT.ratingUnanswered, { rows: rowList(skipped.ratingUnanswered) }));
  if (skipped.time.length) messages.push(new Note(REPORT.timeUnreadable, { rows: rowList(skipped.time) }));

  // ---- unknown agents
  const unknownAgents = [...unknown.entries()].map(([name, u]) => ({ name, rows: u.rows }));
  for (const [name, u] of unknown) {
    const note = resolveNotes.get(name);
    messages.push(
      new Note(REPORT.unknownAgent, {
        name,
        calls: u.rows,
        month,
        rows: rowList(u.rowNos.map((r) => ({ rowNo: r }))),
        ...(note ?? { why: 'none' }),
      }),
    );
  }

  // ---- per agent
  const inputs: Record<string, Record<string, number | string>> = {};
  const records: KpiRecord[] = [];
  const evidence = (c: Call) =>
    `call ${c.callId || `row ${c.rowNo}`}${c.minute === null ? '' : ` ${String(Math.floor(c.minute / 60)).padStart(2, '0')}:${String(c.minute % 60).padStart(2, '0')}`}`;
  const record = (id: string, c: Call, code: string, count: number | string) =>
    records.push({ date: c.day, id, code, count, evidence: evidence(c), by: 'call log', status: '' });
  const toA01 = mapping.unansweredToA01 !== false;
  const ptsA01 = DEFAULT_RULES.points.A01;
  for (const a of opts.agents) {
    const list = calls.get(a.id);
    const who = { id: a.id, name: a.name, role: a.role };
    if (!list || list.length === 0) {
      if (inMonth > 0) messages.push(new Note(REPORT.agentNoCall, { ...who, month }));
      continue;
    }
    const answered = list.filter((c) => c.answered).length;
    const unanswered = list.length - answered;
    const counts = { ...who, calls: list.length, answered, unanswered };
    if (a.role === 'pre-sales') {
      if (toA01) {
        inputs[a.id] = { A01: unanswered };
        for (const c of list) if (!c.answered) record(a.id, c, 'A01', 1);
        messages.push(new Note(REPORT.preSalesA01, { ...counts, points: unanswered * ptsA01, per: ptsA01 }));
      } else {
        messages.push(new Note(REPORT.preSalesNoA01, counts));
      }
      continue;
    }
    const rated = list
      .filter((c) => c.answered && c.letter)
      .sort(
        (x, y) =>
          (x.day < y.day ? -1 : x.day > y.day ? 1 : 0) ||
          (x.minute ?? 1440) - (y.minute ?? 1440) ||
          naturalCompare(x.callId, y.callId) ||
          x.rowNo - y.rowNo,
      );
    const sample = rated.slice(0, mapping.sampleSize);
    const letters = sample.map((c) => c.letter).join('');
    inputs[a.id] = { S01: answered };
    if (sample.length > 0) inputs[a.id].S02 = letters;
    for (const c of list) if (c.answered) record(a.id, c, 'S01', 1);
    for (const c of sample) record(a.id, c, 'S02', c.letter!);
    messages.push(
      new Note(REPORT.afterSales, {
        ...counts,
        letters: sample.length > 0 ? letters : undefined,
        taken: sample.length,
        rated: rated.length,
        sampleRows: sample.map((c) => String(c.rowNo)),
        sampleSize: mapping.sampleSize,
        scaledTo: DEFAULT_RULES.satisfactionSample,
      }),
    );
  }
  return { inputs, records, unknownAgents, messages };
}
