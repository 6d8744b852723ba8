/**
 * Roster and entries as records: the rules every input value obeys (forms.md D4, the grade and
 * rating letters, the test score range) and the roster and entries tables once they are rows of text.
 * Every problem is a `Problem` (core/problem.ts) of the input layer's messages (messages.ts), naming the
 * file and the row or cell.
 *
 * No file system, no ExcelJS: `inputs.ts` reads files (CSV in UTF-8 or GB18030, or an .xlsx roster)
 * and hands the rows here; `xlsx/reader.ts` validates the cells of a filled workbook with
 * `checkValue`. The task pane may import this module as it is.
 */
import { Agent, Role } from '../core/agent';
import { Month, toMonth } from '../core/month';
import { Note, Problem, isProblem } from '../core/problem';
import { KpiRecord, isSummedCode, parseStatus } from '../core/records';
import { Item, findItem } from '../core/rules';
import { readCsv } from './csv';
import { INPUT, Place, REPORT, ValueHint, ValueKind, atParams, firstParams } from './messages';
export type { Place, RowPlace, ImportedPlace } from './messages';
export { placeText } from './messages';

/** The problems found in one file, collected so that one run reports them all. */
class Issues {
  readonly list: Problem[] = [];
  add(p: Problem): void {
    this.list.push(p);
  }
  /** Throws one Problem carrying every problem collected, if any. */
  throwIfAny(): void {
    const all = Problem.ofAll(this.list);
    if (all) throw all;
  }
}

/** A value of an input: a count/score (number) or letters (grade, ratings). */
export type InputValue = number | string;
/** employee id → forms.md code (or `Q:<YYYY-MM>:<rank|bottomRank|redLines>`) → value */
export type InputsById = Record<string, Record<string, InputValue>>;

/**
 * Checks a month: `YYYY-MM` with a month 01–12, spaces around it ignored (core/month.ts `toMonth`).
 * @param where how to name the source in the message, e.g. `--month`
 * @returns the month, trimmed
 * @throws Problem `month.notMonth`: `--month "2024-13" must be a month YYYY-MM (e.g. 2024-03): there is no month 13`
 */
export function checkMonth(month: string, where: string): Month {
  return toMonth(month, where);
}

/**
 * The role of a roster row: `pre-sales`/`after-sales`, also `售前`/`售后`; case, spaces, `_` and
 * a missing hyphen are tolerated (`Pre Sales`, `presales`). Returns null when it is neither.
 */
export function normaliseRole(text: unknown): Role | null {
  const s = String(text ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s_\u3000]+/g, '-')
    .replace(/-+/g, '-');
  if (s === '售前' || s === 'pre-sales' || s === 'presales' || s === 'pre-sale' || s === 'presale') return 'pre-sales';
  if (s === '售后' || s === 'after-sales' || s === 'aftersales' || s === 'after-sale' || s === 'aftersale') return 'after-sales';
  return null;
}

/** Codes an agent of each kind can have entries for. */
export function codesOf(role: Role): (item: Item) => boolean {
  return role === 'pre-sales' ? (it) => it.form === 'A' || it.form === 'B' || it.form === 'EX' : (it) => it.form === 'S';
}

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;
const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Checks one input value against its item's rule and returns it normalised.
 *
 * - counts (A01–A11, AR1, AR2, B01–B05, B07–B12, S01 tickets, S04, S05, SP1, SN1): whole number ≥ 0 (D4);
 * - B06: days ≥ 0 in half-day steps (D4); B13: points 0–100; EX: test score 0–100, decimals allowed;
 * - S03/S06: one grade letter A–E, lower case accepted, returned upper case;
 * - S02: rating letters A–D, lower case accepted, spaces ignored, returned upper case without spaces;
 * - `Q:<month>:rank|bottomRank`: whole number ≥ 1; `Q:<month>:redLines`: whole number ≥ 0 (D10).
 *
 * Full-width digits or letters (`３`, `Ａ`) are rejected, never converted.
 * @param code forms.md item code (or a `Q:` quarter history key)
 * @param raw text from a CSV (`fromText` true: numbers are parsed) or a cell value (`fromText` false:
 *   a number cell must hold a number, text is rejected), already trimmed of rich-text wrappers
 * @param where how to name the place in the message: a row (`{ file: 'entries.csv', row: 7 }`, worded
 *   `entries.csv row 7`) or a cell (`a.xlsx 表A-业务!E7`)
 * @returns the value, or `null` for a blank (no entry)
 * @throws Problem `input.badValue`: `entries.csv row 7: A03 count "-1" must be a whole number ≥ 0 (D4)`;
 *   `input.notItemCode` for a code that is no item's
 */
