/**
 * The print test: every sheet of zh and en workbooks, of 9 agents (the demo month) and of 80 (a random
 * month), printed to PDF by LibreOffice with Carlito (Calibri's metrics) and Noto Sans CJK, then read back
 * from the PDF (test/helpers/pdf.ts). The page images are kept in test-output/print/ (git-ignored) for review.
 *
 * How "fits" is decided, from what the printed page shows rather than from our own layout arithmetic:
 * - LibreOffice clips a cell's text at the cell's edge (or at the next filled cell): glyphs wholly past it
 *   are left out of the PDF, a glyph partly past it is cut by a clip path. So a label that does not fit is
 *   (a) not found whole on one printed line (non-wrapping cells) or as whole words (wrapping cells), or
 *   (b) a word whose box crosses a ruled line (a cell border) — the middle of the word's box, so that the
 *   font's ascent and descent reaching into a border do not count;
 * - text that overlaps other text (a wrapped cell taller than its row) shows as two word boxes overlapping;
 * - the text size is the PDF's own (`Tf` times the matrices): at least 8 pt at print scale;
 * - a form (A, B, after-sales) has one agent per page: as many pages as agents, each with the form's
 *   title once, that agent's id and no other's, and the signature line (the block's last row).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../src/cli/main';
import { parseRoster } from '../src/io/inputs';
import { parseAddr, STYLES, SheetSpec, WorkbookSpec } from '../src/templates/model';
import { FORM_A_BLOCK_ROWS } from '../src/templates/sheets/formA';
import { buildWorkbook } from '../src/templates/workbook';
import { writeWorkbookFile } from '../src/xlsx/writer';
import { demoArgs, ROOT } from '../scripts/demo';
import { SOFFICE } from './helpers/oracles';
import { Box, PDFTOTEXT, PrintedPage, readPdf } from './helpers/pdf';
import { randomMonth } from './helpers/random';

const OUT = path.join(ROOT, 'test-output', 'print');
const FONTS = ['/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf', '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'];
const MIN_PT = 8;
/** Sheets printed one agent per page. */
const FORM_KEYS = new Set(['formA', 'formB', 'after']);

const missing = [
  ...(SOFFICE ? [] : ['LibreOffice (apt-get install -y libreoffice-calc-nogui)']),
  ...(PDFTOTEXT ? [] : ['poppler (apt-get install -y poppler-utils)']),
  ...FONTS.filter((f) => !fs.existsSync(f)).map((f) => `${f} (apt-get install -y fonts-crosextra-carlito fonts-noto-cjk)`),
];

const squeeze = (s: string) => s.replace(/\s+/g, '');

/** A sheet's text as it would be checked: constants in its printed columns, with whether their cell wraps. */
function labels(sheet: SheetSpec): Array<{ text: string; wrap: boolean; address: string }> {
  const hidden = new Set(sheet.hiddenColumns ?? []);
  const [a, b] = (sheet.printArea ?? 'A1:XFD1048576').replace(/\$/g, '').split(':');
  const c2 = parseAddr(b ?? a).col;
  return sheet.cells
    .filter(
      (c) =>
        typeof c.value === 'string' && c.value.trim() !== '' && !hidden.has(parseAddr(c.address).col) && parseAddr(c.address).col <= c2,
    )
    .map((c) => ({ text: c.value as string, wrap: STYLES[c.style].wrap ?? false, address: c.address }));
}

/** The title of a sheet as printed at its top (cell A1). */
const titleOf = (sheet: SheetSpec) => String(sheet.cells.find((c) => c.address === 'A1')?.value ?? '');

/** Each page's sheet: a page whose text holds a later sheet's title starts that sheet; one without continues the last. */
function pagesBySheet(spec: WorkbookSpec, pages: PrintedPage[]): Map<SheetSpec, PrintedPage[]> {
  const out = new Map<SheetSpec, PrintedPage[]>(spec.sheets.map((s) => [s, []]));
  let k = 0;
  for (const p of pages) {
    const text = squeeze(p.lines.join(''));
    for (let j = k; j < spec.sheets.length; j++) {
      if (text.includes(squeeze(titleOf(spec.sheets[j])))) {
        k = j;
        break;
      }
    }
    out.get(spec.sheets[k])!.push(p);
  }
  return out;
}

