/**
 * The renderer-neutral description (src/templates/render.ts) that both writers render: values worked by
 * hand from Excel's documented limits (MS-OI29500 dataValidation: prompt ≤ 255, error ≤ 224, titles ≤ 32),
 * A4's size (210 × 297 mm = 595.28 × 841.89 pt) and the column-width formula (characters × 7 + 5 pixels).
 */
import { SheetSpec, WorkbookSpec } from '../src/templates/model';
import {
  cellContent,
  clip,
  describeNames,
  describeSheet,
  fitWidthScale,
  pageOf,
  renderStyle,
  renderValidation,
  sheetValidations,
} from '../src/templates/render';

const sheet = (over: Partial<SheetSpec> = {}): SheetSpec => ({
  key: 'formA',
  name: 'S',
  widths: [],
  cells: [],
  merges: [],
  rowHeights: {},
  rowBreaks: [],
  landscape: false,
  freezeRows: 0,
  protect: true,
  conditionalFormats: [],
  ...over,
});

describe('validation messages and titles', () => {
  test('one decision for both writers: titles in the workbook language', () => {
    const v = { type: 'whole' as const, min: 0, prompt: 'p', error: 'e' };
    expect(renderValidation(v, 'zh')).toMatchObject({
      prompt: { title: '填写说明', message: 'p' },
      error: { title: '输入无效', message: 'e' },
    });
    expect(renderValidation(v, 'en')).toMatchObject({
      prompt: { title: 'Input', message: 'p' },
      error: { title: 'Invalid entry', message: 'e' },
    });
  });

  test("within Excel's limits: input message 255, error 224 UTF-16 code units, never half a surrogate pair", () => {
    const r = renderValidation({ type: 'list', values: ['A', 'B'], prompt: 'p'.repeat(300), error: 'e'.repeat(300) }, 'en');
    expect(r.prompt.message).toHaveLength(255);
    expect(r.error.message).toHaveLength(224);
    expect(r.rule).toEqual({ type: 'list', values: ['A', 'B'], source: 'A,B' });
    // '😀' is two code units: cut at 255 it would be split, so it goes whole
    expect(clip(`${'a'.repeat(254)}😀`, 255)).toBe('a'.repeat(254));
    expect(clip(`${'a'.repeat(253)}😀`, 255)).toBe(`${'a'.repeat(253)}😀`);
  });

  test('bounds: at least, or between', () => {
    expect(renderValidation({ type: 'whole', min: 0, prompt: '', error: '' }, 'en').rule).toEqual({
      type: 'whole',
      operator: 'greaterThanOrEqual',
      min: 0,
    });
    expect(renderValidation({ type: 'decimal', min: 0, max: 100, prompt: '', error: '' }, 'en').rule).toEqual({
      type: 'decimal',
      operator: 'between',
      min: 0,
      max: 100,
    });
  });

  test('equal rules share rectangles that never overlap; a custom rule keeps its own cell', () => {
    const list = { type: 'list' as const, values: ['A'], prompt: 'p', error: 'e' };
    const custom = (f: string) => ({ type: 'custom' as const, formula: f, prompt: 'p', error: 'e' });
    const s = sheet({
      cells: [
        { address: 'A1', style: 'input', validation: list },
        { address: 'B1', style: 'input', validation: list },
        { address: 'A2', style: 'input', validation: list },
        { address: 'B2', style: 'input', validation: list },
        { address: 'A3', style: 'input', validation: list },
        { address: 'C1', style: 'input', validation: custom('C1>0') },
        { address: 'C2', style: 'input', validation: custom('C2>0') },
      ],
    });
    const vs = sheetValidations(s, 'zh');
    expect(vs.map((v) => [v.rule.type, v.rects])).toEqual([
      [
        'list',
        [
          { r1: 1, c1: 1, r2: 2, c2: 2 },
          { r1: 3, c1: 1, r2: 3, c2: 1 },
        ],
      ],
      ['custom', [{ r1: 1, c1: 3, r2: 1, c2: 3 }]],
      ['custom', [{ r1: 2, c1: 3, r2: 2, c2: 3 }]],
    ]);
  });
});

