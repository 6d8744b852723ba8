/**
 * A month workbook's cells as the department merge needs them (core/merge.ts `MonthBook`), read in the browser:
 * the open workbook through Office.js (office/merge.ts) or an uploaded .xlsx through xlsx-lite (taskpane/merge-file.ts).
 * Both readers give the same `MonthCells` — each rule name's cells, the roster and input sheets' used cells, the
 * records sheet's rows — and `monthBookOfCells` turns them into a MonthBook as src/xlsx/month-book.ts does for a
 * file on disk: the month, language and mode, the rules (and every rule cell's value, for the "same rules" check),
 * the roster with each id's cell, every typed input (EX, S01, S02, S03, S06, the quarter's months) as the engine
 * takes it, and the records with their source. Pure: no Office.js, no ExcelJS.
 */
import type { Agent, Role } from '../core/agent';
import type { BookCell, MonthBook } from '../core/merge';
import { isMonth } from '../core/month';
import { Problem } from '../core/problem';
import { isEmptyRecord } from '../core/records';
import { findItem } from '../core/rules';
import { SHEET_NAMES } from '../templates/i18n';
import { workbookLayout } from '../templates/layout';
import { colName, parseAddr } from '../templates/model';
import { RULE_NAMES, RuleLookup, readRulesFromNames } from '../templates/rule-names';
import { roleWord } from '../templates/sheets/common';
import { RECORDS_FIRST_ROW, RECORD_COLS } from '../templates/sheets/records';
import { ROSTER_COLS, ROSTER_FIRST_ROW, rosterCells } from '../templates/sheets/roster';
import { MERGE_FILE } from './merge-messages';
import { recordOfCells } from './records';

type Lang = 'zh' | 'en';

/** Cells of a sheet as read: `values[0][0]` is the cell at `row`, `col` (1-based) of `sheet`. */
export interface Grid {
  sheet: string;
  values: unknown[][];
  row: number;
  col: number;
}

/** What a month workbook holds, as the readers give it. */
export interface MonthCells {
  /** the workbook as messages name it (the uploaded file's name, this workbook's) */
  file: string;
  /** the name the merged month keeps of it (roster and records source column) */
  source: string;
  /** each defined name of `RULE_NAMES` the workbook has: its cells */
  names: Map<string, Grid>;
  /** the sheets read (roster, written test, after-sales, quarter), by lower-case name */
  sheets: Map<string, Grid>;
  /** the records sheet's rows (A–G and the source column), from its first record row; null without a records sheet */
  records: { sheet: string; rows: Array<{ row: number; cells: unknown[]; source: unknown }> } | null;
}

/** The sheets that hold the roster and the typed inputs, by key (the records sheet is read apart). */
export const MONTH_SHEETS = ['roster', 'test', 'after', 'quarter'] as const;

/** The rules compared between workbooks (the language and formula mode are a view of the month; the month is compared apart). */
const MERGED_RULES = RULE_NAMES.filter((n) => n !== 'KPI_LANG' && n !== 'KPI_MODE' && n !== 'KPI_MONTH');

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v)).trim();
const blank = (v: unknown): boolean => v === null || v === undefined || v === '';
/** A kind of agent as a roster words it (the template's word in either language, or the CLI's `pre-sales`/`after-sales`). */
function roleOf(v: unknown): Role | null {
  const t = text(v).toLowerCase();
  for (const role of ['pre-sales', 'after-sales'] as const)
    if (t === role || (['zh', 'en'] as const).some((l) => roleWord(l, { id: '', name: '', group: '', role }).toLowerCase() === t))
      return role;
  return null;
}

/**
 * A typed input as the CLI's reader gives it (io/records.ts `checkValue`), so that two workbooks compare alike
 * whichever reads them: blank is none, a number stays a number, a grade (S03, S06) is its letter in capitals, the
 * ratings (S02) their letters in capitals without spaces, other text trimmed. Unlike the CLI a value the rules refuse
 * is not refused here: the forms' data validation checked it when it was typed, and the merged month shows it as
 * this one did (incomplete, D11). (`checkValue` and its csv-parse stay out of the pane's "excel" chunk.)
 */
function typedInput(code: string, v: unknown): number | string | null {
  if (blank(v)) return null;
  if (typeof v === 'number') return v;
  const t = text(v);
  if (t === '') return null;
  const kind = findItem(code)?.kind;
  return kind === 'grade' ? t.toUpperCase() : kind === 'ratings' ? t.replace(/ /g, '').toUpperCase() : t;
}

/** A cell of a grid by row and column (1-based); undefined outside it. */
const cellOf = (g: Grid, row: number, col: number): unknown => g.values[row - g.row]?.[col - g.col];

