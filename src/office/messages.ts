/**
 * What the Office.js writer tells a user, in both languages (core/problem.ts): a sheet it needs is gone,
 * a sheet to replace is protected, the KPI functions are still calculating, no Excel at all. `act` is the
 * task pane's action (a key of its `Strings.act`). A spec our own code built wrong is not here: that is a
 * fault of the program (plain Error), not something the user can fix.
 */
import { messages } from '../core/problem';

/** `"A", "B"` in English; `“A”、“B”` in Chinese. */
const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');
const quotedZh = (names: readonly string[]) => names.map((n) => `“${n}”`).join('、');

export const M = messages('office', {
  notInExcel: {
    en: () => 'Excel is not available here (Excel.run is missing): open the add-in in Excel.',
    zh: () => '此处无法使用 Excel:请在 Excel 中打开此加载项。',
    act: 'openInExcel',
  },
  /** sheets the batch named are not in the workbook (deleted or renamed since the forms were inserted) */
  missingSheet: {
    en: (p: { sheets: readonly string[] }) => `The workbook has no sheet ${quoted(p.sheets)}.`,
    zh: (p: { sheets: readonly string[] }) => `工作簿中没有工作表${quotedZh(p.sheets)}。`,
    act: 'insertFirst',
  },
  /** records to append do not fit in the rows the records sheet checks and counts (REC_ID): nothing was written */
  recordsFull: {
    en: (p: { records: number; room: number; last: number }) =>
      `The records sheet has room for ${p.room} more records (its counted rows end at row ${p.last}), not ${p.records}; nothing was written. Import a shorter period, or make the month's workbook with kpi-forms new --entries/--calls, which sizes the records sheet to its records.`,
    zh: (p: { records: number; room: number; last: number }) =>
      `考核记录表只能再写入 ${p.room} 条记录(计入的行到第 ${p.last} 行为止),本次有 ${p.records} 条;未写入任何内容。请分段导入,或用 kpi-forms new --entries/--calls 生成本月工作簿(考核记录表按记录数留足行数)。`,
  },
  /** custom functions still calculating (#BUSY!) after the reader's retries */
  stillCalculating: {
    en: (_p: { sheets: readonly string[]; reads: number }) =>
      'The KPI functions are still calculating (the cells show #BUSY!), so there are no results to read yet.',
    zh: (_p: { sheets: readonly string[]; reads: number }) => 'KPI 函数仍在计算(单元格显示 #BUSY!),结果还读不出来。',
    short: { en: () => 'The KPI functions are still calculating (the cells show #BUSY!)', zh: () => 'KPI 函数仍在计算(单元格显示 #BUSY!)' },
    act: 'calcRetry',
  },
  /** a sheet to replace is protected with a password by someone else: the batch stopped, nothing changed */
  protectedSheets: {
    en: (p: { sheets: readonly string[] }) =>
      `${quoted(p.sheets)} ${p.sheets.length > 1 ? 'are' : 'is'} protected with a password, so it was not replaced. Nothing was changed.`,
    zh: (p: { sheets: readonly string[] }) => `工作表${quotedZh(p.sheets)}设有密码保护,因此没有替换;工作簿未做任何改动。`,
    act: 'protectedSheet',
  },
});
