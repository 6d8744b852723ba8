/**
 * Records (考核记录, forms.md D12): the incident log a form's counts are the sum of. One record is a date in
 * the month (or none: a month-level entry), an employee, an item code, a count (days for B06, points for
 * B13, a rating letter for S02), evidence, who recorded it and a status. The records sheet
 * (templates/sheets/records.ts) checks every row with the same rules as `recordFault` here, and its
 * SUMIFS give a form's count as `countsFromRecords` does: the engine and the workbook cannot disagree.
 *
 * Which figures come from records:
 * - the per-occurrence counts (A01–A11, AR1, AR2, B01–B13, S04, S05, SP1, SN1): the form's cell is the sum
 *   of the records (withdrawn and flagged rows excluded); it is a formula, never typed;
 * - the monthly figures (EX, S01 tickets, S02 ratings, S03, S06) are typed on the form, and the form wins.
 *   S01 and S02 may also have records (the call-log import writes them, with the calls as evidence): they
 *   fill the form's cell when the workbook is made (`formValuesFromRecords`) and count for nothing after.
 *
 * Pure: imports nothing from Office.js or ExcelJS.
 */
import type { Agent, Role } from './agent';
import { monthParts } from './month';
import { findItem } from './rules';

/** A record's status (D12): blank stands; disputed counts until decided; upheld counts; withdrawn does not. */
export type RecordStatus = '' | 'disputed' | 'upheld' | 'withdrawn';
export const RECORD_STATUSES = ['disputed', 'upheld', 'withdrawn'] as const;

/** The statuses as the workbook shows them, per language (the records sheet's list). */
export const STATUS_WORDS: Record<'zh' | 'en', Record<Exclude<RecordStatus, ''>, string>> = {
  zh: { disputed: '申诉中', upheld: '维持', withdrawn: '撤销' },
  en: { disputed: 'disputed', upheld: 'upheld', withdrawn: 'withdrawn' },
};

/**
 * A status as text (a CSV cell, a sheet cell): a key or a word of either language, any case, spaces
 * around ignored. Returns null when it is none.
 */
export function parseStatus(text: unknown): RecordStatus | null {
  const s = String(text ?? '')
    .trim()
    .toLowerCase();
  if (s === '') return '';
  for (const k of RECORD_STATUSES) if (s === k || s === STATUS_WORDS.zh[k]) return k;
  return null;
}

export interface KpiRecord {
  /** `YYYY-MM-DD`; '' for a month-level entry; anything else is not a date (a text cell: flagged) */
  date: string;
  /** employee id, as entered */
  id: string;
  /** item code, as entered */
  code: string;
  /** a number (count, B06 days, B13 points, S01 tickets) or an S02 rating letter; null when blank */
  count: number | string | null;
  evidence: string;
  /** who recorded it */
  by: string;
  /** a status key, or the text found where it is none (flagged) */
  status: string;
  /** the workbook a merged department month took the record from (`kpi-forms merge`, D16); absent: typed in this one */
  source?: string;
}

/** The codes whose form count is the sum of the records, per kind of agent. */
export const SUMMED_CODES: Record<Role, readonly string[]> = {
  'pre-sales': ['A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A07', 'A08', 'A09', 'A10', 'A11', 'AR1', 'AR2'].concat(
    Array.from({ length: 13 }, (_, i) => `B${String(i + 1).padStart(2, '0')}`),
  ),
  'after-sales': ['S04', 'S05', 'SP1', 'SN1'],
};
/** The codes a record may have, per kind: the summed codes, and for after-sales S01 and S02 (evidence of the typed figures). */
export const RECORD_CODES: Record<Role, readonly string[]> = {
  'pre-sales': SUMMED_CODES['pre-sales'],
  'after-sales': ['S01', 'S02', ...SUMMED_CODES['after-sales']],
};

/** Why a record is not counted (the records sheet's check column says the same, in the workbook's language). */
export type RecordFault = 'unknownId' | 'otherKind' | 'date' | 'count' | 'status';

/** The first and the day after the last day of a month, `YYYY-MM-DD` (the last month asked kept: a month's records ask 12,000 times). */
let lastBounds: { month: string; bounds: [string, string] } | undefined;
function monthBounds(month: string): [string, string] {
  if (lastBounds?.month === month) return lastBounds.bounds;
  lastBounds = { month, bounds: computeBounds(month) };
  return lastBounds.bounds;
}

function computeBounds(month: string): [string, string] {
  const { year, month: m } = monthParts(month);
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  return [`${month}-01`, `${next}-01`];
}

/** A record's row is empty (no id, code or count): not a record. */
export const isEmptyRecord = (r: KpiRecord): boolean => r.id === '' && r.code === '' && (r.count === null || r.count === '');

/** The roster looked up as the records sheet looks it up (MATCH: case-insensitive). */
export function rosterLookup(agents: readonly Agent[]): (id: string) => Agent | undefined {
  const m = new Map<string, Agent>();
  for (const a of agents) if (!m.has(a.id.toUpperCase())) m.set(a.id.toUpperCase(), a);
  return (id) => m.get(id.toUpperCase());
}

/**
 * The first rule a record breaks, in the order the records sheet checks them (D12, D4): the id is the
 * roster's; the code is a record code of that agent's kind; the date is blank or a day of the month; the
 * count is the item's (a whole number ≥ 0, B06 in half days, B13 points 0–100, S02 one letter A–D); the
 * status is blank or a known one. null: the record stands.
 */
