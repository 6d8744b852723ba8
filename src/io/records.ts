/**
 * Roster and entries as records: the rules every input value obeys (forms.md D4, the grade and
 * rating letters, the test score range), the roster and entries tables once they are rows of text,
 * and the one error type every input problem is reported with (input-error.ts, re-exported here).
 *
 * No file system, no ExcelJS: `inputs.ts` reads files (CSV in UTF-8 or GB18030, or an .xlsx roster)
 * and hands the rows here; `xlsx/reader.ts` validates the cells of a filled workbook with
 * `checkValue`. The task pane may import this module as it is.
 */
import { Agent, Role } from '../core/agent';
import { Month, isMonth, monthMessage } from '../core/month';
import { Item, findItem } from '../core/rules';
import { readCsv } from './csv';
import { InputError } from './input-error';

export { InputError };

/** The problems found in one file, collected so that one run reports them all. */
class Issues {
  readonly list: string[] = [];
  add(msg: string): void {
    this.list.push(msg);
  }
  /** Throws an InputError holding every problem collected, if any. */
  throwIfAny(): void {
    if (this.list.length > 0) throw new InputError(this.list[0], this.list);
  }
}

/** A value of an input: a count/score (number) or letters (grade, ratings). */
export type InputValue = number | string;
/** employee id → forms.md code (or `Q:<YYYY-MM>:<rank|bottomRank|redLines>`) → value */
export type InputsById = Record<string, Record<string, InputValue>>;

/**
 * Checks a month: `YYYY-MM` with a month 01–12, spaces around it ignored (core/month.ts).
 * @param where how to name the source in the message, e.g. `--month`
 * @returns the month, trimmed
 * @throws InputError `--month "2024-13" must be a month YYYY-MM (e.g. 2024-03): there is no month 13`
 */
