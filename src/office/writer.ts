/**
 * The Office.js writer: renders the same `WorkbookSpec` as the .xlsx writer into the open workbook, and
 * reads results back. One module per concern; this one gathers their exports for the task pane and tests:
 * - insert.ts: inserting (round trips, reuse, never overwriting, replacing in place);
 * - plan.ts: what an insertion does, decided before anything is written (pure);
 * - render.ts: one sheet's description (templates/render.ts, shared with the .xlsx writer) as Office.js calls;
 * - read.ts: results, jumping to a form, writing entries, reading the roster;
 * - requests.ts: `Excel.run`, sync counting and the request-size budget;
 * - errors.ts, messages.ts: the problems a user is told about (core/problem.ts), in both languages.
 */
export { insertIntoWorkbook } from './insert';
export type { InsertOptions, InsertProgress, InsertResult, OnConflict } from './insert';
export { planInsertion } from './plan';
export type { InsertPlan, WorkbookState } from './plan';
export { BUSY_RETRY_MS, activateAgent, readRosterSheet, readSummary, writeInputs } from './read';
export type { RosterSheet, SummaryRow } from './read';
export { DESKTOP_REQUEST_BUDGET, REQUEST_BUDGET, requestBudgetFor } from './requests';
export type { ExcelRun } from './requests';
