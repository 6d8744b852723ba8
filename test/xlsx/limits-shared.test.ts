/**
 * The limits check of a spec (core/excel-limits.ts) with shared formulas (CellSpec.shares, the records sheet's 48,000
 * formulas): the first cell's formula is measured, each other cell's length on its own. Whatever a cell of a shared
 * formula breaks is found at that cell, as when every formula was measured.
 */
import { EXCEL_LIMITS, checkLimits, formulaStats, limitsViewOfSpec } from '../../src/core/excel-limits';

const sheet = (cells: Array<{ address: string; formula: string; shares?: string }>) => ({
  sheets: [{ name: 'S', widths: [10], cells, merges: [], rowHeights: {}, rowBreaks: [], conditionalFormats: [] }],
  names: [],
});

describe('shared formulas in the limits check', () => {
  test('a cell of a shared formula over the length limit is named; the others within it are not', () => {
    const long = (row: number) => `IF(A${row}="${'x'.repeat(200)}",1,0)` + '+A1'.repeat(2600);
    const cells = [1, 2, 3].map((r) => ({ address: `B${r}`, formula: long(r), shares: 'b' }));
    // padded to the limit less one, the limit, the limit and one
    const within = EXCEL_LIMITS.formulaLength.max - long(1).length;
    cells[0].formula += ' '.repeat(within - 1);
    cells[1].formula += ' '.repeat(within);
    cells[2].formula += ' '.repeat(within + 1);
    const over = checkLimits(limitsViewOfSpec(sheet(cells)));
    expect(over.map((v) => [v.rule, v.where, v.found])).toEqual([['formulaLength', "'S'!B3", EXCEL_LIMITS.formulaLength.max + 1]]);
  });

  test('a leading = counts in no cell (as formulaStats measures one formula)', () => {
    const f = `=${'1+'.repeat(4095)}12`; // 8,192 characters without the =
    expect(formulaStats(f).length).toBe(EXCEL_LIMITS.formulaLength.max);
    const cells = ['C1', 'C2'].map((address) => ({ address, formula: f, shares: 'c' }));
    expect(checkLimits(limitsViewOfSpec(sheet(cells)))).toEqual([]);
  });

  test('nesting, arguments and text constants of the first cell are every cell’s', () => {
    const deep = `${'IF(A1,'.repeat(EXCEL_LIMITS.nestingLevels.max + 1)}1${',0)'.repeat(EXCEL_LIMITS.nestingLevels.max + 1)}`;
    const cells = ['D1', 'D2'].map((address) => ({ address, formula: deep, shares: 'd' }));
    const over = checkLimits(limitsViewOfSpec(sheet(cells)));
    expect(over.map((v) => [v.rule, v.where])).toEqual([
      ['nestingLevels', "'S'!D1"],
      ['nestingLevels', "'S'!D2"],
    ]);
  });
});