export function checkMonth(month: string, where: string): Month {
  const m = String(month ?? '').trim();
  if (!isMonth(m)) throw new InputError(monthMessage(month, where));
  return m;
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

/** What the value of each kind of item must be, as messages state it. */
const RULE_TEXT: Record<Item['kind'], { what: string; rule: string }> = {
  count: { what: 'count', rule: 'a whole number ≥ 0 (D4)' },
  escalating: { what: 'count', rule: 'a whole number ≥ 0 (D4)' },
  redline: { what: 'red-line count', rule: 'a whole number ≥ 0 (D3, D4)' },
  tickets: { what: 'ticket count', rule: 'a whole number ≥ 0 (D4, D5)' },
  halfday: { what: 'days', rule: 'a number of days ≥ 0 in half days, e.g. 1.5 (D4)' },
  points: { what: 'points', rule: 'a number of points from 0 to 100' },
  score: { what: 'test score', rule: 'a number from 0 to 100' },
  grade: { what: 'grade', rule: 'one of the grade letters A, B, C, D, E' },
  ratings: { what: 'ratings', rule: 'rating letters A–D, one per called-back ticket, e.g. AABCD (D6)' },
};

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
 * @param where how to name the place in the message, e.g. `entries.csv row 7` or `a.xlsx 表A-业务!E7`
 * @returns the value, or `null` for a blank (no entry)
 * @throws InputError `entries.csv row 7: A03 count "-1" must be a whole number ≥ 0 (D4)`
 */
export function checkValue(code: string, raw: unknown, where: string, fromText: boolean): InputValue | null {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return null;
  const q = /^Q:(\d{4}-\d{2}):(rank|bottomRank|redLines)$/.exec(code);
  const item = q ? undefined : findItem(code);
  if (!q && !item) throw new InputError(`${where}: "${code}" is not an item code of forms.md`);
  const { what, rule } = q
    ? q[2] === 'redLines'
      ? { what: `red lines of ${q[1]}`, rule: 'a whole number ≥ 0 (D10)' }
      : { what: `${q[2] === 'rank' ? 'rank' : 'rank from the bottom'} of ${q[1]}`, rule: 'a whole number ≥ 1 (D10)' }
    : RULE_TEXT[item!.kind];
  const label = q ? what : `${item!.code} ${what}`;
  const shown =
    typeof raw === 'string' ? JSON.stringify(raw) : raw instanceof Date ? `a date (${raw.toISOString().slice(0, 10)})` : String(raw);
  const fail = (hint = ''): never => {
    throw new InputError(`${where}: ${label} ${shown} must be ${rule}${hint}`);
  };
  if (typeof raw === 'boolean' || raw instanceof Date || (typeof raw !== 'string' && typeof raw !== 'number')) fail();
  const kind = q ? 'qcount' : item!.kind;

  if (kind === 'grade' || kind === 'ratings') {
    if (typeof raw !== 'string') fail('; it is a number');
    const s = raw as string;
    if (FULL_WIDTH.test(s.trim())) fail('; full-width letters are not accepted');
    if (kind === 'grade') {
      const g = s.trim().toUpperCase();
      if (!/^[A-E]$/.test(g)) fail();
      return g;
    }
    const r = s.replace(/ /g, '').toUpperCase();
    const bad = [...r].find((ch) => !'ABCD'.includes(ch));
    if (bad !== undefined) fail(`; "${bad}" is not one`);
    return r;
  }

  let n: number;
  if (typeof raw === 'number') n = raw;
  else {
    const s = (raw as string).trim();
    if (FULL_WIDTH.test(s)) fail('; full-width digits are not accepted, type them as 0–9');
    if (!fromText) fail('; the cell holds text, not a number');
    if (!NUMBER_TEXT.test(s)) fail('; it is not a number');
    n = Number(s);
  }
  if (!Number.isFinite(n)) fail();
  switch (kind) {
    case 'qcount':
      if (!Number.isInteger(n) || n < (q![2] === 'redLines' ? 0 : 1)) fail();
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
  /** the row, e.g. `roster.csv row 5` or `roster.xlsx Sheet1 row 5` */
  where: string;
  /** a cell of the row (0-based column), e.g. `roster.csv row 5` (CSV) or `roster.xlsx Sheet1!C5` */
  cell(col: number): string;
}

/**
 * CSV text as rows, by the one CSV reader (csv.ts: its delimiter rule, a quote inside an unquoted
 * field kept as text). Rows of empty cells are skipped; a row is named by the 1-based line it starts on.
 * @throws InputError naming the file and line for malformed CSV (e.g. an unclosed quote)
 */
export function csvRows(text: string, file: string): TextRow[] {
  return readCsv(text, file)
    .records.filter((r) => r.cells.some((c) => c.trim() !== ''))
    .map((r) => {
      const where = `${file} row ${r.line}`;
      return { cells: r.cells, where, cell: () => where };
    });
}

type Columns<K extends string> = Record<K, number>;

const HEADER_WORDS: Record<string, string[]> = {
  employee_id: ['employee_id', 'employeeid', 'employee-id', 'id', '工号', '员工编号', '编号'],
  name: ['name', '姓名', '名字'],
  role: ['role', '岗位', '角色'],
  group: ['group', '组', '小组', '分组'],
  code: ['code', '代码', '项目代码'],
  value: ['value', '值', '数值'],
};

function header<K extends string>(row: TextRow | undefined, file: string, required: K[], optional: K[], shape: string): Columns<K> {
  if (!row) throw new InputError(`${file}: the file is empty; it needs the header ${shape} and one row per record`);
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
      throw new InputError(
        `${row.where}: the header must have the columns ${shape}; "${k}" is missing (found: ${row.cells.map((c) => c.trim()).join(',')})`,
      );
    }
  }
  return cols;
}

const cellText = (row: TextRow, i: number | undefined): string => (i === undefined ? '' : (row.cells[i] ?? '').trim());

/**
 * The roster from rows (header first): `employee_id,name,role,group` (Chinese headers 工号,姓名,岗位,组
 * also accepted; extra columns ignored; group optional). Names and ids are kept as text exactly,
 * even when they begin with = + - @ (they are never turned into formulas).
 * @throws InputError for a missing column, an empty id or name, an unknown role, a repeated id, or no agents
 */
export function rosterFromRows(rows: TextRow[], file: string): Agent[] {
  const shape = 'employee_id,name,role,group';
  const cols = header(rows[0], file, ['employee_id', 'name', 'role'], ['group'], shape);
  const issues = new Issues();
  const seen = new Map<string, string>();
  const agents: Agent[] = [];
  for (const row of rows.slice(1)) {
    const id = cellText(row, cols.employee_id);
    const name = cellText(row, cols.name);
    const roleText = cellText(row, cols.role);
    if (!id) {
      issues.add(`${row.cell(cols.employee_id)}: employee_id is empty; every agent needs a unique id`);
      continue;
    }
    if (seen.has(id)) {
      issues.add(`${row.cell(cols.employee_id)}: employee_id "${id}" is a duplicate of ${seen.get(id)}; ids must be unique`);
      continue;
    }
    seen.set(id, row.where.replace(`${file} `, ''));
    if (!name) issues.add(`${row.cell(cols.name)}: the name of "${id}" is empty`);
    const role = normaliseRole(roleText);
    if (!role) issues.add(`${row.cell(cols.role)}: role "${roleText}" must be pre-sales or after-sales (售前 or 售后)`);
    agents.push({ id, name, role: role ?? 'pre-sales', group: cellText(row, cols.group) });
  }
  issues.throwIfAny();
  if (agents.length === 0) throw new InputError(`${file}: the roster lists no agents; it needs the header ${shape} and one row per agent`);
  return agents;
}

