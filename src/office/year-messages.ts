/**
 * What the pane's year actions say (office/year.ts: close the month into the workbook's ledger sheet, start the
 * next month, the notice; forms.md D13–D14), in both languages (core/problem.ts). Each refusal names what to
 * fix in its headline (under 100 characters); samples: test/helpers/year-message-samples.ts.
 */
import { messages } from '../core/problem';

type Ids = { month: string; n: number; ids: readonly string[] };
const list = (ids: readonly string[], sep: string) => (ids.length > 4 ? [...ids.slice(0, 4), '…'] : ids).join(sep);

export const Y = messages('year', {
  incomplete: {
    en: (p: Ids) =>
      `${p.month} not closed: ${p.n} result${p.n === 1 ? ' is' : 's are'} incomplete (${list(p.ids, ', ')}); complete the inputs, then close again (D11, D13).`,
    zh: (p: Ids) => `${p.month} 未关账:${p.n} 人结果未完成(${list(p.ids, '、')});请补全录入后再关账 (D11, D13)。`,
  },
  disputed: {
    en: (p: Ids) =>
      `${p.month} not closed: ${p.n} record${p.n === 1 ? ' is' : 's are'} still disputed (${list(p.ids, ', ')}); uphold or withdraw ${p.n === 1 ? 'it' : 'them'} on the Record tab (D13).`,
    zh: (p: Ids) => `${p.month} 未关账:${p.n} 条记录仍在申诉中(${list(p.ids, '、')});请在“记录”页裁定(维持或撤销)(D13)。`,
  },
  recordFaults: {
    en: (p: { month: string; n: number; rows: readonly string[] }) =>
      `${p.month} not closed: ${p.n} record${p.n === 1 ? ' breaks' : 's break'} a rule; fix or withdraw row ${list(p.rows, ', ')} of the records sheet (D12).`,
    zh: (p: { month: string; n: number; rows: readonly string[] }) =>
      `${p.month} 未关账:${p.n} 条记录不符合规则;请更正或撤销考核记录表第 ${list(p.rows, '、')} 行 (D12)。`,
  },
  mismatches: {
    en: (p: { month: string; n: number; cells: readonly string[] }) =>
      `${p.month} not closed: ${p.n} stored result${p.n === 1 ? ' differs' : 's differ'} from the rules' result; recalculate (Ctrl+Alt+F9) or restore the formulas: ${list(p.cells, ', ')} (D13).`,
    zh: (p: { month: string; n: number; cells: readonly string[] }) =>
      `${p.month} 未关账:${p.n} 个结果与按规则重算的不同;请重新计算(Ctrl+Alt+F9)或恢复公式:${list(p.cells, '、')} (D13)。`,
  },
  alreadyClosed: {
    en: (p: { month: string; sheet: string; on: string }) =>
      `${p.month} is closed already (${p.sheet}, ${p.on || 'earlier'}); start the next month, or reopen it (Reopen, with a reason).`,
    zh: (p: { month: string; sheet: string; on: string }) =>
      `${p.month} 已关账(${p.sheet},${p.on || '此前'});请开始下个月,或填写原因后重开。`,
  },
  notClosed: {
    en: (p: { month: string }) => `${p.month} is not closed yet; close it first (Close month).`,
    zh: (p: { month: string }) => `${p.month} 尚未关账;请先关账。`,
  },
  reasonMissing: {
    en: (p: { month: string }) => `Give the reason for reopening ${p.month}: it is kept in the ledger's Months sheet (D13).`,
    zh: (p: { month: string }) => `请填写重开 ${p.month} 的原因:原因会记录在台账的“月份”表中 (D13)。`,
  },
  otherRoster: {
    en: (p: { id: string; was: string; is: string }) =>
      p.id
        ? `The roster is not the ledger's: ${p.id} is ${p.was} in the ledger, ${p.is} here; fix the roster sheet, then close again.`
        : `The roster is not the ledger's: no employee id of its last month is here; close this month into its own workbook's ledger.`,
    zh: (p: { id: string; was: string; is: string }) =>
      p.id
        ? `花名册与台账不符:${p.id} 在台账中是 ${p.was},此处是 ${p.is};请更正花名册后再关账。`
        : `花名册与台账不符:台账最近一个月的员工编号此处一个也没有;请关账到本部门的台账。`,
  },
  notMonthWorkbook: {
    en: () => `This workbook has no month's rules and forms; insert the whole workbook first (Insert tab).`,
    zh: () => `此工作簿没有本月的规则和表单;请先插入整套工作簿(“插入”页)。`,
    act: 'insertFirst',
  },
  yearChanged: {
    en: (p: { sheets: readonly string[] }) =>
      `The ledger sheets changed since they were read (${p.sheets.join(', ')}); nothing was written. Click again.`,
    zh: (p: { sheets: readonly string[] }) => `台账工作表在读取后有变动(${p.sheets.join('、')});未写入任何内容。请再点一次。`,
  },
  ledgerEdited: {
    en: (p: { sheet: string; cell: string }) =>
      `${p.sheet}!${p.cell} is not a value the pane wrote; the ledger's rows are closed results: undo the edit (D13).`,
    zh: (p: { sheet: string; cell: string }) => `${p.sheet}!${p.cell} 不是程序写入的值;台账的行是已关账结果:请撤销改动 (D13)。`,
  },
});
