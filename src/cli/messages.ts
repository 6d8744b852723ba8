/**
 * What the command line itself tells a user, in both languages (core/problem.ts): its options used
 * wrongly, a call-log import that went astray, a fault while scoring. The problems of the files it reads
 * and writes are the input and .xlsx layers' own (io/messages.ts, xlsx/messages.ts). commander's usual errors
 * (an unknown option, a missing argument: COMMANDER) are worded here too; `--help` stays English.
 */
import { Lang, messages } from '../core/problem';
import type { RecordFault } from '../core/records';

/** Why a record is not counted (core/records.ts RecordFault), in both languages. */
export const RECORD_FAULT: Record<RecordFault, { en: string; zh: string }> = {
  unknownId: { en: 'the id is not in the roster', zh: '工号不在花名册中' },
  otherKind: { en: "the code is not an item of the agent's kind", zh: '代码不是该员工岗位的项目' },
  date: { en: 'the date is not a day of the month', zh: '日期不在本月' },
  count: { en: "the count breaks the item's rule (D4)", zh: '次数不符合该项目的规则(D4)' },
  status: { en: 'the status is not disputed, upheld or withdrawn', zh: '状态不是申诉中、维持或撤销' },
};
type RecordProblemParams = { file: string; sheet: string; cell: string; row: number; id: string; code: string; fault: RecordFault };

/** Why a stored result is not the rules' result. */
export type MismatchWhy = 'deleted' | 'constant' | 'differs';
const MISMATCH_WHY: Record<MismatchWhy, Record<Lang, string>> = {
  deleted: { en: 'formula deleted', zh: '公式已被删除' },
  constant: { en: 'formula replaced by a constant', zh: '公式已被常量替换' },
  differs: { en: "stored value differs from the rules' result", zh: '存的值与规则的计算结果不同' },
};
/**
 * A result a mismatch names, by its layout key (templates/model.ts AgentLayout.outputs), in words of the
 * language: `total` / 总分, `n:A01` (a form's count of a summed code) / A01 次数, an item's score by its code.
 */
const RESULT_WORDS: Record<string, Record<Lang, string>> = {
  A: { en: 'form A', zh: '表A 得分' },
  B: { en: 'form B', zh: '表B 得分' },
  total: { en: 'total', zh: '总分' },
  summaryTotal: { en: 'total', zh: '总分' },
  rank: { en: 'rank', zh: '名次' },
  bottomRank: { en: 'rank from the bottom', zh: '倒数名次' },
  bottom: { en: 'last two', zh: '后两名' },
  redLines: { en: 'red lines', zh: '红线次数' },
  pay: { en: 'pay', zh: '绩效工资' },
  award: { en: 'quarter award', zh: '季度奖金' },
  quarterAward: { en: 'quarter award', zh: '季度奖金' },
  quarter: { en: 'quarter result', zh: '季度结果' },
  flags: { en: 'flags', zh: '标记' },
};
/** A result of a layout key in words of the language (RESULT_WORDS). */
export function resultName(lang: Lang, key: string): string {
  if (RESULT_WORDS[key]) return RESULT_WORDS[key][lang];
  if (key.startsWith('n:')) return lang === 'en' ? `${key.slice(2)} count` : `${key.slice(2)} 次数`;
  // an item's score (S01…S06, SP1, SN1)
  return lang === 'en' ? key : `${key} 得分`;
}

/**
 * A stored or expected value as a mismatch shows it: JSON (`78.5`, `"x"`); in Chinese, the words the workbook
 * shows for the values the engines compare (true/false as 是/否, incomplete as 未完成, award/transfer as 季度奖/调岗).
 */
const ZH_VALUES: Record<string, string> = { true: '是', false: '否', incomplete: '未完成', award: '季度奖', transfer: '调岗' };
export function shownValue(v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === '') return lang === 'en' ? (v === '' ? '""' : '(empty)') : '(空)';
  if (lang === 'zh' && ZH_VALUES[String(v)] !== undefined && typeof v !== 'number') return ZH_VALUES[String(v)];
  return JSON.stringify(v);
}

