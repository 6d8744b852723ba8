/**
 * Scores a filled evaluation workbook (.xlsx saved by Excel, WPS, LibreOffice or kpi-forms itself):
 * reads its rules (the defined names of the rules sheet, as a manager may have edited them), its
 * roster and every input cell, scores the month with the engine, and compares each result cell's
 * stored value with the engine's.
 *
 * Missing defined names are an error, not a guess: a workbook whose names a tool dropped cannot be
 * trusted to have its rules where the template put them (the rules sheet may have been edited), so
 * the reader says which names are missing and stops rather than read the rules sheet by position.
 */
import * as fs from 'fs';
import { AgentResult, scoreMonth } from '../core/engine';
import { Rules } from '../core/rules';
import { SHEET_NAMES, Lang } from '../templates/i18n';
import { Agent, parseAddr } from '../templates/model';
import { workbookLayout } from '../templates/layout';
import { quarterMonths } from '../core/month';
import { RULE_NAMES, readRulesFromNames } from '../templates/rule-names';
import { Problem, isProblem } from '../core/problem';
import { INPUT, atParams } from '../io/messages';
import { InputsById, checkMonth, checkValue, normaliseRole } from '../io/records';
import { CellValue, ReadCell, ReadSheet, ReadWorkbook, readXlsx } from './fast-read';
import { KpiRecord, RECORD_STATUSES, RecordFault, STATUS_WORDS, serialDate } from '../core/records';
import { RECORDS_FIRST_ROW, RECORD_COLS } from '../templates/sheets/records';
import { ROSTER_COLS } from '../templates/sheets/roster';
import { X } from './messages';
import { checkXlsxPackage } from './package';

/** One result cell whose stored value is not the engine's. */
export interface Mismatch {
  sheet: string;
  /** A1 address */
  cell: string;
  /** what the file holds: the cached formula result, or the constant that replaced the formula */
  stored: number | string | boolean | null;
  /** the engine's value */
  expected: number | string | boolean | null;
  /** which result of whom, and why, e.g. `E01 total: formula replaced by a constant` (English, for the JSON) */
  what: string;
  /** the same, for wording it in either language (cli/messages.ts `mismatch`) */
  id: string;
  key: string;
  why: 'deleted' | 'constant' | 'differs';
}

export interface ScoreReport {
  /** YYYY-MM, from the workbook's KPI_MONTH */
  month: string;
  lang: Lang;
  mode: 'kpi' | 'plain';
  /** the engine's results, roster order */
  results: AgentResult[];
  mismatches: Mismatch[];
  /** false when no result cell holds a stored value (a file never recalculated): values were not compared */
  cached: boolean;
  /** the rules the workbook holds (and the engine used) */
  rules: Rules;
  /** the records sheet's rows (D12), as read */
  records: KpiRecord[];
  /** each record that breaks a rule (not counted, flagged on the sheet), with its sheet row */
  recordProblems: RecordProblem[];
  /** the typed inputs read (id → code → value; the summed codes' counts are the records'): a month's close fingerprints them */
  inputs: InputsById;
}

/** A row of the records sheet that breaks a rule: not counted, flagged on the sheet, named by `score`. */
export interface RecordProblem {
  sheet: string;
  /** the row's check cell, e.g. `I17` */
  cell: string;
  row: number;
  id: string;
  code: string;
  fault: RecordFault;
}

/**
 * The records sheet's rows as the engine takes them (core/records.ts `KpiRecord`): a date cell as its day
 * (a number as a date serial, text as no date), a status word of the workbook's language as its key
 * (another text kept, marked, so that it is flagged as the sheet flags it). Empty rows are kept, so
 * that a record's place is its row.
 */
