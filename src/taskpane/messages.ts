/**
 * The problems the task pane itself finds (core/problem.ts), in both languages: a part of the pane that
 * did not load, the month field, an uploaded file it cannot take (the roster, entries, the call log).
 * `act` is the action the pane shows (a key of `Strings.act`). The problems of a file's kind and text and
 * of the rows of a roster, entries or a call log are io's (io/messages.ts, the same as the CLI's); the
 * Office.js writer's are office/messages.ts.
 */
import { messages } from '../core/problem';

/** Why an .xlsx could not be unpacked (xlsx-lite.ts), as a parameter so either language can say it. */
export type ZipReason = 'notZip' | 'badDirectory' | 'compression' | 'noWorkbook' | 'noSheet' | 'sheetMissing' | 'other';

/** The parameters of a damaged .xlsx: the reason, and what it names (a part, a sheet, a method, another reader's text). */
export interface ZipParams {
  [k: string]: string | number | undefined;
  reason: ZipReason;
  part?: string;
  sheet?: string;
  method?: number;
  /** the message of an error xlsx-lite does not word itself (the browser's inflater) */
  detail?: string;
}

const REASON: Record<ZipReason, { en: (p: ZipParams) => string; zh: (p: ZipParams) => string }> = {
  notZip: { en: () => 'not a zip file', zh: () => '不是 zip 文件' },
  badDirectory: { en: () => 'bad zip directory', zh: () => 'zip 目录已损坏' },
  compression: { en: (p) => `${p.part}: compression method ${p.method}`, zh: (p) => `${p.part}:不支持的压缩方式 ${p.method}` },
  noWorkbook: { en: () => 'not an .xlsx workbook (no xl/workbook.xml)', zh: () => '不是 .xlsx 工作簿(没有 xl/workbook.xml)' },
  noSheet: { en: () => 'the workbook has no sheet', zh: () => '工作簿中没有工作表' },
  sheetMissing: { en: (p) => `the sheet "${p.sheet}" (${p.part}) is missing`, zh: (p) => `缺少工作表“${p.sheet}”(${p.part})` },
  other: { en: (p) => String(p.detail ?? ''), zh: (p) => String(p.detail ?? '') },
};

/** The headline of "this pane cannot unpack .xlsx" (the rest says what to do instead). */
const NO_XLSX = { en: () => 'This Excel’s task pane cannot unpack .xlsx files', zh: () => '此版本 Excel 的任务窗格无法解压 .xlsx 文件' };

export const M = messages('pane', {
  /** an on-demand chunk (chunks.ts) did not load: no network, or a newer deployment replaced the files */
  chunkFailed: {
    en: (_p: { chunk: string }) => 'The code this step needs could not be downloaded.',
    zh: (_p: { chunk: string }) => '这一步所需的代码没有下载成功。',
    act: 'chunk',
  },
  monthInvalid: {
    en: (p: { value: string }) => `"${p.value}" is not a month YYYY-MM (e.g. 2024-03)`,
    zh: (p: { value: string }) => `"${p.value}" 不是 YYYY-MM 格式的月份(例如 2024-03)`,
    act: 'month',
  },
  /** neither the last insertion nor a month and roster say which cells the forms have */
  needLayout: {
    en: () => 'Give the month and the roster (or insert the forms first) so the pane knows which cells to use.',
    zh: () => '请先填写花名册和月份(或先插入表格),才能确定要写入/读取的单元格。',
    act: 'roster',
  },
  /** a roster .xlsx where this Excel's task pane has no DecompressionStream */
  rosterXlsxNotInPane: {
    en: () =>
      'This Excel’s task pane cannot unpack .xlsx files: open the file in Excel and click “Read the workbook’s roster”, or save it as CSV and upload that.',
    zh: () => '此版本 Excel 的任务窗格无法解压 .xlsx 文件:请在 Excel 中打开该文件,再点“读取工作簿中的花名册”,或另存为 CSV 后上传。',
    short: NO_XLSX,
    act: 'fixCsv',
  },
  /** a workbook uploaded as entries */
  entriesNotCsv: {
    en: (_p: { file: string }) =>
      'Entries are read from CSV only: save the sheet as “CSV UTF-8 (comma delimited)” and upload that, or copy and paste it.',
    zh: (_p: { file: string }) => '考核记录只能上传 CSV:请把该工作表另存为“CSV UTF-8(逗号分隔)”后上传,或直接复制粘贴。',
    short: { en: () => 'Entries are read from CSV only', zh: () => '考核记录只能上传 CSV' },
    act: 'fixCsv',
  },
  /** readCsvFile of a zip or OLE file (the pane then reads it as a workbook, or says entriesNotCsv) */
  workbookNotCsv: {
    en: (p: { file: string }) => `${p.file}: is an Excel workbook, not CSV`,
    zh: (p: { file: string }) => `${p.file}:是 Excel 工作簿,不是 CSV 文件`,
    act: 'fixCsv',
  },
  /** a roster sheet (of the open workbook or an uploaded .xlsx) without a header row */
  noHeaderRow: {
    en: (p: { sheet: string }) => `${p.sheet}: no header row with employee_id (工号) was found`,
    zh: (p: { sheet: string }) => `${p.sheet}:找不到含“工号”(employee_id)的表头行`,
    act: 'fixCsv',
  },
  rosterXls: {
    en: (p: { file: string }) => `${p.file}: is an .xls (Excel 97–2003) file; save it as .xlsx or CSV`,
    zh: (p: { file: string }) => `${p.file}:是 .xls(Excel 97–2003)文件;请另存为 .xlsx 或 CSV`,
    act: 'fixCsv',
  },
  /** what xlsx-lite says by itself (it does not know the file's name): the reason only */
  zip: {
    en: (p: ZipParams) => REASON[p.reason].en(p),
    zh: (p: ZipParams) => REASON[p.reason].zh(p),
  },
  /** an uploaded .xlsx (roster or call log) that xlsx-lite could not read */
  xlsxUnreadable: {
    en: (p: ZipParams & { file: string }) => `${p.file}: is not a readable .xlsx workbook (${REASON[p.reason].en(p)})`,
    zh: (p: ZipParams & { file: string }) => `${p.file}:不是可读取的 .xlsx 工作簿(${REASON[p.reason].zh(p)})`,
    short: {
      en: (p: ZipParams & { file: string }) => `${p.file}: is not a readable .xlsx workbook`,
      zh: (p: ZipParams & { file: string }) => `${p.file}:不是可读取的 .xlsx 工作簿`,
    },
    act: 'fixCsv',
  },
  /** a call-log .xlsx where this Excel's task pane has no DecompressionStream */
  logXlsxNotInPane: {
    en: (_p: { file: string }) =>
      'This Excel’s task pane cannot unpack .xlsx files: save the log as CSV and import that, or use the command line (kpi-forms new --calls).',
    zh: (_p: { file: string }) =>
      '此版本 Excel 的任务窗格无法解压 .xlsx 文件:请把日志另存为 CSV 后导入,或使用命令行 kpi-forms new --calls。',
    short: NO_XLSX,
    act: 'callLog',
  },
});