export function checkValue(code: string, raw: unknown, where: Place, fromText: boolean): InputValue | null {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return null;
  const q = /^Q:(\d{4}-\d{2}):(rank|bottomRank|redLines)$/.exec(code);
  const item = q ? undefined : findItem(code);
  if (!q && !item) throw new Problem(INPUT.notItemCode, { ...atParams(where), code });
  const kind: ValueKind = q ? (q[2] as ValueKind) : item!.kind;
  const value =
    typeof raw === 'string'
      ? { value: raw, as: 'text' as const }
      : raw instanceof Date
        ? { value: raw.toISOString().slice(0, 10), as: 'date' as const }
        : { value: typeof raw === 'number' || typeof raw === 'boolean' ? raw : String(raw), as: 'plain' as const };
  const fail = (hint?: ValueHint, bad?: string): never => {
    throw new Problem(INPUT.badValue, { ...atParams(where), code: q ? q[1] : item!.code, kind, ...value, hint, bad });
  };
  if (typeof raw === 'boolean' || raw instanceof Date || (typeof raw !== 'string' && typeof raw !== 'number')) fail();

  if (kind === 'grade' || kind === 'ratings') {
    if (typeof raw !== 'string') fail('isNumber');
    const s = raw as string;
    if (FULL_WIDTH.test(s.trim())) fail('fullWidthLetters');
    if (kind === 'grade') {
      const g = s.trim().toUpperCase();
      if (!/^[A-E]$/.test(g)) fail();
      return g;
    }
    const r = s.replace(/ /g, '').toUpperCase();
    const bad = [...r].find((ch) => !'ABCD'.includes(ch));
    if (bad !== undefined) fail('notRating', bad);
    return r;
  }

  let n: number;
  if (typeof raw === 'number') n = raw;
  else {
    const s = (raw as string).trim();
    if (FULL_WIDTH.test(s)) fail('fullWidthDigits');
    if (!fromText) fail('cellText');
    if (!NUMBER_TEXT.test(s)) fail('notNumber');
    n = Number(s);
  }
  if (!Number.isFinite(n)) fail();
  switch (kind) {
    case 'rank':
    case 'bottomRank':
    case 'redLines':
      if (!Number.isInteger(n) || n < (kind === 'redLines' ? 0 : 1)) fail();
      return n;
    case 'halfday':
      if (n < 0 || !Number.isInteger(n * 2)) fail();
      return n;
    case 'points':
    case 'score':
      if (n < 0 || n > 100) fail();
      return n;
    default:
      if (!Number.isInteger(n) || n < 0) fail();
      return n;
  }
}

// ---------------- rows ----------------

/** A row of text cells from a CSV or a sheet, with how to name it and its cells in messages. */
export interface TextRow {
  cells: string[];
  /** the row, e.g. `{ file: 'roster.csv', row: 5 }` (`roster.csv row 5`) or `{ file: 'roster.xlsx', sheet: 'Sheet1', row: 5 }` */
  where: Place;
  /** a cell of the row (0-based column), e.g. the row itself (CSV) or `roster.xlsx Sheet1!C5` */
  cell(col: number): Place;
}

