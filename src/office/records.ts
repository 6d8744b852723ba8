/**
 * Recording from the pane (D12): the records sheet (templates/sheets/records.ts) read, one record appended,
 * a record's status set — each write in one `context.sync`.
 *
 * Appending never overwrites another row. The row is not chosen by the pane: the batch asks Excel for the
 * used range of columns A–G from the header row down (`Range.getUsedRange(true)`, values only: the
 * pre-filled formulas of H–K and the input formats do not count), takes the row after its last row
 * (`getLastRow().getOffsetRange(1, 0)`) and writes there. Those ranges are bound when the batch runs, after
 * every record already in this Excel, so two panes (two supervisors, or one pane clicked twice) never get
 * the same row from a list read earlier. Under co-authoring each Excel runs the batch on its own copy of
 * the workbook: a row another supervisor wrote that has reached this copy is never written over. Two records
 * written on two copies within the seconds before the copies exchange edits can still pick the same row, and
 * Excel merges cell by cell (the later edit's values stay; Office.js has no way to reserve a row, and
 * Microsoft names TableRowCollection.add a source of co-authoring merge conflicts, so the sheet is no table).
 * So the pane watches the rows it wrote (`RecordWatch`): each later append (and `checkRecords`) reads them in
 * its own batch — still one sync — and a row that holds another record by then is looked for elsewhere (rows
 * sorted) and otherwise written again after the last row: the other person's record stays, ours is kept too.
 *
 * Only the seven input cells A–G are written (unlocked: the sheet stays protected); the row's check
 * formulas were made with the sheet (room for more records).
 */
import { KpiRecord, RECORD_STATUSES, RecordStatus, STATUS_WORDS, dateSerial, serialDate } from '../core/records';
import { RECORDS_FIRST_ROW, RECORDS_HEADER_ROW, RECORD_COLS, records as recordsKind } from '../templates/sheets/records';
import { missingSheetOr } from './errors';
import { ExcelRun, counter, defaultRun } from './requests';
import type { Agent } from '../core/agent';
import { RECORDS_LOW_WATER, planRoom, queueRoom, queueRoomRead } from './records-room';
import { WriterFeatures } from './requirements';

type Lang = 'zh' | 'en';

/** What `appendRecord` writes: the row's A–G values as one `Range.values` matrix, its address. */
export interface RecordWrite {
  address: string;
  values: Array<Array<string | number>>;
}

/** The records sheet's name in each language (考核记录, Records). */
export const RECORDS_SHEET: Record<Lang, string> = { zh: recordsKind.words.zh.sheet, en: recordsKind.words.en.sheet };

/** The A–G cells of a record: the date as a date serial (the column is formatted as a day), the status in the workbook's language. */
export function recordValues(record: KpiRecord, lang: Lang): Array<string | number> {
  const status = record.status === '' ? '' : ((STATUS_WORDS[lang] as Record<string, string>)[record.status] ?? record.status);
  const date = /^\d{4}-\d{2}-\d{2}$/.test(record.date) ? dateSerial(record.date) : '';
  const values = [date, record.id, record.code, record.count ?? '', record.evidence, record.by, status];
  if (values.length !== RECORD_COLS.status) throw new Error('the record columns changed: update recordValues');
  return values;
}

/**
 * The cells of one record on row `row` of the records sheet. Pure: the pane and tests use it.
 * @throws Error when `row` is above the first record row
 */
export function recordWrite(record: KpiRecord, row: number, lang: Lang): RecordWrite {
  if (row < RECORDS_FIRST_ROW) throw new Error(`row ${row} is above the records (from row ${RECORDS_FIRST_ROW})`);
  return { address: `A${row}:G${row}`, values: [recordValues(record, lang)] };
}

/** A row of the records sheet read back as a record (as xlsx/reader.ts `readRecordsSheet` reads one). */
export function recordOfCells(cells: readonly unknown[], lang: Lang): KpiRecord {
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const [d, id, code, n, evidence, by, st] = cells;
  const status = text(st).trim();
  const key = status === '' ? '' : RECORD_STATUSES.find((k) => STATUS_WORDS[lang][k].toLowerCase() === status.toLowerCase());
  return {
    date: typeof d === 'number' ? serialDate(d) : text(d),
    id: text(id),
    code: text(code),
    count: n === '' || n === null || n === undefined ? null : typeof n === 'number' ? n : text(n),
    evidence: text(evidence),
    by: text(by),
    status: key ?? `?${status}`,
  };
}

