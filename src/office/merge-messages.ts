/**
 * What "add another supervisor's workbook" tells a user about a workbook it cannot merge (scope `merge`, beside
 * core/merge.ts's conflicts): not a month's workbook, a rule cell or a roster row it cannot read, a browser that
 * cannot unpack .xlsx. Each names the workbook; nothing was merged.
 */
import { messages } from '../core/problem';

export const MERGE_FILE = messages('merge', {
  /** a workbook (the uploaded one, or this one) is not a month's workbook of the forms */
  notMonth: {
    en: (p: { file: string; what: string }) =>
      `${p.file} is not a month's workbook of the KPI forms (it has no ${p.what}); nothing was merged. Choose the workbook a supervisor filled for the month`,
    zh: (p: { file: string; what: string }) =>
      `${p.file} 不是 KPI 表单的月度工作簿(缺少 ${p.what});未合并任何内容。请选择主管填写的本月工作簿`,
    act: 'mergeFile',
  },
  /** the pane's browser cannot unpack an .xlsx (no DecompressionStream): the CLI merges files */
  noUnzip: {
    en: (p: { file: string }) =>
      `This Excel’s task pane cannot unpack .xlsx files, so ${p.file} was not merged; use the command line: kpi-forms merge A.xlsx B.xlsx --out DEPT.xlsx`,
    zh: (p: { file: string }) =>
      `此版本 Excel 的任务窗格无法解压 .xlsx 文件,因此未合并 ${p.file};请改用命令行工具的合并命令(见使用说明中“部门”一节)`,
    act: 'apiNotFound',
  },
  /** a rule cell of a workbook to merge holds no rule value */
  badRule: {
    en: (p: { file: string; name: string; cell: string; value: string }) =>
      `${p.file} ${p.cell}: the rule ${p.name} is "${p.value}", which is not a rule value; nothing was merged`,
    zh: (p: { file: string; name: string; cell: string; value: string }) =>
      `${p.file} ${p.cell}:规则 ${p.name} 为“${p.value}”,不是有效的规则值;未合并任何内容`,
    act: 'mergeFile',
  },
  /** an empty (id '') or repeated employee id on a roster to merge */
  rosterId: {
    en: (p: { file: string; cell: string; id: string }) =>
      p.id
        ? `${p.file} ${p.cell}: employee id "${p.id}" is on the roster twice; nothing was merged`
        : `${p.file} ${p.cell}: a roster row without an employee id; nothing was merged`,
    zh: (p: { file: string; cell: string; id: string }) =>
      p.id
        ? `${p.file} ${p.cell}:工号“${p.id}”在花名册中出现两次;未合并任何内容`
        : `${p.file} ${p.cell}:花名册中有一行没有工号;未合并任何内容`,
    act: 'mergeFile',
  },
  /** a roster role that is neither pre-sales nor after-sales */
  rosterRole: {
    en: (p: { file: string; cell: string; role: string }) =>
      `${p.file} ${p.cell}: the role "${p.role}" is neither pre-sales nor after-sales; nothing was merged`,
    zh: (p: { file: string; cell: string; role: string }) => `${p.file} ${p.cell}:岗位“${p.role}”既不是售前也不是售后;未合并任何内容`,
    act: 'mergeFile',
  },
});
