/**
 * Every problem of an input file, in both languages side by side (core/problem.ts): the roster, the
 * entries and the call log, as CSV or .xlsx, and the values of a filled workbook's input cells
 * (`checkValue`). The English wording is the one the CLI and the tests have always shown; the Chinese
 * uses the forms' terms (工号, 花名册, 考核记录, 次数, 第 N 行). Codes, file names, sheet names, cell
 * addresses, column names and values stay as they are in both.
 *
 * `act: 'fixCsv'` (fix the rows said, paste or upload again) is the task pane's action for a problem of
 * a file; a month has `month` (core/month.ts).
 *
 * Browser-safe: the task pane words these problems too.
 */
import type { Item } from '../core/rules';
import { Lang, messages } from '../core/problem';

// ---------------- places: where a value or a row is ----------------

/** A row of a CSV file, or of a worksheet of an .xlsx file (1-based, as a spreadsheet numbers it). */
export type RowPlace = { file: string; sheet?: string; row: number };
/** A value made by the call-log import, checked with the entries' rules before it reaches a workbook. */
export type ImportedPlace = { file: string; imported: string; id: string };
/**
 * Where a value or a row is, as messages name it: a row (`entries.csv row 7`, `entries.csv 第 7 行`), an
 * imported value, or text that reads the same in every language (a cell: `a.xlsx 表A-业务!E7`).
 */
export type Place = string | RowPlace | ImportedPlace;

/** A place as message parameters (plain values). */
type AtParams = { at?: string; atFile?: string; atSheet?: string; atRow?: number; atCode?: string; atId?: string };

/** The parameters naming a place. */
export function atParams(p: Place): AtParams {
  if (typeof p === 'string') return { at: p };
  if ('imported' in p) return { atFile: p.file, atCode: p.imported, atId: p.id };
  return p.sheet === undefined ? { atFile: p.file, atRow: p.row } : { atFile: p.file, atSheet: p.sheet, atRow: p.row };
}

/** A phrase set in Chinese text: a space before it when it starts with a Latin letter, a digit or a sign (`是 ≥ 0`, `是 PDF`). */
const lead = (s: string): string => (/^[\x21-\x7e≥]/.test(s) ? ` ${s}` : s);

const rowWords = { en: (n: number) => `row ${n}`, zh: (n: number) => `第 ${n} 行` };

/** A place in a language: `entries.csv row 7` / `entries.csv 第 7 行`; a text place as it is. */
function at(lang: Lang, p: AtParams): string {
  if (p.at !== undefined) return p.at;
  if (p.atCode !== undefined)
    return lang === 'en' ? `${p.atFile} (imported ${p.atCode} of "${p.atId}")` : `${p.atFile}(导入的 "${p.atId}" 的 ${p.atCode})`;
  return `${p.atFile}${p.atSheet === undefined ? '' : ` ${p.atSheet}`} ${rowWords[lang](p.atRow ?? 0)}`;
}

/** A place in a language (see `at`): the English one is what `TextRow.where` read as before places were structured. */
export const placeText = (lang: Lang, p: Place): string => at(lang, atParams(p));

/** Another row of the same file, named without the file: `row 2`, `Staff row 2`; a text place as given. */
type FirstParams = { firstAt?: string; firstSheet?: string; firstRow?: number };

/** The parameters naming an earlier row of `file` (its name left out, as messages say `a duplicate of row 2`). */
export function firstParams(p: Place, file: string): FirstParams {
  if (typeof p === 'string') return { firstAt: p.replace(`${file} `, '') };
  if ('imported' in p) return { firstAt: placeText('en', p) };
  return p.sheet === undefined ? { firstRow: p.row } : { firstSheet: p.sheet, firstRow: p.row };
}

function first(lang: Lang, p: FirstParams): string {
  if (p.firstAt !== undefined) return p.firstAt;
  return `${p.firstSheet === undefined ? '' : `${p.firstSheet} `}${rowWords[lang](p.firstRow ?? 0)}`;
}

// ---------------- values: what each kind of item must be ----------------

/** A value's kind: an item's kind, or a quarter history key's (`Q:<month>:rank|bottomRank|redLines`, D10). */
export type ValueKind = Item['kind'] | 'rank' | 'bottomRank' | 'redLines';

