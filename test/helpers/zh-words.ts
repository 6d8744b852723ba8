/**
 * Whether a Chinese wording is Chinese: the runs of three or more ASCII letters left once the values of
 * its parameters, file names and paths, and the codes and names a user sees as they are (Excel, CSV,
 * KPI, YYYY-MM…) are taken out. A wording that says "workbook" where it should say 工作簿 shows up here.
 */
import { Params, Problem } from '../../src/core/problem';

/** What a Chinese wording keeps in Latin letters: product and format names, codes, column names, a command. */
export const KEPT_AS_IS = [
  'kpi-forms new --calls',
  'employee_id',
  'Excel',
  'KPI',
  'CSV',
  'UTF',
  'GB18030',
  'YYYY-MM',
  '#BUSY!',
  'zip',
  'OLE',
];

/** The English words of a Chinese wording (empty when it has none). */
export function englishIn(zh: string, params: Params, keep: readonly string[] = KEPT_AS_IS): string[] {
  let s = zh;
  const values = Object.values(params).flatMap((v) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [String(v)]));
  // longest first: a value inside another is not cut out of it first
  for (const v of [...values, ...keep].sort((a, b) => b.length - a.length)) if (v) s = s.split(v).join(' ');
  // file names and paths (.xlsx, xl/workbook.xml, Excel.run)
  s = s.replace(/[\w-]*(?:[./][\w-]+)+/g, ' ');
  return s.match(/[A-Za-z]{3,}/g) ?? [];
}

/** What `f` throws: it must be a Problem (the error type every user-facing failure is). */
export function thrown(f: () => unknown): Problem {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(Problem);
    return e as Problem;
  }
  throw new Error('nothing thrown');
}