/** `'规则'!$C$4:$D$8` as its sheet and rectangle; null for a reference that is not one rectangle of one sheet. */
export function parseRef(ref: string): { sheet: string; r1: number; c1: number; r2: number; c2: number } | null {
  const m = /^=?(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref.trim());
  if (!m) return null;
  const a = parseAddr(`${m[3]}${m[4]}`);
  const b = m[5] ? parseAddr(`${m[5]}${m[6]}`) : a;
  return { sheet: (m[1] ?? m[2]).replace(/''/g, "'"), r1: a.row, c1: a.col, r2: b.row, c2: b.col };
}

/** The part of `g` a reference covers, as a grid of its own (blank beyond `g`'s used cells). */
export function slice(g: Grid | null, ref: NonNullable<ReturnType<typeof parseRef>>): Grid {
  const values = Array.from({ length: ref.r2 - ref.r1 + 1 }, (_, i) =>
    Array.from({ length: ref.c2 - ref.c1 + 1 }, (_, j) => (g ? (cellOf(g, ref.r1 + i, ref.c1 + j) ?? '') : '')),
  );
  return { sheet: ref.sheet, values, row: ref.r1, col: ref.c1 };
}

/** The rule lookup over the names' cells; a value that is not a rule's says where it is. */
function lookupOf(m: MonthCells): RuleLookup {
  const grid = (name: string) => m.names.get(name)!;
  const bad = (name: string, g: Grid, i = 0, j = 0) =>
    new Problem(MERGE_FILE.badRule, {
      file: m.file,
      name,
      cell: `${g.sheet}!${colName(g.col + j)}${g.row + i}`,
      value: text(g.values[i]?.[j]),
    });
  const number = (name: string, g: Grid, i: number, j: number, blankNull = false): number | null => {
    const v = g.values[i]?.[j];
    if (blank(v) && blankNull) return null;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(name, g, i, j);
    return v;
  };
  return {
    num: (name, o) => number(name, grid(name), 0, 0, o?.blank === 'null'),
    nums: (name, n) => {
      const g = grid(name);
      if (g.values.length * (g.values[0]?.length ?? 0) !== n) throw bad(name, g);
      return g.values.flatMap((row, i) => row.map((_, j) => number(name, g, i, j) as number));
    },
    scale: <L extends string>(name: string, letters: readonly L[]) => {
      const g = grid(name);
      const out = {} as Record<L, number>;
      g.values.forEach((row, i) => (out[text(row[0]).toUpperCase() as L] = number(name, g, i, 1) as number));
      if (letters.some((l) => !(l in out))) throw bad(name, g);
      return out;
    },
    choice: <T extends string>(name: string, allowed: readonly T[]) => {
      const g = grid(name);
      const v = text(g.values[0]?.[0]);
      if (!(allowed as readonly string[]).includes(v)) throw bad(name, g);
      return v as T;
    },
  };
}

/**
 * A month workbook's cells as the merge's MonthBook.
 * @throws Problem merge.notMonth when a rule's name, the month or the roster sheet is missing;
 *   merge.badRule for a rule cell that holds no rule value; merge.rosterId for an empty or repeated id;
 *   merge.rosterRole for a role that is neither kind
 */
