/**
 * The paper forms, faithfully (forms.md; issue 8): the after-sales weights as the paper prints them (30%,
 * total 100%), B13 as points the assessor decides (its 分值 and 次数 columns say so, the points stand in
 * 扣分), the quarter award blank until the quarter is decided, S02's cell wide enough for 20 rating letters,
 * and a summary headed by the items' names with their codes below, rank first, that prints on A4 landscape
 * at 8 pt or more. What a user sees is read from LibreOffice's rendering (cells as shown).
 */
import * as fontkit from 'fontkit';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AFTER_SALES_ITEMS, BONUS_ITEMS } from '../../src/core/rules';
import { countKey } from '../../src/core/records';
import { Agent, CellSpec, STYLES, SheetSpec, WorkbookSpec, parseAddr } from '../../src/templates/model';
import { pageOf } from '../../src/templates/render';
import { S02_MIN_LETTERS } from '../../src/templates/sheets/afterSales';
import { buildWorkbook } from '../../src/templates/workbook';
import { writeWorkbookFile } from '../../src/xlsx/writer';
import { shownSheets } from '../helpers/displayed';
import { describeWith } from '../helpers/oracles';
import { randomMonth } from '../helpers/random';

const CARLITO = '/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf';

/** Carlito (Calibri's metric twin), as fontkit reads the font file. */
interface Font {
  unitsPerEm: number;
  layout(text: string): { advanceWidth: number };
}

/** The width of `text` in Calibri 11 (Carlito), in points. */
function calibri11(font: Font, text: string): number {
  return (font.layout(text).advanceWidth / font.unitsPerEm) * 11;
}

/**
 * The room for text in a column `w` characters wide, in points, in the narrower of the two renderers:
 * Excel draws it 7w + 5 px (Calibri 11's digit is 7 px at 96 dpi) with 2 px of padding each side and 1 px of
 * grid line; LibreOffice w × Carlito's digit width, with about 1 pt of padding each side.
 */
function room(font: Font, w: number): number {
  const excel = (7 * w + 5 - 5) * 0.75;
  const lo = w * calibri11(font, '0') - 2;
  return Math.min(excel, lo);
}

const sheetOf = (spec: WorkbookSpec, key: SheetSpec['key']) => spec.sheets.find((s) => s.key === key)!;
const cellAt = (sheet: SheetSpec, a1: string): CellSpec | undefined => sheet.cells.find((c) => c.address === a1);

