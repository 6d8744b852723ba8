/**
 * src/xlsx/fast-read.ts (the reader `score` uses) reads what ExcelJS reads — ExcelJS was `score`'s reader
 * before, and stays its fallback: every cell of every sheet (value, formula or not, cached result) and the
 * defined names, on workbooks written by kpi-forms, saved by LibreOffice (the demo and random months), and
 * made by hand with every kind of cell (shared, inline and rich text, booleans, errors, numbers, dates in
 * built-in and custom formats, the 1904 date system, formulas with and without cached results, shared and
 * array formulas, references and CDATA) and of defined name.
 * The tokenizer (xml-scan.ts) refuses what saxes (ExcelJS's XML parser) refuses, and the few well-formed
 * texts it refuses (]]> in an attribute value) are read through ExcelJS with the same scores.
 * `--help` and `score` do not load ExcelJS (the start-up cost the fast reader removes).
 */
import { spawnSync } from 'child_process';
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import JSZip from 'jszip';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import { run } from '../src/cli/main';
import { quarterMonths, buildWorkbook } from '../src/templates/workbook';
import { excelJsView } from '../src/xlsx/exceljs-read';
import { CellValue, FastReadError, ReadWorkbook, readXlsx } from '../src/xlsx/fast-read';
import { checkXlsxPackage } from '../src/xlsx/package';
import { scoreWorkbookFile } from '../src/xlsx/reader';
import { writeWorkbookFile } from '../src/xlsx/writer';
import { XmlError, XmlScanner } from '../src/xlsx/xml-scan';
import { CALLS, demoArgs } from '../scripts/demo';
import { describeWith, recalcMany } from './helpers/oracles';
import { randomMonth } from './helpers/random';

const ROOT = path.join(__dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-fast-read-'));

/** The options `score` used with ExcelJS (exceljs-read.ts READ_IGNORED): they change no cell value. */
const IGNORED = ['dataValidations', 'conditionalFormatting', 'mergeCells', 'pageSetup', 'hyperlinks', 'extLst'];

/** A value as Jest can compare it: a Date by its time (an invalid Date, as ExcelJS makes of text in a date format, by "invalid"). */
const comparable = (v: CellValue) => (v instanceof Date ? { date: Number.isNaN(v.getTime()) ? 'invalid' : v.getTime() } : v);

/** Reads `file` both ways and compares every cell of every sheet and the defined names; returns the cells with a value. */
async function sameAsExcelJS(file: string): Promise<{ cells: number; fast: ReadWorkbook }> {
  const buf = fs.readFileSync(file);
  const fast = readXlsx(checkXlsxPackage(file, buf));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer, { ignoreNodes: IGNORED } as unknown as ExcelJS.XlsxReadOptions);
  const ref = excelJsView(wb);
  expect(fast.definedNames).toEqual(ref.definedNames);
  let cells = 0;
  for (const ws of wb.worksheets) {
    // the last column with a cell in any row (ws.columnCount counts column definitions up to XFD)
    let columns = 0;
    ws.eachRow({ includeEmpty: true }, (row) => (columns = Math.max(columns, row.cellCount)));
    const f = fast.sheet(ws.name)!;
    const r = ref.sheet(ws.name)!;
    expect(f).toBeDefined();
    expect(f.rowCount).toBe(r.rowCount);
    const got: unknown[] = [];
    const want: unknown[] = [];
    for (let row = 1; row <= r.rowCount + 1; row++) {
      for (let col = 1; col <= columns + 1; col++) {
        const a = f.cellAt(row, col);
        const b = r.cellAt(row, col);
        // only differences are collected, so that a failure lists them and a pass costs little memory
        if (a.formula !== b.formula || !Object.is(JSON.stringify(comparable(a.value)), JSON.stringify(comparable(b.value)))) {
          got.push({ row, col, formula: a.formula, value: comparable(a.value) });
          want.push({ row, col, formula: b.formula, value: comparable(b.value) });
        }
        if (b.value !== null && b.value !== undefined) cells++;
      }
    }
    expect({ sheet: ws.name, cells: got }).toEqual({ sheet: ws.name, cells: want });
    // the address form reads the same cell
    expect(comparable(f.cell('A1').value)).toEqual(comparable(r.cell('A1').value));
  }
  return { cells, fast };
}