/** What a value of each kind is called, and the rule it must follow, in each language. */
const VALUE_RULES: Record<ValueKind, Record<Lang, { what: string; rule: string }>> = {
  count: { en: { what: 'count', rule: 'a whole number ≥ 0 (D4)' }, zh: { what: '次数', rule: '≥ 0 的整数 (D4)' } },
  escalating: { en: { what: 'count', rule: 'a whole number ≥ 0 (D4)' }, zh: { what: '次数', rule: '≥ 0 的整数 (D4)' } },
  redline: { en: { what: 'red-line count', rule: 'a whole number ≥ 0 (D3, D4)' }, zh: { what: '红线次数', rule: '≥ 0 的整数 (D3, D4)' } },
  tickets: { en: { what: 'ticket count', rule: 'a whole number ≥ 0 (D4, D5)' }, zh: { what: '处理单量', rule: '≥ 0 的整数 (D4, D5)' } },
  halfday: {
    en: { what: 'days', rule: 'a number of days ≥ 0 in half days, e.g. 1.5 (D4)' },
    zh: { what: '天数', rule: '≥ 0 的天数,以半天为单位,例如 1.5 (D4)' },
  },
  points: { en: { what: 'points', rule: 'a number of points from 0 to 100' }, zh: { what: '扣分', rule: '0 到 100 之间的分数' } },
  score: { en: { what: 'test score', rule: 'a number from 0 to 100' }, zh: { what: '笔试成绩', rule: '0 到 100 之间的数' } },
  grade: {
    en: { what: 'grade', rule: 'one of the grade letters A, B, C, D, E' },
    zh: { what: '等级', rule: '等级字母 A、B、C、D、E 之一' },
  },
  ratings: {
    en: { what: 'ratings', rule: 'rating letters A–D, one per called-back ticket, e.g. AABCD (D6)' },
    zh: { what: '满意度评价', rule: '评价字母 A–D,每张回访工单一个,例如 AABCD (D6)' },
  },
  redLines: { en: { what: 'red lines', rule: 'a whole number ≥ 0 (D10)' }, zh: { what: '红线次数', rule: '≥ 0 的整数 (D10)' } },
  rank: { en: { what: 'rank', rule: 'a whole number ≥ 1 (D10)' }, zh: { what: '名次', rule: '≥ 1 的整数 (D10)' } },
  bottomRank: {
    en: { what: 'rank from the bottom', rule: 'a whole number ≥ 1 (D10)' },
    zh: { what: '倒数名次', rule: '≥ 1 的整数 (D10)' },
  },
};

/** Why a value breaks its rule, beyond the rule itself. */
export type ValueHint = 'isNumber' | 'fullWidthLetters' | 'notRating' | 'fullWidthDigits' | 'cellText' | 'notNumber';

const HINTS: Record<ValueHint, Record<Lang, (bad: string) => string>> = {
  isNumber: { en: () => '; it is a number', zh: () => ';它是数字' },
  fullWidthLetters: { en: () => '; full-width letters are not accepted', zh: () => ';不接受全角字母' },
  notRating: { en: (b) => `; "${b}" is not one`, zh: (b) => `;"${b}" 不是评价字母` },
  fullWidthDigits: { en: () => '; full-width digits are not accepted, type them as 0–9', zh: () => ';不接受全角数字,请输入半角 0–9' },
  cellText: { en: () => '; the cell holds text, not a number', zh: () => ';单元格中是文本,不是数字' },
  notNumber: { en: () => '; it is not a number', zh: () => ';它不是数字' },
};

type BadValueParams = AtParams & {
  /** the item code (`A03`), or the month of a quarter history key */
  code: string;
  kind: ValueKind;
  /** the value: text (shown quoted), a number or true/false, a date's YYYY-MM-DD, or anything else as text */
  value: string | number | boolean;
  as: 'text' | 'plain' | 'date';
  hint?: ValueHint;
  /** the letter that is not a rating (hint `notRating`) */
  bad?: string;
};

function badValue(lang: Lang, p: BadValueParams): string {
  const { what, rule } = VALUE_RULES[p.kind][lang];
  const quarter = p.kind === 'rank' || p.kind === 'bottomRank' || p.kind === 'redLines';
  const label = quarter ? (lang === 'en' ? `${what} of ${p.code}` : `${p.code} 的${what}`) : `${p.code} ${what}`;
  const shown =
    p.as === 'text'
      ? JSON.stringify(p.value)
      : p.as === 'date'
        ? lang === 'en'
          ? `a date (${p.value})`
          : `日期 (${p.value})`
        : String(p.value);
  const hint = p.hint ? HINTS[p.hint][lang](p.bad ?? '') : '';
  return lang === 'en'
    ? `${at(lang, p)}: ${label} ${shown} must be ${rule}${hint}`
    : `${at(lang, p)}:${label} ${shown} 必须是${lead(rule)}${hint}`;
}

// ---------------- files ----------------

/** What a refused file is (sniff.ts). */
export type FileIs = 'zip' | 'ole' | 'pdf' | 'utf16' | 'binary';

/** What each kind of file is, as messages say it. */
export const FILE_IS: Record<FileIs, Record<Lang, string>> = {
  zip: { en: 'a zip archive (an .xlsx, .docx or .zip file)', zh: '压缩包(.xlsx、.docx 或 .zip 文件)' },
  ole: {
    en: 'an old binary Excel (.xls), another old Office file (.doc) or a password-protected workbook',
    zh: '旧版二进制 Excel 文件(.xls)、其他旧版 Office 文件(.doc)或设有密码的工作簿',
  },
  pdf: { en: 'a PDF file', zh: 'PDF 文件' },
  utf16: { en: 'UTF-16 text (Excel "Unicode text")', zh: 'UTF-16 文本(Excel 的“Unicode 文本”)' },
  binary: { en: 'binary data', zh: '二进制数据' },
};

const SAVE = {
  csv: { en: 'save it as "CSV UTF-8 (comma delimited)"', zh: '请另存为“CSV UTF-8(逗号分隔)”' },
  either: { en: 'save it as .xlsx or as "CSV UTF-8 (comma delimited)"', zh: '请另存为 .xlsx 或“CSV UTF-8(逗号分隔)”' },
};
const save = (lang: Lang, either: boolean) => SAVE[either ? 'either' : 'csv'][lang];

