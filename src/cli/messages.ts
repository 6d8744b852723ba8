/**
 * What the command line itself tells a user, in both languages (core/problem.ts): its options used
 * wrongly, a call-log import that went astray, a fault while scoring. The problems of the files it reads
 * and writes are the input and .xlsx layers' own (io/messages.ts, xlsx/messages.ts). commander's messages
 * (an unknown option, a missing argument) and `--help` stay English.
 */
import { Lang, messages } from '../core/problem';

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
  /** anything but a problem of the file while scoring it: a fault of kpi-forms, said without its text */
  scoreFault: {
    en: (p: { file: string }) =>
      `${p.file}: kpi-forms failed while scoring this workbook (a fault of kpi-forms, not of the file?); please report it with the file, or run with KPI_FORMS_DEBUG=1 for the details`,
    zh: (p: { file: string }) =>
      `${p.file}:kpi-forms 在为此工作簿评分时出错(是 kpi-forms 的问题,而不是文件的问题?);请连同文件一起报告,或设置 KPI_FORMS_DEBUG=1 运行以查看详情`,
  },
});

/** What the CLI was doing, for `internalFault` (a fault of the program): `running "kpi-forms new"`. */
export function doing(lang: Lang, command: string | undefined): string {
  const what = command ? `kpi-forms ${command}` : 'kpi-forms';
  return lang === 'en' ? `running "${what}"` : `运行 "${what}" `;
}
