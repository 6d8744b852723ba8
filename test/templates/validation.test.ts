/**
 * The validation table (src/templates/sheets/validation.ts): each input cell of a workbook (the monthly
 * figures) carries the validation its item's kind calls for (forms.md, D4, D11), with words in both languages
 * that fit Excel; the per-occurrence counts are records (D12), validated on the records sheet per code.
 */
import { HyperFormula } from 'hyperformula';
import { EXCEL_LIMITS } from '../../src/core/excel-limits';
import { InputKind, findItem } from '../../src/core/rules';
import { SHEET_NAMES } from '../../src/templates/i18n';
import { ValidationSpec, addr } from '../../src/templates/model';
import { RECORDS_FIRST_ROW, RECORD_COLS } from '../../src/templates/sheets/records';
import { inputValidation } from '../../src/templates/sheets/validation';
import { buildWorkbook } from '../../src/templates/workbook';
import { HF_CONFIG, evaluateSpec } from '../helpers/hf';

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

/** By hand from forms.md: the per-occurrence items, whose counts are the sums of the records sheet (D12). */
const RECORDED = {
  'pre-sales': [
    ...Array.from({ length: 11 }, (_, i) => `A${String(i + 1).padStart(2, '0')}`),
    'AR1',
    'AR2',
    ...Array.from({ length: 13 }, (_, i) => `B${String(i + 1).padStart(2, '0')}`),
  ],
  'after-sales': ['S04', 'S05', 'SP1', 'SN1'],
} as const;
/** The monthly figures typed on the forms: EX on the written test, S01/S02/S03/S06 on the after-sales form. */
const TYPED = { 'pre-sales': ['EX'], 'after-sales': ['S01', 'S02', 'S03', 'S06'] } as const;

describe('input validation', () => {
  test.each(['zh', 'en'] as const)(
    'every input cell of a workbook (%s): the monthly figures as forms.md says; the per-occurrence counts are records (D12), never typed',
    (lang) => {
      const spec = buildWorkbook({
        month: '2024-03',
        lang,
        agents: [
          { id: 'P1', name: 'p', role: 'pre-sales', group: '' },
          { id: 'S1', name: 's', role: 'after-sales', group: '' },
        ],
      });
      const cellAt = (loc: { sheet: string; address: string }) =>
        spec.sheets.find((s) => s.name === loc.sheet)!.cells.find((c) => c.address === loc.address)!;
      const typed: string[] = [];
      const recorded: string[] = [];
      for (const agent of spec.layout) {
        const role = agent.agent.role;
        const seen: string[] = [];
        for (const [code, loc] of Object.entries(agent.inputs)) {
          if (!findItem(code)) continue; // the quarter's earlier months: not items
          expect([code, cellAt(loc).validation]).toEqual([code, expect.objectContaining(EXPECTED[code] ?? COUNT)]);
          seen.push(code);
        }
        expect(seen.sort()).toEqual([...TYPED[role]]);
        typed.push(...seen);
        // a per-occurrence count is a formula over the records sheet: no input cell, no validation to get past
        for (const code of RECORDED[role]) {
          const cell = cellAt(agent.outputs[`n:${code}`]);
          expect([code, cell.formula, cell.validation]).toEqual([code, expect.stringContaining('SUMIFS('), undefined]);
          recorded.push(code);
        }
      }
      // every item with an input, typed or recorded: A01–A11, AR1–AR2, B01–B13, EX, S01–S06, SP1, SN1
      expect(new Set([...typed, ...recorded]).size).toBe(11 + 2 + 13 + 1 + 6 + 2);
    },
  );

  test.each(['zh', 'en'] as const)(
    "the records sheet (%s): the count column's validation is D4 per code, the code column's the agent's kind (HyperFormula, worked by hand)",
    (lang) => {
      const spec = buildWorkbook({
        month: '2024-03',
        lang,
        agents: [
          { id: 'P1', name: 'p', role: 'pre-sales', group: '' },
          { id: 'S1', name: 's', role: 'after-sales', group: '' },
        ],
      });
      const sheet = spec.sheets.find((s) => s.name === SHEET_NAMES[lang].records)!;
      // [id, code, count, count accepted, code accepted]
      const rows: Array<[string, string, number | string, boolean, boolean]> = [
        ['P1', 'A01', 0, true, true],
        ['P1', 'A01', 3, true, true],
        ['P1', 'a01', 2, true, true], // the code as typed, in either case
        ['P1', 'A01', -1, false, true],
        ['P1', 'A01', 1.5, false, true],
        ['P1', 'A01', "'3", false, true], // the text 3
        ['P1', 'AR2', 1, true, true],
        ['P1', 'B06', 1.5, true, true],
        ['P1', 'B06', 1.3, false, true],
        ['P1', 'B13', 12.5, true, true],
        ['P1', 'B13', 100, true, true],
        ['P1', 'B13', 101, false, true],
        ['P1', 'S04', 1, true, false], // an after-sales item on a pre-sales agent
        ['P1', 'EX', 80, true, false], // a monthly figure is typed on its form, not recorded
        ['S1', 'SN1', 2, true, true],
        ['S1', 'S01', 40, true, true],
        ['S1', 'S02', 'B', true, true],
        ['S1', 'S02', 'E', false, true],
        ['S1', 'S02', 'AB', false, true],
        ['S1', 'S02', 3, false, true],
        ['S1', 'A01', 1, true, false],
      ];
      const overrides: Record<string, unknown> = {};
      const checks: Array<[string, string]> = [];
      rows.forEach(([id, code, count], i) => {
        const r = RECORDS_FIRST_ROW + i;
        const at = (c: number) => sheet.cells.find((x) => x.address === addr(r, c))!;
        overrides[addr(r, RECORD_COLS.id)] = id;
        overrides[addr(r, RECORD_COLS.code)] = code;
        overrides[addr(r, RECORD_COLS.count)] = count;
        const rule = (c: number) => (at(c).validation as Extract<ValidationSpec, { type: 'custom' }>).formula;
        // each validation formula evaluated beside its row (columns Y and Z are free)
        overrides[`Y${r}`] = `=${rule(RECORD_COLS.count)}`;
        overrides[`Z${r}`] = `=${rule(RECORD_COLS.code)}`;
        checks.push([`Y${r}`, `Z${r}`]);
      });
      const ev = evaluateSpec(spec, { [sheet.name]: overrides });
      expect(
        rows.map(([id, code, count], i) => [id, code, count, ev.get(sheet.name, checks[i][0]), ev.get(sheet.name, checks[i][1])]),
      ).toEqual(rows);
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