/** Whether the A–F cells of a row still hold `record` (the status aside): the row a pane wrote, not one that took its place. */
export function sameRecord(cells: readonly unknown[], record: KpiRecord, lang: Lang): boolean {
  const a = recordOfCells(cells, lang);
  return (
    a.date === record.date &&
    a.id === record.id &&
    a.code === record.code &&
    String(a.count ?? '') === String(record.count ?? '') &&
    a.evidence === record.evidence &&
    a.by === record.by
  );
}

/** One record of the sheet and its row. */
export interface SheetRecord {
  row: number;
  record: KpiRecord;
}

/** The records sheet as read: its name, language, month (from its title) and the non-empty rows. */
export interface RecordsSheet {
  sheet: string;
  lang: Lang;
  /** `YYYY-MM` from the title (`考核记录  2024-03`), null when the title has none */
  month: string | null;
  rows: SheetRecord[];
}

/**
 * Reads the records sheet (考核记录 or Records): the title and the used cells of A–G. Two syncs (the sheet's
 * name, then its cells); null when the workbook has no records sheet. ExcelApi 1.2 (getUsedRange(valuesOnly)).
 */
export async function readRecords(opts: { run?: ExcelRun } = {}): Promise<RecordsSheet | null> {
  const run = opts.run ?? defaultRun();
  return run(async (context) => {
    const s = counter(context);
    const ws = context.workbook.worksheets.load('items/name');
    await s.sync();
    const found = ws.items.find((x) => Object.values(RECORDS_SHEET).some((n) => n.toLowerCase() === x.name.toLowerCase()));
    if (!found) return null;
    const lang: Lang = found.name.toLowerCase() === RECORDS_SHEET.zh.toLowerCase() ? 'zh' : 'en';
    const sheet = context.workbook.worksheets.getItem(found.name);
    const title = sheet.getRange('A1').load('values');
    // from the header row down, so the used range is never empty (Range.getUsedRange throws on none)
    const used = sheet.getRange(`A${RECORDS_HEADER_ROW}:G1048576`).getUsedRange(true).load('values,rowIndex');
    await s.sync();
    const month = /\b(\d{4}-\d{2})\b/.exec(String(title.values[0]?.[0] ?? ''))?.[1] ?? null;
    const rows: SheetRecord[] = [];
    used.values.forEach((cells, i) => {
      const row = used.rowIndex + 1 + i;
      if (row < RECORDS_FIRST_ROW || cells.every((v) => v === '' || v === null)) return;
      rows.push({ row, record: recordOfCells(cells, lang) });
    });
    return { sheet: found.name, lang, month, rows };
  });
}

/** How long a written record is watched at least: co-authors' edits reach each other in seconds with AutoSave. */
export const WATCH_MS = 120_000;

/** A record this pane wrote and still checks: where, when, and in which language its status is worded. */
export interface Watched {
  sheet: string;
  row: number;
  record: KpiRecord;
  lang: Lang;
  /** when it was written (or written again), ms */
  at: number;
}

/** A watched record that lost its row under co-authoring: found elsewhere (`again: false`) or written again. */
export interface Rewritten {
  record: KpiRecord;
  from: number;
  to: number;
  again: boolean;
}

/**
 * The records this pane wrote, watched until a batch sees them intact `settleMs` after their writing (one pane:
 * one watch; `createOfficeHost` keeps it). Each later batch that reads them costs 7 cells per record, no sync.
 */
export class RecordWatch {
  items: Watched[] = [];
  constructor(
    readonly settleMs = WATCH_MS,
    readonly now: () => number = () => Date.now(),
  ) {}
  add(sheet: string, row: number, record: KpiRecord, lang: Lang): void {
    this.items.push({ sheet, row, record, lang, at: this.now() });
  }
}

