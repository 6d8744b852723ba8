/**
 * What Excel stores for what is written into a cell, and what deleting a sheet does to the formulas that
 * refer to it.
 */
import { FakeCell, FakeOfficeError } from './sheet';

/**
 * A formula (or a defined name's reference) after sheet `name` is deleted, as Excel rewrites it: every
 * reference to that sheet (`'name'!A1`, `name!$A$1:$B$2`, `name!C:C`, `name!3:3`) becomes `#REF!`;
 * string literals are left alone.
 */
export function refsAfterDelete(formula: string, name: string): string {
  const cellRef = String.raw`\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?|\$?[A-Z]{1,3}:\$?[A-Z]{1,3}|\$?\d+:\$?\d+`;
  const sheetRef = String.raw`'(?:[^']|'')+'|[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*`;
  const re = new RegExp(String.raw`("(?:[^"]|"")*")|(${sheetRef})!(?:${cellRef})(?![A-Za-z0-9_(])`, 'gi');
  const target = name.toLowerCase();
  return formula.replace(re, (m: string, literal: string | undefined, sheet: string) => {
    if (literal) return m;
    const n = sheet.startsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
    return n.toLowerCase() === target ? '#REF!' : m;
  });
}

export const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** What Excel stores when this is typed (or written through values/formulas) into a cell. */
export function typed(v: unknown, numberFormat: string | undefined): Pick<FakeCell, 'value' | 'formula' | 'quotePrefix'> {
  if (v === '') return { value: null };
  if (typeof v === 'number' || typeof v === 'boolean') return { value: v };
  if (typeof v !== 'string') throw new FakeOfficeError('InvalidArgument', `cannot write ${typeof v}`, 'Range.formulas');
  if (v.startsWith("'")) return { value: v.slice(1), quotePrefix: true };
  if (numberFormat === '@') return { value: v };
  if (/^[=+\-@]/.test(v) && v.length > 1 && !NUMBER.test(v)) return { value: `(formula result)`, formula: v.startsWith('=') ? v : `=${v}` };
  if (NUMBER.test(v.trim())) return { value: Number(v) };
  if (/^(true|false)$/i.test(v)) return { value: /^true$/i.test(v) };
  if (/^\d{4}-\d{1,2}(-\d{1,2})?$/.test(v)) return { value: 40000 }; // Excel reads it as a date (a serial number)
  return { value: v };
}

/** Whether a formula calls a custom function (calculated asynchronously: `#BUSY!` while it runs). */
export const CUSTOM_FUNCTION = /\bKPI\.[A-Z]/i;