type MismatchParams = {
  file: string;
  sheet: string;
  cell: string;
  stored: string;
  expected: string;
  id: string;
  key: string;
  why: MismatchWhy;
};

export const CLI = messages('cli', {
  outNotXlsx: {
    en: (p: { out: string }) => `--out ${p.out}: the workbook file name must end with .xlsx`,
    zh: (p: { out: string }) => `--out ${p.out}:工作簿的文件名必须以 .xlsx 结尾`,
  },
  previousOutside: {
    en: (p: { file: string; month: string; window: readonly string[] }) =>
      `--previous ${p.file}: its month ${p.month} is not one of the earlier months of the quarter ${p.window.join(', ')} (D10)`,
    zh: (p: { file: string; month: string; window: readonly string[] }) =>
      `--previous ${p.file}:其月份 ${p.month} 不是本季度 ${p.window.join('、')} 中较早的月份 (D10)`,
    short: {
      en: (p: { file: string; month: string }) => `--previous ${p.file}: ${p.month} is not an earlier month of this quarter (D10)`,
      zh: (p: { file: string; month: string }) => `--previous ${p.file}:${p.month} 不是本季度中较早的月份 (D10)`,
    },
  },
  previousTwice: {
    en: (p: { file: string; month: string; first: string }) => `--previous ${p.file}: month ${p.month} was already given by ${p.first}`,
    zh: (p: { file: string; month: string; first: string }) => `--previous ${p.file}:月份 ${p.month} 已由 ${p.first} 给出`,
  },
  importedUnknown: {
    en: (p: { file: string; id: string }) => `${p.file}: the import produced values for "${p.id}", who is not in the roster`,
    zh: (p: { file: string; id: string }) => `${p.file}:导入结果中有 "${p.id}" 的数值,但此人不在花名册中`,
  },
  /** `score --encoding` is for the CSV a spreadsheet opens; JSON is UTF-8 by its standard, the table is for the terminal */
  encodingNotCsv: {
    en: (p: { encoding: string; format: string }) => `--encoding ${p.encoding}: only for --format csv (not ${p.format})`,
    zh: (p: { encoding: string; format: string }) => `--encoding ${p.encoding}:只能与 --format csv 一起使用(不能用于 ${p.format})`,
  },
  /** a log agent the import's report did not name (the report names every one; kept for an import that does not) */
  logAgentUnknown: {
    en: (p: { file: string; name: string; rows: number; month: string; roster: string }) =>
      `${p.file}: log agent "${p.name}" (${p.rows} row${p.rows === 1 ? '' : 's'} in ${p.month}) is not in the roster ${p.roster}; those calls were not imported`,
    zh: (p: { file: string; name: string; rows: number; month: string; roster: string }) =>
      `${p.file}:日志中的专员 "${p.name}"(${p.month} 共 ${p.rows} 行)不在花名册 ${p.roster} 中;这些来电未导入`,
  },
  /** a line of the call-log import's report (io/messages.ts REPORT), named by the log file */
  logReport: {
    en: (p: { file: string; line: string }) => `${p.file}: ${p.line}`,
    zh: (p: { file: string; line: string }) => `${p.file}:${p.line}`,
  },
  wrote: {
    en: (p: { out: string; month: string; agents: number; pre: number; after: number; values: number; records: number }) =>
      `wrote ${p.out}: ${p.month}, ${p.agents} agent${p.agents === 1 ? '' : 's'} (${p.pre} pre-sales, ${p.after} after-sales), ` +
      `${p.values} input value${p.values === 1 ? '' : 's'}, ${p.records} record${p.records === 1 ? '' : 's'}`,
    zh: (p: { out: string; month: string; agents: number; pre: number; after: number; values: number; records: number }) =>
      `已写入 ${p.out}:${p.month},${p.agents} 名专员(售前 ${p.pre},售后 ${p.after}),${p.values} 个录入值,${p.records} 条考核记录`,
  },
  previousTaken: {
    en: (p: { file: string; month: string; agents: number }) =>
      `${p.file}: ${p.month} results taken into the quarter sheet (${p.agents} agents)`,
    zh: (p: { file: string; month: string; agents: number }) => `${p.file}:${p.month} 的结果已计入季度表(${p.agents} 名专员)`,
  },
  noCachedResults: {
    en: (p: { file: string }) =>
      `${p.file}: note: the file holds no calculated results (never opened and saved in a spreadsheet); stored values were not compared`,
    zh: (p: { file: string }) => `${p.file}:注意:文件中没有计算结果(从未在电子表格程序中打开并保存过),未比对已存的值`,
  },
  /** a result of an agent that is an error value (an S01 average of 0, D5): the function's own message */
  agentError: {
    en: (p: { file: string; id: string; error: string }) => `${p.file}: ${p.id}: ${p.error}`,
    zh: (p: { file: string; id: string; error: string }) => `${p.file}:${p.id}:${p.error}`,
  },
  /** a result cell whose stored value is not the rules' (xlsx/reader.ts Mismatch) */
  mismatch: {
    en: (p: MismatchParams) =>
      `${p.file} ${p.sheet}!${p.cell}: stored ${p.stored}, expected ${p.expected} (${p.id} ${resultName('en', p.key)}: ${MISMATCH_WHY[p.why].en})`,
    zh: (p: MismatchParams) =>
      `${p.file} ${p.sheet}!${p.cell}:存的是 ${p.stored},应为 ${p.expected}(${p.id} 的${/^[A-Za-z0-9]/.test(resultName('zh', p.key)) ? ' ' : ''}${resultName('zh', p.key)}:${MISMATCH_WHY[p.why].zh})`,
  },
  mismatches: {
    en: (p: { file: string; n: number }) => `${p.file}: ${p.n} result cell${p.n === 1 ? ' differs' : 's differ'} from the rules`,
    zh: (p: { file: string; n: number }) => `${p.file}:${p.n} 个结果单元格与规则的计算结果不同`,
  },
  /** a row of the records sheet that breaks a rule (D12): flagged on the sheet, not counted */
  recordProblem: {
    en: (p: RecordProblemParams) =>
      `${p.file} ${p.sheet}!${p.cell}: record of row ${p.row} (${p.id || 'no id'} ${p.code || 'no code'}) not counted: ${RECORD_FAULT[p.fault].en}`,
    zh: (p: RecordProblemParams) =>
      `${p.file} ${p.sheet}!${p.cell}:第 ${p.row} 行记录(${p.id || '无工号'} ${p.code || '无代码'})未计入:${RECORD_FAULT[p.fault].zh}`,
  },
  recordProblems: {
    en: (p: { file: string; n: number }) =>
      `${p.file}: ${p.n} record${p.n === 1 ? ' breaks' : 's break'} a rule and ${p.n === 1 ? 'is' : 'are'} not counted (fix or withdraw ${p.n === 1 ? 'it' : 'them'} on the records sheet)`,
    zh: (p: { file: string; n: number }) => `${p.file}:${p.n} 条记录不符合规则,未计入(请在考核记录表中更正或撤销)`,
  },
  /** `records --id`: an id that is not in the roster */
  recordsUnknownId: {
    en: (p: { file: string; id: string }) => `${p.file}: "${p.id}" is not an employee id of the workbook's roster`,
    zh: (p: { file: string; id: string }) => `${p.file}:"${p.id}" 不是该工作簿花名册中的工号`,
  },
  /** anything but a problem of the file while scoring it: a fault of kpi-forms, said without its text */
  scoreFault: {
    en: (p: { file: string }) =>
      `${p.file}: kpi-forms failed while scoring this workbook (a fault of kpi-forms, not of the file?); please report it with the file, or run with KPI_FORMS_DEBUG=1 for the details`,
    zh: (p: { file: string }) =>
      `${p.file}:kpi-forms 在为此工作簿评分时出错(是 kpi-forms 的问题,而不是文件的问题?);请连同文件一起报告,或设置 KPI_FORMS_DEBUG=1 运行以查看详情`,
  },
});