type RefusedParams = { file: string; is: FileIs; either: boolean };
type FileParams = { file: string };
type DetailParams = { file: string; detail: string };
type ColumnsParams = { file: string; shape: string };
type IdParams = AtParams & { id: string };
type Role = 'pre-sales' | 'after-sales';
const ROLE_ZH: Record<Role, string> = { 'pre-sales': '售前', 'after-sales': '售后' };
const other = (r: Role): Role => (r === 'pre-sales' ? 'after-sales' : 'pre-sales');

/** The call mapping's faults (calls-core.ts `checkMapping`), each as a list of what is wrong. */
type MappingParams = {
  file: string;
  /** the mapping's keys whose column name is empty (agent, date, …) */
  emptyColumns: readonly string[];
  /** a dateFormat that is none of the three, or null */
  dateFormat: string | null;
  answeredYesEmpty: boolean;
  /** a sampleSize that is not a whole number ≥ 1, as text, or null */
  sampleSize: string | null;
  ratingEmpty: boolean;
  /** ratingToLetter entries whose letter is not A–D: the ratings and, in the same order, their letters */
  badRatings: readonly string[];
  badLetters: readonly string[];
};

function mappingFaults(lang: Lang, p: MappingParams): string[] {
  const en = lang === 'en';
  const out = p.emptyColumns.map((k) => (en ? `${k} column is empty` : `${k} 列名为空`));
  if (p.dateFormat !== null)
    out.push(
      en
        ? `dateFormat "${p.dateFormat}" is not dd-mm-yy, excel-serial or yyyy-mm-dd`
        : `dateFormat "${p.dateFormat}" 不是 dd-mm-yy、excel-serial 或 yyyy-mm-dd`,
    );
  if (p.answeredYesEmpty) out.push(en ? 'answeredYes lists no value' : 'answeredYes 中没有任何值');
  if (p.sampleSize !== null)
    out.push(en ? `sampleSize ${p.sampleSize} is not a whole number ≥ 1` : `sampleSize ${p.sampleSize} 不是 ≥ 1 的整数`);
  if (p.ratingEmpty) out.push(en ? 'ratingToLetter is empty' : 'ratingToLetter 为空');
  p.badRatings.forEach((k, i) =>
    out.push(
      en
        ? `ratingToLetter["${k}"] = "${p.badLetters[i]}" is not a letter A–D`
        : `ratingToLetter["${k}"] = "${p.badLetters[i]}" 不是字母 A–D`,
    ),
  );
  return out;
}

const quoted = (list: readonly string[], sep = ', ') => list.map((c) => `"${c}"`).join(sep);