/**
 * Entries from rows (header first): `employee_id,code,value` (extra columns such as a date or a note
 * are ignored). Rules per code: see `checkValue`. Repeated rows of a count (and of B06 days, B13
 * points) for the same id and code add up (weekly records); repeated S02 rows concatenate their
 * letters; a repeated EX, S03 or S06 row is an error. A row with an empty value is no entry.
 * @returns employee id → code → value
 * @throws InputError naming the row: unknown id, unknown code, a code of the other kind of agent, a bad value,
 *   a repeated EX/S03/S06, B13 over 100 in total
 */
export function entriesFromRows(rows: TextRow[], file: string, agents: Agent[]): InputsById {
  const cols = header(rows[0], file, ['employee_id', 'code', 'value'], [], 'employee_id,code,value');
  const byId = new Map(agents.map((a) => [a.id, a]));
  const out: InputsById = {};
  const firstRow = new Map<string, string>();
  const issues = new Issues();
  for (const row of rows.slice(1)) {
    const id = cellText(row, cols.employee_id);
    const codeText = cellText(row, cols.code);
    const at = row.cell(cols.value);
    const agent = byId.get(id);
    if (!agent) {
      issues.add(`${row.cell(cols.employee_id)}: employee_id "${id}" is not in the roster`);
      continue;
    }
    const item = findItem(codeText);
    if (!item || FULL_WIDTH.test(codeText)) {
      issues.add(
        `${row.cell(cols.code)}: code "${codeText}" is not an item code of forms.md (A01–A11, AR1, AR2, B01–B13, EX, S01–S06, SP1, SN1)`,
      );
      continue;
    }
    if (!codesOf(agent.role)(item)) {
      issues.add(
        `${row.cell(cols.code)}: code ${item.code} is ${agent.role === 'pre-sales' ? 'an after-sales' : 'a pre-sales'} item but "${id}" is ${agent.role}`,
      );
      continue;
    }
    let v: InputValue | null;
    try {
      v = checkValue(item.code, row.cells[cols.value] ?? '', at, true);
    } catch (e) {
      issues.add((e as Error).message);
      continue;
    }
    if (v === null) continue;
    const rec = (out[id] ??= {});
    const key = `${id}\u0000${item.code}`;
    const prev = rec[item.code];
    if (prev === undefined) {
      rec[item.code] = v;
      firstRow.set(key, row.where.replace(`${file} `, ''));
      continue;
    }
    switch (item.kind) {
      case 'score':
      case 'grade':
        issues.add(
          `${row.where}: ${item.code} of "${id}" is given again (first at ${firstRow.get(key)}); one ${item.kind === 'score' ? 'test score' : 'grade'} per month`,
        );
        break;
      case 'ratings':
        rec[item.code] = `${prev}${v}`;
        break;
      default: {
        const sum = (prev as number) + (v as number);
        if (item.kind === 'points' && sum > 100) {
          issues.add(`${at}: B13 points add up to ${sum} for "${id}"; the total must be from 0 to 100`);
          break;
        }
        rec[item.code] = Math.round(sum * 1e9) / 1e9;
      }
    }
  }
  issues.throwIfAny();
  return out;
}

/**
 * Merges the inputs of a call-centre log import under the entries: for an id and code present in
 * both, the entries value wins (the supervisor's record is the one they checked) and a note says so.
 * @returns the merged inputs and one note per value overridden
 */
export function mergeInputs(entries: InputsById, calls: InputsById, callsFile: string): { inputs: InputsById; notes: string[] } {
  const inputs: InputsById = {};
  const notes: string[] = [];
  for (const [id, rec] of Object.entries(calls)) inputs[id] = { ...rec };
  for (const [id, rec] of Object.entries(entries)) {
    const m = (inputs[id] ??= {});
    for (const [code, v] of Object.entries(rec)) {
      if (m[code] !== undefined && m[code] !== v)
        notes.push(`${callsFile}: ${code} of "${id}" from the call log (${m[code]}) replaced by the entries value (${v})`);
      m[code] = v;
    }
  }
  return { inputs, notes };
}