/**
 * The score table's words (its head, the roles, the flags, `incomplete`) in a language; Chinese as the workbook and the
 * ledger show them (templates/sheets/ledger.ts flagWords, model.ts INCOMPLETE_WORDS). JSON and CSV keep the English keys.
 */
const TABLE_WORDS_ZH: Record<string, string> = {
  month: '月份',
  id: '工号',
  name: '姓名',
  role: '岗位',
  total: '总分',
  rank: '名次',
  pay: '绩效工资',
  flags: '标记',
  'pre-sales': '售前',
  'after-sales': '售后',
  incomplete: '未完成',
  error: '错误',
  'red-line': '红线',
  'last-two': '后两名',
  'quarter-award': '季度奖',
  transfer: '调岗',
};
export const tableWord = (lang: Lang, word: string): string => (lang === 'zh' ? (TABLE_WORDS_ZH[word] ?? word) : word);

/**
 * commander's usual errors (its code → a message) in both languages: the English is commander's own text, the
 * parameters are read from it (main.ts commanderWords). `suggestion`: commander's "Did you mean …" flag or command.
 */
const meant = (lang: Lang, s?: string) => (!s ? '' : lang === 'en' ? `\n(Did you mean ${s}?)` : `(您是不是要用 ${s}?)`);
export const COMMANDER = messages('commander', {
  missingMandatoryOptionValue: {
    en: (p: { option: string }) => `error: required option '${p.option}' not specified`,
    zh: (p: { option: string }) => `错误:缺少必需的选项 '${p.option}'`,
  },
  invalidArgument: {
    en: (p: { option: string; value: string; choices: readonly string[] }) =>
      `error: option '${p.option}' argument '${p.value}' is invalid. Allowed choices are ${p.choices.join(', ')}.`,
    zh: (p: { option: string; value: string; choices: readonly string[] }) =>
      `错误:选项 '${p.option}' 的值 '${p.value}' 无效;可选的值为 ${p.choices.join('、')}`,
  },
  unknownOption: {
    en: (p: { option: string; suggestion?: string }) => `error: unknown option '${p.option}'${meant('en', p.suggestion)}`,
    zh: (p: { option: string; suggestion?: string }) => `错误:未知选项 '${p.option}'${meant('zh', p.suggestion)}`,
  },
  missingArgument: {
    en: (p: { argument: string }) => `error: missing required argument '${p.argument}'`,
    zh: (p: { argument: string }) => `错误:缺少必需的参数 '${p.argument}'`,
  },
  optionMissingArgument: {
    en: (p: { option: string }) => `error: option '${p.option}' argument missing`,
    zh: (p: { option: string }) => `错误:选项 '${p.option}' 缺少值`,
  },
  unknownCommand: {
    en: (p: { command: string; suggestion?: string }) => `error: unknown command '${p.command}'${meant('en', p.suggestion)}`,
    zh: (p: { command: string; suggestion?: string }) => `错误:未知命令 '${p.command}'${meant('zh', p.suggestion)}`,
  },
  excessArguments: {
    en: (p: { command: string; expected: number; got: number }) =>
      `error: too many arguments for '${p.command}'. Expected ${p.expected} argument${p.expected === 1 ? '' : 's'} but got ${p.got}.`,
    zh: (p: { command: string; expected: number; got: number }) =>
      `错误:'${p.command}' 的参数过多:应为 ${p.expected} 个,实际为 ${p.got} 个`,
  },
  /** after an error: where the usage is */
  helpHint: {
    en: () => '(run kpi-forms --help for usage)',
    zh: () => '(运行 kpi-forms --help 查看用法)',
  },
});

/** What the CLI was doing, for `internalFault` (a fault of the program): `running "kpi-forms new"`. */
export function doing(lang: Lang, command: string | undefined): string {
  const what = command ? `kpi-forms ${command}` : 'kpi-forms';
  return lang === 'en' ? `running "${what}"` : `运行 "${what}" `;
}
