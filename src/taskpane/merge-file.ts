/**
 * "Add another supervisor's workbook" reads the uploaded month workbook in the browser: xlsx-lite (its own chunk
 * "xlsx", shared with the roster and call-log imports) for the defined names and the sheets the month needs,
 * office/month-cells.ts for the MonthBook the merge takes (the same reading as the open workbook's). In chunk
 * "excel" (taskpane/excel.ts), with the templates and the host that merges and writes (office/merge.ts).
 */
import type { MonthBook } from '../core/merge';
import { Problem } from '../core/problem';
import { monthBookOfCells, monthCellsOfFile } from '../office/month-cells';
import { MERGE_FILE } from '../office/merge-messages';
import { M } from './messages';

/** Whether this browser can unpack .xlsx (DecompressionStream with deflate-raw), as inputs.ts `canReadXlsx`. */
function canReadXlsx(): boolean {
  try {
    return typeof DecompressionStream === 'function' && !!new DecompressionStream('deflate-raw');
  } catch {
    return false;
  }
}

const bytesOf = (file: Blob): Promise<ArrayBuffer> =>
  typeof file.arrayBuffer === 'function'
    ? file.arrayBuffer()
    : new Promise((resolve, reject) => {
        const r = new FileReader();
        r.onload = () => resolve(r.result as ArrayBuffer);
        r.onerror = () => reject(r.error);
        r.readAsArrayBuffer(file);
      });

/**
 * An uploaded month workbook (.xlsx) as the merge's MonthBook, named by its file name (messages, source columns).
 * @throws Problem merge.noUnzip when the browser cannot unpack .xlsx; pane.rosterXls for an old .xls;
 *   pane.xlsxUnreadable for a file that is no .xlsx; merge.* for a workbook that is not a month's (office/month-cells.ts)
 */
export async function readMonthFile(file: File): Promise<MonthBook> {
  const bytes = new Uint8Array(await bytesOf(file));
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) throw new Problem(M.rosterXls, { file: file.name });
  if (!canReadXlsx()) throw new Problem(MERGE_FILE.noUnzip, { file: file.name });
  const { readXlsxBook, unreadableXlsx } = await import(/* webpackChunkName: "xlsx" */ './xlsx-lite');
  let cells;
  try {
    cells = await monthCellsOfFile(await readXlsxBook(bytes), file.name);
  } catch (e) {
    if (e instanceof Problem && e.code !== M.zip.code) throw e;
    throw unreadableXlsx(file.name, e);
  }
  return monthBookOfCells(cells);
}
