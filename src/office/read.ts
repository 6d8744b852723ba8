/**
 * Reading from and writing to a workbook that has our sheets, with Office.js: results from the summary
 * (`readSummary`, retrying while the KPI functions calculate), jumping to an agent's form
 * (`activateAgent`), entries into the forms' input cells (`writeInputs`) and the roster sheet's cells
 * (`readRosterSheet`). ExcelApi 1.1, and 1.2 for the roster's used range: no feature flags here.
 */
import { AgentLayout, parseAddr } from '../templates/model';
import { Rect, rectAddress } from '../templates/rects';
import { Problem } from '../core/problem';
import { missingSheetOr } from './errors';
import { M } from './messages';
import { valueEntry } from './plan';
import { ExcelRun, counter, defaultRun } from './requests';
import { KpiRecord, SUMMED_CODES } from '../core/records';
import { SHEET_NAMES } from '../templates/i18n';
import { RECORD_NAMES } from '../templates/sheets/records';
import { RECORDS_SHEET, recordValues } from './records';
import { RECORDS_LOW_WATER, planRoom, queueRoom, queueRoomRead } from './records-room';
import { ALL_FEATURES, WriterFeatures } from './requirements';

const lc = (s: string) => s.toLocaleLowerCase();

/** One agent's results as the summary shows them. */
export interface SummaryRow {
  id: string;
  name: string;
  role: AgentLayout['agent']['role'];
  group: string;
  /** a number, or a text such as `incomplete` or an error (`#NAME?` when the KPI functions are not loaded) */
  total: number | string | null;
  rank: number | string | null;
  pay: number | string | null;
  flags: string;
  /** the pane's badges read these rather than the flags' words (in the workbook's language): red lines (pre-sales), last two, quarter result */
  redLines?: number | string | null;
  bottom?: boolean | number | string | null;
  quarter?: number | string | null;
  formCell: AgentLayout['formCell'];
}

const cellValue = (v: unknown): number | string | null =>
  v === '' || v === null || v === undefined ? null : typeof v === 'number' ? v : String(v);

/** Waits before each new read while custom functions still calculate: 5 reads over about 3 s in all. */
export const BUSY_RETRY_MS: readonly number[] = [200, 400, 800, 1600];

/** What Excel shows in a cell whose custom function is still calculating (`#GETTING_DATA` in older builds). */
const CALCULATING = /^#(BUSY!|GETTING_DATA)$/;

/**
 * Reads rank, total, pay and flags (with the red lines, last-two and quarter-result cells behind them) of
 * every agent of `layout` from the summary and the quarter sheet, in one `context.sync` (one rectangle per sheet involved); ExcelApi 1.1. While the `=KPI.…` functions calculate (after a
 * write, on opening) Excel gives `#BUSY!` for their cells: then it reads again after each wait of
 * `retryMs` (default `BUSY_RETRY_MS`), one sync each.
 * @throws Problem office.missingSheet when a sheet of the layout is not in the workbook; office.stillCalculating when the
 *   cells still show #BUSY! after the last wait
 */
export async function readSummary(
  layout: AgentLayout[],
  opts: { run?: ExcelRun; retryMs?: readonly number[] } = {},
): Promise<{ rows: SummaryRow[]; syncs: number }> {
  const waits = opts.retryMs ?? BUSY_RETRY_MS;
  const run = opts.run ?? defaultRun();
  const pick = (l: AgentLayout) => ({
    total: l.outputs.summaryTotal ?? l.outputs.total,
    rank: l.outputs.rank,
    pay: l.outputs.pay,
    flags: l.outputs.flags,
    redLines: l.outputs.redLines,
    bottom: l.outputs.bottom,
    quarter: l.outputs.quarter,
  });
  const bySheet = new Map<string, Rect>();
  for (const l of layout) {
    for (const at of Object.values(pick(l))) {
      if (!at) continue;
      const p = parseAddr(at.address);
      const r = bySheet.get(at.sheet);
      if (!r) bySheet.set(at.sheet, { r1: p.row, c1: p.col, r2: p.row, c2: p.col });
      else Object.assign(r, { r1: Math.min(r.r1, p.row), c1: Math.min(r.c1, p.col), r2: Math.max(r.r2, p.row), c2: Math.max(r.c2, p.col) });
    }
  }
  return run(async (context) => {
    const s = counter(context);
    const ranges = new Map<string, { rect: Rect; range: Excel.Range }>();
    const get = (at?: { sheet: string; address: string }): unknown => {
      if (!at) return null;
      const r = ranges.get(at.sheet)!;
      const p = parseAddr(at.address);
      return r.range.values[p.row - r.rect.r1]?.[p.col - r.rect.c1];
    };
    const busy = () => layout.some((l) => Object.values(pick(l)).some((at) => CALCULATING.test(String(get(at) ?? ''))));
    for (let attempt = 0; ; attempt++) {
      for (const [sheet, rect] of bySheet) {
        const ws = context.workbook.worksheets.getItem(sheet);
        ranges.set(sheet, { rect, range: ws.getRange(rectAddress(rect)).load('values') });
      }
      try {
        await s.sync();
      } catch (e) {
        throw missingSheetOr(e, [...bySheet.keys()]);
      }
      if (!busy()) break;
      if (attempt >= waits.length) {
        throw new Problem(M.stillCalculating, { sheets: [...bySheet.keys()], reads: s.n });
      }
      await new Promise((r) => setTimeout(r, waits[attempt]));
    }
    const rows = layout.map((l) => {
      const o = pick(l);
      return {
        id: l.agent.id,
        name: l.agent.name,
        role: l.agent.role,
        group: l.agent.group,
        total: cellValue(get(o.total)),
        rank: cellValue(get(o.rank)),
        pay: cellValue(get(o.pay)),
        flags: String(get(o.flags) ?? ''),
        redLines: cellValue(get(o.redLines)),
        bottom: typeof get(o.bottom) === 'boolean' ? (get(o.bottom) as boolean) : cellValue(get(o.bottom)),
        quarter: cellValue(get(o.quarter)),
        formCell: l.formCell,
      };
    });
    return { rows, syncs: s.n };
  });
}