describe('the paper form, faithfully', () => {
  const rm = randomMonth(808, 80, ['2015-01', '2015-02']);
  const specs = (['zh', 'en'] as const).map((lang) =>
    buildWorkbook({ month: '2015-03', agents: rm.agents, inputs: rm.inputs, history: rm.history, lang, mode: 'plain' }),
  );

  test(`S02's input cell shows ${S02_MIN_LETTERS} rating letters whole, the widest letter repeated, in Excel and in LibreOffice`, () => {
    const font = fontkit.openSync(CARLITO) as unknown as Font;
    const widest = ['A', 'B', 'C', 'D', 'a', 'b', 'c', 'd'].reduce((a, b) => (calibri11(font, b) > calibri11(font, a) ? b : a));
    // 5% for hinting: Excel draws Calibri snapped to whole pixels
    const need = calibri11(font, widest.repeat(S02_MIN_LETTERS)) * 1.05;
    expect(S02_MIN_LETTERS).toBeGreaterThanOrEqual(20); // the paper: 20 tickets called back
    for (const spec of specs) {
      const sheet = sheetOf(spec, 'after');
      for (const l of spec.layout.filter((x) => x.agent.role === 'after-sales')) {
        const s02 = l.outputs.S02.address.replace(/^[A-Z]+/, '');
        // the ratings' cell of the agent's S02 row (the row of its item score), not merged
        const input = sheet.cells.find((c) => c.address.replace(/^[A-Z]+/, '') === s02 && c.style === 'inputText')!;
        expect(input).toBeDefined();
        expect(sheet.merges.some((m) => m.startsWith(`${input.address}:`))).toBe(false);
        const col = parseAddr(input.address).col;
        expect(room(font, sheet.widths[col - 1])).toBeGreaterThanOrEqual(need);
      }
    }
  });

  test('the summary: the items’ names with their codes on a second line, the rank first, each kind its own table', () => {
    for (const spec of specs) {
      const sheet = sheetOf(spec, 'summary');
      const words = (a1: string) => String(cellAt(sheet, a1)?.value ?? '');
      const lay = (role: Agent['role']) => spec.layout.find((l) => l.agent.role === role)!;
      for (const role of ['pre-sales', 'after-sales'] as const) {
        const first = Number(lay(role).outputs.summaryRow.address.slice(1));
        const header = first - 1;
        expect(lay(role).outputs.rank.address).toBe(`A${first}`);
        expect(words(`A${header}`)).toBe(spec.lang === 'zh' ? '名次' : 'Rank');
        const codes = role === 'pre-sales' ? ['A', 'B', 'EX'] : [...AFTER_SALES_ITEMS, ...BONUS_ITEMS].map((it) => it.code);
        const items = role === 'pre-sales' ? [] : [...AFTER_SALES_ITEMS, ...BONUS_ITEMS];
        const row = sheet.cells.filter((c) => c.address.replace(/^[A-Z]+/, '') === String(header)).map((c) => String(c.value ?? ''));
        for (const code of codes) {
          const h = row.find((t) => t.endsWith(`\n${code}`));
          expect(h).toBeDefined();
          const name = h!.split('\n')[0];
          expect(name).not.toBe('');
          const item = items.find((it) => it.code === code);
          if (item) expect(name.toLowerCase()).toBe((spec.lang === 'zh' ? item.zh : item.en).toLowerCase());
        }
        // rank 1 of the table stands out: a conditional format on its rows keyed on the rank
        expect(sheet.conditionalFormats.some((f) => f.range.includes(`A${first}:`) && f.formula === `$A${first}=1`)).toBe(true);
      }
    }
  });

  test('the summary prints on A4 landscape, one page wide, no text under 8 pt, the flags column narrow', () => {
    const font = fontkit.openSync(CARLITO) as unknown as Font;
    for (const spec of specs) {
      const sheet = sheetOf(spec, 'summary');
      const page = pageOf(sheet);
      expect(page.orientation).toBe('landscape');
      const [a, b] = page.printArea!.split(':');
      const hidden = new Set(sheet.hiddenColumns ?? []);
      let excel = 0;
      let lo = 0;
      for (let c = parseAddr(a).col; c <= parseAddr(b).col; c++) {
        if (hidden.has(c)) continue;
        const w = sheet.widths[c - 1];
        excel += (7 * w + 5) * 0.75;
        lo += w * calibri11(font, '0');
      }
      // A4 landscape less the side margins (0.5" each): the scale at which the columns fit, in each renderer
      const fits = (841.89 - 72) / Math.max(excel, lo);
      expect(page.scale / 100).toBeLessThanOrEqual(fits);
      const smallest = Math.min(...sheet.cells.map((c) => STYLES[c.style].size ?? 11));
      expect((smallest * page.scale) / 100).toBeGreaterThanOrEqual(8);
      // the flags column: no wider than the widest item column and a half
      const flagsCol = parseAddr(spec.layout.find((l) => l.agent.role === 'after-sales')!.outputs.flags.address).col;
      expect(sheet.widths[flagsCol - 1]).toBeLessThanOrEqual(1.5 * Math.max(...sheet.widths.slice(5, 13)));
    }
  });
});