/**
 * CSV text as rows, by the one CSV reader (csv.ts: its delimiter rule, a quote inside an unquoted
 * field kept as text). Rows of empty cells are skipped; a row is named by the 1-based line it starts on.
 * @throws Problem `input.badCsv` naming the file and line for malformed CSV (e.g. an unclosed quote)
 */
export function csvRows(text: string, file: string): TextRow[] {
  return readCsv(text, file)
    .records.filter((r) => r.cells.some((c) => c.trim() !== ''))
    .map((r) => {
      const where = { file, row: r.line };
      return { cells: r.cells, where, cell: () => where };
    });
}

type Columns<K extends string> = Record<K, number>;

const HEADER_WORDS: Record<string, string[]> = {
  employee_id: ['employee_id', 'employeeid', 'employee-id', 'id', '工号', '员工编号', '编号'],
  name: ['name', '姓名', '名字'],
  role: ['role', '岗位', '角色'],
  group: ['group', '组', '小组', '分组'],
  leader: ['leader', 'group_leader', '组长'],
  code: ['code', '代码', '项目代码'],
  value: ['value', '值', '数值'],
  date: ['date', '日期'],
  evidence: ['evidence', '证据'],
  recorded_by: ['recorded_by', 'recordedby', '记录人'],
  status: ['status', '状态'],
};

function header<K extends string>(row: TextRow | undefined, file: string, required: K[], optional: K[], shape: string): Columns<K> {
  if (!row) throw new Problem(INPUT.emptyFile, { file, shape });
  const norm = row.cells.map((c) =>
    c
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase()
      .replace(/\s+/g, '_'),
  );
  const cols = {} as Columns<K>;
  for (const k of [...required, ...optional]) {
    const i = norm.findIndex((h) => HEADER_WORDS[k].includes(h));
    if (i >= 0) cols[k] = i;
    else if (required.includes(k)) {
      throw new Problem(INPUT.missingColumn, { ...atParams(row.where), shape, column: k, found: row.cells.map((c) => c.trim()) });
    }
  }
  return cols;
}

const cellText = (row: TextRow, i: number | undefined): string => (i === undefined ? '' : (row.cells[i] ?? '').trim());

/**
 * The roster from rows (header first): `employee_id,name,role,group` (Chinese headers 工号,姓名,岗位,组
 * also accepted; extra columns ignored; group optional). Names and ids are kept as text exactly,
 * even when they begin with = + - @ (they are never turned into formulas).
 * @throws Problem for a missing column, an empty id or name, an unknown role, a repeated id, or no agents (every
 *   bad row of the file: the first carries the others)
 */
export function rosterFromRows(rows: TextRow[], file: string): Agent[] {
  const shape = 'employee_id,name,role,group';
  const cols = header(rows[0], file, ['employee_id', 'name', 'role'], ['group', 'leader'], shape);
  // the optional leader column names the group's leader (组长) on any of its rows; a group has one
  const leaders = new Map<string, { leader: string; where: Place }>();
  const issues = new Issues();
  const seen = new Map<string, Place>();
  const agents: Agent[] = [];
  for (const row of rows.slice(1)) {
    const id = cellText(row, cols.employee_id);
    const name = cellText(row, cols.name);
    const roleText = cellText(row, cols.role);
    if (!id) {
      issues.add(new Problem(INPUT.emptyId, atParams(row.cell(cols.employee_id))));
      continue;
    }
    const dup = seen.get(id);
    if (dup !== undefined) {
      issues.add(new Problem(INPUT.duplicateId, { ...atParams(row.cell(cols.employee_id)), id, ...firstParams(dup, file) }));
      continue;
    }
    seen.set(id, row.where);
    if (!name) issues.add(new Problem(INPUT.emptyName, { ...atParams(row.cell(cols.name)), id }));
    const role = normaliseRole(roleText);
    if (!role) issues.add(new Problem(INPUT.badRole, { ...atParams(row.cell(cols.role)), role: roleText }));
    const group = cellText(row, cols.group);
    const leader = cellText(row, cols.leader);
    const had = leaders.get(group);
    if (leader && had && had.leader !== leader)
      issues.add(
        new Problem(INPUT.leaderDiffers, {
          ...atParams(row.cell(cols.leader)),
          group,
          leader,
          firstLeader: had.leader,
          ...firstParams(had.where, file),
        }),
      );
    else if (leader && !had) leaders.set(group, { leader, where: row.where });
    agents.push({ id, name, role: role ?? 'pre-sales', group });
  }
  issues.throwIfAny();
  for (const a of agents) {
    const l = leaders.get(a.group)?.leader;
    if (l) a.leader = l;
  }
  if (agents.length === 0) throw new Problem(INPUT.noAgents, { file, shape });
  return agents;
}