/**
 * Shows an agent's form: activates its sheet and selects its first cell (one `context.sync`).
 * @param target the agent's layout (its `formCell` is used) or a cell
 * @throws Problem office.missingSheet when the sheet is gone
 */
export async function activateAgent(
  target: AgentLayout | { sheet: string; address: string },
  opts: { run?: ExcelRun } = {},
): Promise<void> {
  const run = opts.run ?? defaultRun();
  const cell = 'formCell' in target ? target.formCell : target;
  await run(async (context) => {
    const ws = context.workbook.worksheets.getItem(cell.sheet);
    ws.activate();
    ws.getRange(cell.address).select();
    try {
      await context.sync();
    } catch (e) {
      throw missingSheetOr(e, [cell.sheet]);
    }
  });
}

/** What `writeInputs` wrote: form cells, records appended, `id code` pairs the layout has no place for, syncs. */
export interface WriteInputsResult {
  cells: number;
  records: number;
  notInLayout: string[];
  syncs: number;
}

/**
 * Writes entries into a workbook that has our sheets (D12): the monthly figures (EX, S01, S02, S03, S06)
 * into the forms' input cells (`layout[].inputs`), and the counts of the summed codes as records appended
 * to the records sheet (a typed count becomes a month-level record; `records` go as they are, e.g. one per
 * unanswered call with the call as evidence). The form's count is a formula over the records, so nothing
 * is typed over it. Input cells are unlocked, so protected sheets accept them; text that Excel would read
 * as something else is written as text.
 *
 * Without records: one `context.sync`. With records: two — the first reads where the records end and how
 * many rows the sheet has checks for (the defined name REC_ID, with the KPI_LANG the statuses are worded
 * in), the second writes after the last used row, so no row someone else wrote is overwritten.
 * @param inputs employee id → item code → value (validated: io/records.ts `entriesFromRows`)
 * @param opts.records records to append (checked: io/records.ts `entryRecordsFromRows`, calls-core)
 * @throws Problem office.missingSheet when records are to be written and the workbook has no records sheet;
 *   office.recordsFull when they do not fit in the rows the records sheet checks (nothing written)
 */