/** Queues reading the watched rows of `ws`; after the sync, which still hold their record and which do not. */
function queueWatchRead(ws: Excel.Worksheet, items: readonly Watched[]): () => { intact: Watched[]; lost: Watched[] } {
  const ranges = items.map((w) => ws.getRange(`A${w.row}:G${w.row}`).load('values'));
  return () => {
    const intact: Watched[] = [];
    const lost: Watched[] = [];
    items.forEach((w, i) => (sameRecord(ranges[i].values[0], w.record, w.lang) ? intact : lost).push(w));
    return { intact, lost };
  };
}

/**
 * After a batch read the watched rows of `sheet`: intact ones older than the watch's time are let go; lost ones
 * (their row holds another record now) are looked for in the sheet (one sync: rows sorted or moved) and the
 * rest written again as a block after the last row (one more sync), watched anew. A row found empty was
 * cleared by someone on purpose: its record is let go, not written again.
 */
async function settle(
  context: Excel.RequestContext,
  s: { sync(): Promise<void> },
  watch: RecordWatch,
  sheet: string,
  seen: { intact: Watched[]; lost: Watched[] },
): Promise<Rewritten[]> {
  const now = watch.now();
  const gone = new Set<Watched>(seen.intact.filter((w) => now - w.at >= watch.settleMs));
  const out: Rewritten[] = [];
  if (seen.lost.length) {
    const ws = context.workbook.worksheets.getItem(sheet);
    const used = ws.getRange(`A${RECORDS_HEADER_ROW}:G1048576`).getUsedRange(true).load('values,rowIndex');
    await s.sync();
    const rowOf = (i: number) => used.rowIndex + 1 + i;
    const taken = new Set(watch.items.filter((w) => w.sheet === sheet && !seen.lost.includes(w)).map((w) => w.row));
    const again: Watched[] = [];
    for (const w of seen.lost) {
      const i = used.values.findIndex(
        (cells, k) => rowOf(k) >= RECORDS_FIRST_ROW && !taken.has(rowOf(k)) && sameRecord(cells, w.record, w.lang),
      );
      const here = used.values[w.row - used.rowIndex - 1];
      if (i >= 0) {
        out.push({ record: w.record, from: w.row, to: rowOf(i), again: false });
        w.row = rowOf(i);
        taken.add(w.row);
      } else if (!here || here.every((v) => v === '' || v === null)) gone.add(w);
      else again.push(w);
    }
    if (again.length) {
      // the rows after the last one, found by Excel in the batch as appendRecord's: never rows read a sync ago
      const last = ws.getRange(`A${RECORDS_HEADER_ROW}:G1048576`).getUsedRange(true).getLastRow();
      const targets = again.map((w, k) => {
        const t = last.getOffsetRange(1 + k, 0);
        t.values = [recordValues(w.record, w.lang)];
        return t.load('rowIndex');
      });
      await s.sync();
      again.forEach((w, k) => {
        out.push({ record: w.record, from: w.row, to: targets[k].rowIndex + 1, again: true });
        w.row = targets[k].rowIndex + 1;
        w.at = watch.now();
      });
    }
  }
  watch.items = watch.items.filter((w) => !gone.has(w));
  return out;
}

/**
 * Checks the records `watch` holds, in one sync when every row still holds its record (see `RecordWatch`).
 * @returns the syncs used and the records that moved or were written again
 */
export async function checkRecords(watch: RecordWatch, opts: { run?: ExcelRun } = {}): Promise<{ syncs: number; rewritten: Rewritten[] }> {
  const run = opts.run ?? defaultRun();
  return run(async (context) => {
    const s = counter(context);
    const sheets = [...new Set(watch.items.map((w) => w.sheet))];
    if (!sheets.length) return { syncs: 0, rewritten: [] };
    const reads = sheets.map(
      (sh) =>
        [
          sh,
          queueWatchRead(
            context.workbook.worksheets.getItem(sh),
            watch.items.filter((w) => w.sheet === sh),
          ),
        ] as const,
    );
    try {
      await s.sync();
    } catch (e) {
      throw missingSheetOr(e, sheets);
    }
    const rewritten: Rewritten[] = [];
    for (const [sh, read] of reads) rewritten.push(...(await settle(context, s, watch, sh, read())));
    return { syncs: s.n, rewritten };
  });
}