export function monthBookOfCells(m: MonthCells): MonthBook {
  const missing = RULE_NAMES.find((n) => !m.names.has(n));
  if (missing) throw new Problem(MERGE_FILE.notMonth, { file: m.file, what: missing });
  const first = (n: string) => m.names.get(n)!.values[0]?.[0];
  const month = text(first('KPI_MONTH'));
  if (!isMonth(month)) throw new Problem(MERGE_FILE.notMonth, { file: m.file, what: 'KPI_MONTH' });
  const lang: Lang = text(first('KPI_LANG')) === 'en' ? 'en' : 'zh';
  const mode = text(first('KPI_MODE')) === 'plain' ? 'plain' : 'kpi';
  const rules = readRulesFromNames(lookupOf(m));
  const mg = m.names.get('KPI_MONTH')!;
  const monthCell: BookCell = { sheet: mg.sheet, cell: `${colName(mg.col)}${mg.row}` };
  const ruleCells: MonthBook['ruleCells'] = [];
  for (const name of MERGED_RULES) {
    const g = m.names.get(name)!;
    g.values.forEach((row, i) =>
      row.forEach((v, j) => ruleCells.push({ name, sheet: g.sheet, cell: `${colName(g.col + j)}${g.row + i}`, value: text(v) })),
    );
  }

  // the roster, as the .xlsx reader reads it (xlsx/reader.ts readRoster): by position from its first row
  const names = SHEET_NAMES[lang];
  const roster = m.sheets.get(names.roster.toLowerCase());
  if (!roster) throw new Problem(MERGE_FILE.notMonth, { file: m.file, what: names.roster });
  const agents: MonthBook['agents'] = [];
  const seen = new Map<string, number>();
  const last = roster.row + roster.values.length - 1;
  for (let r = ROSTER_FIRST_ROW; r <= last; r++) {
    const t = (c: number) => text(cellOf(roster, r, c));
    const at = { sheet: roster.sheet, cell: `A${r}` };
    const id = t(1);
    if (!id) {
      if ([2, 3, 4].some((c) => t(c) !== ''))
        throw new Problem(MERGE_FILE.rosterId, { file: m.file, cell: `${at.sheet}!${at.cell}`, id: '' });
      continue;
    }
    if (seen.has(id.toUpperCase())) throw new Problem(MERGE_FILE.rosterId, { file: m.file, cell: `${at.sheet}!${at.cell}`, id });
    seen.set(id.toUpperCase(), r);
    const role = roleOf(t(3));
    if (!role) throw new Problem(MERGE_FILE.rosterRole, { file: m.file, cell: `${at.sheet}!C${r}`, role: t(3) });
    const [leader, source] = [t(ROSTER_COLS.leader), t(ROSTER_COLS.source)];
    const agent: Agent = { id, name: t(2), role, group: t(4), ...(leader ? { leader } : {}), ...(source ? { source } : {}) };
    agents.push({ ...agent, at, cells: rosterCells(roster.sheet, r) });
  }
  if (agents.length === 0) throw new Problem(MERGE_FILE.notMonth, { file: m.file, what: names.roster });

  // the typed inputs where the layout puts them; a sheet the workbook does not have gives none
  const inputs: MonthBook['inputs'] = {};
  for (const lay of workbookLayout({ month, agents, lang, rules }).layout) {
    for (const [code, loc] of Object.entries(lay.inputs)) {
      const g = m.sheets.get(loc.sheet.toLowerCase());
      if (!g) continue;
      const p = parseAddr(loc.address);
      const v = typedInput(code, cellOf(g, p.row, p.col));
      if (v !== null) (inputs[lay.agent.id] ??= {})[code] = { value: v, sheet: loc.sheet, cell: loc.address };
    }
  }

  const records: MonthBook['records'] = [];
  for (const r of m.records?.rows ?? []) {
    if (r.row < RECORDS_FIRST_ROW) continue;
    const rec = recordOfCells(r.cells, lang);
    // a status the sheet's words do not know stays as typed (the merged sheet's check flags it, as here)
    const status = (rec.status.startsWith('?') ? rec.status.slice(1) : rec.status) as typeof rec.status;
    const source = text(r.source);
    const record = { ...rec, status, ...(source ? { source } : {}), sheet: m.records!.sheet, row: r.row };
    if (!isEmptyRecord(record)) records.push(record);
  }
  return { file: m.file, source: m.source, month, monthCell, lang, mode, rules, ruleCells, agents, inputs, records };
}

/** The records sheet's columns read: A–G, then the source column. */
export const RECORD_READ_COLS = [1, 2, 3, 4, 5, 6, 7, RECORD_COLS.source] as const;

/** The records rows of a records sheet's used cells (its first record row on). */
export function recordRowsOf(g: Grid): NonNullable<MonthCells['records']>['rows'] {
  const rows: NonNullable<MonthCells['records']>['rows'] = [];
  for (let r = Math.max(RECORDS_FIRST_ROW, g.row); r < g.row + g.values.length; r++) {
    const cells = RECORD_READ_COLS.slice(0, 7).map((c) => cellOf(g, r, c) ?? '');
    if (cells.every(blank)) continue;
    rows.push({ row: r, cells, source: cellOf(g, r, RECORD_COLS.source) ?? '' });
  }
  return rows;
}

/** An .xlsx file opened by xlsx-lite (taskpane/xlsx-lite.ts `readXlsxBook`), as far as the merge needs it. */
export interface BookFile {
  names: Array<{ name: string; ref: string }>;
  sheet(name: string): Promise<Grid | null>;
}

/**
 * A month workbook file's cells: each rule name's cells (from the sheet its reference names), the roster and input
 * sheets and the records sheet of the workbook's language (KPI_LANG).
 * @param file the file's name, as messages and the source columns name it
 * @throws Problem merge.notMonth for a rule name that is missing or not one rectangle of a sheet
 */
export async function monthCellsOfFile(book: BookFile, file: string): Promise<MonthCells> {
  const refs = new Map(book.names.map((n) => [n.name.toUpperCase(), n.ref]));
  const names = new Map<string, Grid>();
  for (const name of RULE_NAMES) {
    const ref = parseRef(refs.get(name) ?? '');
    if (!ref) throw new Problem(MERGE_FILE.notMonth, { file, what: name });
    names.set(name, slice(await book.sheet(ref.sheet), ref));
  }
  const lang: Lang = text(names.get('KPI_LANG')!.values[0]?.[0]) === 'en' ? 'en' : 'zh';
  const sheets = new Map<string, Grid>();
  for (const key of MONTH_SHEETS) {
    const g = await book.sheet(SHEET_NAMES[lang][key]);
    if (g) sheets.set(g.sheet.toLowerCase(), g);
  }
  const recRef = parseRef(refs.get('REC_ID') ?? '');
  const rec = await book.sheet(recRef?.sheet ?? SHEET_NAMES[lang].records);
  return { file, source: file, names, sheets, records: rec ? { sheet: rec.sheet, rows: recordRowsOf(rec) } : null };
}
