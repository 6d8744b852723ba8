/**
 * Chunk "excel" (chunks.ts `excelChunk`): what inserting the forms, reading results and writing entries
 * need and opening the pane does not: the workbook's description (templates) and the Office.js host
 * with its writer (office/host.ts, writer.ts, plan.ts), and an uploaded month workbook read for the merge (merge-file.ts).
 */
export { buildWorkbook } from '../templates/workbook';
export { createOfficeHost } from '../office/host';
export { SHEET_NAMES } from '../templates/i18n';
export { historyFromLedger } from '../office/year';
export { readMonthFile } from './merge-file';
