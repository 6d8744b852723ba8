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
  /** "add another supervisor's workbook": a workbook (the uploaded one, or this one) is not a month's workbook of the forms */
  mergeNotMonth: {
    en: (p: { file: string; what: string }) =>
      `${p.file} is not a month's workbook of the KPI forms (it has no ${p.what}); nothing was merged. Choose the workbook a supervisor filled for the month`,
    zh: (p: { file: string; what: string }) =>
      `${p.file} 不是 KPI 表单的月度工作簿(缺少 ${p.what});未合并任何内容。请选择主管填写的本月工作簿`,
  },
  /** a rule cell of a workbook to merge holds no rule value */
  mergeBadRule: {
    en: (p: { file: string; name: string; cell: string; value: string }) =>
      `${p.file} ${p.cell}: the rule ${p.name} is "${p.value}", which is not a rule value; nothing was merged`,
    zh: (p: { file: string; name: string; cell: string; value: string }) =>
      `${p.file} ${p.cell}:规则 ${p.name} 为“${p.value}”,不是有效的规则值;未合并任何内容`,
  },
  /** an empty (id '') or repeated employee id on a roster to merge */
  mergeRoster: {
    en: (p: { file: string; cell: string; id: string }) =>
      p.id
        ? `${p.file} ${p.cell}: employee id "${p.id}" is on the roster twice; nothing was merged`
        : `${p.file} ${p.cell}: a roster row without an employee id; nothing was merged`,
    zh: (p: { file: string; cell: string; id: string }) =>
      p.id
        ? `${p.file} ${p.cell}:工号“${p.id}”在花名册中出现两次;未合并任何内容`
        : `${p.file} ${p.cell}:花名册中有一行没有工号;未合并任何内容`,
  },
  /** a roster role that is neither pre-sales nor after-sales */
  mergeRole: {
    en: (p: { file: string; cell: string; role: string }) =>
      `${p.file} ${p.cell}: the role "${p.role}" is neither pre-sales nor after-sales; nothing was merged`,
    zh: (p: { file: string; cell: string; role: string }) => `${p.file} ${p.cell}:岗位“${p.role}”既不是售前也不是售后;未合并任何内容`,
  },
});
