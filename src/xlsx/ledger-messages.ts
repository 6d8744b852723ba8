/**
 * What `kpi-forms close`, `ledger` and `notice` say (the .xlsx layer's ledger file and the CLI's commands) (forms.md D13–D15), in both languages (core/problem.ts):
 * why a month cannot be closed (naming the file and the rule), a ledger that is not one or cannot be written,
 * what `--verify` found changed. Samples of each: test/helpers/message-samples.ts (LEDGER_EXAMPLES).
 */
import { messages } from '../core/problem';

type F = { file: string };
type FM = { file: string; month: string };
const list = (ids: readonly string[], sep: string) => (ids.length > 5 ? [...ids.slice(0, 5), '…'] : ids).join(sep);

export const LEDGER = messages('ledger', {
  notLedger: {
    en: (p: F) =>
      `${p.file}: not a ledger workbook (no defined name KPI_LEDGER); give the ledger kpi-forms close made, or a new file name to start one`,
    zh: (p: F) => `${p.file}:不是台账工作簿(没有定义名称 KPI_LEDGER);请给出由 kpi-forms close 生成的台账,或给一个新文件名以新建台账`,
  },
  ledgerIsMonth: {
    en: (p: F) => `${p.file}: this is a month's workbook, not a ledger; give the ledger file (--ledger) or a new file name`,
    zh: (p: F) => `${p.file}:这是月度考核工作簿,不是台账;请给出台账文件(--ledger)或一个新文件名`,
  },
  monthIsLedger: {
    en: (p: F) => `${p.file}: this is a ledger, not a month's workbook; close the month's workbook into it`,
    zh: (p: F) => `${p.file}:这是台账,不是月度考核工作簿;请把月度工作簿关账到台账中`,
  },
  ledgerLocked: {
    en: (p: { file: string; lock: string }) =>
      `${p.file}: the ledger is open in Excel or WPS (lock file ${p.lock}); close it there first, then run the command again. Nothing was changed.`,
    zh: (p: { file: string; lock: string }) =>
      `${p.file}:台账正在 Excel 或 WPS 中打开(锁定文件 ${p.lock});请先在那里关闭它,再重新运行命令。未做任何更改。`,
  },
  ledgerReadOnly: {
    en: (p: F) => `${p.file}: the ledger is read-only; make it writable (or copy it), then run the command again. Nothing was changed.`,
    zh: (p: F) => `${p.file}:台账是只读的;请改为可写(或复制一份)后再运行命令。未做任何更改。`,
  },
  ledgerBadCell: {
    en: (p: { file: string; sheet: string; cell: string; found: string; expected: string }) =>
      `${p.file} ${p.sheet}!${p.cell}: ${p.found} is not ${p.expected}; the ledger's rows are values kpi-forms wrote, and were edited`,
    zh: (p: { file: string; sheet: string; cell: string; found: string; expected: string }) =>
      `${p.file} ${p.sheet}!${p.cell}:${p.found} 不是${p.expected};台账的行是程序写入的值,已被改动`,
  },
  incomplete: {
    en: (p: FM & { n: number; ids: readonly string[] }) =>
      `${p.file}: ${p.month} cannot be closed: ${p.n} result${p.n === 1 ? ' is' : 's are'} incomplete or an error (${list(p.ids, ', ')}); complete the inputs, recalculate and save, then close again (D11, D13)`,
    zh: (p: FM & { n: number; ids: readonly string[] }) =>
      `${p.file}:${p.month} 无法关账:${p.n} 人的结果未完成或有错误(${list(p.ids, '、')});请补全录入、重新计算并保存后再关账 (D11, D13)`,
  },
  disputed: {
    en: (p: FM & { n: number; ids: readonly string[] }) =>
      `${p.file}: ${p.month} cannot be closed: ${p.n} record${p.n === 1 ? ' is' : 's are'} still disputed (${list(p.ids, ', ')}); decide ${p.n === 1 ? 'it' : 'them'} (upheld or withdrawn) on the records sheet, then close again (D12, D13)`,
    zh: (p: FM & { n: number; ids: readonly string[] }) =>
      `${p.file}:${p.month} 无法关账:${p.n} 条记录仍在申诉中(${list(p.ids, '、')});请在考核记录表中裁定(维持或撤销)后再关账 (D12, D13)`,
  },
  recordFaults: {
    en: (p: FM & { n: number }) =>
      `${p.file}: ${p.month} cannot be closed: ${p.n} record${p.n === 1 ? ' breaks' : 's break'} a rule; run kpi-forms score to list them, fix or withdraw them, then close again (D12, D13)`,
    zh: (p: FM & { n: number }) =>
      `${p.file}:${p.month} 无法关账:${p.n} 条记录不符合规则;请运行 kpi-forms score 查看,更正或撤销后再关账 (D12, D13)`,
  },
  mismatches: {
    en: (p: FM & { n: number }) =>
      `${p.file}: ${p.month} cannot be closed: ${p.n} stored result${p.n === 1 ? ' differs' : 's differ'} from the rules' recomputation; run kpi-forms score to list them, recalculate and save, then close again (D13)`,
    zh: (p: FM & { n: number }) =>
      `${p.file}:${p.month} 无法关账:${p.n} 个已存结果与按规则重新计算的结果不同;请运行 kpi-forms score 查看,重新计算并保存后再关账 (D13)`,
  },
  alreadyClosed: {
    en: (p: FM & { ledger: string; on: string }) =>
      `${p.file}: ${p.month} is already closed in the ledger ${p.ledger} (on ${p.on}); to replace it, close again with --reopen --reason "…" (D13)`,
    zh: (p: FM & { ledger: string; on: string }) =>
      `${p.file}:${p.month} 已在台账 ${p.ledger} 中关账(${p.on});如需替换,请加 --reopen --reason "…" 重新关账 (D13)`,
  },
  notClosed: {
    en: (p: { ledger: string; month: string; months: readonly string[] }) =>
      `${p.ledger}: ${p.month} is not a closed month of this ledger (closed: ${p.months.length ? p.months.join(', ') : 'none'})`,
    zh: (p: { ledger: string; month: string; months: readonly string[] }) =>
      `${p.ledger}:${p.month} 不是此台账中已关账的月份(已关账:${p.months.length ? p.months.join('、') : '无'})`,
  },
  reasonMissing: {
    en: () => `--reopen needs --reason "…": why the closed month is reopened is kept in the ledger (D13)`,
    zh: () => `--reopen 需要 --reason "…":重开已关账月份的原因会记录在台账中 (D13)`,
  },
  reasonWithoutReopen: {
    en: () => `--reason is only for --reopen (a closed month reopened, D13)`,
    zh: () => `--reason 只能与 --reopen 一起使用(重开已关账的月份,D13)`,
  },
  otherRoster: {
    en: (p: { file: string; ledger: string; id: string; was: string; is: string }) =>
      p.id === ''
        ? `${p.file}: a month of another roster: none of its agents is in the ledger ${p.ledger}'s latest month; use that department's ledger`
        : `${p.file}: employee ${p.id} is "${p.is}" here but "${p.was}" in the ledger ${p.ledger}: a month of another roster; use that roster's ledger, or correct the roster`,
    zh: (p: { file: string; ledger: string; id: string; was: string; is: string }) =>
      p.id === ''
        ? `${p.file}:这是另一份花名册的月份:其专员都不在台账 ${p.ledger} 最近一个月中;请使用该部门的台账`
        : `${p.file}:工号 ${p.id} 在此为“${p.is}”,在台账 ${p.ledger} 中为“${p.was}”:这是另一份花名册的月份;请使用该花名册的台账,或更正花名册`,
  },
  badDay: {
    en: (p: { option: string; value: string }) => `${p.option} ${p.value}: not a day YYYY-MM-DD`,
    zh: (p: { option: string; value: string }) => `${p.option} ${p.value}:不是 YYYY-MM-DD 格式的日期`,
  },
  closed: {
    en: (p: FM & { ledger: string; agents: number; plans: number; notice: string; due: string }) =>
      `${p.ledger}: ${p.month} closed from ${p.file}: ${p.agents} agents; notice ${p.notice}; ${p.plans} improvement plan${p.plans === 1 ? '' : 's'} due ${p.due}`,
    zh: (p: FM & { ledger: string; agents: number; plans: number; notice: string; due: string }) =>
      `${p.ledger}:已从 ${p.file} 关账 ${p.month}:${p.agents} 名专员;通报日期 ${p.notice};${p.plans} 份整改方案应于 ${p.due} 前提交`,
  },
  reopened: {
    en: (p: { ledger: string; month: string; reason: string }) =>
      `${p.ledger}: ${p.month} reopened and replaced (reason kept: ${p.reason})`,
    zh: (p: { ledger: string; month: string; reason: string }) => `${p.ledger}:${p.month} 已重开并替换(原因已记录:${p.reason})`,
  },
  created: {
    en: (p: { ledger: string }) => `${p.ledger}: a new ledger`,
    zh: (p: { ledger: string }) => `${p.ledger}:新建台账`,
  },
  quarterDiffers: {
    en: (p: FM & { id: string; sheet: string; ledger: string }) =>
      `${p.file}: note: ${p.id}'s quarter is "${p.ledger}" by the ledger's months (D10); the month's quarter sheet said "${p.sheet}"`,
    zh: (p: FM & { id: string; sheet: string; ledger: string }) =>
      `${p.file}:注意:按台账各月,${p.id} 的季度结果为“${p.ledger}”(D10);月度工作簿的季度表为“${p.sheet}”`,
  },
  verifySame: {
    en: (p: FM & { ledger: string }) => `${p.file}: the inputs and results of ${p.month} are the ones closed in ${p.ledger}`,
    zh: (p: FM & { ledger: string }) => `${p.file}:${p.month} 的录入和结果与 ${p.ledger} 中关账时相同`,
  },
  verifyChange: {
    en: (p: FM & { id: string; what: string; was: string; now: string }) =>
      p.what === 'agent'
        ? `${p.file} ${p.month}: ${p.id} ${p.was === '' ? `added (${p.now})` : `removed (${p.was})`}`
        : p.what === 'inputs'
          ? `${p.file} ${p.month}: the rules, roster or records changed (fingerprint ${p.was} → ${p.now})`
          : `${p.file} ${p.month}: ${p.id} ${p.what}: ${p.was || '(blank)'} → ${p.now || '(blank)'}`,
    zh: (p: FM & { id: string; what: string; was: string; now: string }) =>
      p.what === 'agent'
        ? `${p.file} ${p.month}:${p.id} ${p.was === '' ? `新增(${p.now})` : `已删除(${p.was})`}`
        : p.what === 'inputs'
          ? `${p.file} ${p.month}:规则、花名册或记录的日期、证据、状态已改动(指纹 ${p.was} → ${p.now})`
          : `${p.file} ${p.month}:${p.id} ${p.what}:${p.was || '(空)'} → ${p.now || '(空)'}`,
  },
  verifyChanges: {
    en: (p: FM & { ledger: string; n: number }) =>
      `${p.file}: ${p.n} change${p.n === 1 ? '' : 's'} since ${p.month} was closed in ${p.ledger}`,
    zh: (p: FM & { ledger: string; n: number }) => `${p.file}:自 ${p.month} 在 ${p.ledger} 中关账以来有 ${p.n} 处改动`,
  },
  wroteNotice: {
    en: (p: { out: string; month: string }) => `wrote ${p.out}: the notice of ${p.month} (one A4 page)`,
    zh: (p: { out: string; month: string }) => `已写入 ${p.out}:${p.month} 月度绩效考核通报(一页 A4)`,
  },
  wrotePdf: {
    en: (p: { out: string }) => `wrote ${p.out}`,
    zh: (p: { out: string }) => `已写入 ${p.out}`,
  },
  noLibreOffice: {
    en: (p: { out: string }) => `${p.out}: --pdf needs LibreOffice (soffice on the PATH); the .xlsx was written, print it from Excel`,
    zh: (p: { out: string }) => `${p.out}:--pdf 需要 LibreOffice(PATH 中的 soffice);已写入 .xlsx,请在 Excel 中打印`,
  },
  pdfFailed: {
    en: (p: { out: string; detail: string }) => `${p.out}: LibreOffice could not make the PDF (${p.detail}); the .xlsx was written`,
    zh: (p: { out: string; detail: string }) => `${p.out}:LibreOffice 未能生成 PDF(${p.detail});已写入 .xlsx`,
  },
  /** `new --ledger` given a month's workbook (`month`) or any other file: what it is, and what to give */
  newNotLedger: {
    en: (p: F & { month?: boolean }) =>
      `--ledger ${p.file}: ${p.month ? "this is a month's workbook, not a ledger" : 'not a kpi-forms ledger'}; give the ledger kpi-forms close wrote, or the earlier months' workbooks with --previous. Nothing was written.`,
    zh: (p: F & { month?: boolean }) =>
      `--ledger ${p.file}:${p.month ? '这是月度考核工作簿,不是台账' : '不是 kpi-forms 台账'};请给出 kpi-forms close 生成的台账,或用 --previous 给出前几个月的工作簿。未写入任何文件。`,
  },
  /** `ledger` or `notice` given a month's workbook (`month`) or any other file: neither has --ledger, nor starts a ledger */
  argNotLedger: {
    en: (p: F & { command: 'ledger' | 'notice'; month?: boolean }) =>
      `${p.file}: ${p.month ? "this is a month's workbook, not a ledger" : 'not a kpi-forms ledger'}; ` +
      (p.command === 'notice'
        ? `a notice is made from the ledger: give the ledger the month was closed into (kpi-forms close MONTH.xlsx --ledger LEDGER.xlsx)`
        : p.month
          ? `give the ledger kpi-forms close wrote; to check this month against it: kpi-forms ledger LEDGER.xlsx --verify ${p.file}`
          : `give the ledger kpi-forms close wrote`),
    zh: (p: F & { command: 'ledger' | 'notice'; month?: boolean }) =>
      `${p.file}:${p.month ? '这是月度考核工作簿,不是台账' : '不是 kpi-forms 台账'};` +
      (p.command === 'notice'
        ? `通报由台账生成:请给出该月关账所入的台账(kpi-forms close MONTH.xlsx --ledger LEDGER.xlsx)`
        : p.month
          ? `请给出 kpi-forms close 生成的台账;如要核对本月与台账:kpi-forms ledger LEDGER.xlsx --verify ${p.file}`
          : `请给出 kpi-forms close 生成的台账`),
  },
  newMonthsMissing: {
    en: (p: { file: string; month: string; missing: readonly string[]; months: readonly string[] }) =>
      `--ledger ${p.file}: ${p.month}'s quarter needs ${p.missing.join(', ')} closed in the ledger (closed: ${p.months.length ? p.months.join(', ') : 'none'}); close ${p.missing.length === 1 ? 'it' : 'them'} first, or use --previous (D10). Nothing was written.`,
    zh: (p: { file: string; month: string; missing: readonly string[]; months: readonly string[] }) =>
      `--ledger ${p.file}:${p.month} 的季度需要台账中已关账的 ${p.missing.join('、')}(已关账:${p.months.length ? p.months.join('、') : '无'});请先关账,或改用 --previous (D10)。未写入任何文件。`,
  },
  newOtherRoster: {
    en: (p: { file: string; roster: string; id: string; was: string; is: string }) =>
      p.id === ''
        ? `--ledger ${p.file}: another roster's ledger (none of ${p.roster}'s ids in the quarter); give this department's ledger. Nothing was written.`
        : `--ledger ${p.file}: ${p.id} is "${p.was}" in the ledger, "${p.is}" in ${p.roster}; give this roster's ledger, or correct the roster. Nothing was written.`,
    zh: (p: { file: string; roster: string; id: string; was: string; is: string }) =>
      p.id === ''
        ? `--ledger ${p.file}:这是另一份花名册的台账(${p.roster} 的工号都不在本季度中);请给出本部门的台账。未写入任何文件。`
        : `--ledger ${p.file}:工号 ${p.id} 在台账中为“${p.was}”,在 ${p.roster} 中为“${p.is}”;请给出本花名册的台账,或更正花名册。未写入任何文件。`,
  },
  newLedgerAndPrevious: {
    en: () => `--ledger and --previous both give the quarter's earlier months; give one of them (D10)`,
    zh: () => `--ledger 与 --previous 都给出本季度较早月份的结果;请只给其中一个 (D10)`,
  },
  newTaken: {
    en: (p: { file: string; months: readonly string[]; agents: number }) =>
      p.months.length
        ? `${p.file}: ${p.months.join(', ')} taken from the ledger into the quarter sheet (${p.agents} agents)`
        : `${p.file}: the month opens its quarter; nothing taken from the ledger`,
    zh: (p: { file: string; months: readonly string[]; agents: number }) =>
      p.months.length
        ? `${p.file}:已从台账将 ${p.months.join('、')} 计入季度表(${p.agents} 名专员)`
        : `${p.file}:本月是季度的第一个月;未从台账取任何结果`,
  },
  badYear: {
    en: (p: { value: string }) => `--year ${p.value}: not a year (e.g. 2024)`,
    zh: (p: { value: string }) => `--year ${p.value}:不是年份(例如 2024)`,
  },
});
