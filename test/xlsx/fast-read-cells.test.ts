/**
 * The fast reader indexes the cells of a row that have the usual forms (`<c r=… …/>`, or an optional <f> and
 * an optional <v> of plain text; a text cell as `<c r=… s=… t="s"><v>n</v></c>`) and reads each when it is
 * asked for; the rest of the row goes through the tokenizer's events. Rows that mix both, repeat a column,
 * drop r, use single quotes, references or other attribute orders read as ExcelJS reads them, and a text
 * index past the shared strings still refuses the part (score then reads the file with ExcelJS, which fails).
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import JSZip from 'jszip';
import * as os from 'os';
import * as path from 'path';
import { excelJsView } from '../../src/xlsx/exceljs-read';
import { CellValue, FastReadError, readXlsx } from '../../src/xlsx/fast-read';
import { checkXlsxPackage } from '../../src/xlsx/package';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-fast-cells-'));
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

const SHARED = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="${MAIN}" count="3" uniqueCount="3"><si><t>zero</t></si><si><t>one</t></si><si><t>two</t></si></sst>`;

const sheetXml = (rows: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;

const ROWS = [
  // the usual forms, as LibreOffice writes them
  '<row r="1" spans="1:9"><c r="A1" s="0" t="s"><v>1</v></c><c r="B1" s="0"/><c r="C1" s="0" t="n"><v>42.5</v></c>' +
    '<c r="D1" t="n"><f aca="false">C1*2</f><v>85</v></c><c r="E1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>' +
    '<c r="F1" t="b"><v>1</v></c><c r="G1" t="e"><v>#N/A</v></c><c r="H1"><f t="shared" ref="H1:H2" si="0">C1+1</f><v>43.5</v></c>' +
    '<c r="I1"><f></f><v>7</v></c></row>',
  // a shared formula's other cell, an empty formula text with a share type, a value with a reference, a CR in text
  '<row r="2"><c r="H2"><f t="shared" si="0"/><v>1</v></c><c r="A2"><f t=""/><v>3</v></c><c r="B2"><v>1&#48;</v></c>' +
    '<c r="C2" t="str"><v>x&#13;y\r\nz</v></c><c r="D2" t="s"><v>2</v></c><c r="E2"><v></v></c></row>',
  // text cells in other forms: single quotes, t before r, a space in the index
  '<row r="3"><c r=\'A3\' t=\'s\'><v>0</v></c><c t="s" r="B3"><v>1</v></c><c r="C3" t="s"><v> 2</v></c></row>',
  // a repeated column: the first cell with a value stays, as the tokenizer's path keeps it
  '<row r="5"><c r="A5"><v>1</v></c><c r="A5"/><c r="B5"/><c r="B5"><v>2</v></c><c r="C5"><v>3</v></c><c r="C5"><v>4</v></c></row>',
  // cells without r after indexed ones follow the last column
  '<row r="6"><c r="A6"><v>1</v></c><c><v>2</v></c><c r="D6"><v>4</v></c><c t="s"><v>1</v></c></row>',
  // white space between cells, rich and inline text between usual cells
  '<row r="7">\n  <c r="A7"><v>1</v></c>\n  <c r="B7" t="inlineStr"><is><t>in</t></is></c>\n  <c r="C7"><v>3</v></c>\n</row>',
  '<row r="8"><c r="A8" t="s"><v>2</v></c><c r="B8"><!-- a comment --><v>5</v></c><c r="C8" t="s"><v>0</v></c></row>',
  '<row r="9"/>',
  // a row met twice: the later element replaces the earlier, as ExcelJS reads it
  '<row r="10"><c r="A10"><v>1</v></c><c r="B10"><v>2</v></c></row><row r="10"><c r="B10"><v>3</v></c><c r="C10" t="s"><v>2</v></c></row>',
].join('');

/** A workbook of ExcelJS with its first sheet's part and the shared strings replaced. */
async function workbook(name: string, sheet: string, shared = SHARED): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Cells').getCell('A1').value = 'placeholder';
  const z = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  z.file('xl/worksheets/sheet1.xml', sheet);
  z.file('xl/sharedStrings.xml', shared);
  const file = path.join(dir, name);
  fs.writeFileSync(file, await z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

const comparable = (v: CellValue) => (v instanceof Date ? { date: v.getTime() } : v);

async function expectSameAsExcelJS(file: string): Promise<void> {
  const buf = fs.readFileSync(file);
  const fast = readXlsx(checkXlsxPackage(file, buf));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const ref = excelJsView(wb);
  const f = fast.sheet('Cells')!;
  const r = ref.sheet('Cells')!;
  expect(f.rowCount).toBe(r.rowCount);
  const got: unknown[] = [];
  const want: unknown[] = [];
  for (let row = 1; row <= r.rowCount + 1; row++) {
    for (let col = 1; col <= 12; col++) {
      // each cell asked for twice: a cell read when asked for keeps its value
      for (let k = 0; k < 2; k++) {
        const a = f.cellAt(row, col);
        got.push({ row, col, formula: a.formula, value: comparable(a.value) });
      }
      const b = r.cellAt(row, col);
      want.push({ row, col, formula: b.formula, value: comparable(b.value) }, { row, col, formula: b.formula, value: comparable(b.value) });
    }
  }
  expect(got).toEqual(want);
  // a row's values read at once (the records log's way), on a reader that has indexed nothing yet, and again on
  // this one (every row indexed): the same values, in the order of the columns asked for
  const cols = [12, 3, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11];
  const fresh = readXlsx(checkXlsxPackage(file, buf)).sheet('Cells')!;
  for (let row = 1; row <= r.rowCount + 1; row++) {
    const expected = cols.map((col) => comparable(r.cellAt(row, col).value));
    expect({ row, values: fresh.rowValues(row, cols).map(comparable) }).toEqual({ row, values: expected });
    expect({ row, values: f.rowValues(row, cols).map(comparable) }).toEqual({ row, values: expected });
  }
}

/** Shared strings in the usual form and others, mixed: references, line ends, _xHHHH_ escapes, rich and phonetic runs, empty ones. */
const STRINGS =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="${MAIN}" count="9" uniqueCount="9"><si><t>plain</t></si><si><t xml:space="preserve"> a &amp; b &#13;&#10;c\r\nd </t></si>` +
  `<si><t>x_x0041_y 漢字</t></si><si><t></t></si><si><r><t>ri</t></r><r><rPr><b/></rPr><t>ch</t></r></si><si><t>after</t></si>` +
  `<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si><si/><si><t attr='a>b'>quoted</t></si>\n</sst>`;

describe('cells read when asked for', () => {
  test('rows of every form read as ExcelJS reads them', async () => {
    const file = await workbook('rows.xlsx', sheetXml(ROWS));
    await expectSameAsExcelJS(file);
    // a few worked by hand, so that a fault both readers share would show too
    const c = readXlsx(checkXlsxPackage(file, fs.readFileSync(file))).sheet('Cells')!;
    expect(c.cell('A1').value).toBe('one');
    expect(c.cell('B1')).toEqual({ value: null, formula: false });
    expect(c.cell('D1')).toEqual({ value: 85, formula: true });
    expect(c.cell('I1')).toEqual({ value: 7, formula: false }); // an empty formula text is no formula
    expect(c.cell('A2')).toEqual({ value: 3, formula: false });
    expect(c.cell('B2').value).toBe(10);
    expect(c.cell('C2').value).toBe('x\ry\nz');
    expect(c.cell('C3').value).toBe('two');
    expect(c.cell('A5').value).toBe(1);
    expect(c.cell('B5').value).toBe(2);
    expect(c.cell('C5').value).toBe(4);
    expect(c.cell('B6').value).toBe(2);
    expect(c.cell('E6').value).toBe('one');
    expect(c.cell('B8').value).toBe(5);
    expect(c.cell('A10').value).toBe(null);
    expect(c.cell('B10').value).toBe(3);
    expect(c.cell('C10').value).toBe('two');
    expect(c.rowCount).toBe(10);
  });

  test.each([
    [1001, ['1000', '0999', '0', '999', '100'], '1001'],
    [491, ['490', '489', '0490', '99'], '491'],
    [10, ['9', '09'], '10'],
  ])('a row of usual cells checked whole: text indexes below %i read, the next refused', async (count, good, past) => {
    const shared = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="${MAIN}">${Array.from({ length: count }, (_, i) => `<si><t>s${i}</t></si>`).join('')}</sst>`;
    const row = (indexes: string[]) =>
      `<row r="1">${indexes.map((v, i) => `<c r="${String.fromCharCode(65 + i)}1" s="0" t="s"><v>${v}</v></c>`).join('')}</row>`;
    const ok = await workbook('below.xlsx', sheetXml(row(good)), shared);
    await expectSameAsExcelJS(ok);
    const c = readXlsx(checkXlsxPackage(ok, fs.readFileSync(ok))).sheet('Cells')!;
    expect(good.map((_, i) => c.cellAt(1, i + 1).value)).toEqual(good.map((v) => `s${Number(v)}`));
    const bad = await workbook('past-count.xlsx', sheetXml(row([...good, past])), shared);
    expect(() => readXlsx(checkXlsxPackage(bad, fs.readFileSync(bad)))).toThrow(FastReadError);
  });

  test('shared strings in the usual form and others read as ExcelJS reads them', async () => {
    const cells = Array.from({ length: 9 }, (_, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('');
    const file = await workbook('strings.xlsx', sheetXml(`<row r="1">${cells}</row>`), STRINGS);
    await expectSameAsExcelJS(file);
    const c = readXlsx(checkXlsxPackage(file, fs.readFileSync(file))).sheet('Cells')!;
    expect(['A1', 'B1', 'C1', 'D1', 'E1', 'F1', 'G1', 'H1', 'I1'].map((a) => c.cell(a).value)).toEqual([
      'plain',
      ' a & b \r\nc\nd ',
      'xAy 漢字',
      '',
      'rich',
      'after',
      '漢字',
      null,
      'quoted',
    ]);
  });

  test('a part with a CDATA section is read through the events alone, the same', async () => {
    await expectSameAsExcelJS(
      await workbook(
        'cdata.xlsx',
        sheetXml(ROWS.replace('<row r="9"/>', '<row r="9"><c r="A9" t="inlineStr"><is><t><![CDATA[x]]></t></is></c></row>')),
      ),
    );
  });

  test.each([
    ['in the usual form', '<row r="1"><c r="A1" t="n"><v>1</v></c><c r="B1" s="0" t="s"><v>3</v></c></row>'],
    ['after cells of other forms', '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="B1" t="s"><v>3</v></c></row>'],
    ['written otherwise', '<row r="1"><c r="A1"><v>1</v></c><c r=\'B1\' t=\'s\'><v>7</v></c></row>'],
  ])('a text index past the shared strings (%s) refuses the part, as ExcelJS refuses the file', async (_what, rows) => {
    const file = await workbook('past.xlsx', sheetXml(rows));
    expect(() => readXlsx(checkXlsxPackage(file, fs.readFileSync(file)))).toThrow(FastReadError);
    const wb = new ExcelJS.Workbook();
    await expect(wb.xlsx.load(fs.readFileSync(file) as unknown as ExcelJS.Buffer)).rejects.toThrow();
  });
});
