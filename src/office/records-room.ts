/**
 * Room for more records (D12): the records sheet is made with its check formulas, validation and formats
 * on the records' rows plus room for more (templates/sheets/records.ts `recordsCapacity`), and the forms
 * count the rows its defined names (REC_ID, REC_CODE, REC_COUNTED, REC_STATUS) cover. A supervisor records
 * all month, so the pane grows that block before it runs out: when a write would leave fewer than
 * `RECORDS_LOW_WATER` empty rows, another block of `recordsCapacity(0, agents)` rows is queued in the same
 * batch as the write (an import: still 2 syncs) or in one more sync after an appended record (1 sync
 * unless the block is nearly full).
 *
 * The new rows are what the template makes for a longer month: the records sheet is built for the
 * workbook's month, language and roster with more empty rows (`buildWorkbook`, blank records), and only the
 * rows after the current block are written (check formulas H–K, number formats, input styles, validation;
 * the highlight's conditional format replaced by the longer one; the names redefined). Nothing is guessed
 * about a workbook that differs: the last row of the block as the workbook has it must hold the very
 * formulas the build gives for that row (same roster sheet and size, month, language), or nothing grows and
 * the write is refused as before (office.recordsFull). The sheet is unprotected for the batch and protected
 * again as the writer protects it (no password; a password set by someone else stops the batch).
 */
import type { Agent } from '../core/agent';
import { KpiRecord } from '../core/records';
import { SheetSpec, colName, parseAddr, sheetRef } from '../templates/model';
import { describeSheet } from '../templates/render';
import { RECORD_COLS, RECORD_NAMES, recordsCapacity } from '../templates/sheets/records';
import { buildWorkbook } from '../templates/workbook';
import { queueProtection, queueSheetContent } from './render';
import { REQUEST_BUDGET, Requests } from './requests';
import { ALL_FEATURES, WriterFeatures } from './requirements';

type Lang = 'zh' | 'en';

/** Grow when a write would leave fewer empty rows than this in the block. */
export const RECORDS_LOW_WATER = 10;

/** The columns whose formulas identify the template's rows: counted, check, roster row, role (H–K). */
const FORMULA_COLS = [RECORD_COLS.counted, RECORD_COLS.check, RECORD_COLS.row, RECORD_COLS.role];

/** The records block as a batch read it. */
export interface RoomState {
  /** first and last row the defined names cover */
  first: number;
  end: number;
  /** `YYYY-MM` from the sheet's title, null without one */
  month: string | null;
  /** the formulas of H–K on row `end`, as Excel gives them (`=…`) */
  lastFormulas: string[];
}

/**
 * Queues reading the records block: where REC_ID starts and ends, the sheet's title (its month) and the
 * formulas of its last row. Call the result after the sync.
 */
export function queueRoomRead(context: Excel.RequestContext): () => RoomState {
  const ids = context.workbook.names.getItem(RECORD_NAMES.id).getRange().load('rowIndex');
  const last = ids.getLastRow().load('rowIndex');
  const title = ids.worksheet.getRange('A1').load('values');
  const formulas = FORMULA_COLS.map((c) => last.getOffsetRange(0, c - RECORD_COLS.id).load('formulas'));
  return () => ({
    first: ids.rowIndex + 1,
    end: last.rowIndex + 1,
    month: /\b(\d{4}-\d{2})\b/.exec(String(title.values[0]?.[0] ?? ''))?.[1] ?? null,
    lastFormulas: formulas.map((f) => String(f.formulas[0][0])),
  });
}

/** What growing queues: the template's records sheet and names, or why it cannot grow. */
export interface RoomPlan {
  sheet: SheetSpec;
  /** defined name → its new reference's address (`$B$4:$B$403`) */
  names: Array<{ name: string; address: string }>;
  /** the new last row */
  end: number;
}

/**
 * The records sheet as the template makes it for this workbook with rows up to at least `need`, plus a block
 * of room; null when the workbook's last row does not hold the template's formulas (another roster, month or
 * language, a renamed roster sheet): then nothing is grown. Pure.
 */
export function planRoom(state: RoomState, need: number, agents: readonly Agent[], lang: Lang): RoomPlan | null {
  if (!state.month || !agents.length) return null;
  const room = recordsCapacity(0, agents.length);
  const end = Math.max(need, state.end) + room;
  const blank: KpiRecord = { date: '', id: '', code: '', count: null, evidence: '', by: '', status: '' };
  // capacity = records + room: blank records render as empty rows with their checks
  const records = Array.from({ length: Math.max(0, end - state.first + 1 - room) }, () => blank);
  let spec;
  try {
    spec = buildWorkbook({ month: state.month, agents: [...agents], lang, records });
  } catch {
    return null; // a title whose month the model refuses
  }
  const sheet = spec.sheets.find((s) => s.key === 'records');
  if (!sheet) return null;
  const at = new Map(sheet.cells.map((c) => [c.address, c]));
  const same = FORMULA_COLS.every((c, i) => {
    const f = at.get(`${colName(c)}${state.end}`)?.formula;
    return f !== undefined && `=${f.replace(/^=/, '')}` === state.lastFormulas[i];
  });
  if (!same) return null;
  const names = Object.values(RECORD_NAMES).map((name) => {
    const ref = spec.names.find((n) => n.name === name)?.ref ?? '';
    return { name, address: ref.slice(ref.lastIndexOf('!') + 1) };
  });
  if (names.some((n) => !n.address)) return null;
  return { sheet, names, end };
}

/**
 * Queues the rows `state.end + 1 … plan.end` of the template's records sheet on worksheet `sheet`, the
 * highlight over the whole block and the four names over it, the sheet unprotected meanwhile.
 * `context.sync` may run in between only when the rows would take a request over its budget.
 */
export async function queueRoom(
  context: Excel.RequestContext,
  s: { sync(): Promise<void> },
  sheet: string,
  state: RoomState,
  plan: RoomPlan,
  lang: Lang,
  f: WriterFeatures = ALL_FEATURES,
): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.protection.unprotect();
  const rows: SheetSpec = {
    ...plan.sheet,
    cells: plan.sheet.cells.filter((c) => {
      const r = parseAddr(c.address).row;
      return r > state.end && r <= plan.end;
    }),
    merges: [],
    rowHeights: {},
  };
  // only the new rows: no widths, hidden columns or frozen panes again (the user may have changed them)
  const d = { ...describeSheet(rows, lang), widths: [], hiddenColumns: [], rowHeights: [], merges: [], freezeRows: 0 };
  // the highlight: the template's one rule over the whole block replaces the shorter one
  if (f.conditionalFormats) ws.getRange(`A${state.first}:${colName(RECORD_COLS.check)}${state.end}`).conditionalFormats.clearAll();
  await queueSheetContent(ws, d, f, new Requests(s, REQUEST_BUDGET));
  for (const n of plan.names) {
    context.workbook.names.getItem(n.name).delete();
    context.workbook.names.add(n.name, `=${sheetRef(sheet)}!${n.address}`);
  }
  if (plan.sheet.protect) queueProtection(ws, f);
}
