/**
 * Recording from the pane (D12): one record written into the records sheet (templates/sheets/records.ts) in
 * one `context.sync`. The row's check formulas are already there (the sheet is made with room for more
 * records); only the seven input cells A–G are written, so a row another supervisor wrote is never touched
 * (co-authoring writes cell by cell).
 */
import { KpiRecord, STATUS_WORDS, dateSerial } from '../core/records';
import { RECORDS_FIRST_ROW, RECORD_COLS } from '../templates/sheets/records';
import { missingSheetOr } from './errors';
import { ExcelRun, counter, defaultRun } from './requests';

/** What `appendRecord` writes: the row's A–G values as one `Range.values` matrix, its address, the date's number format. */
export interface RecordWrite {
  address: string;
  values: Array<Array<string | number>>;
}

/**
 * The cells of one record on row `row` of the records sheet: the date as a date serial (the column is
 * formatted as a day), text as text, the status in the workbook's language. Pure: the pane and tests use it.
 * @throws Error when `row` is above the first record row
 */
export function recordWrite(record: KpiRecord, row: number, lang: 'zh' | 'en'): RecordWrite {
  if (row < RECORDS_FIRST_ROW) throw new Error(`row ${row} is above the records (from row ${RECORDS_FIRST_ROW})`);
  const status = record.status === '' ? '' : ((STATUS_WORDS[lang] as Record<string, string>)[record.status] ?? record.status);
  const date = /^\d{4}-\d{2}-\d{2}$/.test(record.date) ? dateSerial(record.date) : '';
  const values = [[date, record.id, record.code, record.count ?? '', record.evidence, record.by, status]];
  if (values[0].length !== RECORD_COLS.status) throw new Error('the record columns changed: update recordWrite');
  return { address: `A${row}:G${row}`, values };
}

/**
 * Writes one record into row `row` of the records sheet `sheet`, in one sync. The sheet's cells A–G are
 * unlocked inputs, so its protection stays on.
 * @returns the syncs used (1)
 */
export async function appendRecord(
  sheet: string,
  row: number,
  record: KpiRecord,
  lang: 'zh' | 'en',
  opts: { run?: ExcelRun } = {},
): Promise<{ syncs: number; address: string }> {
  const w = recordWrite(record, row, lang);
  const run = opts.run ?? defaultRun();
  return run(async (context) => {
    const s = counter(context);
    context.workbook.worksheets.getItem(sheet).getRange(w.address).values = w.values;
    try {
      await s.sync();
    } catch (e) {
      throw missingSheetOr(e, [sheet]);
    }
    return { syncs: s.n, address: w.address };
  });
}
