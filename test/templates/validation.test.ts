/**
 * The validation table (src/templates/sheets/validation.ts): each input cell of a workbook carries the
 * validation its item's kind calls for (forms.md, D4, D11), with words in both languages that fit Excel.
 */
import { HyperFormula } from 'hyperformula';
import { EXCEL_LIMITS } from '../../src/core/excel-limits';
import { InputKind, findItem } from '../../src/core/rules';
import { ValidationSpec } from '../../src/templates/model';
import { inputValidation } from '../../src/templates/sheets/validation';
import { buildWorkbook } from '../../src/templates/workbook';
import { HF_CONFIG } from '../helpers/hf';

const KINDS: InputKind[] = ['count', 'halfday', 'points', 'escalating', 'redline', 'score', 'grade', 'ratings', 'tickets'];

/** By hand from forms.md: what each input accepts. */
const COUNT = { type: 'whole', min: 0 };
const EXPECTED: Record<string, object> = {
  B06: { type: 'custom' }, // days in half days (D4)
  B13: { type: 'decimal', min: 0, max: 100 }, // points entered by the assessor
  EX: { type: 'decimal', min: 0, max: 100 }, // the written test, 0–100 (D11: blank = incomplete)
  S02: { type: 'custom' }, // rating letters A–D
  S03: { type: 'list', values: ['A', 'B', 'C', 'D', 'E'] },
  S06: { type: 'list', values: ['A', 'B', 'C', 'D', 'E'] },
};

describe('input validation', () => {
  test.each(['zh', 'en'] as const)(
    'every input cell of a workbook (%s): counts are whole ≥ 0 (D4), the others as forms.md says',
    (lang) => {
      const spec = buildWorkbook({
        month: '2024-03',
        lang,
        agents: [
          { id: 'P1', name: 'p', role: 'pre-sales', group: '' },
          { id: 'S1', name: 's', role: 'after-sales', group: '' },
        ],
      });
      const seen: string[] = [];
      for (const agent of spec.layout)
        for (const [code, loc] of Object.entries(agent.inputs)) {
          if (!findItem(code)) continue; // the quarter's earlier months: not items
          const cell = spec.sheets.find((s) => s.name === loc.sheet)!.cells.find((c) => c.address === loc.address)!;
          expect([code, cell.validation]).toEqual([code, expect.objectContaining(EXPECTED[code] ?? COUNT)]);
          seen.push(code);
        }
      // every item with an input: A01–A11, AR1–AR2, B01–B13, EX, S01–S06, SP1, SN1
      expect(seen).toHaveLength(11 + 2 + 13 + 1 + 6 + 2);
    },
  );

  test('B06 half days, in HyperFormula: 0, 0.5, 1.5 and 3 pass; −0.5, 0.25, 1.3 and text do not (worked by hand)', () => {
    const v = inputValidation('en', 'halfday', 'A1') as Extract<ValidationSpec, { type: 'custom' }>;
    const values: Array<[number | string, boolean]> = [
      [0, true],
      [0.5, true],
      [1.5, true],
      [3, true],
      [-0.5, false],
      [0.25, false],
      [1.3, false],
      ["'1", false], // the text 1 (HyperFormula reads a leading apostrophe as Excel does)
    ];
    const rows = values.map(([x], i) => [x, `=${v.formula.split('A1').join(`A${i + 1}`)}`]);
    const hf = HyperFormula.buildFromArray(rows as never, HF_CONFIG);
    expect(values.map(([x], i) => [x, hf.getCellValue({ sheet: 0, row: i, col: 1 })])).toEqual(values);
  });

  test.each(KINDS)('%s: an input message and an error alert in both languages, within Excel’s limits', (kind) => {
    const zh = inputValidation('zh', kind, 'E5');
    const en = inputValidation('en', kind, 'E5');
    for (const v of [zh, en]) {
      expect(v.prompt.length).toBeGreaterThan(0);
      expect(v.prompt.length).toBeLessThanOrEqual(EXCEL_LIMITS.validationPrompt.max);
      expect(v.error.length).toBeGreaterThan(0);
      expect(v.error.length).toBeLessThanOrEqual(EXCEL_LIMITS.validationError.max);
    }
    expect(zh.prompt).not.toBe(en.prompt);
    expect({ ...zh, prompt: '', error: '' }).toEqual({ ...en, prompt: '', error: '' });
  });
});