export async function writeInputs(
  layout: AgentLayout[],
  inputs: Record<string, Record<string, number | string>>,
  opts: { run?: ExcelRun; records?: readonly KpiRecord[]; features?: WriterFeatures } = {},
): Promise<WriteInputsResult> {
  const run = opts.run ?? defaultRun();
  const byId = new Map(layout.map((l) => [l.agent.id, l]));
  const writes: Array<{ sheet: string; address: string; v: string | number | boolean | null }> = [];
  const records: KpiRecord[] = [];
  const notInLayout: string[] = [];
  for (const [id, rec] of Object.entries(inputs)) {
    const l = byId.get(id);
    for (const [code, v] of Object.entries(rec)) {
      const at = l?.inputs[code];
      if (l && SUMMED_CODES[l.agent.role].includes(code)) records.push({ date: '', id, code, count: v, evidence: '', by: '', status: '' });
      else if (!at) notInLayout.push(`${id} ${code}`);
      else writes.push({ ...at, v: valueEntry(v) });
    }
  }
  for (const r of opts.records ?? []) {
    if (byId.has(r.id)) records.push(r);
    else notInLayout.push(`${r.id} ${r.code}`);
  }
  if (writes.length === 0 && records.length === 0) return { cells: 0, records: 0, notInLayout, syncs: 0 };
  const formSheets = [...new Set(writes.map((w) => w.sheet))];
  const recordSheets = [SHEET_NAMES.zh.records, SHEET_NAMES.en.records];
  return run(async (context) => {
    const s = counter(context);
    let rows: Array<Array<string | number | boolean | null>> = [];
    let at = 0;
    let sheet: Excel.Worksheet | null = null;
    if (records.length) {
      // where the records end: the rows REC_ID covers (the rows with checks), columns A–G of them
      const ids = context.workbook.names.getItem(RECORD_NAMES.id).getRange();
      const read = {
        ids: ids.load('values,rowIndex'),
        cols: [-1, 1, 2, 3, 4, 5].map((dc) => ids.getOffsetRange(0, dc).load('values')),
        lang: context.workbook.names.getItem('KPI_LANG').getRange().load('values'),
        room: queueRoomRead(context),
        sheets: context.workbook.worksheets.load('items/name'),
      };
      try {
        await s.sync();
      } catch (e) {
        throw missingSheetOr(e, recordSheets);
      }
      const cols = [read.ids, ...read.cols].map((c) => c.values as unknown[][]);
      const height = cols[0].length;
      let used = 0;
      for (let i = 0; i < height; i++) if (cols.some((c) => !blank(c[i][0]))) used = i + 1;
      const first = read.ids.rowIndex + 1;
      const wl = String(read.lang.values[0][0]).trim() === 'en' ? 'en' : 'zh';
      // room for the records and a few more: else another block of rows, in this batch (records-room.ts)
      if (used + records.length + RECORDS_LOW_WATER > height) {
        const state = read.room();
        const name = read.sheets.items.find((x) => Object.values(RECORDS_SHEET).some((n) => lc(n) === lc(x.name)))?.name;
        const plan = name
          ? planRoom(
              state,
              first + used + records.length - 1,
              layout.map((l) => l.agent),
              wl,
            )
          : null;
        if (plan && name) await queueRoom(context, s, name, state, plan, wl, opts.features ?? ALL_FEATURES);
        else if (used + records.length > height) {
          throw new Problem(M.recordsFull, { records: records.length, room: height - used, last: first + height - 1 });
        }
      }
      at = first + used;
      rows = records.map((r) => recordValues(r, wl).map((v) => (typeof v === 'string' ? valueEntry(v) : v)));
      sheet = read.ids.worksheet;
    }
    const sheets = new Map<string, Excel.Worksheet>();
    const ws = (n: string) => sheets.get(n) ?? sheets.set(n, context.workbook.worksheets.getItem(n)).get(n)!;
    for (const w of writes) ws(w.sheet).getRange(w.address).values = [[w.v]];
    if (sheet) sheet.getRange(`A${at}:G${at + rows.length - 1}`).values = rows;
    try {
      await s.sync();
    } catch (e) {
      throw missingSheetOr(e, formSheets.length ? formSheets : recordSheets);
    }
    return { cells: writes.length, records: records.length, notInLayout, syncs: s.n };
  });
}

const blank = (v: unknown): boolean => v === null || v === undefined || v === '';

/** The used cells of a roster sheet, as read by `readRosterSheet`. */
export interface RosterSheet {
  sheet: string;
  /** the used range's values, from its top-left cell */
  values: unknown[][];
  /** 1-based row and column of values[0][0] */
  row: number;
  col: number;
}

/**
 * Reads the used cells of the workbook's roster sheet: the first sheet named as one of `names`
 * (e.g. 花名册, Roster; compared case-insensitively), or null when there is none. Two syncs; ExcelApi 1.2.
 */
export async function readRosterSheet(names: string[], opts: { run?: ExcelRun } = {}): Promise<RosterSheet | null> {
  const run = opts.run ?? defaultRun();
  return run(async (context) => {
    const s = counter(context);
    const ws = context.workbook.worksheets.load('items/name');
    await s.sync();
    const wantedNames = names.map(lc);
    const found = (ws.items ?? []).find((x) => wantedNames.includes(lc(x.name)));
    if (!found) return null;
    // getUsedRange(valuesOnly): ExcelApi 1.2; an empty sheet gives A1 with ""
    const used = context.workbook.worksheets.getItem(found.name).getUsedRange(true).load('values,rowIndex,columnIndex');
    await s.sync();
    return { sheet: found.name, values: used.values, row: used.rowIndex + 1, col: used.columnIndex + 1 };
  });
}
