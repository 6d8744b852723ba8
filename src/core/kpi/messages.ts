/**
 * What a KPI function says about a bad argument, in both languages (core/problem.ts): the message Excel shows
 * with #VALUE! and #N/A (functions/runtime.ts words it in Excel's display language) and `kpi-forms score`
 * prints for an agent's error value (in LANG's language). `what` is the parameter's name as the formula
 * shows it (`counts[3]`), the same in both. Pure.
 */
import { messages } from '../problem';

type What = { what: string };
type Value = What & { value: string };

export const KPI_MSG = messages('kpi', {
  shapes: {
    en: (p: { a: string; n: number; b: string; m: number }) => `${p.a} has ${p.n} cells but ${p.b} has ${p.m}`,
    zh: (p: { a: string; n: number; b: string; m: number }) => `${p.a} 有 ${p.n} 个单元格,而 ${p.b} 有 ${p.m} 个`,
  },
  notInScale: {
    en: (p: Value & { letters: readonly string[] }) => `${p.what}: ${p.value} is not one of ${p.letters.join(', ')}`,
    zh: (p: Value & { letters: readonly string[] }) => `${p.what}:${p.value} 不是 ${p.letters.join('、')} 之一`,
  },
  averageZero: {
    en: (p: What) => `${p.what}: the average ticket count is 0, S01 cannot be scored (D5)`,
    zh: (p: What) => `${p.what}:平均处理单量为 0,S01 无法计分 (D5)`,
  },
  notOneCell: {
    en: () => 'expected one cell, got a range',
    zh: () => '应为一个单元格,而不是一个区域',
  },
  notNumber: {
    en: (p: Value) => `${p.what}: ${p.value} is not a number`,
    zh: (p: Value) => `${p.what}:${p.value} 不是数字`,
  },
  negativeCount: {
    en: (p: Value) => `${p.what}: ${p.value} is not a count ≥ 0 (D4)`,
    zh: (p: Value) => `${p.what}:${p.value} 不是 ≥ 0 的次数 (D4)`,
  },
  countNotNumber: {
    en: (p: Value) => `${p.what}: ${p.value} is not a number (D4)`,
    zh: (p: Value) => `${p.what}:${p.value} 不是数字 (D4)`,
  },
  cellCount: {
    en: (p: What & { expected: number; got: number }) => `${p.what}: expected ${p.expected} cells, got ${p.got}`,
    zh: (p: What & { expected: number; got: number }) => `${p.what}:应有 ${p.expected} 个单元格,实际为 ${p.got} 个`,
  },
  notScale: {
    en: (p: Value) => `${p.what}: ${p.value} is not a scale (S02, S03, S06 or a 2-column range)`,
    zh: (p: Value) => `${p.what}:${p.value} 不是评分表(S02、S03、S06 或两列的区域)`,
  },
  scaleColumns: {
    en: (p: What) => `${p.what}: a scale range has two columns, letter and points`,
    zh: (p: What) => `${p.what}:评分表区域应有两列:字母和分值`,
  },
  notScore: {
    en: (p: Value) => `${p.what}: ${p.value} is not a score`,
    zh: (p: Value) => `${p.what}:${p.value} 不是分数`,
  },
  outOfRange: {
    en: (p: Value) => `${p.what}: ${p.value} is outside 0–100`,
    zh: (p: Value) => `${p.what}:${p.value} 不在 0–100 之间`,
  },
  notRating: {
    en: (p: Value) => `${p.what}: "${p.value}" is not a rating A–D`,
    zh: (p: Value) => `${p.what}:"${p.value}" 不是评价字母 A–D`,
  },
  threeMonths: {
    en: (p: { names: readonly string[] }) =>
      `${p.names.length > 1 ? `${p.names.slice(0, -1).join(', ')} and ${p.names[p.names.length - 1]}` : p.names[0]} each need 3 cells, one per month`,
    zh: (p: { names: readonly string[] }) => `${p.names.join('、')} 各需 3 个单元格,每月一个`,
  },
  /** an Excel error code passed in that a custom function cannot return (#REF!, #NAME?, #NULL!) */
  argIsError: {
    en: (p: { code: string }) => `an argument is ${p.code}`,
    zh: (p: { code: string }) => `有参数为 ${p.code}`,
  },
  /** an Excel data type (entity, web image, …) given where a number or text is read */
  dataType: {
    en: (p: What & { kind: string; text?: string }) =>
      `${p.what}: an Excel data type (${p.kind}${p.text === undefined ? '' : ` ${JSON.stringify(p.text)}`}) is not a number or text; give the value itself`,
    zh: (p: What & { kind: string; text?: string }) =>
      `${p.what}:Excel 数据类型(${p.kind}${p.text === undefined ? '' : ` ${JSON.stringify(p.text)}`})不是数字或文本;请直接给出数值`,
  },
});