/**
 * Entries from rows (header first): `employee_id,code,value` (extra columns such as a date or a note
 * are ignored). Rules per code: see `checkValue`. Repeated rows of a count (and of B06 days, B13
 * points) for the same id and code add up (weekly records); repeated S02 rows concatenate their
 * letters; a repeated EX, S03 or S06 row is an error. A row with an empty value is no entry.
 * @returns employee id → code → value
 * @throws Problem naming the row: unknown id, unknown code, a code of the other kind of agent, a bad value,
 *   a repeated EX/S03/S06, B13 over 100 in total (every bad row of the file: the first carries the others)
 */
export function entriesFromRows(rows: TextRow[], file: string, agents: Agent[]): InputsById {
  return readEntries(rows, file, agents).inputs;
}

/**
 * Entries as records (D12): as `entriesFromRows`, with the optional columns `date` (YYYY-MM-DD in `month`;
 * empty: a month-level entry), `evidence`, `recorded_by` and `status` (empty, disputed, upheld, withdrawn,
 * or 申诉中, 维持, 撤销). Each row of a summed code (core/records.ts SUMMED_CODES) is a record; the monthly
 * figures (EX, S01, S02, S03, S06) are typed on the form and come back in `inputs`.
 * @throws Problem naming the row: as `entriesFromRows`, and a date that is not a day of the month, an unknown status
 */
export function entryRecordsFromRows(
  rows: TextRow[],
  file: string,
  agents: Agent[],
  month: string,
): { inputs: InputsById; records: KpiRecord[] } {
  const { inputs, records } = readEntries(rows, file, agents, month);
  for (const rec of Object.values(inputs)) for (const code of Object.keys(rec)) if (isSummedCode(code)) delete rec[code];
  for (const [id, rec] of Object.entries(inputs)) if (Object.keys(rec).length === 0) delete inputs[id];
  return { inputs, records };
}

/** Days read so far, by their text: a month of 12,000 records names some 31 days. */
const DAYS = new Map<string, string | null>();

/** A `YYYY-MM-DD` day (also `YYYY/M/D`), or null. */
function parseDay(text: string): string | null {
  let day = DAYS.get(text);
  if (day === undefined) {
    if (DAYS.size > 4096) DAYS.clear(); // a long-lived pane reading many files keeps few
    DAYS.set(text, (day = readDay(text)));
  }
  return day;
}

function readDay(text: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
}

