/**
 * The formula text an .xlsx file stores (both writers, xlsx/writer.ts and xlsx/fast-write.ts, and readers'
 * tests): no leading `=`, `_xlfn.` before the Excel 2010+ functions. Loads nothing else, so writing a file
 * does not load ExcelJS.
 */
import { XLFN_FUNCTIONS } from '../core/kpi';

/** Any name of `XLFN_FUNCTIONS` followed by `(` (anywhere, literals included: a hint, `xlsxFormula` decides). */
const XLFN_ANY = new RegExp(XLFN_FUNCTIONS.map((n) => `${n.replace(/\./g, '\\.')}\\(`).join('|'), 'i');

/**
 * The formula as an .xlsx file stores it: every function of `XLFN_FUNCTIONS` (Excel 2010+, e.g.
 * RANK.EQ) prefixed with `_xlfn.`, outside string literals; no leading `=`.
 * @param formula English-locale formula without `=` (as in the model)
 */
export function xlsxFormula(formula: string): string {
  const f = formula.replace(/^=/, '');
  // most formulas call none of them: one search instead of splitting every formula (a records sheet has 50,000)
  if (!XLFN_ANY.test(f)) return f;
  // split on string literals ("" inside a literal is an escaped quote and stays within it)
  const parts = f.split(/("(?:[^"]|"")*")/);
  return parts
    .map((p, i) => {
      if (i % 2 === 1) return p;
      let s = p;
      for (const name of XLFN_FUNCTIONS) {
        const re = new RegExp(`(?<![A-Za-z0-9_.])${name.replace(/\./g, '\\.')}\\(`, 'gi');
        s = s.replace(re, `_xlfn.${name}(`);
      }
      return s;
    })
    .join('');
}