/** The input layer's messages: roster, entries, call log, their files, and input values. */
export const INPUT = messages('input', {
  // ---- files (sniff.ts, inputs.ts, calls.ts)
  refused: {
    en: (p: RefusedParams) =>
      p.is === 'binary'
        ? `${p.file}: is ${p.either ? 'neither a CSV text file nor an .xlsx workbook' : 'not a CSV text file'} (${FILE_IS.binary.en}); ${save('en', p.either)}`
        : `${p.file}: is ${FILE_IS[p.is].en}, not a CSV text file${p.either ? ' or an .xlsx workbook' : ''}; ${save('en', p.either)}`,
    zh: (p: RefusedParams) =>
      p.is === 'binary'
        ? `${p.file}:${p.either ? '既不是 CSV 文本文件,也不是 .xlsx 工作簿' : '不是 CSV 文本文件'}(${FILE_IS.binary.zh});${save('zh', p.either)}`
        : `${p.file}:这是${lead(FILE_IS[p.is].zh)},不是 CSV 文本文件${p.either ? '或 .xlsx 工作簿' : ''};${save('zh', p.either)}`,
    short: {
      en: (p: RefusedParams) => `${p.file}: is not a CSV text file${p.either ? ' or an .xlsx workbook' : ''}`,
      zh: (p: RefusedParams) => `${p.file}:不是 CSV 文本文件${p.either ? '或 .xlsx 工作簿' : ''}`,
    },
    act: 'fixCsv',
  },
  excelNameNotZip: {
    en: (p: { file: string; ext: string }) => `${p.file}: has an ${p.ext} name but is not an .xlsx workbook (not a zip file)`,
    zh: (p: { file: string; ext: string }) => `${p.file}:文件名是 ${p.ext},但不是 .xlsx 工作簿(不是 zip 文件)`,
    act: 'fixCsv',
  },
  unreadableXlsx: {
    en: (p: DetailParams) => `${p.file}: not a readable .xlsx workbook (${p.detail})`,
    zh: (p: DetailParams) => `${p.file}:无法读取的 .xlsx 工作簿(${p.detail})`,
    act: 'fixCsv',
  },
  unreadableZip: {
    en: (p: DetailParams) => `${p.file}: is ${FILE_IS.zip.en} but not a readable .xlsx workbook (${p.detail})`,
    zh: (p: DetailParams) => `${p.file}:这是${FILE_IS.zip.zh},但不是可读取的 .xlsx 工作簿(${p.detail})`,
    short: {
      en: (p: DetailParams) => `${p.file}: is a zip archive but not a readable .xlsx workbook`,
      zh: (p: DetailParams) => `${p.file}:这是压缩包,但不是可读取的 .xlsx 工作簿`,
    },
    act: 'fixCsv',
  },
  noWorksheet: {
    en: (p: FileParams) => `${p.file}: the workbook has no worksheet`,
    zh: (p: FileParams) => `${p.file}:工作簿中没有工作表`,
    act: 'fixCsv',
  },
  noSuchFile: {
    en: (p: FileParams) => `${p.file}: no such file`,
    zh: (p: FileParams) => `${p.file}:文件不存在`,
    act: 'fixCsv',
  },
  isFolder: {
    en: (p: FileParams) => `${p.file}: is a folder, not a file`,
    zh: (p: FileParams) => `${p.file}:这是文件夹,不是文件`,
    act: 'fixCsv',
  },
  cannotRead: {
    en: (p: DetailParams) => `${p.file}: cannot be read (${p.detail})`,
    zh: (p: DetailParams) => `${p.file}:无法读取(${p.detail})`,
    act: 'fixCsv',
  },
  notUtf8OrGb: {
    en: (p: FileParams) => `${p.file}: is neither UTF-8 nor GB18030 text; ${save('en', false)}`,
    zh: (p: FileParams) => `${p.file}:既不是 UTF-8 也不是 GB18030 编码的文本;${save('zh', false)}`,
    act: 'fixCsv',
  },
  badCsv: {
    en: (p: { file: string; line?: number; detail: string }) => `${p.file}${p.line ? ` row ${p.line}` : ''}: not valid CSV (${p.detail})`,
    zh: (p: { file: string; line?: number; detail: string }) => `${p.file}${p.line ? ` 第 ${p.line} 行` : ''}:不是有效的 CSV(${p.detail})`,
    act: 'fixCsv',
  },

  // ---- the roster and the entries (records.ts)
  emptyFile: {
    en: (p: ColumnsParams) => `${p.file}: the file is empty; it needs the header ${p.shape} and one row per record`,
    zh: (p: ColumnsParams) => `${p.file}:文件是空的;需要表头 ${p.shape},每条记录一行`,
    act: 'fixCsv',
  },
  missingColumn: {
    en: (p: AtParams & { shape: string; column: string; found: readonly string[] }) =>
      `${at('en', p)}: the header must have the columns ${p.shape}; "${p.column}" is missing (found: ${p.found.join(',')})`,
    zh: (p: AtParams & { shape: string; column: string; found: readonly string[] }) =>
      `${at('zh', p)}:表头必须包含列 ${p.shape};缺少 "${p.column}"(找到的是:${p.found.join(',')})`,
    act: 'fixCsv',
  },
  emptyId: {
    en: (p: AtParams) => `${at('en', p)}: employee_id is empty; every agent needs a unique id`,
    zh: (p: AtParams) => `${at('zh', p)}:工号为空;每名专员都需要唯一的工号`,
    act: 'fixCsv',
  },
  duplicateId: {
    en: (p: IdParams & FirstParams) => `${at('en', p)}: employee_id "${p.id}" is a duplicate of ${first('en', p)}; ids must be unique`,
    zh: (p: IdParams & FirstParams) => `${at('zh', p)}:工号 "${p.id}" 与${lead(first('zh', p))}重复;工号必须唯一`,
    act: 'fixCsv',
  },
  leaderDiffers: {
    en: (p: AtParams & FirstParams & { group: string; leader: string; firstLeader: string }) =>
      `${at('en', p)}: the leader of group "${p.group}" is "${p.leader}" here but "${p.firstLeader}" on ${first('en', p)}; a group has one leader`,
    zh: (p: AtParams & FirstParams & { group: string; leader: string; firstLeader: string }) =>
      `${at('zh', p)}:组 "${p.group}" 的组长在此为 "${p.leader}",在${lead(first('zh', p))}为 "${p.firstLeader}";一个组只有一名组长`,
    act: 'fixCsv',
  },
  emptyName: {
    en: (p: IdParams) => `${at('en', p)}: the name of "${p.id}" is empty`,
    zh: (p: IdParams) => `${at('zh', p)}:"${p.id}" 的姓名为空`,
    act: 'fixCsv',
  },
  badRole: {
    en: (p: AtParams & { role: string }) => `${at('en', p)}: role "${p.role}" must be pre-sales or after-sales (售前 or 售后)`,
    zh: (p: AtParams & { role: string }) => `${at('zh', p)}:岗位 "${p.role}" 必须是售前或售后(也可写作 pre-sales 或 after-sales)`,
    act: 'fixCsv',
  },
  noAgents: {
    en: (p: ColumnsParams) => `${p.file}: the roster lists no agents; it needs the header ${p.shape} and one row per agent`,
    zh: (p: ColumnsParams) => `${p.file}:花名册中没有专员;需要表头 ${p.shape},每名专员一行`,
    act: 'fixCsv',
  },
  unknownId: {
    en: (p: IdParams) => `${at('en', p)}: employee_id "${p.id}" is not in the roster`,
    zh: (p: IdParams) => `${at('zh', p)}:工号 "${p.id}" 不在花名册中`,
    act: 'fixCsv',
  },
  unknownCode: {
    en: (p: AtParams & { code: string }) =>
      `${at('en', p)}: code "${p.code}" is not an item code of forms.md (A01–A11, AR1, AR2, B01–B13, EX, S01–S06, SP1, SN1)`,
    zh: (p: AtParams & { code: string }) =>
      `${at('zh', p)}:代码 "${p.code}" 不是 forms.md 中的项目代码(A01–A11、AR1、AR2、B01–B13、EX、S01–S06、SP1、SN1)`,
    short: {
      en: (p: AtParams & { code: string }) => `${at('en', p)}: code "${p.code}" is not an item code of forms.md`,
      zh: (p: AtParams & { code: string }) => `${at('zh', p)}:代码 "${p.code}" 不是 forms.md 中的项目代码`,
    },
    act: 'fixCsv',
  },
  otherRoleCode: {
    en: (p: IdParams & { code: string; role: Role }) =>
      `${at('en', p)}: code ${p.code} is ${p.role === 'pre-sales' ? 'an after-sales' : 'a pre-sales'} item but "${p.id}" is ${p.role}`,
    zh: (p: IdParams & { code: string; role: Role }) =>
      `${at('zh', p)}:代码 ${p.code} 是${ROLE_ZH[other(p.role)]}项目,但 "${p.id}" 是${ROLE_ZH[p.role]}专员`,
    act: 'fixCsv',
  },
  givenAgain: {
    en: (p: IdParams & FirstParams & { code: string; score: boolean }) =>
      `${at('en', p)}: ${p.code} of "${p.id}" is given again (first at ${first('en', p)}); one ${p.score ? 'test score' : 'grade'} per month`,
    zh: (p: IdParams & FirstParams & { code: string; score: boolean }) =>
      `${at('zh', p)}:"${p.id}" 的 ${p.code} 重复填写(第一次在${lead(first('zh', p))});每月只能有一个${p.score ? '笔试成绩' : '等级'}`,
    act: 'fixCsv',
  },
  pointsOver: {
    en: (p: IdParams & { sum: number }) => `${at('en', p)}: B13 points add up to ${p.sum} for "${p.id}"; the total must be from 0 to 100`,
    zh: (p: IdParams & { sum: number }) => `${at('zh', p)}:"${p.id}" 的 B13 扣分合计为 ${p.sum};合计必须在 0 到 100 之间`,
    act: 'fixCsv',
  },
  recordDate: {
    en: (p: AtParams & { date: string; month: string }) =>
      `${at('en', p)}: date "${p.date}" is not a day of ${p.month} (YYYY-MM-DD; leave it empty for a month-level entry, D12)`,
    zh: (p: AtParams & { date: string; month: string }) =>
      `${at('zh', p)}:日期 "${p.date}" 不是 ${p.month} 的某一天(格式 YYYY-MM-DD;月度记录请留空,D12)`,
    short: {
      en: (p: AtParams & { date: string; month: string }) => `${at('en', p)}: date "${p.date}" is not a day of ${p.month}`,
      zh: (p: AtParams & { date: string; month: string }) => `${at('zh', p)}:日期 "${p.date}" 不是 ${p.month} 的某一天`,
    },
    act: 'fixCsv',
  },
  /** a date with a time of day (`2015-01-05 10:30`): the day is wanted alone */
  recordDateTime: {
    en: (p: AtParams & { date: string; day: string }) =>
      `${at('en', p)}: date "${p.date}" has a time of day; write the date only: ${p.day} (YYYY-MM-DD; YYYY/M/D and YYYY.M.D are read too, D12)`,
    zh: (p: AtParams & { date: string; day: string }) =>
      `${at('zh', p)}:日期 "${p.date}" 带有时刻;请只写日期:${p.day}(格式 YYYY-MM-DD;也可写 YYYY/M/D 或 YYYY.M.D,D12)`,
    act: 'fixCsv',
  },
  recordStatus: {
    en: (p: AtParams & { status: string }) =>
      `${at('en', p)}: status "${p.status}" must be empty, disputed, upheld or withdrawn (申诉中, 维持, 撤销; D12)`,
    zh: (p: AtParams & { status: string }) =>
      `${at('zh', p)}:状态 "${p.status}" 必须为空、申诉中、维持或撤销(disputed、upheld、withdrawn;D12)`,
    act: 'fixCsv',
  },
  notItemCode: {
    en: (p: AtParams & { code: string }) => `${at('en', p)}: "${p.code}" is not an item code of forms.md`,
    zh: (p: AtParams & { code: string }) => `${at('zh', p)}:"${p.code}" 不是 forms.md 中的项目代码`,
    act: 'fixCsv',
  },
  badValue: {
    en: (p: BadValueParams) => badValue('en', p),
    zh: (p: BadValueParams) => badValue('zh', p),
    act: 'fixCsv',
  },

  // ---- the call-centre log (calls.ts, calls-core.ts)
  cannotReadLog: {
    en: (p: DetailParams) => `${p.file}: cannot read the call log (${p.detail})`,
    zh: (p: DetailParams) => `${p.file}:无法读取呼叫中心日志(${p.detail})`,
    act: 'fixCsv',
  },
  emptyLog: {
    en: (p: FileParams) => `${p.file}: the file is empty (no header row)`,
    zh: (p: FileParams) => `${p.file}:文件是空的(没有表头行)`,
    act: 'fixCsv',
  },
  emptyLogSheet: {
    en: (p: FileParams & { sheet: string }) => `${p.file}: the first worksheet "${p.sheet}" is empty (no header row)`,
    zh: (p: FileParams & { sheet: string }) => `${p.file}:第一个工作表 "${p.sheet}" 是空的(没有表头行)`,
    act: 'fixCsv',
  },
  logMonth: {
    en: (p: FileParams & { month: string }) => `${p.file}: month "${p.month}" is not YYYY-MM`,
    zh: (p: FileParams & { month: string }) => `${p.file}:月份 "${p.month}" 不是 YYYY-MM 格式`,
    act: 'month',
  },
  badMapping: {
    en: (p: MappingParams) => `${p.file}: invalid call mapping: ${mappingFaults('en', p).join('; ')}`,
    zh: (p: MappingParams) => `${p.file}:通话列映射无效:${mappingFaults('zh', p).join(';')}`,
    act: 'fixCsv',
  },
  /** `new --calls` given the entries CSV (its header is the entries header): the command line's option for it */
  logIsEntries: {
    en: (p: FileParams) =>
      `${p.file}: this looks like an entries file (employee_id,code,value), not a call-centre log; give it with --entries`,
    zh: (p: FileParams) => `${p.file}:这看起来是录入文件(employee_id,code,value),不是呼叫中心通话日志;请用 --entries 给出`,
    act: 'fixCsv',
  },
  noPreset: {
    en: (p: FileParams & { found: readonly string[]; expected: readonly string[]; time: string; date: string }) =>
      `${p.file}: no call mapping given and the header row matches no preset; found columns ${quoted(p.found)}; ` +
      `expected ${quoted(p.expected)} (${p.time} optional when ${p.date} carries the time)`,
    zh: (p: FileParams & { found: readonly string[]; expected: readonly string[]; time: string; date: string }) =>
      `${p.file}:未指定通话列映射,表头也不符合任何预设;找到的列为 ${quoted(p.found, '、')};` +
      `应有的列为 ${quoted(p.expected, '、')}(${p.date} 含有时间时可以没有 ${p.time})`,
    act: 'fixCsv',
  },
  missingLogColumns: {
    en: (p: FileParams & { columns: readonly string[]; roles: readonly string[]; header: readonly string[] }) =>
      `${p.file}: missing column${p.columns.length > 1 ? 's' : ''} ${p.columns.map((c, i) => `"${c}" (${p.roles[i]})`).join(', ')}; ` +
      `the header row has ${quoted(p.header)}`,
    zh: (p: FileParams & { columns: readonly string[]; roles: readonly string[]; header: readonly string[] }) =>
      `${p.file}:缺少列 ${p.columns.map((c, i) => `"${c}" (${p.roles[i]})`).join('、')};表头行中的列为 ${quoted(p.header, '、')}`,
    act: 'fixCsv',
  },
});