describe('page setup: the print scale decided once', () => {
  test('a sheet with manual breaks prints at its printScale, never fit-to-page (Excel ignores manual breaks under it)', () => {
    expect(pageOf(sheet({ printScale: 85, rowBreaks: [22] }))).toMatchObject({ scale: 85, fitToWidth: false, rowBreaks: [22] });
  });

  test('any other: fit to one page wide where honoured, else the scale at which its columns fit A4 (worked by hand)', () => {
    // three columns of 50 characters: (50 × 7 + 5) × 0.75 = 266.25 pt each, 798.75 in all; A4 less 2 × 0.5" margins:
    // portrait 595.28 − 72 = 523.28 → 523.28 / 798.75 × 98 = 64.2 → 64; landscape 769.89 / 798.75 × 98 = 94.46 → 94
    expect(pageOf(sheet({ widths: [50, 50, 50] }))).toMatchObject({ scale: 64, fitToWidth: true, orientation: 'portrait' });
    expect(fitWidthScale(sheet({ widths: [50, 50, 50], landscape: true }))).toBe(94);
    // the third column hidden: 532.5 pt → 523.28 / 532.5 × 98 = 96.3 → 96
    expect(fitWidthScale(sheet({ widths: [50, 50, 50], hiddenColumns: [3] }))).toBe(96);
    // the print area's columns only: A:B of the same → 96 too
    expect(fitWidthScale(sheet({ widths: [50, 50, 50], printArea: '$A$1:$B$9' }))).toBe(96);
    // narrow columns: at most 100
    expect(fitWidthScale(sheet({ widths: [10] }))).toBe(100);
  });

  test('A4, margins 0.5" / 0.6" / 0.3", centred; print area and titles without $', () => {
    expect(pageOf(sheet({ printArea: '$A$1:$F$44', printTitleRows: '$3:$3', landscape: true }))).toMatchObject({
      paper: 'A4',
      orientation: 'landscape',
      centerHorizontally: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printArea: 'A1:F44',
      printTitleRows: '3:3',
    });
  });
});

describe('cells, styles, names', () => {
  test('constants stay constants (text is never a formula); a formula without its "="; a number must be finite', () => {
    expect(cellContent({ value: '=SUM(1)' })).toEqual({ value: '=SUM(1)' });
    expect(cellContent({ value: 0 })).toEqual({ value: 0 });
    expect(cellContent({ value: null })).toBeNull();
    expect(cellContent({ formula: 'SUM(A1:A2)' })).toEqual({ formula: 'SUM(A1:A2)' });
    expect(() => cellContent({ value: Infinity })).toThrow(/cannot write the number Infinity/);
  });

  test('styles in neutral terms: the input style is unlocked, pale yellow, thin grey borders, centred', () => {
    expect(renderStyle('input')).toEqual({
      font: { name: 'Calibri' },
      fill: 'FFF9DB',
      border: { style: 'thin', color: '808080' },
      horizontal: 'center',
      vertical: 'middle',
      wrap: false,
      locked: false,
    });
    // two decimals; the text `incomplete` shows as the workbook's word for it (D11)
    expect(renderStyle('score')).toMatchObject({ font: { bold: true }, numFmt: '0.00;-0.00;0.00;"incomplete"', locked: true });
    expect(renderStyle('score', 'zh')).toMatchObject({ numFmt: '0.00;-0.00;0.00;"未完成"' });
  });

  test('describeSheet: styles grouped into rectangles; an unknown style names the cell', () => {
    const d = describeSheet(
      sheet({
        cells: [
          { address: 'A1', style: 'header', value: 'x' },
          { address: 'B1', style: 'header', value: 'y' },
          { address: 'A2', style: 'input' },
        ],
        rowHeights: { 1: 24 },
      }),
      'en',
    );
    expect(d.styleAreas.map((a) => [a.name, a.rects])).toEqual([
      ['header', [{ r1: 1, c1: 1, r2: 1, c2: 2 }]],
      ['input', [{ r1: 2, c1: 1, r2: 2, c2: 1 }]],
    ]);
    expect(d.rowHeights).toEqual([[1, 24]]);
    expect(d.bounds).toEqual({ r1: 1, c1: 1, r2: 2, c2: 2 });
    expect(() => describeSheet(sheet({ cells: [{ address: 'A1', style: 'nope' as never }] }), 'en')).toThrow('S!A1: unknown style "nope"');
  });

  test('describeNames: the sheet each name is on; names of sheets not built left out; bad references refused', () => {
    const spec: Pick<WorkbookSpec, 'sheets' | 'names'> = {
      sheets: [sheet({ name: '规则' })],
      names: [
        { name: 'PTS_A01', ref: "'规则'!$C$4" },
        { name: 'GRADE', ref: '规则!$C$5:$D$9' },
        { name: 'ELSEWHERE', ref: "'Form A'!$A$1" },
      ],
    };
    expect(describeNames(spec)).toEqual([
      { name: 'PTS_A01', ref: "'规则'!$C$4", sheet: '规则' },
      { name: 'GRADE', ref: '规则!$C$5:$D$9', sheet: '规则' },
    ]);
    expect(() => describeNames({ ...spec, names: [{ name: 'X', ref: '$C$4' }] })).toThrow(/not a sheet-qualified reference/);
    expect(() => describeNames({ ...spec, names: [{ name: 'X', ref: '规则!$D$9:$C$5' }] })).toThrow(/not top-left:bottom-right/);
  });
});