export function readRecordsSheet(ws: ReadSheet, lang: Lang): KpiRecord[] {
  const C = RECORD_COLS;
  const words = STATUS_WORDS[lang];
  const text = (v: CellValue): string =>
    v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  // a month's 12,000 records have a few dozen days and a few statuses: each worked out once
  const days = new Map<number, string>();
  const keys = new Map<string, string | undefined>();
  const out: KpiRecord[] = [];
  // the typed columns only (the check formulas beside them are long and not needed): at, by column, its place
  const cols: number[] = [C.date, C.id, C.code, C.count, C.evidence, C.by, C.status, C.source];
  const at = new Map(cols.map((c, k) => [c, k]));
  for (let r = RECORDS_FIRST_ROW; r <= ws.rowCount; r++) {
    const row = ws.rowValues(r, cols);
    const v = (c: number) => row[at.get(c)!];
    const d = v(C.date);
    let date: string;
    if (d === null || d === undefined || d === '') date = '';
    else if (d instanceof Date) date = d.toISOString().slice(0, 10);
    else if (typeof d === 'number') {
      const day = days.get(d);
      date = day ?? serialDate(d);
      if (day === undefined) days.set(d, date);
    } else date = `'${String(d)}`;
    const n = v(C.count);
    const count = n === null || n === undefined || n === '' ? null : typeof n === 'number' ? n : text(n);
    const st = text(v(C.status));
    const source = text(v(C.source));
    let key: string | undefined = '';
    if (st !== '') {
      if (!keys.has(st)) {
        const lower = st.toLowerCase();
        keys.set(
          st,
          RECORD_STATUSES.find((k) => words[k].toLowerCase() === lower),
        );
      }
      key = keys.get(st);
    }
    out.push({
      date,
      id: text(v(C.id)),
      code: text(v(C.code)),
      count,
      evidence: text(v(C.evidence)),
      by: text(v(C.by)),
      status: key ?? `?${st}`,
      ...(source ? { source } : {}),
    });
  }
  return out;
}

type Scalar = number | string | boolean | null;

/** The defined names the reader needs: metadata and every rule (one table with the rules sheet: templates/rule-names.ts). */
export { RULE_NAMES };

const MAX_NAME_CELLS = 1000;

/** A sheet-qualified reference split: sheet name and the A1 cells of the range, row by row (none when over MAX_NAME_CELLS). */
function parseRef(ref: string): { sheet: string; rows: string[][]; count: number } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref.trim());
  if (!m) return null;
  const sheet = (m[1] ?? m[2]).replace(/''/g, "'");
  const a = parseAddr(`${m[3]}${m[4]}`);
  const b = m[5] ? parseAddr(`${m[5]}${m[6]}`) : a;
  const count = (Math.abs(a.row - b.row) + 1) * (Math.abs(a.col - b.col) + 1);
  // a rule covers a few cells; a name widened to whole sheets (a damaged or edited file) must not hang the reader
  if (count > MAX_NAME_CELLS) return { sheet, rows: [], count };
  const rows: string[][] = [];
  for (let r = Math.min(a.row, b.row); r <= Math.max(a.row, b.row); r++) {
    const row: string[] = [];
    for (let c = Math.min(a.col, b.col); c <= Math.max(a.col, b.col); c++) {
      let s = '';
      for (let x = c; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
      row.push(`${s}${r}`);
    }
    rows.push(row);
  }
  return { sheet, rows, count };
}