// ---------------- the call-log import's report (calls-core.ts): what was read, imported, skipped ----------------

/** Where the log's table came from: a CSV (its encoding and delimiter) or the first worksheet of an .xlsx. */
type SourceParams = { srcKind: 'csv' | 'xlsx'; encoding?: string; delimiter?: string; sheet?: string };
/** Row numbers, the first few with the value at fault: `12 ("32-01-15")`. */
type RowsParams = { rows: readonly string[] };
/** An agent of the roster as the report names them. */
type WhoParams = { id: string; name: string; role: Role };

const source = (lang: Lang, p: SourceParams): string => {
  if (p.srcKind === 'xlsx') return lang === 'en' ? `xlsx, first worksheet "${p.sheet}"` : `xlsx,第一个工作表“${p.sheet}”`;
  const tab = p.delimiter === '\t' || p.delimiter === 'tab';
  const delim =
    !p.delimiter || p.delimiter === ','
      ? ''
      : lang === 'en'
        ? `, delimiter ${tab ? 'tab' : p.delimiter}`
        : `,分隔符${tab ? '为制表符' : ` ${p.delimiter}`}`;
  return lang === 'en' ? `CSV, ${p.encoding}${delim}` : `CSV,${p.encoding}${delim}`;
};
const rowsText = {
  en: (p: RowsParams) => `${p.rows.length === 1 ? 'row' : 'rows'} ${p.rows.join(', ')}`,
  zh: (p: RowsParams) => `第 ${p.rows.join('、')} 行`,
};
const who = {
  en: (p: WhoParams) => `${p.id} ${p.name} (${p.role})`,
  zh: (p: WhoParams) => `${p.id} ${p.name}(${ROLE_ZH[p.role]})`,
};
const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const PRESETS = {
  given: { en: 'the mapping given', zh: '指定的列映射' },
  cleaned: { en: 'the preset for calls-2015q1.csv', zh: 'calls-2015q1.csv 的预设' },
  raw: { en: 'the preset for the raw log (raw-call-center-dataset.xlsx)', zh: '原始日志(raw-call-center-dataset.xlsx)的预设' },
};

