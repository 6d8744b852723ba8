/**
 * The .xlsx writer (src/xlsx/writer.ts): what a written file holds, read back with ExcelJS and, for
 * what ExcelJS does not read (row breaks, calcPr), from the file's XML.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import JSZip from 'jszip';
import * as os from 'os';
import * as path from 'path';
import { Problem } from '../src/core/problem';
import { SHEET_NAMES } from '../src/templates/i18n';
import { Agent, WorkbookSpec } from '../src/templates/model';
import { buildWorkbook } from '../src/templates/workbook';
import { workbookToExcelJS, writeWorkbookFile, xlsxFormula } from '../src/xlsx/writer';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { slideFormula } = require('exceljs/lib/utils/shared-formula') as { slideFormula: (f: string, from: string, to: string) => string };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-writer-'));
const agents: Agent[] = [
  { id: 'E01', name: '=SUM(1)', role: 'pre-sales', group: 'G1' },
  { id: 'E02', name: '+86 Li', role: 'pre-sales', group: 'G1' },
  { id: 'E03', name: '-Wu', role: 'after-sales', group: 'G2' },
  { id: 'E04', name: '@Zhou', role: 'after-sales', group: 'G2' },
];
const N = SHEET_NAMES.zh;

describe('xlsxFormula', () => {
  test('prefixes RANK.EQ with _xlfn. outside string literals, once', () => {
    expect(xlsxFormula('IF(ISNUMBER(G6),RANK.EQ(G6,G$6:G$9),"")')).toBe('IF(ISNUMBER(G6),_xlfn.RANK.EQ(G6,G$6:G$9),"")');
    expect(xlsxFormula('=rank.eq(A1,A:A,1)')).toBe('_xlfn.RANK.EQ(A1,A:A,1)');
    expect(xlsxFormula('"RANK.EQ(x)"&RANK.EQ(A1,B1:B2)')).toBe('"RANK.EQ(x)"&_xlfn.RANK.EQ(A1,B1:B2)');
    expect(xlsxFormula('"a""RANK.EQ(""b"&_xlfn.RANK.EQ(A1,B1:B2)')).toBe('"a""RANK.EQ(""b"&_xlfn.RANK.EQ(A1,B1:B2)');
    expect(xlsxFormula('MYRANK.EQ(1)')).toBe('MYRANK.EQ(1)');
  });
});

describe('a written workbook, read back', () => {
  let spec: WorkbookSpec;
  let wb: ExcelJS.Workbook;
  let zip: JSZip;
  const file = path.join(dir, 'march.xlsx');
  beforeAll(async () => {
    spec = buildWorkbook({ month: '2024-03', agents, inputs: { E01: { A01: 2, EX: 80 }, E03: { S02: 'AB', S03: 'A' } } });
    // a name on a quoted sheet name with a hyphen, over a range
    spec.names.push({ name: 'TEST_RANGE', ref: `'${N.formA}'!$C$4:$D$5` });
    await writeWorkbookFile(spec, file);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    zip = await JSZip.loadAsync(fs.readFileSync(file));
  });
  const sheetXml = async (name: string) => {
    const idx = wb.worksheets.findIndex((w) => w.name === name);
    const rels = await zip.file('xl/workbook.xml')!.async('string');
    expect(rels).toContain(`name="${name}"`);
    return zip.file(`xl/worksheets/sheet${idx + 1}.xml`)!.async('string');
  };

  test('every sheet of the spec, in order', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      N.summary,
      N.formA,
      N.formB,
      N.test,
      N.after,
      N.records,
      N.quarter,
      N.rules,
      N.roster,
    ]);
  });

  test('names beginning with = + - @ are strings, never formulas', () => {
    const ro = wb.getWorksheet(N.roster)!;
    const names = [3, 4, 5, 6].map((r) => ro.getCell(`B${r}`));
    expect(names.map((c) => c.value)).toEqual(['=SUM(1)', '+86 Li', '-Wu', '@Zhou']);
    for (const c of names) {
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.formula).toBeUndefined();
    }
    // the assessee name on form A and the summary's name column too
    expect(wb.getWorksheet(N.formA)!.getCell('C2').type).toBe(ExcelJS.ValueType.String);
    expect(wb.getWorksheet(N.summary)!.getCell('C6').value).toBe('=SUM(1)');
  });

  test('formulas without "=", with _xlfn.RANK.EQ; inputs as values; a count given as a month-level record', () => {
    const sm = wb.getWorksheet(N.summary)!;
    const rank = spec.layout[0].outputs.rank;
    expect(sm.getCell(rank.address).formula).toContain('IF(ISNUMBER(H6),_xlfn.RANK.EQ(H6,H$6:H$7),"")');
    // A01 is counted from the records (D12): the form's count is a SUMIFS over them, and E01's 2 is the
    // records sheet's first row, without a date (a month-level record)
    const a01 = spec.layout[0].outputs['n:A01'];
    expect(spec.layout[0].inputs.A01).toBeUndefined();
    expect(wb.getWorksheet(a01.sheet)!.getCell(a01.address).formula).toBe('SUMIFS(REC_COUNTED,REC_ID,"=E01",REC_CODE,"=A01")');
    const rec = wb.getWorksheet(N.records)!.getRow(4);
    expect([1, 2, 3, 4, 7].map((c) => rec.getCell(c).value)).toEqual([null, 'E01', 'A01', 2, null]);
    expect(wb.getWorksheet(N.records)!.getCell('B5').value).toBeNull();
    const s02 = spec.layout[2].inputs.S02;
    expect(wb.getWorksheet(s02.sheet)!.getCell(s02.address).value).toBe('AB');
    // every formula cell of the spec is a formula in the file
    let formulas = 0;
    let shared = 0;
    for (const sh of spec.sheets) {
      const ws = wb.getWorksheet(sh.name)!;
      for (const c of sh.cells) {
        if (c.formula === undefined) continue;
        const cell = ws.getCell(c.address);
        const master = (cell.value as { sharedFormula?: string }).sharedFormula;
        // a shared formula (the records sheet's columns): Excel moves its references from the master cell, never
        // text in quotes; ExcelJS's reading would also move "B13" inside a string, so its slideFormula is applied
        // outside the string literals only (as in test/xlsx/records-file.test.ts)
        const formula = master
          ? ws
              .getCell(master)
              .formula.split(/("(?:[^"]|"")*")/)
              .map((part, i) => (i % 2 === 1 ? part : slideFormula(part, master, c.address)))
              .join('')
          : cell.formula;
        if (master) shared++;
        expect([sh.name, c.address, formula]).toEqual([sh.name, c.address, xlsxFormula(c.formula)]);
        formulas++;
      }
    }
    expect(formulas).toBeGreaterThan(100);
    expect(shared).toBeGreaterThan(0);
  });

  test('Excel recalculates on open (no cached values are written)', async () => {
    expect(await zip.file('xl/workbook.xml')!.async('string')).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  test('defined names: rules and metadata, quoted sheet names, ranges', () => {
    const model = new Map((wb.definedNames.model as Array<{ name: string; ranges: string[] }>).map((d) => [d.name, d.ranges]));
    for (const n of spec.names) expect(model.get(n.name)).toEqual([n.ref]);
    expect(model.get('PTS_A01')).toEqual([`'${N.rules}'!$C$4`]);
    expect(model.get('TEST_RANGE')).toEqual([`'表A-业务'!$C$4:$D$5`]);
    expect(model.get('GRADE_S03')![0]).toMatch(new RegExp(`^'${N.rules}'!\\$C\\$\\d+:\\$D\\$\\d+$`));
    const month = model.get('KPI_MONTH')![0].split('!')[1].replace(/\$/g, '');
    expect(wb.getWorksheet(N.rules)!.getCell(month).value).toBe('2024-03');
    const pts = model.get('PTS_A07')![0].split('!')[1].replace(/\$/g, '');
    expect(wb.getWorksheet(N.rules)!.getCell(pts).value).toBe(4); // A07: 4 per time
  });

  test('styles: inputs unlocked on a pale yellow fill; formulas locked; headers bold and grey; borders; number formats', () => {
    const ex = spec.layout[0].inputs.EX;
    const input = wb.getWorksheet(ex.sheet)!.getCell(ex.address);
    expect(input.protection).toMatchObject({ locked: false });
    expect(input.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9DB' } });
    expect(input.border.top).toMatchObject({ style: 'thin' });
    const total = spec.layout[0].outputs.total;
    const t = wb.getWorksheet(total.sheet)!.getCell(total.address);
    expect(t.protection?.locked).not.toBe(false);
    // two decimals; the text `incomplete` shown as the workbook's word (D11)
    expect(t.numFmt).toBe('0.00;-0.00;0.00;"未完成"');
    expect(t.font?.bold).toBe(true);
    const header = wb.getWorksheet(N.summary)!.getCell('A5');
    expect(header.font?.bold).toBe(true);
    expect(header.fill).toMatchObject({ fgColor: { argb: 'FFD9D9D9' } });
    expect(header.alignment).toMatchObject({ horizontal: 'center', wrapText: true });
    const pay = spec.layout[0].outputs.pay;
    expect(wb.getWorksheet(pay.sheet)!.getCell(pay.address).numFmt).toBe('#,##0.00;-#,##0.00;0.00;"未完成"');
    const s02 = spec.layout[2].inputs.S02;
    expect(wb.getWorksheet(s02.sheet)!.getCell(s02.address).numFmt).toBe('@');
    // rule values are editable by a manager
    expect(wb.getWorksheet(N.rules)!.getCell('C4').protection).toMatchObject({ locked: false });
  });

  test('data validation: whole counts, half days, test 0–100, grade list, ratings; error messages shown', () => {
    const dv = (code: string, i = 0) => {
      const loc = spec.layout[i].inputs[code];
      return wb.getWorksheet(loc.sheet)!.getCell(loc.address).dataValidation;
    };
    // a monthly count typed on the form (S01 tickets); the per-occurrence counts are records (D12)
    expect(dv('S01', 2)).toMatchObject({
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [0],
      showErrorMessage: true,
      allowBlank: true,
    });
    expect(dv('S01', 2).error).toBe('次数必须是≥0的整数 (D4)');
    expect(dv('S01', 2).prompt).toBe('次数:≥0的整数,空白按0计');
    // a record's count: whole ≥ 0, B06 in half days, B13 points up to 100, S02 a rating letter (D4)
    const count = wb.getWorksheet(N.records)!.getCell('D4').dataValidation;
    expect(count).toMatchObject({ type: 'custom', showErrorMessage: true, error: '次数不符合该项目的规则 (D4)' });
    expect(count.formulae[0]).toBe(
      'IF($C4="S02",AND(LEN(D4)=1,ISNUMBER(FIND(UPPER(D4),"ABCD"))),AND(ISNUMBER(D4),D4>=0,IF($C4="B13",D4<=100,MOD(D4*IF($C4="B06",2,1),1)=0)))',
    );
    expect(dv('EX')).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 100] });
    expect(dv('S03', 2)).toMatchObject({ type: 'list', formulae: ['"A,B,C,D,E"'] });
    expect(dv('S02', 2)).toMatchObject({ type: 'custom' });
  });

  test('merges, column widths, row heights, frozen header rows', () => {
    const fa = wb.getWorksheet(N.formA)!;
    expect(fa.getCell('A1').isMerged).toBe(true);
    expect(fa.getCell('F1').master.address).toBe('A1');
    expect(fa.getColumn(3).width).toBe(44);
    // the title row as measured (templates/measure.ts): 14 pt Chinese, 14 × 1.448 em (Noto Sans CJK) × 1.08 + 3 → 25
    expect(fa.getRow(1).height).toBe(25);
    const sm = wb.getWorksheet(N.summary)!;
    expect(sm.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
  });

  test('conditional formats on the summary (red lines, rank 1, last two)', () => {
    const sm = wb.getWorksheet(N.summary)!;
    // not in ExcelJS's typings
    const cfs = (sm as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
    expect(cfs.map((c) => c.ref)).toEqual(['A6:S7', 'A6:S7', 'A6:S7', 'A12:S13', 'A12:S13']);
    expect(cfs[0].rules[0]).toMatchObject({ type: 'expression', formulae: ['$J6>0'] });
    expect(cfs[0].rules[0].style?.fill).toMatchObject({ bgColor: { argb: 'FFFFC7CE' } });
    expect(cfs[0].rules[0].style?.font).toMatchObject({ bold: true, color: { argb: 'FF9C0006' } });
    expect(cfs[1].rules[0]).toMatchObject({ type: 'expression', formulae: ['$A6=1'] });
    // the last two by the flag the engines compare (hidden column U), not by the word shown
    expect(cfs[2].rules[0]).toMatchObject({ type: 'expression', formulae: ['$U6=TRUE'] });
  });

  test('sheet protection without a password: select cells, format rows and columns allowed', () => {
    for (const sheet of wb.worksheets) {
      // not in ExcelJS's typings
      const ws = sheet as unknown as { sheetProtection: Record<string, unknown> };
      expect(ws.sheetProtection).toMatchObject({ sheet: true, formatColumns: true, formatRows: true });
      expect(ws.sheetProtection.selectLockedCells).not.toBe(false);
      expect(ws.sheetProtection.selectUnlockedCells).not.toBe(false);
      expect(ws.sheetProtection.hashValue).toBeUndefined();
    }
  });

  test('print setup: A4; sheets with manual breaks (forms, summary) at a fixed scale (Excel ignores them under fit-to-page), the rest fit to one page wide; print area and titles, one agent per page', async () => {
    const fa = wb.getWorksheet(N.formA)!;
    // form A's measured columns (about 430 pt in the wider renderer) fit A4 portrait's 523 pt at full size
    expect(fa.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: false, scale: 100 });
    const summary = spec.sheets.find((s) => s.key === 'summary')!;
    expect(wb.getWorksheet(N.summary)!.pageSetup).toMatchObject({ fitToPage: false, scale: summary.printScale });
    expect(wb.getWorksheet(N.test)!.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(fa.pageSetup.printArea).toBe('A1:F44');
    // absolute in the file, as Excel writes print areas (ExcelJS alone would write $A1:$F44)
    expect(await zip.file('xl/workbook.xml')!.async('string')).toContain(`&apos;${N.formA}&apos;!$A$1:$F$44</definedName>`);
    expect(wb.getWorksheet(N.summary)!.pageSetup.orientation).toBe('landscape');
    expect(wb.getWorksheet(N.test)!.pageSetup.printTitlesRow).toBe('3:3');
    // row breaks after each agent's block (22 rows on form A, 17 on the after-sales form)
    expect(await sheetXml(N.formA)).toMatch(
      /<rowBreaks count="2" manualBreakCount="2"><brk id="22"[^>]*man="1"\/><brk id="44"[^>]*man="1"\/><\/rowBreaks>/,
    );
    expect(await sheetXml(N.after)).toMatch(/<brk id="17"[^>]*\/><brk id="34"/);
    // the S01 helper column (every after-sales agent's tickets, D5) is hidden and outside the print area
    expect(wb.getWorksheet(N.after)!.getColumn(9).hidden).toBe(true);
    expect(wb.getWorksheet(N.after)!.pageSetup.printArea).toMatch(/^\$?A\$?1:\$?G/);
  });
});

describe('writeWorkbookFile: whole or nothing, never overwriting unless forced', () => {
  const spec = () => buildWorkbook({ month: '2024-03', agents: agents.slice(0, 1) });
  const tmpLeft = () => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

  test('an existing file is not replaced without force; with force it is', async () => {
    const out = path.join(dir, 'exists.xlsx');
    fs.writeFileSync(out, 'keep me');
    await expect(writeWorkbookFile(spec(), out)).rejects.toBeInstanceOf(Problem);
    await expect(writeWorkbookFile(spec(), out)).rejects.toMatchObject({ code: 'xlsx.outputExists' });
    await expect(writeWorkbookFile(spec(), out)).rejects.toThrow(`${out}: already exists; not overwritten (use --force to replace it)`);
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
    const bytes = await writeWorkbookFile(spec(), out, { force: true });
    expect(fs.statSync(out).size).toBe(bytes);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(tmpLeft()).toEqual([]);
  });

  test('a missing folder is an error, and nothing is written', async () => {
    const out = path.join(dir, 'no-such-folder', 'a.xlsx');
    await expect(writeWorkbookFile(spec(), out)).rejects.toThrow(/the folder .*no-such-folder does not exist/);
    await expect(writeWorkbookFile(spec(), out)).rejects.toMatchObject({ code: 'xlsx.noFolder' });
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a spec the model does not allow fails before any file is written', async () => {
    const bad = spec();
    bad.sheets[0].cells.push({ address: 'A1', style: 'nope' as never });
    const out = path.join(dir, 'bad.xlsx');
    await expect(writeWorkbookFile(bad, out)).rejects.toThrow(/unknown style "nope"/);
    expect(fs.existsSync(out)).toBe(false);
    expect(tmpLeft()).toEqual([]);
  });

  test('workbookToExcelJS renders in memory only', () => {
    const wb = workbookToExcelJS(spec());
    // the eight sheets and the records sheet (D12)
    expect(wb.worksheets.length).toBe(9);
    expect(wb.calcProperties.fullCalcOnLoad).toBe(true);
  });
});