/** Reads the rule values a workbook's defined names point at. */
class NamedValues {
  private readonly refs = new Map<string, string>();
  constructor(
    private readonly wb: ReadWorkbook,
    private readonly file: string,
  ) {
    for (const dn of wb.definedNames) {
      if (dn.ranges.length > 0) this.refs.set(dn.name.toUpperCase(), dn.ranges[0]);
    }
  }
  missing(names: readonly string[]): string[] {
    return names.filter((n) => !this.refs.has(n));
  }
  /** cells of a name: [sheet, address, value] row by row */
  cells(name: string): Array<Array<{ sheet: string; address: string; value: CellValue }>> {
    const ref = this.refs.get(name)!;
    const p = parseRef(ref);
    if (!p) throw new Problem(X.nameNotCells, { file: this.file, name, ref });
    const ws = this.wb.sheet(p.sheet);
    if (!ws) throw new Problem(X.nameSheetMissing, { file: this.file, name, sheet: p.sheet });
    if (p.count > MAX_NAME_CELLS) throw new Problem(X.nameTooWide, { file: this.file, name, ref, count: p.count });
    return p.rows.map((row) => row.map((address) => ({ sheet: p.sheet, address, value: ws.cell(address).value })));
  }
  private where(name: string, c: { sheet: string; address: string }) {
    return { file: this.file, sheet: c.sheet, cell: c.address, name };
  }
  num(name: string, opts: { blank?: 'null' } = {}): number | null {
    const c = this.cells(name)[0][0];
    return this.number(name, c, opts);
  }
  number(name: string, c: { sheet: string; address: string; value: CellValue }, opts: { blank?: 'null' } = {}): number | null {
    const v = c.value;
    if ((v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) && opts.blank === 'null') return null;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      const shown = v === null || v === undefined ? undefined : JSON.stringify(v instanceof Date ? v.toISOString() : v);
      throw new Problem(X.ruleNotNumber, { ...this.where(name, c), shown });
    }
    return v;
  }
  nums(name: string, n: number): number[] {
    const flat = this.cells(name).flat();
    if (flat.length !== n) throw new Problem(X.nameCellCount, { file: this.file, name, n, found: flat.length });
    return flat.map((c) => this.number(name, c) as number);
  }
  scale<L extends string>(name: string, letters: readonly L[]): Record<L, number> {
    const rows = this.cells(name);
    if (rows.length !== letters.length || rows.some((r) => r.length !== 2)) {
      throw new Problem(X.scaleShape, { file: this.file, name, n: letters.length });
    }
    const out = {} as Record<L, number>;
    rows.forEach((row) => {
      const letter = String(row[0].value ?? '')
        .trim()
        .toUpperCase() as L;
      if (!letters.includes(letter))
        throw new Problem(X.scaleLetter, { ...this.where(name, row[0]), value: String(row[0].value ?? ''), letters });
      out[letter] = this.number(name, row[1]) as number;
    });
    for (const l of letters) if (!(l in out)) throw new Problem(X.scaleLacks, { file: this.file, name, letter: l });
    return out;
  }
  /** the text of a name, one of `allowed` (`note`: the rule, e.g. D10) */
  choice<T extends string>(name: string, allowed: readonly T[], note?: string): T {
    const value = this.text(name);
    if (!(allowed as readonly string[]).includes(value))
      throw new Problem(X.badSetting, { file: this.file, name, value, choices: [...allowed], ...(note ? { rule: note } : {}) });
    return value as T;
  }
  text(name: string): string {
    const c = this.cells(name)[0][0];
    const v = c.value;
    if (v instanceof Date) return `${v.getUTCFullYear()}-${String(v.getUTCMonth() + 1).padStart(2, '0')}`;
    return String(v ?? '').trim();
  }
}

/**
 * The rule set a workbook holds (its rules sheet, through the defined names).
 * @throws Problem naming the missing defined names, or the rule cell that is not a number
 */
export function readRules(wb: ReadWorkbook, file: string): { rules: Rules; month: string; lang: Lang; mode: 'kpi' | 'plain' } {
  const nv = new NamedValues(wb, file);
  const missing = nv.missing(RULE_NAMES);
  if (missing.length === RULE_NAMES.length) {
    // our rules sheet without its names: a tool dropped them, the workbook is ours (say so, naming the sheet)
    const ours = (['zh', 'en'] as const).find((l) => wb.sheet(SHEET_NAMES[l].rules) && wb.sheet(SHEET_NAMES[l].roster));
    if (ours) {
      throw new Problem(X.namesDropped, { file, sheet: SHEET_NAMES[ours].rules });
    }
    // a ledger (kpi-forms close, its mark KPI_LEDGER) given for a month: say so, and what to give instead
    if (wb.definedNames.some((n) => n.name.toUpperCase() === 'KPI_LEDGER')) throw new Problem(X.ledgerNotMonth, { file });
    throw new Problem(X.notOurs, { file });
  }
  if (missing.length > 0) throw new Problem(X.namesMissing, { file, names: missing });
  const month = checkMonth(nv.text('KPI_MONTH'), `${file} KPI_MONTH`);
  const lang = nv.choice('KPI_LANG', ['zh', 'en'] as const);
  const mode = nv.choice('KPI_MODE', ['kpi', 'plain'] as const);
  const rules = readRulesFromNames(nv);
  return { rules, month, lang, mode };
}

