/**
 * Layout from measured text (src/templates/measure.ts): the metrics table against the font files, and
 * widths, heights and print scales worked by hand from Carlito's advance widths (digit 0.507 em, colon
 * 0.268 em regular / 0.276 em bold, CJK 1 em) and line height (1.221 em). The print test
 * (test/print.test.ts) checks the result on paper.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as fontkit from 'fontkit';
import { FONT_METRICS } from '../../src/templates/font-metrics';
import { blockScale, fitSheet, shownText, textRoom, textWidth, wrapLines } from '../../src/templates/measure';
import { CellSpec, SheetSpec } from '../../src/templates/model';
import { buildWorkbook } from '../../src/templates/workbook';
import { workbookToExcelJS } from '../../src/xlsx/writer';

const sheet = (over: Partial<SheetSpec>): SheetSpec => ({
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

const ROOT = path.join(__dirname, '..', '..');
/** The font files scripts/font-metrics.ts reads. */
const FONT_FILES = {
  regular: '/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf',
  cjk: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
};
const fontsPresent = Object.values(FONT_FILES).every((f) => fs.existsSync(f));

describe('the metrics table', () => {
  if (fontsPresent) {
    test('is what scripts/font-metrics.ts reads from the font files today (its --check)', () => {
      // a process of its own: the script formats with prettier, which jest's module loader cannot import
      const r = spawnSync(process.execPath, [require.resolve('tsx/cli'), path.join(ROOT, 'scripts', 'font-metrics.ts'), '--check'], {
        encoding: 'utf8',
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
    test("agrees with fontkit's own reading of Carlito for every letter of the forms' English", () => {
      const regular = fontkit.openSync(FONT_FILES.regular) as unknown as fontkit.Font;
      for (const ch of 'Assessor: Deducted (100 − 30%) SP1 SN1 form B') {
        const want = (regular.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth * 11) / regular.unitsPerEm;
        // the table keeps thousandths of an em: 11 pt / 2000 either way
        expect(Math.abs(textWidth(ch) - want)).toBeLessThanOrEqual(0.0055);
      }
    });
  } else {
    test('(the fonts are not installed: the table is checked where they are)', () => {
      const msg = 'apt-get install -y fonts-crosextra-carlito fonts-noto-cjk';
      if (process.env.CI === 'true') throw new Error(`CI=true: the font files are missing (${msg})`);
      console.warn(`[measure] metrics table not checked: ${msg}`);
    });
  }
  test('covers ASCII; Latin line 1.221 em (Calibri), CJK line 1.448 em (Noto Sans CJK)', () => {
    for (let c = 0x20; c < 0x7f; c++) expect(FONT_METRICS.chars).toContain(String.fromCharCode(c));
    expect([FONT_METRICS.latinLine, FONT_METRICS.cjkLine]).toEqual([1.221, 1.448]);
  });
});

describe('measuring text', () => {
  test('a digit is 0.507 em, a CJK character 1 em, bold wider', () => {
    expect(textWidth('0')).toBeCloseTo(5.577, 3);
    expect(textWidth('考核日期')).toBe(44);
    expect(textWidth(':', 11, true)).toBeCloseTo(3.036, 3);
    expect(textWidth('Assessor', 11, true)).toBeGreaterThan(textWidth('Assessor'));
  });

  test('the room of a column is the narrower of Excel (7 px per character) and LibreOffice (5.55 pt, less padding)', () => {
    expect(textRoom([7])).toBeCloseTo(36.35, 2); // LibreOffice: 38.85 − 2.5; Excel: 36.75
    expect(textRoom([44])).toBeCloseTo(231, 2); // Excel: 7 × 44 px × 0.75
    // merged: Excel (7 × 55 + 3 × 5) px × 0.75 less one padding = 296.25; LibreOffice 55 × 5.55 − 2.5 = 302.75
    expect(textRoom([5, 6, 44])).toBeCloseTo(296.25, 2);
  });

  test('wrapping: at spaces for Latin, anywhere between CJK characters', () => {
    expect(wrapLines('aaaa bbbb', textRoom([6]))).toEqual(['aaaa', 'bbbb']);
    expect(wrapLines('aaaa bbbb', textRoom([20]))).toEqual(['aaaa bbbb']);
    // room for 3 characters of 11 pt (with the 5% margin: 3 × 11.55 = 34.65 ≤ 36.35 < 46.2)
    expect(wrapLines('电话响铃未接听', textRoom([7]))).toEqual(['电话响', '铃未接', '听']);
  });

  test('what a cell shows: a sample, a label with its conditional part, the longest branch, incomplete in the workbook language', () => {
    const c = (x: Partial<CellSpec>): CellSpec => ({ address: 'A1', style: 'text', ...x });
    expect(shownText(c({ value: 'x', sample: 'DDDD' }), 'en')).toBe('DDDD');
    expect(shownText(c({ formula: '"Score"&IF(A2>0,"  RED LINE","")' }), 'en')).toBe('Score  RED LINE');
    expect(shownText(c({ formula: 'IF(A2>0,"RED LINE","")' }), 'en')).toBe('RED LINE');
    expect(shownText(c({ style: 'points', formula: 'IF(A2="","incomplete",A2)' }), 'zh')).toBe('未完成');
    expect(shownText(c({ style: 'points', formula: 'A2*2' }), 'en')).toBe('incomplete');
  });
});

describe('fitSheet', () => {
  test('a label that does not fit widens its column: 考核日期: (bold) in 7 characters → 9.5 (its 47 pt + 5% in Excel’s 5.25 pt per character)', () => {
    const s = sheet({
      widths: [5, 6, 44, 7, 7, 8],
      cells: [
        { address: 'D2', style: 'label', value: '考核日期:' },
        { address: 'E2', style: 'inputText' },
      ],
    });
    fitSheet(s, 'zh');
    // (4 × 1000 + 276) / 1000 × 11 × 1.05 / 5.25 = 9.41 → 9.5 (to the tenth above)
    expect(s.widths).toEqual([5, 6, 44, 9.5, 7, 8]);
  });

  test('a label may run on over empty cells to its right (the signature line), not over a filled one', () => {
    const s = sheet({ widths: [5, 6, 44], cells: [{ address: 'A9', style: 'label', value: 'Assessee signature: ____________' }] });
    fitSheet(s, 'en');
    expect(s.widths).toEqual([5, 6, 44]);
    s.cells.push({ address: 'B9', style: 'text', value: 'x' });
    fitSheet(s, 'en');
    expect(s.widths[0]).toBeGreaterThan(30);
  });

  test('a wrapped cell gets its lines’ height: 2 Latin lines of 11 pt = 2 × 11 × 1.221 × 1.08 + 3 = 32.01 → 32.25; one Latin line keeps the default, a Chinese one is taller', () => {
    const s = sheet({
      widths: [6, 20],
      cells: [
        { address: 'A1', style: 'wrap', value: 'aaaa bbbb' },
        { address: 'B2', style: 'wrap', value: 'aaaa bbbb' },
      ],
    });
    fitSheet(s, 'en');
    expect(s.rowHeights).toEqual({ 1: 32.25 });
    // one Chinese line: 11 × 1.448 (Noto Sans CJK) × 1.08 + 3 = 20.2 → 20.25
    s.cells.push({ address: 'B3', style: 'text', value: '考核日期' });
    fitSheet(s, 'zh');
    expect(s.rowHeights).toEqual({ 1: 32.25, 3: 20.25 });
  });

  test('a wrapped cell holds its longest word whole: the column widens to it', () => {
    const s = sheet({ widths: [4], cells: [{ address: 'A1', style: 'header', value: 'Deducted' }] });
    fitSheet(s, 'en');
    expect(textRoom(s.widths)).toBeGreaterThanOrEqual(textWidth('Deducted', 11, true) * 1.05);
  });

  test("never past Excel's limits: a column 255 characters, a row 409 pt", () => {
    const s = sheet({
      widths: [10, 10],
      cells: [
        { address: 'A1', style: 'text', value: 'x'.repeat(2000) },
        { address: 'B2', style: 'wrap', value: '考'.repeat(3000) },
      ],
    });
    fitSheet(s, 'zh');
    expect(s.widths[0]).toBe(255);
    expect(s.rowHeights[2]).toBe(409);
  });

  test('one block per page: the scale at which the wider renderer’s columns fit A4 portrait, 1% to spare', () => {
    // 2 × max((50 × 7 + 5) × 0.75, 50 × 5.55) = 555 pt against 523.28 pt: 94.3% × 0.99 → 93
    expect(blockScale(sheet({ widths: [50, 50], rowBreaks: [10], printScale: 85 }), true)).toBe(93);
    // a block of 60 rows of 15 pt (900 pt) against 755.49 pt: 83.9% × 0.99 → 83
    expect(blockScale(sheet({ widths: [10], rowBreaks: [60], printScale: 85 }), true)).toBe(83);
  });

  test('a sheet with a manual break and no scale (the summary) gets a fixed scale from its width: Excel ignores breaks under fit-to-pages', () => {
    const s = sheet({ widths: [50, 50], rowBreaks: [60], landscape: true });
    fitSheet(s, 'en');
    // 555 pt against 769.89 pt landscape: 100 (never above)
    expect(s.printScale).toBe(100);
    const wide = sheet({ widths: Array(19).fill(10), rowBreaks: [60], landscape: true });
    fitSheet(wide, 'en');
    // 19 × 56.25 = 1068.75 pt: 72.0% × 0.99 → 71
    expect(wide.printScale).toBe(71);
  });
});

describe('the workbook', () => {
  test('every form prints one agent per page at ≥ 73% (11 pt ≥ 8 pt), the note of form B at ≥ 89% (9 pt ≥ 8 pt)', () => {
    const agents = [
      { id: 'E01', name: 'Becky', role: 'pre-sales' as const, group: 'G1' },
      { id: 'E05', name: 'Jim', role: 'after-sales' as const, group: 'G2' },
    ];
    for (const lang of ['zh', 'en'] as const) {
      const wb = buildWorkbook({ month: '2015-01', agents, lang });
      const scale = (k: string) => wb.sheets.find((s) => s.key === k)!.printScale!;
      expect(scale('formA')).toBeGreaterThanOrEqual(73);
      expect(scale('formB')).toBeGreaterThanOrEqual(89);
      expect(scale('after')).toBeGreaterThanOrEqual(73);
    }
  });

  test('every cell of the .xlsx file names its font (Calibri): LibreOffice prints a nameless font in its own default', () => {
    const wb = workbookToExcelJS(
      buildWorkbook({ month: '2015-01', agents: [{ id: 'E01', name: 'A', role: 'pre-sales', group: 'G' }], lang: 'en' }),
    );
    let cells = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          // a cell a merge covers shows nothing (its master's text)
          if (cell.isMerged && cell.master !== cell) return;
          cells++;
          expect(cell.font?.name).toBe('Calibri');
        }),
      ),
    );
    expect(cells).toBeGreaterThan(100);
  });
});
