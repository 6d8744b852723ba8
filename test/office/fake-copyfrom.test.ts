/**
 * The fake Excel's Range.copyFrom and the reference mover behind it, against examples worked by hand (what Excel's
 * paste and fill do to relative references: Microsoft support, "Move or copy a formula" / "Switch between relative,
 * absolute, and mixed references"), and against ExcelJS's own shared-formula mover on the records sheet's formulas.
 */
import { FakeWorkbook, HOSTS, movedFormula } from '../helpers/fakeExcel';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { slideFormula } = require('exceljs/lib/utils/shared-formula') as { slideFormula: (f: string, from: string, to: string) => string };

describe('movedFormula: a formula pasted rows down and columns right', () => {
  test.each([
    ['=A1+B2', 1, 0, '=A2+B3'],
    ['=A1+B2', 0, 2, '=C1+D2'],
    ['=$A$1+$A1+A$1', 3, 1, '=$A$1+$A4+B$1'],
    ['=SUM(A1:B2)', 10, 0, '=SUM(A11:B12)'],
    ['=SUM($B$4:$B$403)', 10, 0, '=SUM($B$4:$B$403)'],
    ['=SUM(C:C)', 5, 1, '=SUM(D:D)'],
    ['=SUM(3:5)', 2, 7, '=SUM(5:7)'],
    ["='表A-业务'!B3*花名册!$C$2", 1, 0, "='表A-业务'!B4*花名册!$C$2"],
    // text in quotes, defined names and function names stay
    ['=IF(B4="A01",PTS_A01*LOG10(D4),"B4")', 1, 0, '=IF(B5="A01",PTS_A01*LOG10(D5),"B4")'],
    ['=IF(A1="say ""A1""",1,0)', 1, 0, '=IF(A2="say ""A1""",1,0)'],
    // moved off the sheet: #REF!, the sheet prefix kept
    ['=A2+B1', -1, 0, '=A1+#REF!'],
    ['=Sheet1!A1', 0, -1, '=Sheet1!#REF!'],
    ['=XFD1', 0, 1, '=#REF!'],
    ['=A1048576', 1, 0, '=#REF!'],
  ])('%s moved (%i, %i) is %s', (f, r, c, want) => {
    expect(movedFormula(f, r, c)).toBe(want);
  });
});

describe('Range.copyFrom on the fake Excel', () => {
  async function sheetWith(cells: Record<string, string | number>, host = HOSTS['m365-windows']) {
    const wb = new FakeWorkbook(['S'], host);
    await wb.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('S');
      for (const [a, v] of Object.entries(cells)) ws.getRange(a).formulas = [[v]];
      await context.sync();
    });
    return wb;
  }

  test('a row of formulas filled down 3 rows: relative references move, absolute ones stay, constants are copied', async () => {
    const wb = await sheetWith({ H4: '=IF(D4="",0,D4*$B$1)', I4: '=SUM($A$4:A4)', J4: 'text' });
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem('S').getRange('H5:J7').copyFrom('H4:J4', 'Formulas');
      await context.sync();
    });
    const s = wb.sheet('S')!;
    expect(['H5', 'H7', 'I5', 'I7', 'J6'].map((a) => s.formula(a))).toEqual([
      '=IF(D5="",0,D5*$B$1)',
      '=IF(D7="",0,D7*$B$1)',
      '=SUM($A$4:A5)',
      '=SUM($A$4:A7)',
      'text',
    ]);
  });

  test('a 2-row source into 6 rows is repeated 3 times; into 1 cell it is expanded to 2 rows; into 5 rows it is refused', async () => {
    const wb = await sheetWith({ A1: '=C1', A2: 7 });
    await wb.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('S');
      ws.getRange('B1:B6').copyFrom('A1:A2', 'Formulas');
      ws.getRange('D10').copyFrom(ws.getRange('A1:A2'), 'Formulas');
      await context.sync();
    });
    const s = wb.sheet('S')!;
    expect(['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'D10', 'D11'].map((a) => s.formula(a))).toEqual(['=D1', 7, '=D3', 7, '=D5', 7, '=F10', 7]);
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem('S').getRange('E1:E5').copyFrom('A1:A2', 'Formulas');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  test('ExcelApi 1.9: refused by Excel 2019 (ExcelApi 1.7); locked cells of a protected sheet refuse it', async () => {
    const old = await sheetWith({ A1: '=B1' }, HOSTS.excel2019);
    await expect(
      old.run(async (context) => {
        context.workbook.worksheets.getItem('S').getRange('A2').copyFrom('A1', 'Formulas');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
    const wb = await sheetWith({ A1: '=B1' });
    wb.sheet('S')!.protected = true;
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem('S').getRange('A2').copyFrom('A1', 'Formulas');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  test('the request carries the addresses only, not the cells', async () => {
    const wb = await sheetWith({ A1: `=${'B1+'.repeat(100)}1` });
    wb.stats.payloads = [];
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A2:A2001').copyFrom('A1', 'Formulas');
      await context.sync();
    });
    expect(wb.stats.payloads[0]).toBeLessThan(200);
    expect(wb.sheet('S')!.formula('A2001')).toBe(`=${'B2001+'.repeat(100)}1`);
  });
});

test('movedFormula agrees with ExcelJS’s shared-formula mover outside string literals on references within the sheet', () => {
  const f =
    '=IF(AND(B4="",C4="",D4=""),"",IF(J4=0,"id",IF(OR(LEN(C4)<>3,ISERROR(FIND("|"&UPPER(C4)&"|",IF($K4="pre",$J$1,$J$2)))),"kind",""))))';
  for (const to of ['H5', 'H400', 'H12803']) {
    const rows = Number(to.slice(1)) - 4;
    const theirs = f
      .split(/("(?:[^"]|"")*")/)
      .map((part, i) => (i % 2 === 1 ? part : slideFormula(part, 'H4', to)))
      .join('');
    expect(movedFormula(f, rows, 0)).toBe(theirs);
  }
});