/** The middle band of a word's box (its x-height region, short of the font's ascent and descent). */
const core = (w: Box) => {
  const h = w.y1 - w.y0;
  return { x0: w.x0 + 0.6, x1: w.x1 - 0.6, y0: w.y0 + h * 0.3, y1: w.y1 - h * 0.3 };
};

/** Words whose middle band crosses a ruled line. */
function crossings(page: PrintedPage): string[] {
  const out: string[] = [];
  for (const w of page.words) {
    const c = core(w);
    for (const r of page.rules) {
      const vertical = r.x1 - r.x0 < 1.5 && r.y1 - r.y0 > 1.5;
      const horizontal = r.y1 - r.y0 < 1.5 && r.x1 - r.x0 > 1.5;
      const x = (r.x0 + r.x1) / 2;
      const y = (r.y0 + r.y1) / 2;
      if (vertical && x > c.x0 && x < c.x1 && r.y0 < c.y1 && r.y1 > c.y0) out.push(`"${w.text}" crosses the border at x=${x.toFixed(1)}`);
      else if (horizontal && y > c.y0 && y < c.y1 && r.x0 < c.x1 && r.x1 > c.x0)
        out.push(`"${w.text}" crosses the border at y=${y.toFixed(1)}`);
    }
  }
  return out;
}

/** Pairs of words whose middle bands overlap. */
function overlaps(page: PrintedPage): string[] {
  const out: string[] = [];
  const ws = page.words.map((w) => ({ w, c: core(w) })).sort((a, b) => a.c.x0 - b.c.x0);
  for (let i = 0; i < ws.length; i++) {
    for (let j = i + 1; j < ws.length && ws[j].c.x0 < ws[i].c.x1; j++) {
      const a = ws[i].c;
      const b = ws[j].c;
      if (a.y0 < b.y1 && b.y0 < a.y1) out.push(`"${ws[i].w.text}" overlaps "${ws[j].w.text}"`);
    }
  }
  return out;
}

/** What is wrong with one sheet's printed pages (empty when nothing). */
function sheetFaults(spec: WorkbookSpec, sheet: SheetSpec, pages: PrintedPage[]): string[] {
  const faults: string[] = [];
  const at = (p: PrintedPage, what: string) => `${sheet.name} page ${p.number}: ${what}`;
  if (pages.length === 0) return [`${sheet.name}: not printed`];
  for (const p of pages) {
    const small = p.textSizes.filter((s) => s < MIN_PT - 0.01);
    if (small.length) faults.push(at(p, `${small.length} texts below ${MIN_PT} pt (smallest ${Math.min(...small).toFixed(2)} pt)`));
    faults.push(...crossings(p).map((f) => at(p, f)), ...overlaps(p).map((f) => at(p, f)));
  }
  // every label whole: a cell that does not wrap on one printed line; a wrapping one as whole words
  const printedLines = new Set(pages.flatMap((p) => p.lines.map(squeeze)));
  const lineText = [...printedLines].join('\n');
  const words = new Set(pages.flatMap((p) => p.words.map((w) => w.text)));
  for (const l of labels(sheet)) {
    if (!l.wrap) {
      if (!lineText.split('\n').some((line) => line.includes(squeeze(l.text))))
        faults.push(`${sheet.name}!${l.address}: "${l.text}" is not printed whole on one line`);
    } else {
      for (const token of l.text.split(/\s+/).filter((t) => t && !/[\u3000-\u9fff\uff00-\uffef]/.test(t)))
        if (!words.has(token)) faults.push(`${sheet.name}!${l.address}: the word "${token}" of "${l.text}" is not printed whole`);
    }
  }
  // one agent per page
  if (FORM_KEYS.has(sheet.key)) {
    const role = sheet.key === 'after' ? 'after-sales' : 'pre-sales';
    const agents = spec.layout.map((l) => l.agent).filter((a) => a.role === role);
    const allIds = new Set(spec.layout.map((l) => l.agent.id));
    if (pages.length !== agents.length) faults.push(`${sheet.name}: ${pages.length} pages for ${agents.length} agents`);
    const title = squeeze(titleOf(sheet));
    const signature = squeeze(String(sheet.cells.find((c) => /签字|signature/.test(String(c.value ?? '')))?.value ?? '?'));
    pages.forEach((p, i) => {
      const text = squeeze(p.lines.join(''));
      const titles = text.split(title).length - 1;
      if (titles !== 1) faults.push(at(p, `the form's title printed ${titles} times`));
      if (!text.includes(signature)) faults.push(at(p, 'no signature line: the form runs onto the next page'));
      const ids = p.words.map((w) => w.text).filter((t) => allIds.has(t));
      if (agents[i] && (ids.length !== 1 || ids[0] !== agents[i].id))
        faults.push(at(p, `agent ids ${JSON.stringify(ids)}, expected only ${agents[i].id}`));
    });
  }
  return faults;
}