type ReadParams = SourceParams & {
  file: string;
  dataRows: number;
  preset: keyof typeof PRESETS;
  agent: string;
  date: string;
  dateFormat: string;
  time?: string;
  answered: string;
  yes: readonly string[];
  rating: string;
  /** the rating table as `5→A` */
  table: readonly string[];
  sample: number;
};
type UnknownParams = RowsParams & {
  name: string;
  calls: number;
  month: string;
  /** why the name matched no agent: not in the roster; mapped to an id the roster lacks; the name of several */
  why: 'none' | 'aliasMissing' | 'ambiguous';
  id?: string;
  ids?: readonly string[];
};
type CallsParams = WhoParams & { calls: number; answered: number; unanswered: number };
type AfterParams = CallsParams & {
  letters?: string;
  /** ratings taken, of how many rated answered calls, their rows; the sample size and what D6 scales to */
  taken: number;
  rated: number;
  sampleRows: readonly string[];
  sampleSize: number;
  scaledTo: number;
};

/** The call-log import's report lines (Notes, not problems), in both languages. */
export const REPORT = messages('callReport', {
  read: {
    en: (p: ReadParams) =>
      `Read ${p.file} (${source('en', p)}): ${p.dataRows} data rows; mapping: ${PRESETS[p.preset].en} ` +
      `(agent "${p.agent}", date "${p.date}" as ${p.dateFormat}${p.time ? `, time "${p.time}"` : ''}, answered "${p.answered}" = ${p.yes.join('/')}, ` +
      `rating "${p.rating}": ${p.table.join(' ')}, sample ${p.sample}).`,
    zh: (p: ReadParams) =>
      `已读取 ${p.file}(${source('zh', p)}):${p.dataRows} 行数据;列映射:${PRESETS[p.preset].zh}` +
      `(专员列 "${p.agent}",日期列 "${p.date}",格式 ${p.dateFormat}${p.time ? `,时间列 "${p.time}"` : ''},接听列 "${p.answered}" = ${p.yes.join('/')},` +
      `评分列 "${p.rating}":${p.table.join(' ')},每人取 ${p.sample} 个评分)。`,
  },
  month: {
    en: (p: { month: string; calls: number; otherRows: number }) =>
      `${p.month}: ${n(p.calls, 'call')} in the month; ${n(p.otherRows, 'row')} of other months skipped.`,
    zh: (p: { month: string; calls: number; otherRows: number }) => `${p.month}:本月 ${p.calls} 通来电;跳过其他月份的 ${p.otherRows} 行。`,
  },
  noCallInMonth: {
    en: (p: { month: string; from?: string; to?: string }) =>
      `No call of ${p.month} in the log${p.from ? ` (it covers ${p.from} to ${p.to})` : ''}: nothing imported.`,
    zh: (p: { month: string; from?: string; to?: string }) =>
      `日志中没有 ${p.month} 的来电${p.from ? `(日志的日期从 ${p.from} 到 ${p.to})` : ''}:未导入任何内容。`,
  },
  skippedDate: {
    en: (p: RowsParams & { dateFormat: string }) =>
      `${n(p.rows.length, 'row')} skipped, date not readable as ${p.dateFormat}: ${rowsText.en(p)}.`,
    zh: (p: RowsParams & { dateFormat: string }) => `跳过 ${p.rows.length} 行,日期无法按 ${p.dateFormat} 读取:${rowsText.zh(p)}。`,
  },
  skippedAgent: {
    en: (p: RowsParams) => `${n(p.rows.length, 'row')} skipped, agent blank: ${rowsText.en(p)}.`,
    zh: (p: RowsParams) => `跳过 ${p.rows.length} 行,专员为空:${rowsText.zh(p)}。`,
  },
  skippedAnswered: {
    en: (p: RowsParams & { column: string }) => `${n(p.rows.length, 'row')} skipped, "${p.column}" blank: ${rowsText.en(p)}.`,
    zh: (p: RowsParams & { column: string }) => `跳过 ${p.rows.length} 行,"${p.column}" 为空:${rowsText.zh(p)}。`,
  },
  ratingNotInTable: {
    en: (p: RowsParams & { ratings: readonly string[] }) =>
      `${n(p.rows.length, 'answered call')} with a rating not in the rating table (${p.ratings.join(', ')}) counted as answered but not taken for S02: ${rowsText.en(p)}.`,
    zh: (p: RowsParams & { ratings: readonly string[] }) =>
      `${p.rows.length} 通已接来电的评分不在评分对照表(${p.ratings.join('、')})中:计为已接,但不计入 S02:${rowsText.zh(p)}。`,
    short: {
      en: (p: RowsParams & { ratings: readonly string[] }) => `${n(p.rows.length, 'answered call')} with a rating not in the rating table`,
      zh: (p: RowsParams & { ratings: readonly string[] }) => `${p.rows.length} 通已接来电的评分不在评分对照表中`,
    },
  },
  ratingUnanswered: {
    en: (p: RowsParams) => `${n(p.rows.length, 'unanswered call')} with a rating, rating ignored: ${rowsText.en(p)}.`,
    zh: (p: RowsParams) => `${p.rows.length} 通未接来电带有评分,评分已忽略:${rowsText.zh(p)}。`,
  },
  timeUnreadable: {
    en: (p: RowsParams) =>
      `${n(p.rows.length, 'call')} with a blank or unreadable time, ordered after the other calls of their day: ${rowsText.en(p)}.`,
    zh: (p: RowsParams) => `${p.rows.length} 通来电的时间为空或无法读取,排在当天其他来电之后:${rowsText.zh(p)}。`,
    short: {
      en: (p: RowsParams) => `${n(p.rows.length, 'call')} with a blank or unreadable time`,
      zh: (p: RowsParams) => `${p.rows.length} 通来电的时间为空或无法读取`,
    },
  },
  unknownAgent: {
    en: (p: UnknownParams) =>
      `Agent "${p.name}" of the log is not in the roster: ${n(p.calls, 'call')} of ${p.month} not imported (${rowsText.en(p)}); ` +
      (p.why === 'aliasMissing'
        ? `the name is mapped to "${p.id}", which is not an employee id of the roster.`
        : p.why === 'ambiguous'
          ? `"${p.name}" is the name of ${p.ids?.length} agents of the roster (${p.ids?.join(', ')}); give them different names.`
          : 'add the agent to the roster, or correct the name in the log.'),
    zh: (p: UnknownParams) =>
      `日志中的专员“${p.name}”不在花名册中:${p.month} 的 ${p.calls} 通来电未导入(${rowsText.zh(p)});` +
      (p.why === 'aliasMissing'
        ? `此姓名对应的工号 "${p.id}" 不在花名册中。`
        : p.why === 'ambiguous'
          ? `花名册中有 ${p.ids?.length} 名专员叫“${p.name}”(${p.ids?.join('、')}),请让他们的姓名各不相同。`
          : '请把此人加入花名册,或更正日志中的姓名。'),
  },
  agentNoCall: {
    en: (p: WhoParams & { month: string }) =>
      `${who.en(p)}: no call of ${p.month} in the log; nothing imported (enter the inputs by hand).`,
    zh: (p: WhoParams & { month: string }) => `${who.zh(p)}:日志中没有 ${p.month} 的来电,未导入(请手工填写)。`,
  },
  preSalesA01: {
    en: (p: CallsParams & { points: number; per: number }) =>
      `${who.en(p)}: ${n(p.calls, 'call')}, ${p.unanswered} unanswered → A01 = ${p.unanswered} (${p.points} points off form A at ${p.per} per call); ` +
      `${p.answered} answered not imported (S01 and S02 are after-sales items).`,
    zh: (p: CallsParams & { points: number; per: number }) =>
      `${who.zh(p)}:${p.calls} 通来电,未接 ${p.unanswered} 通 → A01 = ${p.unanswered}(表A 扣 ${p.points} 分,每通 ${p.per} 分);` +
      `已接 ${p.answered} 通未导入(S01、S02 是售后项目)。`,
  },
  preSalesNoA01: {
    en: (p: CallsParams) =>
      `${who.en(p)}: ${n(p.calls, 'call')}, ${p.unanswered} unanswered, ${p.answered} answered; nothing imported ` +
      `(this mapping leaves A01 to the entries; S01 and S02 are after-sales items).`,
    zh: (p: CallsParams) =>
      `${who.zh(p)}:${p.calls} 通来电,未接 ${p.unanswered} 通,已接 ${p.answered} 通;未导入(此列映射不把未接来电计入 A01,由考核记录填写;S01、S02 是售后项目)。`,
  },
  /** `new --entries --calls`: for the same person and item the entries' value wins (records.ts mergeInputs) */
  replacedByEntries: {
    en: (p: { file: string; code: string; id: string; log: string; entry: string }) =>
      `${p.file}: ${p.code} of "${p.id}" from the call log (${p.log}) replaced by the entries value (${p.entry})`,
    zh: (p: { file: string; code: string; id: string; log: string; entry: string }) =>
      `${p.file}:"${p.id}" 的 ${p.code} 以考核记录中的值 (${p.entry}) 为准,替换了日志中的值 (${p.log})`,
  },
  afterSales: {
    en: (p: AfterParams) =>
      `${who.en(p)}: ${n(p.calls, 'call')}, ${p.answered} answered → S01 = ${p.answered}; ` +
      (p.letters
        ? `S02 = ${p.letters} (first ${p.taken} of ${p.rated} rated answered calls by date, time, call id; rows ${p.sampleRows.join(', ')})` +
          (p.taken < p.sampleSize ? `; fewer than ${p.sampleSize}, scaled to ${p.scaledTo} by D6` : '')
        : 'no rated answered call, S02 not imported (incomplete, D11)') +
      `; ${p.unanswered} unanswered not imported (A01 is a pre-sales item).`,
    zh: (p: AfterParams) =>
      `${who.zh(p)}:${p.calls} 通来电,已接 ${p.answered} 通 → S01 = ${p.answered};` +
      (p.letters
        ? `S02 = ${p.letters}(按日期、时间、通话编号,取 ${p.rated} 通有评分的已接来电中的前 ${p.taken} 通;第 ${p.sampleRows.join('、')} 行)` +
          (p.taken < p.sampleSize ? `;不足 ${p.sampleSize} 个,按 D6 折算为 ${p.scaledTo} 个` : '')
        : '没有带评分的已接来电,S02 未导入(未完成,D11)') +
      `;未接 ${p.unanswered} 通未导入(A01 是售前项目)。`,
  },
});