describeWith('libreoffice', 'the paper form as LibreOffice shows it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-paper-'));
  const agents: Agent[] = [
    { id: 'P1', name: 'P1', role: 'pre-sales', group: 'G' },
    { id: 'P2', name: 'P2', role: 'pre-sales', group: 'G' },
    { id: 'P3', name: 'P3', role: 'pre-sales', group: 'G' },
    { id: 'P4', name: 'P4', role: 'pre-sales', group: 'G' },
    { id: 'S1', name: 'S1', role: 'after-sales', group: 'G' },
  ];
  // March 2015, a quarter's last month. Totals (0.6 A + 0.3 B + 0.1 test): P1 97.9 (B13: 7 points), P4 96, P2 95, P3 91.
  // P1 first all three months → award; P3 last all three → transfer; P2 ranked all three, neither; P4 no earlier months: undecided.
  const inputs = {
    P1: { B13: 7, EX: 100 },
    P2: { EX: 50 },
    P3: { EX: 10 },
    P4: { EX: 60 },
    S1: { S01: 20, S02: 'AB', S03: 'B', S06: 'B' },
  };
  const history = {
    P1: { '2015-01': { rank: 1, bottomRank: 4 }, '2015-02': { rank: 1, bottomRank: 4 } },
    P2: { '2015-01': { rank: 2, bottomRank: 3 }, '2015-02': { rank: 3, bottomRank: 2 } },
    P3: { '2015-01': { rank: 4, bottomRank: 1 }, '2015-02': { rank: 4, bottomRank: 1 } },
  };
  const cases = (['zh', 'en'] as const).map((lang) => ({
    lang,
    spec: buildWorkbook({ month: '2015-03', agents, inputs, history, lang, mode: 'plain' }),
    file: path.join(dir, `paper-${lang}.xlsx`),
  }));
  let shown = new Map<string, Map<string, string[][]>>();
  beforeAll(async () => {
    for (const c of cases) await writeWorkbookFile(c.spec, c.file);
    shown = shownSheets(
      cases.map((c) => c.file),
      (f) => cases.find((c) => c.file === f)!.spec.sheets.map((s) => s.name),
      path.join(dir, 'shown'),
    );
  }, 120000);
  /** A cell's text as LibreOffice shows it. */
  const text = (c: (typeof cases)[number], at: { sheet: string; address: string }, col?: number) => {
    const p = parseAddr(at.address);
    return shown.get(c.file)!.get(at.sheet)![p.row - 1]?.[(col ?? p.col) - 1] ?? '';
  };
  const of = (c: (typeof cases)[number], id: string) => c.spec.layout.find((l) => l.agent.id === id)!;

  test.each(cases.map((c, i) => [c.lang, i]))('%s: the after-sales weights show 30% … and their total 100%', (_l, i) => {
    const c = cases[i as number];
    const s1 = of(c, 'S1');
    const shownWeights = AFTER_SALES_ITEMS.map((it) => text(c, s1.outputs[it.code], 6));
    expect(shownWeights).toEqual(['30%', '30%', '10%', '10%', '10%', '10%']);
    const s06Row = parseAddr(s1.outputs.S06.address).row;
    expect(text(c, { sheet: s1.outputs.S06.sheet, address: `F${s06Row + 1}` })).toBe('100%');
  });

  test.each(cases.map((c, i) => [c.lang, i]))(
    '%s: B13 reads as points the assessor decides; they stand in 扣分 and count once',
    (_l, i) => {
      const c = cases[i as number];
      const p1 = of(c, 'P1');
      const b13 = p1.outputs[countKey('B13')];
      expect(b13.address).toMatch(/^F/);
      expect(text(c, b13, 4)).toBe(c.lang === 'zh' ? '按情况' : 'as decided');
      expect(text(c, b13, 5)).toBe('—');
      expect(text(c, b13)).toBe('7');
      expect(text(c, p1.outputs.B)).toBe('93.00');
    },
  );

  test.each(cases.map((c, i) => [c.lang, i]))('%s: the quarter award is blank until the quarter is decided', (_l, i) => {
    const c = cases[i as number];
    const [award, transfer] = c.lang === 'zh' ? ['季度奖', '调岗'] : ['award', 'transfer'];
    const q = (id: string) => ({ result: text(c, of(c, id).outputs.quarter, 13), award: text(c, of(c, id).outputs.quarter, 14) });
    expect(q('P1')).toEqual({ result: award, award: '300.00' });
    expect(q('P2')).toEqual({ result: '', award: '0.00' });
    expect(q('P3')).toEqual({ result: transfer, award: '0.00' });
    expect(q('P4')).toEqual({ result: '', award: '' });
    // the summary shows the quarter sheet's award
    const summaryAward = (id: string) => text(c, of(c, id).outputs.pay, parseAddr(of(c, id).outputs.pay.address).col + 1);
    expect(['P1', 'P2', 'P3', 'P4'].map(summaryAward)).toEqual(['300.00', '0.00', '0.00', '']);
  });
});
