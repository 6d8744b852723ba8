/**
 * Both writers render one description (src/templates/render.ts): the .xlsx file (read back with ExcelJS)
 * and what the Office.js writer leaves in the fake Excel (test/helpers/fakeExcel.ts) agree, cell by cell,
 * on styles (bold, fill, number format, alignment, locking, borders), data validation (type, messages and
 * their titles), and per sheet on the page setup (orientation, print area and titles, margins, the
 * fixed print scale), frozen rows and hidden columns. Differences are only of the API's notation
 * (`FFRRGGBB` or `#RRGGBB`, inches or points).
 */
import ExcelJS from 'exceljs';
import { insertIntoWorkbook } from '../src/office/writer';
import { WorkbookSpec } from '../src/templates/model';
import { buildWorkbook } from '../src/templates/workbook';
import { workbookBuffer } from '../src/xlsx/writer';
import { FakeWorkbook } from './helpers/fakeExcel';
import { sampleAgents } from './helpers/sync-count';

/** General is every cell's number format unless set: ExcelJS reads it back as none */
const general = (f: string | undefined) => (f === undefined || f === '' || f === 'General' ? undefined : f);
const HORIZONTAL: Record<string, string | undefined> = { general: undefined, left: 'Left', center: 'Center', right: 'Right' };

describe.each(['zh', 'en'] as const)('%s: the .xlsx file and the Office.js insertion agree', (lang) => {
  let spec: WorkbookSpec;
  let xlsx: ExcelJS.Workbook;
  let fake: FakeWorkbook;
  beforeAll(async () => {
    spec = buildWorkbook({ month: '2024-03', agents: sampleAgents(6), lang, mode: 'plain' });
    xlsx = new ExcelJS.Workbook();
    await xlsx.xlsx.load((await workbookBuffer(spec)) as unknown as ExcelJS.Buffer);
    fake = new FakeWorkbook();
    await insertIntoWorkbook(spec, { run: fake.run });
  });

  test('styles, cell by cell', () => {
    const diffs: string[] = [];
    let n = 0;
    for (const sh of spec.sheets) {
      const ws = xlsx.getWorksheet(sh.name)!;
      const fs = fake.sheet(sh.name)!;
      for (const c of sh.cells) {
        const x = ws.getCell(c.address);
        const o = fs.cells.get(c.address)!;
        const fill = (x.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
        const fromFile = {
          bold: x.font?.bold ?? false,
          fill: fill ? `#${fill.slice(2)}` : undefined,
          numFmt: general(x.numFmt),
          horizontal: HORIZONTAL[x.alignment?.horizontal ?? 'general'],
          wrap: x.alignment?.wrapText ?? false,
          locked: x.protection?.locked !== false,
          border: !!x.border?.top,
        };
        const fromOffice = {
          bold: o.bold ?? false,
          fill: o.fill,
          numFmt: general(o.numberFormat),
          horizontal: o.hAlign,
          wrap: o.wrap ?? false,
          locked: o.locked,
          border: (o.borders?.size ?? 0) > 0,
        };
        if (JSON.stringify(fromFile) !== JSON.stringify(fromOffice))
          diffs.push(`${sh.name}!${c.address} ${JSON.stringify(fromFile)} ≠ ${JSON.stringify(fromOffice)}`);
        n++;
      }
    }
    expect(diffs.slice(0, 5)).toEqual([]);
    expect(n).toBeGreaterThan(500);
  });

  test('data validation: the same rule, messages and titles on every validated cell', () => {
    const titles = lang === 'zh' ? ['填写说明', '输入无效'] : ['Input', 'Invalid entry'];
    let n = 0;
    for (const sh of spec.sheets) {
      const ws = xlsx.getWorksheet(sh.name)!;
      const fs = fake.sheet(sh.name)!;
      for (const c of sh.cells.filter((x) => x.validation)) {
        const x = ws.getCell(c.address).dataValidation;
        const o = fs.validationAt(c.address)!;
        const officeType = Object.keys(o.rule)[0];
        expect(`${c.address} ${officeType === 'wholeNumber' ? 'whole' : officeType}`).toBe(`${c.address} ${x.type}`);
        expect([x.promptTitle, x.prompt, x.errorTitle, x.error]).toEqual([
          o.prompt!.title,
          o.prompt!.message,
          o.errorAlert!.title,
          o.errorAlert!.message,
        ]);
        expect([x.promptTitle, x.errorTitle]).toEqual(titles);
        expect(x.prompt).toBe(c.validation!.prompt);
        n++;
      }
    }
    expect(n).toBeGreaterThan(50);
  });

  test('page setup, frozen rows, hidden columns, per sheet', () => {
    for (const sh of spec.sheets) {
      const ps = xlsx.getWorksheet(sh.name)!.pageSetup;
      const fs = fake.sheet(sh.name)!;
      const p = fs.page;
      expect(`${sh.name} ${ps.orientation}`).toBe(`${sh.name} ${String(p.orientation).toLowerCase()}`);
      expect(ps.paperSize).toBe(9); // A4
      expect(p.paperSize).toBe('A4');
      expect((ps.printArea ?? '').replace(/\$/g, '')).toBe(String(p.printArea ?? '').replace(/\$/g, ''));
      expect(ps.printTitlesRow ?? null).toBe(typeof p.printTitleRows === 'string' ? p.printTitleRows.replace(/\$/g, '') : null);
      // inches in the file, points through Office.js
      const m = ps.margins!;
      expect([m.left, m.right, m.top, m.bottom, m.header, m.footer].map((x) => Math.round(x * 72 * 100) / 100)).toEqual([
        p.leftMargin,
        p.rightMargin,
        p.topMargin,
        p.bottomMargin,
        p.headerMargin,
        p.footerMargin,
      ]);
      // a fixed scale in both where the sheet has manual breaks; else fit to one page wide where the file honours it
      if (sh.printScale) expect([ps.fitToPage, ps.scale]).toEqual([false, (p.zoom as { scale: number }).scale]);
      else expect([ps.fitToPage, ps.fitToWidth, ps.fitToHeight]).toEqual([true, 1, 0]);
      const views = xlsx.getWorksheet(sh.name)!.views;
      expect((views?.[0] as { ySplit?: number } | undefined)?.ySplit ?? 0).toBe(fs.freezeRows);
      const hidden = xlsx
        .getWorksheet(sh.name)!
        .columns.map((col, i) => (col.hidden ? i + 1 : 0))
        .filter(Boolean);
      expect(hidden).toEqual([...fs.hiddenColumns].sort((a, b) => a - b));
    }
  });
});