// ---------------- a workbook made by hand ----------------

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

const SHARED = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="${MAIN}" count="5" uniqueCount="5">
<si><t>hello</t></si>
<si><r><t>a</t></r><r><rPr><b/></rPr><t xml:space="preserve"> b</t></r></si>
<si/>
<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="0"/></si>
<si><t>x_x0041_y_x000d_z&#13;&#10;
w</t></si>
</sst>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN}">
<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="0.00"/><numFmt numFmtId="166" formatCode="[Red]&quot;d&quot;0"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="6">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</cellXfs>
<dxfs count="1"><dxf><numFmt numFmtId="165" formatCode="yyyy"/></dxf></dxfs>
</styleSheet>`;

const CELLS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<dimension ref="A1:M9"/>
<sheetData>
<row r="1">
<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c>
<c r="F1" t="inlineStr"><is><t>inline</t></is></c>
<c r="G1" t="inlineStr"><is><r><t>in</t></r><r><rPr><b/></rPr><t>_x0041_rich</t></r></is></c>
<c r="H1" t="inlineStr"><is><t></t></is></c>
<c r="I1" t="str"><v>a &amp;amp; b &amp;lt;</v></c>
</row>
<row r="2" spans="1:13" ht="15" customHeight="1">
<c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c><c r="C2" t="e"><v>#N/A</v></c>
<c r="D2"><v>42.5</v></c><c r="E2" t="n"><v>-1E-3</v></c><c r="F2" s="1"><v>45352</v></c>
<c r="G2" s="2"><v>45352.5</v></c><c r="H2" s="3"><v>45352</v></c><c r="I2" s="4"><v>7</v></c>
<c r="J2" s="5"><v>0.25</v></c><c r="K2" s="0"><v>3</v></c><c r="L2" s="1"/><c r="M2" t="d"><v>2024-03-01T00:00:00</v></c>
</row>
<row r="3">
<c r="A3"><f>1+1</f><v>2</v></c>
<c r="B3" t="str"><f>"x"&amp;"y"</f><v>xy</v></c>
<c r="C3" t="b"><f>TRUE()</f><v>1</v></c>
<c r="D3" t="e"><f>1/0</f><v>#DIV/0!</v></c>
<c r="E3"><f>A3*2</f></c>
<c r="F3" t="str"><f>""</f><v></v></c>
<c r="G3"><f t="shared" ref="G3:G5" si="0">A3+1</f><v>3</v></c>
<c r="H3" s="1"><f>DATE(2024,3,1)</f><v>45352</v></c>
<c r="I3"><f t="array" ref="I3">SUM(A3:A3)</f><v>2</v></c>
<c r="J3" s="2" t="str"><f>"45352"</f><v>45352</v></c>
<c r="K3" s="1" t="str"><f>"text"</f><v>text</v></c>
</row>
<row r="4"><c r="G4"><f t="shared" si="0"/><v>4</v></c><c r="H4" t="b"><f>FALSE()</f><v>0</v></c></row>
<row r="5"><c r="G5"><f t="shared" si="0"/><v>5</v></c><c><v>6</v></c><c t="s"><v>0</v></c><c r="C5"><v>1<!-- a comment in a value -->2</v></c></row>
<row r="7" spans="1:3"><c r="A7" t="inlineStr"><is><t><![CDATA[<cdata> & more]]></t></is></c><c r="B7"><v>1&#48;</v></c><c r="C7" t="inlineStr"><is><t xml:space="preserve">  two&#10;lines  </t></is></c></row>
<row r="9"/>
</sheetData>
<mergeCells count="1"><mergeCell ref="A9:B9"/></mergeCells>
<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>
</worksheet>`;