/**
 * Appends one record after the last row of the records sheet `sheet` that has a value in A–G, in one sync
 * (the row is found by Excel in the same batch: see the file's comment). With the workbook's roster
 * (`opts.agents`), when fewer than RECORDS_LOW_WATER checked rows are left after it, one more sync adds
 * another block of rows (records-room.ts), so the next records have room.
 * @returns the row written and the syncs used (1, or 2 when the block grew)
 * @throws Problem office.missingSheet when the sheet is gone
 */
export async function appendRecord(
  sheet: string,
  record: KpiRecord,
  lang: Lang,
  opts: { run?: ExcelRun; agents?: readonly Agent[]; features?: WriterFeatures; watch?: RecordWatch } = {},
): Promise<{ syncs: number; row: number; grown?: number; rewritten?: Rewritten[] }> {
  const values = [recordValues(record, lang)];
  const run = opts.run ?? defaultRun();
  const watch = opts.watch;
  return run(async (context) => {
    const s = counter(context);
    const ws = context.workbook.worksheets.getItem(sheet);
    // the rows this pane wrote before, read in the same batch (before the write): one that another co-author's
    // record took is seen here, and its record kept (settle)
    const watched = watch?.items.filter((w) => w.sheet === sheet) ?? [];
    const seen = watched.length ? queueWatchRead(ws, watched) : null;
    // the header row has a value in each of A–G, so the used range spans A–G and is never empty
    const target = ws.getRange(`A${RECORDS_HEADER_ROW}:G1048576`).getUsedRange(true).getLastRow().getOffsetRange(1, 0);
    target.values = values;
    const written = target.load('rowIndex');
    const room = opts.agents ? queueRoomRead(context) : null;
    try {
      await s.sync();
    } catch (e) {
      throw missingSheetOr(e, [sheet]);
    }
    const row = written.rowIndex + 1;
    watch?.add(sheet, row, record, lang); // first: its row is taken when lost records are looked for
    const rewritten = watch && seen ? await settle(context, s, watch, sheet, seen()) : [];
    const more = rewritten.length ? { rewritten } : {};
    const state = room?.();
    const last = Math.max(row, ...rewritten.map((r) => r.to));
    if (state && opts.agents && state.end - last < RECORDS_LOW_WATER) {
      const plan = planRoom(state, last, opts.agents, lang);
      if (plan) {
        await queueRoom(context, s, sheet, state, plan, lang, opts.features);
        await s.sync();
        return { syncs: s.n, row, grown: plan.end, ...more };
      }
    }
    return { syncs: s.n, row, ...more };
  });
}

/**
 * Sets the status of the record on row `row` (disputed, upheld, withdrawn, or '' to let it stand), in one
 * sync. The row's A–F are read in the same batch, before the write: when they no longer hold `record` (rows
 * sorted or deleted in the sheet, or a record that raced another one to the same row under co-authoring)
 * the status written is put back (a second sync) and `moved` is true: nothing else is changed.
 */
export async function setRecordStatus(
  sheet: string,
  row: number,
  record: KpiRecord,
  status: RecordStatus,
  lang: Lang,
  opts: { run?: ExcelRun; watch?: RecordWatch } = {},
): Promise<{ syncs: number; moved: boolean }> {
  if (row < RECORDS_FIRST_ROW) throw new Error(`row ${row} is above the records (from row ${RECORDS_FIRST_ROW})`);
  const word = status === '' ? '' : STATUS_WORDS[lang][status];
  const run = opts.run ?? defaultRun();
  return run(async (context) => {
    const s = counter(context);
    const ws = context.workbook.worksheets.getItem(sheet);
    const before = ws.getRange(`A${row}:G${row}`).load('values');
    ws.getRange(`G${row}`).values = [[word]];
    try {
      await s.sync();
    } catch (e) {
      throw missingSheetOr(e, [sheet]);
    }
    const cells = before.values[0];
    if (sameRecord(cells, record, lang)) {
      // a watched record written again keeps the status set since
      for (const w of opts.watch?.items ?? []) if (w.sheet === sheet && w.row === row) w.record = { ...w.record, status };
      return { syncs: s.n, moved: false };
    }
    ws.getRange(`G${row}`).values = [[cells[RECORD_COLS.status - 1] as string | number]];
    await s.sync();
    return { syncs: s.n, moved: true };
  });
}
