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

const MAX_ROW = 1048576;
const MAX_COL = 16384;
const colNumber = (s: string): number => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
const colLetters = (n: number): string => {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};

/**
 * A formula copied `rows` down and `cols` right, as Excel pastes (or fills) it: every relative part of a reference
 * (`A1`, `$A1`, `A$1`, `A1:B2`, `C:C`, `3:5`, on this or another sheet) moves by the offset, absolute parts (`$`)
 * stay, and a reference moved off the sheet becomes `#REF!` (the sheet prefix kept, `Sheet1!#REF!`). Text in
 * quotes, defined names (`PTS_A01`, `REC_ID`) and function names (`LOG10(`) are left alone.
 */
export function movedFormula(formula: string, rows: number, cols: number): string {
  const cell = String.raw`\$?[A-Za-z]{1,3}\$?\d+`;
  const ref = String.raw`(${cell})(?::(${cell}))?|(\$?[A-Za-z]{1,3}):(\$?[A-Za-z]{1,3})|(\$?\d+):(\$?\d+)`;
  // a reference starts after an operator, bracket, comma, space or a sheet's `!`, and is not followed by a name's characters, `(` or `!`
  const re = new RegExp(String.raw`("(?:[^"]|"")*")|(?<![A-Za-z0-9_.\u00C0-\uFFFF$])(?:${ref})(?![A-Za-z0-9_.(!\u00C0-\uFFFF])`, 'g');
  let off = false;
  const moveCol = (t: string): string => {
    const abs = t.startsWith('$');
    const n = colNumber(t.replace('$', ''));
    const m = abs ? n : n + cols;
    if (m < 1 || m > MAX_COL) off = true;
    return `${abs ? '$' : ''}${colLetters(m)}`;
  };
  const moveRow = (t: string): string => {
    const abs = t.startsWith('$');
    const n = Number(t.replace('$', ''));
    const m = abs ? n : n + rows;
    if (m < 1 || m > MAX_ROW) off = true;
    return `${abs ? '$' : ''}${m}`;
  };
  const moveCell = (t: string): string => {
    const m = /^(\$?[A-Za-z]{1,3})(\$?\d+)$/.exec(t)!;
    return moveCol(m[1]) + moveRow(m[2]);
  };
  return formula.replace(
    re,
    (m: string, literal: string | undefined, c1?: string, c2?: string, k1?: string, k2?: string, r1?: string, r2?: string) => {
      if (literal) return m;
      if (c1 && colNumber(c1.replace(/\$/g, '').replace(/\d+$/, '')) > MAX_COL) return m; // past XFD: a name, not a cell
      off = false;
      let out: string;
      if (c1) out = c2 ? `${moveCell(c1)}:${moveCell(c2)}` : moveCell(c1);
      else if (k1 && k2) out = `${moveCol(k1)}:${moveCol(k2)}`;
      else out = `${moveRow(r1!)}:${moveRow(r2!)}`;
      return off ? '#REF!' : out;
    },
  );
}