const NAMES = `<definedNames>
<definedName name="ONE">Rules!$B$3</definedName>
<definedName name="AREA">Rules!$B$3:$C$4</definedName>
<definedName name="QUOTED">'My Rules'!$A$1:$A$2</definedName>
<definedName name="COMMA">'a,b'!$A$1</definedName>
<definedName name="MULTI">Rules!$B$3:$B$4,Rules!$B$5,Rules!$D$1,'My Rules'!$C$3</definedName>
<definedName name="NUMBERED">Rules!$A$1,'2024'!$B$2</definedName>
<definedName name="RELATIVE">Rules!B3</definedName>
<definedName name="BROKEN">#REF!</definedName>
<definedName name="CONSTANT">0.5</definedName>
<definedName name="TWICE" localSheetId="0">Rules!$A$1</definedName>
<definedName name="TWICE">Rules!$A$2</definedName>
<definedName name="_xlnm.Print_Area" localSheetId="1">Rules!$A$1:$D$10</definedName>
<definedName name="_xlnm.Print_Titles" localSheetId="1">Rules!$1:$2</definedName>
</definedNames>`;

/** An ExcelJS workbook with its sheet "Cells", shared strings, styles and names replaced by the parts above. */
async function handMade(name: string, date1904: boolean): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Cells').getCell('A1').value = 'placeholder';
  const rules = wb.addWorksheet('Rules');
  rules.getCell('A1').value = 'hello';
  rules.getCell('A2').value = 2;
  rules.getCell('B3').value = 3;
  rules.getCell('B4').value = { formula: 'B3+1', result: 4 } as ExcelJS.CellFormulaValue;
  rules.getCell('B5').value = 5;
  rules.getCell('D1').value = true;
  wb.addWorksheet('My Rules').getCell('A1').value = 1.5;
  wb.addWorksheet('a,b').getCell('A1').value = 7;
  wb.addWorksheet('2024').getCell('B2').value = 8;
  const z = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  expect(z.file('xl/worksheets/sheet1.xml')).not.toBeNull();
  z.file('xl/worksheets/sheet1.xml', CELLS);
  z.file('xl/sharedStrings.xml', SHARED);
  z.file('xl/styles.xml', STYLES);
  let book = await z.file('xl/workbook.xml')!.async('string');
  expect(book).not.toContain('<definedNames>');
  book = book.replace('</sheets>', `</sheets>${NAMES}`);
  if (date1904) book = book.replace('<workbookPr', '<workbookPr date1904="1"');
  z.file('xl/workbook.xml', book);
  const file = path.join(dir, name);
  fs.writeFileSync(file, await z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

describe('the fast reader reads what ExcelJS reads', () => {
  test.each([false, true])('a workbook made by hand with every kind of cell and of defined name (1904 dates: %s)', async (date1904) => {
    const file = await handMade(`hand-${date1904}.xlsx`, date1904);
    const { cells, fast } = await sameAsExcelJS(file);
    expect(cells).toBeGreaterThan(40);
    // a few of them worked by hand, so that a fault both readers share would show too
    const c = fast.sheet('Cells')!;
    expect(c.cell('B1').value).toBe('a b'); // rich text joined
    expect(c.cell('C1').value).toBeNull(); // an empty shared string
    expect(c.cell('D1').value).toBe('漢字'); // the phonetic run is not text
    // _xHHHH_ with upper-case hex only; a carriage return written as &#13; stays one, a CR LF written as such is LF
    expect(c.cell('E1').value).toBe('xAy_x000d_z\r\n\nw');
    expect(c.cell('G1').value).toBe('inArich');
    expect(c.cell('I1').value).toBe('a & b <'); // t="str" decoded twice, as ExcelJS does
    expect(c.cell('C2').value).toBe('#N/A');
    const day = date1904 ? Date.UTC(2028, 2, 2) : Date.UTC(2024, 2, 1); // serial 45352 in each date system
    expect((c.cell('F2').value as Date).getTime()).toBe(day);
    expect((c.cell('G2').value as Date).getTime()).toBe(day + 12 * 3600 * 1000);
    expect(c.cell('H2').value).toBe(45352); // 0.00 is no date format
    expect(c.cell('I2').value).toBe(7); // the d of [Red]"d"0 is quoted
    expect(c.cell('K2').value).toBe(3); // style 0 is never a date
    expect(c.cell('E3')).toEqual({ value: undefined, formula: true }); // no cached result
    expect(c.cell('G5')).toEqual({ value: 5, formula: true }); // a cell of a shared formula
    expect(c.cell('H5').value).toBe(6); // <c> without r: the next column
    expect(c.cell('C5').value).toBe(12);
    expect(c.cell('A7').value).toBeNull(); // ExcelJS reads no CDATA
    expect(c.cell('C7').value).toBe('  two\nlines  ');
    expect(c.rowCount).toBe(9);
    const names = Object.fromEntries(fast.definedNames.map((n) => [n.name, n.ranges]));
    // ExcelJS: cells merged into rectangles, by sheet, then row
    expect(names.MULTI).toEqual(['Rules!$D$1', 'Rules!$B$3:$B$5', "'My Rules'!$C$3"]);
    expect(names.RELATIVE).toBeUndefined(); // ExcelJS keeps absolute references only: score calls it missing
    expect(names.TWICE).toEqual(['Rules!$A$2']);
  });

  test('workbooks written by kpi-forms (plain and =KPI.… formulas, zh and en)', async () => {
    const month = '2024-03';
    const rm = randomMonth(7, 12, quarterMonths(month, 'calendar').slice(0, 2));
    for (const [lang, mode] of [
      ['zh', 'plain'],
      ['en', 'kpi'],
    ] as const) {
      const file = path.join(dir, `written-${lang}-${mode}.xlsx`);
      await writeWorkbookFile(buildWorkbook({ month, agents: rm.agents, inputs: rm.inputs, history: rm.history, lang, mode }), file, {
        force: true,
      });
      expect((await sameAsExcelJS(file)).cells).toBeGreaterThan(500);
    }
  });
});

describeWith('libreoffice', 'the fast reader reads what ExcelJS reads in files saved by LibreOffice', () => {
  let saved: string[] = [];
  beforeAll(async () => {
    const demo = path.join(dir, 'demo-2015-01.xlsx');
    expect(fs.existsSync(CALLS)).toBe(true);
    expect(await run(demoArgs(demo), { stdout: { write: () => true }, stderr: { write: () => true } })).toBe(0);
    const files = [demo];
    for (const [seed, n, month] of [
      [11, 80, '2015-03'],
      [12, 9, '2024-12'],
    ] as const) {
      const rm = randomMonth(seed, n, quarterMonths(month, 'calendar').slice(0, 2));
      const file = path.join(dir, `random-${seed}.xlsx`);
      const spec = buildWorkbook({
        month,
        agents: rm.agents,
        inputs: rm.inputs,
        history: rm.history,
        lang: seed % 2 ? 'zh' : 'en',
        mode: 'plain',
      });
      await writeWorkbookFile(spec, file, { force: true });
      files.push(file);
    }
    files.push(await handMade('hand-lo.xlsx', false));
    saved = recalcMany(files, path.join(dir, 'lo'));
  });

  test('the demo workbook, two random months (80 and 9 agents) and the hand-made workbook', async () => {
    for (const file of saved) expect((await sameAsExcelJS(file)).cells).toBeGreaterThan(40);
  });

  test('score gives the same report through either reader', async () => {
    for (const file of saved.slice(0, 3)) {
      const fast = await scoreWorkbookFile(file);
      expect(fast.mismatches).toEqual([]);
      expect(fast.cached).toBe(true);
      const { scoreWorkbook } = await import('../src/xlsx/reader');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      expect(scoreWorkbook(excelJsView(wb), file)).toEqual(fast);
    }
  });
});

// ---------------- the tokenizer against saxes ----------------

interface Sax {
  on(event: 'error', f: (e: Error) => void): void;
  write(s: string): Sax;
  close(): Sax;
}
const { SaxesParser } = createRequire(require.resolve('exceljs'))('saxes') as { SaxesParser: new () => Sax };

function saxesRefuses(xml: string): boolean {
  const p = new SaxesParser();
  let failed = false;
  p.on('error', () => (failed = true));
  try {
    p.write(xml).close();
  } catch {
    failed = true;
  }
  return failed;
}

/** scanXml over `xml`, reading every element's attributes (a repeated attribute is found when they are read). */
function scanRefuses(xml: string): boolean {
  try {
    new XmlScanner(xml).scan({ open: (x) => void x.attr('id'), close: () => undefined });
    return false;
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    return true;
  }
}

describe('the tokenizer refuses what saxes refuses', () => {
  const wellFormed = [
    '<a/>',
    '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<a b="1" c=\'2\'>t&amp;&#65;&#x42;&lt;&gt;&quot;&apos;</a>',
    '<x:a xmlns:x="urn:x"><x:b x:c="1"/></x:a>',
    '<a b = "1"\n\tc="&gt;>" d="x>y" />',
    '<a><![CDATA[<&>]]>text</a>',
    '<!DOCTYPE a><a/>',
    '<a>\r\n<b></b ></a>',
    '<a><!-- a comment --><?pi data?></a>\n<!-- after -->\n',
    '<a>]]</a>',
    '<a>一些中文 text</a>',
    '<a><!-- R&D --><?pi R&D?><![CDATA[R&D]]></a>',
  ];
  const malformed = [
    '',
    '<a>',
    '<a></b>',
    '<a><b></a></b>',
    '<a><<garbage>></a>',
    '<a b=1/>',
    '<a b/>',
    '<a b="1"c="2"/>',
    '<a b="<"/>',
    '<a>&foo;</a>',
    '<a>a & b</a>',
    '<a>&#0;</a>',
    '<a>\u0001</a>',
    '<a/><b/>',
    'text<a/>',
    '<a/>text',
    '</a>',
    '<a>]]></a>',
    '<a><!-- open</a>',
    '<1a/>',
    '<a></a',
    '<a b="1" / >',
  ];

  test.each(wellFormed)('accepts %j, as saxes does', (xml) => {
    expect(saxesRefuses(xml)).toBe(false);
    expect(scanRefuses(xml)).toBe(false);
  });

  test.each(malformed)('refuses %j, as saxes does', (xml) => {
    expect(saxesRefuses(xml)).toBe(true);
    expect(scanRefuses(xml)).toBe(true);
  });

  test('one leniency: a repeated attribute (which no tool writes) is not looked for; the first one is read', () => {
    const xml = '<a b="1" b="2"/>';
    expect(saxesRefuses(xml)).toBe(true);
    let b: string | undefined;
    new XmlScanner(xml).scan({ open: (x) => void (b = x.attr('b')), close: () => undefined });
    expect(b).toBe('1');
  });

  test('"]]>" in an attribute value is well-formed, but the tokenizer refuses it: score then reads the file with ExcelJS, same report', async () => {
    const xml = '<a b="R]]>D"/>';
    expect(saxesRefuses(xml)).toBe(false);
    expect(scanRefuses(xml)).toBe(true);

    const roster = path.join(dir, 'roster.csv');
    fs.writeFileSync(roster, 'employee_id,name,role,group\nE01,Ann,pre-sales,G1\nE02,Bob,after-sales,G2\n');
    const file = path.join(dir, 'comment.xlsx');
    const quiet = { stdout: { write: () => true }, stderr: { write: () => true } };
    expect(await run(['new', '--month', '2024-03', '--roster', roster, '--out', file], quiet)).toBe(0);
    const z = await JSZip.loadAsync(fs.readFileSync(file));
    const sheet = 'xl/worksheets/sheet2.xml';
    const original = await z.file(sheet)!.async('string');
    expect(original).toContain('<sheetData>');
    z.file(sheet, original.replace('<sheetData>', '<sheetData note="R]]>D">'));
    const commented = path.join(dir, 'comment-2.xlsx');
    fs.writeFileSync(commented, await z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect(() => readXlsx(checkXlsxPackage(commented, fs.readFileSync(commented)))).toThrow(FastReadError);
    expect(await scoreWorkbookFile(commented)).toEqual(await scoreWorkbookFile(file));
  });
});

// ---------------- what each command loads ----------------

describe('node bin/kpi-forms.js loads only what the command needs', () => {
  /** The packages of node_modules a command loaded (require.cache at exit). */
  function loaded(...args: string[]): { status: number | null; packages: string[] } {
    const out = path.join(dir, `loaded-${args[0]}.json`);
    const hook = path.join(dir, 'hook.js');
    fs.writeFileSync(
      hook,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache))));\n`,
    );
    const r = spawnSync(process.execPath, ['-r', hook, path.join(ROOT, 'bin', 'kpi-forms.js'), ...args], { cwd: dir, encoding: 'utf8' });
    const files = JSON.parse(fs.readFileSync(out, 'utf8')) as string[];
    const packages = new Set(files.map((f) => /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(f)?.[1]).filter((p): p is string => !!p));
    return { status: r.status, packages: [...packages] };
  }

  test('--help loads commander and no ExcelJS; score reads a workbook without ExcelJS; new writes it without ExcelJS too', async () => {
    const help = loaded('--help');
    expect(help.status).toBe(0);
    expect(help.packages).toContain('commander');
    expect(help.packages).not.toContain('exceljs');

    const roster = path.join(dir, 'roster-load.csv');
    fs.writeFileSync(roster, 'employee_id,name,role,group\nE01,Ann,pre-sales,G1\nE02,Bob,after-sales,G2\n');
    const file = path.join(dir, 'load.xlsx');
    const built = loaded('new', '--month', '2024-03', '--roster', roster, '--out', file, '--force');
    expect(built.status).toBe(0);
    // the month workbook is written as SpreadsheetML directly (xlsx/fast-write.ts)
    expect(built.packages).not.toContain('exceljs');

    const scored = loaded('score', file);
    expect(scored.status).toBe(0);
    expect(scored.packages).not.toContain('exceljs');
  });

  test("the compiled CLI's code cache is accepted as bin/load-compiled.js loads it (V8 rejects a cache made under other flags)", () => {
    const main = path.join(ROOT, 'cli', 'dist', 'main.js');
    const out = path.join(dir, 'cache-rejected.txt');
    const hook = path.join(dir, 'cache-hook.js');
    fs.writeFileSync(
      hook,
      `const vm = require('vm'); const S = vm.Script;
vm.Script = function (code, opts) { const s = new S(code, opts); if (opts && opts.cachedData) require('fs').writeFileSync(${JSON.stringify(out)}, String(s.cachedDataRejected)); return s; };
`,
    );
    const r = spawnSync(
      process.execPath,
      [
        '-r',
        hook,
        '-e',
        `require(${JSON.stringify(path.join(ROOT, 'bin', 'load-compiled.js'))}).loadCompiled(${JSON.stringify(main)}, require('fs').statSync(${JSON.stringify(main)}))`,
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    // a cache was read (npm ci and npm test build it: scripts/build-cli.mjs) and V8 took it
    expect(fs.readFileSync(out, 'utf8')).toBe('false');
  });
});