describe('print: the checks themselves, on pages made by hand', () => {
  const agents = [
    { id: 'E01', name: 'Becky', role: 'pre-sales' as const, group: 'G1' },
    { id: 'E02', name: 'Dan', role: 'pre-sales' as const, group: 'G1' },
  ];
  const spec = buildWorkbook({ month: '2015-01', agents, lang: 'en' });
  const formA = spec.sheets.find((s) => s.key === 'formA')!;
  const word = (text: string, x0: number, y0: number, w = text.length * 5, h = 12): Box => ({ text, x0, y0, x1: x0 + w, y1: y0 + h });
  /** a page of form A showing every label of agent `id`'s block whole on its own line, nothing ruled */
  const page = (id: string, over: Partial<PrintedPage> = {}): PrintedPage => {
    // the labels of that agent's block (its rows), as its printed page holds them
    const k = agents.findIndex((a) => a.id === id);
    const inBlock = (a1: string) => Math.floor((parseAddr(a1).row - 1) / FORM_A_BLOCK_ROWS) === k;
    const texts = labels(formA)
      .filter((l) => inBlock(l.address))
      .map((l) => l.text);
    return {
      number: 1,
      width: 595,
      height: 842,
      lines: texts,
      words: texts.flatMap((t, i) => t.split(/\s+/).map((w, k) => word(w, 10 + k * 60, 10 + i * 14))),
      rules: [],
      textSizes: [11],
      ...over,
    };
  };
  const ok = () => [page('E01'), page('E02')];

  test('two good pages: no fault', () => {
    expect(sheetFaults(spec, formA, ok())).toEqual([]);
  });
  test('a label cut (its last letters left out of the PDF, as LibreOffice clips): not printed whole', () => {
    const pages = ok().map((p) => ({ ...p, lines: p.lines.map((l) => (l === 'Assessor:' ? 'Assess' : l)) }));
    expect(sheetFaults(spec, formA, pages)).toEqual([
      expect.stringMatching(/Form A!D2: "Assessor:" is not printed whole on one line/),
      expect.stringMatching(/Form A!D24: "Assessor:" is not printed whole on one line/),
    ]);
  });
  test('a wrapped word broken over two lines ("Deducte" / "d")', () => {
    const pages = ok().map((p) => ({
      ...p,
      words: p.words.flatMap((w) => (w.text === 'Deducted' ? [word('Deducte', w.x0, w.y0), word('d', w.x0, w.y0 + 14)] : [w])),
    }));
    expect(sheetFaults(spec, formA, pages).join('\n')).toMatch(/the word "Deducted" .* is not printed whole/);
  });
  test('a word across a cell border, and two words on top of each other', () => {
    const pages = ok();
    pages[0].rules = [{ x0: 30, y0: 0, x1: 30, y1: 40 }];
    pages[1].words.push(word('eachnot', pages[1].words[0].x0 + 2, pages[1].words[0].y0 + 1));
    const faults = sheetFaults(spec, formA, pages).join('\n');
    expect(faults).toMatch(/page 1: ".*" crosses the border at x=30.0/);
    expect(faults).toMatch(/page 1: ".*" overlaps "eachnot"|page 1: "eachnot" overlaps/);
  });
  test('text below 8 pt', () => {
    const pages = ok();
    pages[1].textSizes = [11, 7.5];
    expect(sheetFaults(spec, formA, pages)).toEqual([expect.stringMatching(/page 1: 1 texts below 8 pt \(smallest 7.50 pt\)/)]);
  });
  test("an agent's form over two pages: the signature on the next page, that page without a title, pages ≠ agents", () => {
    const [a, b] = ok();
    const sign = (p: PrintedPage) => p.lines.filter((l) => /signature/.test(l));
    const split = { ...a, lines: a.lines.filter((l) => !/signature/.test(l)) };
    const rest = { ...a, number: 2, lines: sign(a), words: [] };
    const faults = sheetFaults(spec, formA, [split, rest, b]).join('\n');
    expect(faults).toMatch(/3 pages for 2 agents/);
    expect(faults).toMatch(/page 1: no signature line/);
    expect(faults).toMatch(/page 2: the form's title printed 0 times/);
  });
});

if (missing.length) {
  describe('print', () => {
    const msg = `the print test needs ${missing.join(', ')}`;
    if (process.env.CI === 'true') test('needs its oracles', () => expect(`CI=true: ${msg}`).toBe('installed'));
    else test(`skipped: ${msg}`, () => console.warn(`[print] not run: ${msg}`));
  });
} else {
  describe('print: every sheet printed to PDF by LibreOffice', () => {
    const cases: Array<{ name: string; spec: WorkbookSpec; file: string }> = [];
    const printed = new Map<string, PrintedPage[]>();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-print-'));

    beforeAll(async () => {
      fs.rmSync(OUT, { recursive: true, force: true });
      fs.mkdirSync(OUT, { recursive: true });
      const month = randomMonth(8, 80, ['2015-01', '2015-02']);
      // S02 as the paper form has it: at most 20 ratings (the cell is laid out for 20)
      for (const inp of Object.values(month.inputs)) if (typeof inp.S02 === 'string') inp.S02 = inp.S02.slice(0, 20);
      for (const lang of ['zh', 'en'] as const) {
        // 9 agents: the demo month, through the CLI as a user builds it
        const demo = path.join(dir, `demo-${lang}.xlsx`);
        const code = await run([...demoArgs(demo), '--lang', lang], { stdout: { write: () => true }, stderr: { write: () => true } });
        if (code !== 0) throw new Error(`kpi-forms new --lang ${lang} exited ${code}`);
        // its sheets' texts and agents, as the CLI built them (inputs aside)
        const agents = await parseRoster(path.join(ROOT, 'examples', 'roster-2015q1.csv'));
        cases.push({ name: `demo-${lang}`, spec: buildWorkbook({ month: '2015-01', agents, lang }), file: demo });
        // 80 agents
        const spec = buildWorkbook({ month: '2015-03', lang, agents: month.agents, inputs: month.inputs, history: month.history });
        const file = path.join(dir, `random80-${lang}.xlsx`);
        await writeWorkbookFile(spec, file, { force: true });
        cases.push({ name: `random80-${lang}`, spec, file });
      }
      const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lo-print-'));
      execFileSync(
        SOFFICE!,
        [
          `-env:UserInstallation=file://${profile}`,
          '--headless',
          '--norestore',
          '--nolockcheck',
          '--convert-to',
          'pdf',
          '--outdir',
          OUT,
          ...cases.map((c) => c.file),
        ],
        { stdio: 'pipe', timeout: 600000, env: { ...process.env, HOME: profile } },
      );
      for (const c of cases) {
        const pdf = path.join(OUT, `${c.name}.pdf`);
        if (!fs.existsSync(pdf)) throw new Error(`LibreOffice did not write ${pdf}`);
        printed.set(c.name, readPdf(pdf));
        // the pages as images, for review (small for the 80-agent months)
        execFileSync('pdftoppm', ['-r', c.name.startsWith('demo') ? '100' : '50', '-png', pdf, path.join(OUT, c.name)]);
      }
    }, 900000);

    for (const name of ['demo-zh', 'demo-en', 'random80-zh', 'random80-en']) {
      test(`${name}: every label whole in its cell, nothing overlapping, text ≥ ${MIN_PT} pt, one agent's form per page`, () => {
        const c = cases.find((x) => x.name === name)!;
        const bySheet = pagesBySheet(c.spec, printed.get(name)!);
        const faults = c.spec.sheets.flatMap((s) => sheetFaults(c.spec, s, bySheet.get(s)!));
        expect(faults).toEqual([]);
      });
    }
  });
}
