/**
 * The pane's Office.js host (office/host.ts `createOfficeHost`) with its Excel code — the writer, the
 * plan and the templates — in chunk "excel", fetched at the first call. What the pane needs to show its
 * first screen, Office's language and the requirement sets, is read at once, as createOfficeHost reads
 * them (test/taskpane.test.tsx checks both give the same).
 */
import type { KpiHost } from '../office/host';
import { checkSupport } from '../office/requirements';
import { excelChunk } from './chunks';

/** Call it after `Office.onReady` reported Excel. */
export function lazyOfficeHost(): KpiHost {
  const ctx = typeof Office !== 'undefined' ? Office.context : undefined;
  const req = ctx?.requirements;
  let real: KpiHost | undefined;
  const host = async (): Promise<KpiHost> => (real ??= (await excelChunk.load()).createOfficeHost());
  return {
    displayLanguage: String(ctx?.displayLanguage ?? (typeof navigator !== 'undefined' ? navigator.language : 'en-US')),
    support: checkSupport(req && typeof req.isSetSupported === 'function' ? (s, v) => req.isSetSupported(s, v) : undefined),
    insert: async (spec, opts) => (await host()).insert(spec, opts),
    readRoster: async () => (await host()).readRoster(),
    readSummary: async (layout) => (await host()).readSummary(layout),
    activate: async (cell) => (await host()).activate(cell),
    writeInputs: async (layout, inputs, records) => (await host()).writeInputs(layout, inputs, records),
    readRecords: async () => (await host()).readRecords(),
    appendRecord: async (sheet, record, lang, agents) => (await host()).appendRecord(sheet, record, lang, agents),
    setRecordStatus: async (sheet, row, record, status, lang) => (await host()).setRecordStatus(sheet, row, record, status, lang),
    readYear: async () => (await host()).readYear!(),
    closeMonth: async (layout, year, o) => (await host()).closeMonth!(layout, year, o),
    reopenMonth: async (year, o) => (await host()).reopenMonth!(year, o),
    readMonthRules: async () => (await host()).readMonthRules!(),
    insertNotice: async (ledger, month, lang) => (await host()).insertNotice!(ledger, month, lang),
    mergeWorkbook: async (other, o) => (await host()).mergeWorkbook!(other, o),
  };
}
