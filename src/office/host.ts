/**
 * The task pane's one door to Excel (yo office pattern): every Office.js call the components need,
 * behind an interface they receive as a prop, so the components are tested with a fake host and the
 * Office.js code stays in src/office.
 */
import { SHEET_NAMES } from '../templates/i18n';
import { AgentLayout, SheetKey, WorkbookSpec } from '../templates/model';
import { HostSupport, checkSupport } from './requirements';
import {
  ExcelRun,
  InsertProgress,
  InsertResult,
  OnConflict,
  RosterSheet,
  SummaryRow,
  activateAgent,
  insertIntoWorkbook,
  readRosterSheet,
  readSummary,
  requestBudgetFor,
  writeInputs,
} from './writer';
import { RecordWatch, RecordsSheet, Rewritten, appendRecord, readRecords, setRecordStatus } from './records';
import type { KpiRecord, RecordStatus } from '../core/records';
import type { Agent } from '../core/agent';
import type { Ledger } from '../core/ledger';
import type { Rules } from '../core/rules';
import { CloseResult, ReopenResult, YearState, closeMonth, insertNotice, readMonthRules, readYear, reopenMonth } from './year';
import type { MonthBook } from '../core/merge';
import { MergeOptions, MergeResult, mergeIntoWorkbook } from './merge';

export type { RecordsSheet, CloseResult, ReopenResult, YearState, MergeResult };
export type { InsertProgress, InsertResult, OnConflict, RosterSheet, SummaryRow };

/** What the task pane asks of Excel. */
export interface KpiHost {
  /** Office's UI language, e.g. `zh-CN`, `en-US` */
  displayLanguage: string;
  /** requirement sets: what works in this Excel */
  support: HostSupport;
  /** inserts sheets of the spec (see writer.ts `insertIntoWorkbook`); `select`: agent ids to select afterwards */
  insert(
    spec: WorkbookSpec,
    opts: { sheets?: SheetKey[]; onConflict?: OnConflict; select?: string[]; onProgress?: (p: InsertProgress) => void },
  ): Promise<InsertResult>;
  /** the used cells of the roster sheet (花名册 / Roster), or null when the workbook has none */
  readRoster(): Promise<RosterSheet | null>;
  /** rank, total, pay and flags of each agent of the layout */
  readSummary(layout: AgentLayout[]): Promise<SummaryRow[]>;
  /** shows an agent's form */
  activate(cell: { sheet: string; address: string }): Promise<void>;
  /** writes entries: monthly figures into the forms' input cells, counts and `records` as records (read.ts `writeInputs`) */
  writeInputs(
    layout: AgentLayout[],
    inputs: Record<string, Record<string, number | string>>,
    records?: readonly KpiRecord[],
  ): Promise<{ cells: number; records?: number; notInLayout: string[] }>;
  /** the records sheet (考核记录 / Records) and its records, or null when the workbook has none (office/records.ts) */
  readRecords(): Promise<RecordsSheet | null>;
  /**
   * appends a record after the last one, in one sync; the row Excel chose, and this pane's earlier records that
   * lost their row to a co-author's meanwhile and were found elsewhere or written again (records.ts `RecordWatch`)
   */
  appendRecord(
    sheet: string,
    record: KpiRecord,
    lang: 'zh' | 'en',
    agents?: readonly Agent[],
  ): Promise<{ row: number; rewritten?: Rewritten[] }>;
  /** sets a record's status, in one sync; `moved`: the row no longer held that record, nothing was changed */
  setRecordStatus(sheet: string, row: number, record: KpiRecord, status: RecordStatus, lang: 'zh' | 'en'): Promise<{ moved: boolean }>;
  /** the year sheets (ledger, plans, months) and the month the forms hold (office/year.ts `readYear`); optional: hosts of tests without the year */
  readYear?(): Promise<YearState>;
  /** closes the forms' month into the ledger sheet, refused per D13 (office/year.ts `closeMonth`, 2 syncs) */
  closeMonth?(layout: AgentLayout[], year: YearState, o: { today: string; notice?: string }): Promise<CloseResult>;
  /** reopens the closed month the forms hold, the reason kept in the ledger's log (office/year.ts `reopenMonth`, 2 syncs) */
  reopenMonth?(year: YearState, o: { reason: string; today: string }): Promise<ReopenResult>;
  /** the month's rules, language and formula mode (its defined names) */
  readMonthRules?(): Promise<{ month: string; lang: 'zh' | 'en'; mode: 'kpi' | 'plain'; rules: Rules }>;
  /** inserts a closed month's notice sheet (one A4 page) */
  insertNotice?(ledger: Ledger, month: string, lang: 'zh' | 'en'): Promise<InsertResult>;
  /** merges another supervisor's month workbook into this one (office/merge.ts, 2 syncs); optional: hosts of tests without it */
  mergeWorkbook?(other: MonthBook, o: Pick<MergeOptions, 'prefer' | 'thisName' | 'lang' | 'onProgress'>): Promise<MergeResult>;
}