export function readRoster(wb: ReadWorkbook, file: string, lang: Lang): Agent[] {
  const name = SHEET_NAMES[lang].roster;
  const ws = wb.sheet(name);
  if (!ws) throw new Problem(X.rosterMissing, { file, sheet: name });
  const agents: Agent[] = [];
  const seen = new Map<string, number>();
  for (let r = 3; r <= ws.rowCount; r++) {
    const text = (c: number) => {
      const v = ws.cellAt(r, c).value;
      return v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v).trim();
    };
    const id = text(1);
    if (!id) {
      if ([2, 3, 4].some((c) => text(c) !== '')) throw new Problem(X.rosterEmptyId, { file, sheet: name, cell: `A${r}` });
      continue;
    }
    if (seen.has(id)) throw new Problem(X.rosterRepeatedId, { file, sheet: name, cell: `A${r}`, id, row: seen.get(id)! });
    seen.set(id, r);
    const role = normaliseRole(text(3));
    if (!role) throw new Problem(INPUT.badRole, { ...atParams(`${file} ${name}!C${r}`), role: text(3) });
    const [leader, source] = [text(ROSTER_COLS.leader), text(ROSTER_COLS.source)];
    agents.push({ id, name: text(2), role, group: text(4), ...(leader ? { leader } : {}), ...(source ? { source } : {}) });
  }
  if (agents.length === 0) throw new Problem(X.rosterNoAgents, { file, sheet: name });
  return agents;
}