function readEntries(rows: TextRow[], file: string, agents: Agent[], month?: string): { inputs: InputsById; records: KpiRecord[] } {
  const cols = header(
    rows[0],
    file,
    ['employee_id', 'code', 'value'],
    ['date', 'evidence', 'recorded_by', 'status'],
    'employee_id,code,value',
  );
  const records: KpiRecord[] = [];
  const byId = new Map(agents.map((a) => [a.id, a]));
  const out: InputsById = {};
  const firstRow = new Map<string, Place>();
  const issues = new Issues();
  for (const row of rows.slice(1)) {
    const id = cellText(row, cols.employee_id);
    const codeText = cellText(row, cols.code);
    const at = row.cell(cols.value);
    const agent = byId.get(id);
    if (!agent) {
      issues.add(new Problem(INPUT.unknownId, { ...atParams(row.cell(cols.employee_id)), id }));
      continue;
    }
    const item = findItem(codeText);
    if (!item || FULL_WIDTH.test(codeText)) {
      issues.add(new Problem(INPUT.unknownCode, { ...atParams(row.cell(cols.code)), code: codeText }));
      continue;
    }
    if (!codesOf(agent.role)(item)) {
      issues.add(new Problem(INPUT.otherRoleCode, { ...atParams(row.cell(cols.code)), code: item.code, id, role: agent.role }));
      continue;
    }
    let v: InputValue | null;
    try {
      v = checkValue(item.code, row.cells[cols.value] ?? '', at, true);
    } catch (e) {
      if (!isProblem(e)) throw e;
      issues.add(e);
      continue;
    }
    if (v === null) continue;
    if (month !== undefined) {
      const dateText = cellText(row, cols.date);
      const date = dateText === '' ? '' : parseDay(dateText);
      // a day with a time of day (a spreadsheet's date-time, `2015-01-05 10:30`): the time is what is wrong, not the day
      const timed = date === null ? /^(\S+)(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.exec(dateText) : null;
      const day = timed ? parseDay(timed[1]) : null;
      if (day !== null) {
        issues.add(new Problem(INPUT.recordDateTime, { ...atParams(row.cell(cols.date!)), date: dateText, day }));
        continue;
      }
      if (date === null || (date !== '' && date.slice(0, 7) !== month)) {
        issues.add(new Problem(INPUT.recordDate, { ...atParams(row.cell(cols.date!)), date: dateText, month }));
        continue;
      }
      const statusText = cellText(row, cols.status);
      const status = parseStatus(statusText);
      if (status === null) {
        issues.add(new Problem(INPUT.recordStatus, { ...atParams(row.cell(cols.status!)), status: statusText }));
        continue;
      }
      if (isSummedCode(item.code))
        records.push({
          date,
          id,
          code: item.code,
          count: v,
          evidence: cellText(row, cols.evidence),
          by: cellText(row, cols.recorded_by),
          status,
        });
    }
    const rec = (out[id] ??= {});
    const key = `${id}\u0000${item.code}`;
    const prev = rec[item.code];
    if (prev === undefined) {
      rec[item.code] = v;
      firstRow.set(key, row.where);
      continue;
    }
    switch (item.kind) {
      case 'score':
      case 'grade':
        issues.add(
          new Problem(INPUT.givenAgain, {
            ...atParams(row.where),
            ...firstParams(firstRow.get(key)!, file),
            id,
            code: item.code,
            score: item.kind === 'score',
          }),
        );
        break;
      case 'ratings':
        rec[item.code] = `${prev}${v}`;
        break;
      default: {
        const sum = (prev as number) + (v as number);
        if (item.kind === 'points' && sum > 100) {
          issues.add(new Problem(INPUT.pointsOver, { ...atParams(at), id, sum }));
          break;
        }
        rec[item.code] = Math.round(sum * 1e9) / 1e9;
      }
    }
  }
  issues.throwIfAny();
  return { inputs: out, records };
}

/**
 * Merges the inputs of a call-centre log import under the entries: for an id and code present in
 * both, the entries value wins (the supervisor's record is the one they checked) and a note says so.
 * @returns the merged inputs and one note per value overridden
 */
export function mergeInputs(entries: InputsById, calls: InputsById, callsFile: string): { inputs: InputsById; notes: Note[] } {
  const inputs: InputsById = {};
  const notes: Note[] = [];
  for (const [id, rec] of Object.entries(calls)) inputs[id] = { ...rec };
  for (const [id, rec] of Object.entries(entries)) {
    const m = (inputs[id] ??= {});
    for (const [code, v] of Object.entries(rec)) {
      if (m[code] !== undefined && m[code] !== v)
        notes.push(new Note(REPORT.replacedByEntries, { file: callsFile, code, id, log: String(m[code]), entry: String(v) }));
      m[code] = v;
    }
  }
  return { inputs, notes };
}