export function recordFault(r: KpiRecord, month: string, agentOf: (id: string) => Agent | undefined): RecordFault | null {
  const agent = agentOf(r.id);
  if (!agent) return 'unknownId';
  const code = r.code.toUpperCase();
  if (r.code.length !== 3 || !RECORD_CODES[agent.role].includes(code)) return 'otherKind';
  if (r.date !== '') {
    const [first, after] = monthBounds(month);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(r.date) || r.date < first || r.date >= after) return 'date';
  }
  const n = r.count;
  if (code === 'S02') {
    if (typeof n !== 'string' || n.length !== 1 || !'ABCD'.includes(n.toUpperCase())) return 'count';
  } else if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return 'count';
  else if (code === 'B13' ? n > 100 : !Number.isInteger(code === 'B06' ? n * 2 : n)) return 'count';
  if (parseStatus(r.status) === null) return 'status';
  return null;
}

/** What a record adds to its form count: its count when it stands and is not withdrawn, else 0. */
export function countedOf(r: KpiRecord, fault: RecordFault | null): number {
  if (fault || typeof r.count !== 'number' || parseStatus(r.status) === 'withdrawn') return 0;
  return r.count;
}

/** A record checked: its fault (null: it stands), the agent it is of and what it adds. */
export interface CheckedRecord {
  record: KpiRecord;
  /** 0-based place in the list */
  index: number;
  fault: RecordFault | null;
  agent?: Agent;
  counted: number;
}

export function checkRecords(records: readonly KpiRecord[], month: string, agents: readonly Agent[]): CheckedRecord[] {
  const agentOf = rosterLookup(agents);
  const out: CheckedRecord[] = [];
  records.forEach((record, index) => {
    if (isEmptyRecord(record)) return;
    const fault = recordFault(record, month, agentOf);
    out.push({ record, index, fault, agent: agentOf(record.id), counted: countedOf(record, fault) });
  });
  return out;
}

/**
 * The form counts of the summed codes: per agent id and code, the sum of the counts of the records that
 * stand and are not withdrawn (0 when there are none: a blank count is 0, D1).
 */
export function countsFromRecords(checked: readonly CheckedRecord[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const c of checked) {
    if (!c.agent || c.fault) continue;
    const code = c.record.code.toUpperCase();
    if (!SUMMED_CODES[c.agent.role].includes(code)) continue;
    const rec = (out[c.agent.id] ??= {});
    rec[code] = (rec[code] ?? 0) + c.counted;
  }
  return out;
}

/** Per agent id: its records (rows of its id, any status) and those disputed, as the summary counts them. */
export function recordTallies(checked: readonly CheckedRecord[]): Record<string, { records: number; disputed: number }> {
  const out: Record<string, { records: number; disputed: number }> = {};
  for (const c of checked) {
    if (!c.agent) continue;
    const t = (out[c.agent.id] ??= { records: 0, disputed: 0 });
    t.records++;
    if (parseStatus(c.record.status) === 'disputed') t.disputed++;
  }
  return out;
}

/**
 * The typed monthly figures records give when the workbook is made: S01 the sum of the ticket records,
 * S02 the rating letters in record order; only for an agent whose entries give none (the form wins).
 */
export function formValuesFromRecords(checked: readonly CheckedRecord[]): Record<string, Record<string, number | string>> {
  const out: Record<string, Record<string, number | string>> = {};
  for (const c of checked) {
    if (!c.agent || c.fault || parseStatus(c.record.status) === 'withdrawn') continue;
    const code = c.record.code.toUpperCase();
    const rec = (out[c.agent.id] ??= {});
    if (code === 'S01') rec.S01 = ((rec.S01 as number | undefined) ?? 0) + (c.record.count as number);
    else if (code === 'S02') rec.S02 = `${rec.S02 ?? ''}${String(c.record.count).toUpperCase()}`;
  }
  for (const [id, rec] of Object.entries(out)) if (Object.keys(rec).length === 0) delete out[id];
  return out;
}

/**
 * Month-level records for typed counts of the summed codes (an entries file without dates, a workbook
 * built from counts): one record per agent and code, date blank.
 */
export function recordsOfCounts(inputs: Record<string, Record<string, unknown>>, agents: readonly Agent[]): KpiRecord[] {
  const out: KpiRecord[] = [];
  for (const a of agents) {
    const rec = inputs[a.id];
    if (!rec) continue;
    for (const code of SUMMED_CODES[a.role]) {
      const v = rec[code];
      if (v === undefined || v === null || v === '') continue;
      out.push({ date: '', id: a.id, code, count: v as number | string, evidence: '', by: '', status: '' });
    }
  }
  return out;
}

/** An Excel date serial (1900 system) of a `YYYY-MM-DD` day. */
export function dateSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
}

/** A day `YYYY-MM-DD` of an Excel date serial (its time of day dropped). */
export function serialDate(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000).toISOString().slice(0, 10);
}

/** Is `code` one whose form cell is the sum of records (whichever kind)? */
export const isSummedCode = (code: string): boolean => {
  const it = findItem(code);
  return !!it && (SUMMED_CODES['pre-sales'].includes(it.code) || SUMMED_CODES['after-sales'].includes(it.code));
};

/** The layout's result key of a form's count of a summed code (`n:A01`): `score` compares it with the records' sum. */
export const countKey = (code: string): string => `n:${code}`;