/**
 * The host backed by Office.js (`Office.context`, `Excel.run`); `run` may replace `Excel.run`.
 * Call it after `Office.onReady` reported Excel.
 * @param opts.retryMs waits between reads of results while custom functions calculate (#BUSY!; default `BUSY_RETRY_MS`)
 */
export function createOfficeHost(run?: ExcelRun, opts: { retryMs?: readonly number[] } = {}): KpiHost {
  const ctx = typeof Office !== 'undefined' ? Office.context : undefined;
  const req = ctx?.requirements;
  const support = checkSupport(req && typeof req.isSetSupported === 'function' ? (s, v) => req.isSetSupported(s, v) : undefined);
  const r = { run };
  // the records this pane appended, checked by each later append (co-authoring: records.ts RecordWatch)
  const watch = new RecordWatch();
  return {
    displayLanguage: String(ctx?.displayLanguage ?? (typeof navigator !== 'undefined' ? navigator.language : 'en-US')),
    support,
    insert: async (spec, o) => {
      const res = await insertIntoWorkbook(spec, {
        ...o,
        features: support.features,
        run,
        requestBudget: requestBudgetFor(String(ctx?.platform ?? '')),
      });
      // a records sheet written anew (the next month, the forms again) holds none of the rows watched in it
      const anew = new Set([...res.replaced, ...res.sheets].map((n) => n.toLowerCase()));
      watch.items = watch.items.filter((w) => !anew.has(w.sheet.toLowerCase()));
      return res;
    },
    readRoster: () => readRosterSheet([SHEET_NAMES.zh.roster, SHEET_NAMES.en.roster], r),
    readSummary: async (layout) => (await readSummary(layout, { ...r, ...(opts.retryMs ? { retryMs: opts.retryMs } : {}) })).rows,
    activate: (cell) => activateAgent(cell, r),
    writeInputs: (layout, inputs, records) => writeInputs(layout, inputs, { ...r, records, features: support.features }),
    readRecords: () => readRecords(r),
    appendRecord: (sheet, record, lang, agents) => appendRecord(sheet, record, lang, { ...r, agents, features: support.features, watch }),
    setRecordStatus: (sheet, row, record, status, lang) => setRecordStatus(sheet, row, record, status, lang, { ...r, watch }),
    readYear: () => readYear(r),
    closeMonth: (layout, year, o) =>
      closeMonth(layout, year, {
        ...o,
        run,
        features: support.features,
        requestBudget: requestBudgetFor(String(ctx?.platform ?? '')),
        ...(opts.retryMs ? { retryMs: opts.retryMs } : {}),
      }),
    reopenMonth: (year, o) =>
      reopenMonth(year, { ...o, run, features: support.features, requestBudget: requestBudgetFor(String(ctx?.platform ?? '')) }),
    readMonthRules: () => readMonthRules(r),
    insertNotice: (ledger, month, lang) =>
      insertNotice(ledger, month, lang, { run, features: support.features, requestBudget: requestBudgetFor(String(ctx?.platform ?? '')) }),
    mergeWorkbook: async (other, o) => {
      const merged = await mergeIntoWorkbook(other, {
        ...o,
        run,
        features: support.features,
        requestBudget: requestBudgetFor(String(ctx?.platform ?? '')),
      });
      // the records sheet was written anew from what the merge decided (a record the other workbook won over is gone
      // on purpose, rows may move): the rows watched before mean nothing now, and one "lost" must not be written back
      watch.items = [];
      return merged;
    },
  };
}