/** What the engine says a layout output cell holds; undefined = not compared (text such as flags). */
/** The layout's result keys (besides the item codes) → the engine's field holding that result. */
const RESULT_FIELDS: Record<string, 'total' | 'rank' | 'bottomRank' | 'bottom' | 'redLines' | 'pay' | 'award' | 'quarter'> = {
  total: 'total',
  summaryTotal: 'total',
  rank: 'rank',
  bottomRank: 'bottomRank',
  bottom: 'bottom',
  redLines: 'redLines',
  pay: 'pay',
  award: 'award',
  quarterAward: 'award',
  quarter: 'quarter',
};
/** The item scores a form shows (the engine's SN1 is negative, as the form's cell). */
const ITEM_KEYS = new Set(['A', 'B', 'S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'SP1', 'SN1']);

function expectedOf(r: AgentResult, key: string): Scalar | undefined {
  if (ITEM_KEYS.has(key)) return r.items[key] ?? null;
  // a form's count of a summed code (`n:A01`): the sum of the records (D12)
  if (key.startsWith('n:')) return r.counts[key.slice(2)] ?? 0;
  const field = RESULT_FIELDS[key];
  return field === undefined ? undefined : (r[field] as Scalar);
}

/** Stored (cached) value vs the engine's: numbers within 1e-9; a boolean may be stored as 1/0; an empty cache is "". */
function same(stored: CellValue, expected: Scalar): boolean {
  const s = stored === undefined || stored === null ? '' : stored;
  if (typeof expected === 'boolean') return s === expected || (typeof s === 'number' && (s !== 0) === expected);
  if (typeof expected === 'number') return typeof s === 'number' && Math.abs(s - expected) <= 1e-9;
  return typeof s === 'string' && s === (expected ?? '');
}

const shownValue = (v: CellValue): Scalar => (v === undefined ? null : v instanceof Date ? v.toISOString() : v);

/**
 * Scores a workbook already read (see `scoreWorkbookFile`).
 * @param file the path, to name in messages
 */
export function scoreWorkbook(wb: ReadWorkbook, file: string): ScoreReport {
  const { rules, month, lang, mode } = readRules(wb, file);
  const agents = readRoster(wb, file, lang);
  // where the inputs and results are (not the whole workbook: building its cells costs a fifth of a score)
  const spec = workbookLayout({ month, agents, lang, rules });
  for (const s of spec.sheets) {
    if (wb.sheet(s.name)) continue;
    // no records sheet and no REC_ID: a workbook of the version before records (its counts typed on the forms)
    if (s.name === SHEET_NAMES[lang].records && !wb.definedNames.some((n) => n.name.toUpperCase() === 'REC_ID'))
      throw new Problem(X.beforeRecords, { file, sheet: s.name });
    throw new Problem(X.sheetMissing, { file, sheet: s.name });
  }
  const sheet = (name: string) => wb.sheet(name)!;

  // the layout must be the template's: each agent's id where the template put it
  const checkId = (sheetName: string, address: string, id: string) => {
    const v = sheet(sheetName).cell(address).value;
    if (String(v ?? '').trim() !== id) {
      throw new Problem(X.rowsMoved, { file, sheet: sheetName, cell: address, id, found: JSON.stringify(shownValue(v)) });
    }
  };
  for (const lay of spec.layout) {
    if (lay.idCell) checkId(lay.idCell.sheet, lay.idCell.address, lay.agent.id);
    const sr = lay.outputs.summaryRow;
    if (sr) checkId(sr.sheet, sr.address, lay.agent.id);
  }

  // inputs, validated with the entries' rules
  const inputs: InputsById = {};
  const history: Record<string, Record<string, { rank?: number | ''; bottomRank?: number | ''; redLines?: number }>> = {};
  const issues: Problem[] = [];
  for (const lay of spec.layout) {
    const id = lay.agent.id;
    for (const [code, loc] of Object.entries(lay.inputs)) {
      const raw = sheet(loc.sheet).cell(loc.address).value;
      let v: number | string | null;
      try {
        v = checkValue(code, raw, `${file} ${loc.sheet}!${loc.address}`, false);
      } catch (e) {
        if (!isProblem(e)) throw e;
        issues.push(e);
        continue;
      }
      if (v === null) continue;
      // the quarter sheet's codes start with Q: (no pattern matched against every other code)
      const q = code.charCodeAt(0) === 81 /* Q */ ? /^Q:(\d{4}-\d{2}):(rank|bottomRank|redLines)$/.exec(code) : null;
      if (q) ((history[id] ??= {})[q[1]] ??= {})[q[2] as 'rank'] = v as number;
      else (inputs[id] ??= {})[code] = v;
    }
  }
  const bad = Problem.ofAll(issues);
  if (bad) throw bad;

  const recordsSheet = SHEET_NAMES[lang].records;
  const records = readRecordsSheet(sheet(recordsSheet), lang);
  const { results, records: checked } = scoreMonth({
    month,
    agents,
    inputs,
    rules,
    history,
    quarterMonths: quarterMonths(month, rules.quarterMode),
    records,
  });
  const recordProblems: RecordProblem[] = checked
    .filter((c) => c.fault)
    .map((c) => {
      const row = RECORDS_FIRST_ROW + c.index;
      return {
        sheet: recordsSheet,
        cell: `${colLetter(RECORD_COLS.check)}${row}`,
        row,
        id: c.record.id,
        code: c.record.code,
        fault: c.fault!,
      };
    });
  const byId = new Map(results.map((r) => [r.id, r]));

  // compare the stored results
  const checks: Array<{ sheet: string; address: string; expected: Scalar; id: string; key: string; cell: ReadCell }> = [];
  for (const lay of spec.layout) {
    const r = byId.get(lay.agent.id)!;
    for (const key in lay.outputs) {
      const expected = expectedOf(r, key);
      if (expected === undefined) continue;
      const loc = lay.outputs[key];
      checks.push({ sheet: loc.sheet, address: loc.address, expected, id: lay.agent.id, key, cell: sheet(loc.sheet).cell(loc.address) });
    }
  }
  // a formula with a stored result (ExcelJS: cell.result !== undefined)
  const cached = checks.some((c) => c.cell.formula && c.cell.value !== undefined);
  const mismatches: Mismatch[] = [];
  for (const c of checks) {
    if (!c.cell.formula) {
      const v = c.cell.value;
      mismatches.push({
        sheet: c.sheet,
        cell: c.address,
        stored: shownValue(v),
        expected: c.expected,
        what: `${c.id} ${c.key}: ${v === null || v === undefined ? 'formula deleted' : 'formula replaced by a constant'}`,
        id: c.id,
        key: c.key,
        why: v === null || v === undefined ? 'deleted' : 'constant',
      });
      continue;
    }
    if (!cached) continue;
    const stored = c.cell.value;
    if (!same(stored, c.expected)) {
      mismatches.push({
        sheet: c.sheet,
        cell: c.address,
        stored: shownValue(stored),
        expected: c.expected,
        what: `${c.id} ${c.key}: stored value differs from the rules' result`,
        id: c.id,
        key: c.key,
        why: 'differs',
      });
    }
  }
  return { month, lang, mode, results, mismatches, cached, rules, records, recordProblems, inputs };
}

const colLetter = (c: number): string => String.fromCharCode(64 + c);

/**
 * Reads a filled workbook and scores it.
 * - rules: from the defined names (PTS_A01…, B12_FIRST, B12_NEXT, W_PRE, W_S01…W_S06, S01_CAP, SAT_SCALE,
 *   SAT_N, GRADE_S03, GRADE_S06, S04_PTS, S05_PTS, SP_RULE, PAY_BASE, AWARD, BOTTOM_N) and the metadata
 *   KPI_MONTH, KPI_LANG, KPI_MODE, KPI_QUARTER_MODE; missing names are an error (see the module comment);
 * - agents: the roster sheet; inputs: every input cell of the template's layout, checked with the
 *   entries' rules (`checkValue`), quarter history from the quarter sheet;
 * - results: `scoreMonth`; mismatches: each result cell (form scores, totals, ranks, last-two, pay,
 *   quarter result and award) whose formula was replaced by a constant or deleted, or whose stored
 *   value differs from the engine's (numbers within 1e-9). A file with no stored results (written by
 *   kpi-forms, never recalculated) has its values not compared.
 * @throws Problem naming the file and the sheet!cell: not an .xlsx, missing names or sheets, bad rule
 *   values, a moved layout, an input breaking its rule (e.g. `a.xlsx 表A-业务!E7: A03 count -1 must be …`);
 *   a damaged package names the part or sheet (`a.xlsx: the sheet "表B-纪律" (part xl/worksheets/sheet3.xml)
 *   is cut short …`, see `package.ts`)
 */
export async function scoreWorkbookFile(file: string): Promise<ScoreReport> {
  return scoreWorkbook(await readWorkbookFile(file), file);
}

/**
 * Reads an .xlsx into the fast reader's workbook, as every command reads one: a missing file, a folder or a
 * damaged package named (the part or sheet, see `package.ts`); a part the fast reader refuses is read by
 * ExcelJS as it always was, and its failure diagnosed the same way (a fault of the fast reader costs time,
 * not a wrong answer).
 */
export async function readWorkbookFile(file: string): Promise<ReadWorkbook> {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Problem(INPUT.noSuchFile, { file });
    if (code === 'EISDIR') throw new Problem(INPUT.isFolder, { file });
    throw new Problem(INPUT.cannotRead, { file, detail: code ?? 'unknown error' });
  }
  const pkg = checkXlsxPackage(file, buf);
  try {
    return readXlsx(pkg);
  } catch (e) {
    if (process.env.KPI_FORMS_DEBUG) process.stderr.write(`kpi-forms: fast reader: ${(e as Error).message}; reading with ExcelJS\n`);
    return (await import('./exceljs-read')).readWithExcelJS(pkg);
  }
}
