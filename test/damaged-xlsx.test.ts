/**
 * `kpi-forms score` on damaged, truncated and foreign .xlsx files (issue 6, item 10 and "Bad input"): each
 * gets exit code 1 and one line on stderr naming the file and the part (e.g. xl/worksheets/sheet3.xml) or
 * the sheet as the user sees it (表B-纪律, Form B), and what is wrong — never a library's internals
 * ("Cannot set properties of undefined (setting 'sheetNo')", TypeError, a stack trace).
 *
 * The files are real workbooks written by `kpi-forms new`, modified with JSZip (the zip library ExcelJS
 * uses); which part holds which sheet is read from the file's own workbook.xml and its relationships.
 */
import { spawnSync } from 'child_process';
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import JSZip from 'jszip';
import * as os from 'os';
import * as path from 'path';
import { run } from '../src/cli/main';
import { SHEET_NAMES } from '../src/templates/i18n';
import * as reader from '../src/xlsx/reader';

const ROOT = path.join(__dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-damaged-'));
const zh = path.join(dir, 'march.xlsx');
const en = path.join(dir, 'march-en.xlsx');
let n = 0;

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  const roster = path.join(dir, 'roster.csv');
  fs.writeFileSync(roster, 'employee_id,name,role,group\nE01,Ann,pre-sales,G1\nE02,Bob,pre-sales,G1\nE03,Cai,after-sales,G2\n');
  for (const [out, lang] of [
    [zh, 'zh'],
    [en, 'en'],
  ]) {
    const r = await cli('new', '--month', '2024-03', '--roster', roster, '--lang', lang, '--out', out);
    expect(r.code).toBe(0);
  }
  // the undamaged files score (exit 0): what follows is the damage, not the workbook
  expect((await cli('score', zh)).code).toBe(0);
  expect((await cli('score', en)).code).toBe(0);
});

/** A copy of `src` changed by `change`, written as `name` in a fresh folder. */
async function damaged(name: string, change: (z: JSZip) => void | Promise<void>, src = zh): Promise<string> {
  const z = await JSZip.loadAsync(fs.readFileSync(src));
  await change(z);
  return write(name, await z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}
function write(name: string, bytes: Buffer | string): string {
  const d = path.join(dir, String(n++));
  fs.mkdirSync(d);
  const p = path.join(d, name);
  fs.writeFileSync(p, bytes);
  return p;
}
const text = (z: JSZip, part: string) => z.file(part)!.async('string');

/** The zip part of a sheet, found as Excel finds it: workbook.xml's r:id, then xl/_rels/workbook.xml.rels. */
async function partOf(file: string, sheet: string): Promise<string> {
  const z = await JSZip.loadAsync(fs.readFileSync(file));
  const wb = await text(z, 'xl/workbook.xml');
  const rid = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(wb)![1];
  const rels = await text(z, 'xl/_rels/workbook.xml.rels');
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1];
  return `xl/${target}`;
}

const INTERNALS = /undefined|TypeError|RangeError|Cannot (read|set) properties|is not a function|\n\s+at /;

/** exit 1, nothing on stdout, one line on stderr that names the file and has no internals; returns the line */
async function refused(file: string): Promise<string> {
  const r = await cli('score', file);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0].startsWith(`kpi-forms: ${file}`)).toBe(true);
  expect(lines[0]).not.toMatch(INTERNALS);
  return lines[0];
}

describe('a damaged sheet part: the message names the sheet as the user sees it and its part', () => {
  test('(a) a worksheet part missing from the zip but listed in workbook.xml and its relationships', async () => {
    const part = await partOf(zh, SHEET_NAMES.zh.formB);
    const f = await damaged('a.xlsx', (z) => void z.remove(part));
    expect(await refused(f)).toBe(
      `kpi-forms: ${f}: the sheet "${SHEET_NAMES.zh.formB}" (part ${part}) is missing from the file; ` +
        'the file is damaged: use an earlier copy, or open it in Excel (which repairs what it can) and save it again',
    );
  });

  test('(b) a worksheet part that is not XML (garbage bytes)', async () => {
    const part = await partOf(zh, SHEET_NAMES.zh.formA);
    const f = await damaged('b.xlsx', (z) => void z.file(part, Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01])));
    expect(await refused(f)).toContain(
      `: the sheet "${SHEET_NAMES.zh.formA}" (part ${part}) is not XML (it begins with the bytes de ad be ef 00 01)`,
    );
  });

  test("the reported case: a sheet part cut in half (was: Cannot set properties of undefined (setting 'sheetNo'))", async () => {
    const part = await partOf(zh, SHEET_NAMES.zh.formB);
    const f = await damaged('half.xlsx', async (z) => {
      const xml = await text(z, part);
      z.file(part, xml.slice(0, xml.length / 2));
    });
    expect(await refused(f)).toContain(
      `: the sheet "${SHEET_NAMES.zh.formB}" (part ${part}) is cut short (its XML does not end with </worksheet>)`,
    );
  });

  test('an English workbook: the sheet by its English name (Form B)', async () => {
    const part = await partOf(en, SHEET_NAMES.en.formB);
    const f = await damaged('en.xlsx', (z) => void z.file(part, 'this is not xml'), en);
    expect(await refused(f)).toContain(`: the sheet "Form B" (part ${part}) is not XML`);
  });

  test('garbage in the middle of a sheet (well-formed start and end): the full parse after ExcelJS fails names the line', async () => {
    const part = await partOf(zh, SHEET_NAMES.zh.test);
    const f = await damaged('middle.xlsx', async (z) => {
      const xml = await text(z, part);
      const at = xml.indexOf('<row ');
      z.file(part, `${xml.slice(0, at)}<<garbage>>${xml.slice(at)}`);
    });
    expect(await refused(f)).toMatch(
      new RegExp(`: the sheet "${SHEET_NAMES.zh.test}" \\(part ${part}\\) is not well-formed XML \\(line \\d+, column \\d+: [^)]+\\)`),
    );
  });

  test("bytes changed inside the zip (the part's CRC-32 no longer matches)", async () => {
    // a file stored without compression, so that one byte of a sheet's XML can be changed in place
    const z = await JSZip.loadAsync(fs.readFileSync(zh));
    const stored = await z.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    const part = await partOf(zh, SHEET_NAMES.zh.roster);
    const xml = Buffer.from(await text(z, part));
    const at = stored.indexOf(xml) + xml.indexOf('<sheetData>') + 1;
    expect(at).toBeGreaterThan(xml.indexOf('<sheetData>'));
    stored[at] = 'x'.charCodeAt(0); // <sheetData> → <xheetData>
    const f = write('crc.xlsx', stored);
    expect(await refused(f)).toContain(`: the sheet "${SHEET_NAMES.zh.roster}" (part ${part}) does not match the zip's checksum`);
  });
});

describe('a file that is not a whole .xlsx', () => {
  test('(c) a truncated file (the first half of its bytes)', async () => {
    const bytes = fs.readFileSync(zh);
    const f = write('truncated.xlsx', bytes.subarray(0, bytes.length / 2));
    expect(await refused(f)).toBe(
      `kpi-forms: ${f}: is not a readable .xlsx workbook: the file is cut short or damaged (the zip directory at its end is missing); copy or download it again, or use an earlier copy`,
    );
  });

  test('(d) a zip that is not an .xlsx: a Word-like document, a zip of other files', async () => {
    const docx = new JSZip();
    docx.file('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    docx.file('word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>');
    const f1 = write('report.xlsx', await docx.generateAsync({ type: 'nodebuffer' }));
    expect(await refused(f1)).toBe(
      `kpi-forms: ${f1}: is not a readable .xlsx workbook: it is a Word document (it holds word/document.xml), not an Excel workbook`,
    );
    const other = new JSZip();
    other.file('notes.txt', 'hello');
    other.file('data.bin', Buffer.from([1, 2, 3]));
    const f2 = write('files.xlsx', await other.generateAsync({ type: 'nodebuffer' }));
    expect(await refused(f2)).toBe(
      `kpi-forms: ${f2}: is not a readable .xlsx workbook: it is a zip archive without xl/workbook.xml (it holds notes.txt, data.bin), not an Excel workbook`,
    );
  });

  test('(e) a non-zip file named .xlsx: text, an old .xls or encrypted workbook (OLE), an empty file', async () => {
    const f1 = write('text.xlsx', 'employee_id,code,value\nE01,A01,1\n');
    expect(await refused(f1)).toBe(
      `kpi-forms: ${f1}: is not a readable .xlsx workbook: it is not a zip-based .xlsx file (a CSV or an old .xls?); open it in Excel and save it as .xlsx`,
    );
    // the OLE compound-file signature: how .xls files and password-protected .xlsx files begin
    const f2 = write('ole.xlsx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]));
    expect(await refused(f2)).toContain('it is an old binary Excel file (.xls) or a password-protected workbook');
    const f3 = write('empty.xlsx', '');
    expect(await refused(f3)).toBe(`kpi-forms: ${f3}: is not a readable .xlsx workbook: the file is empty (0 bytes)`);
  });

  test('(f) an .xlsx from another program without our sheets (a plain ExcelJS workbook with one sheet)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 'hello';
    const f = write('plain.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(await refused(f)).toBe(
      `kpi-forms: ${f}: not a kpi-forms workbook (it has none of the defined names KPI_MONTH, KPI_LANG, PTS_A01, …); build one with "kpi-forms new"`,
    );
  });
});

describe('the workbook parts', () => {
  test('(g) the rules sheet without its defined names (removed from workbook.xml): the rules sheet is named', async () => {
    const f = await damaged('no-names.xlsx', async (z) => {
      const xml = await text(z, 'xl/workbook.xml');
      expect(xml).toContain('<definedName name="KPI_MONTH"');
      z.file('xl/workbook.xml', xml.replace(/<definedNames>[\s\S]*<\/definedNames>/, ''));
    });
    expect(await refused(f)).toBe(
      `kpi-forms: ${f}: the rules sheet "${SHEET_NAMES.zh.rules}" has none of its defined names (KPI_MONTH, KPI_LANG, PTS_A01, …; a tool dropped them?); the rules cannot be read safely. Restore them (Formulas › Name Manager) or rebuild the workbook with "kpi-forms new"`,
    );
  });

  test('(h) workbook.xml missing, not XML, or cut short', async () => {
    const missing = await damaged('h1.xlsx', (z) => void z.remove('xl/workbook.xml'));
    expect(await refused(missing)).toContain(
      `${missing}: the part xl/workbook.xml (the workbook's list of sheets and defined names) is missing`,
    );
    const garbage = await damaged('h2.xlsx', (z) => void z.file('xl/workbook.xml', 'not xml at all'));
    expect(await refused(garbage)).toMatch(/: the part xl\/workbook\.xml \(.*\) is not well-formed XML \(line 1, column \d+: /);
    const cut = await damaged('h3.xlsx', async (z) => {
      const xml = await text(z, 'xl/workbook.xml');
      z.file('xl/workbook.xml', xml.slice(0, xml.indexOf('</sheets>')));
    });
    expect(await refused(cut)).toMatch(/: the part xl\/workbook\.xml \(.*\) is not well-formed XML \(line \d+, column \d+: unclosed tag/);
  });

  test('(i) sharedStrings.xml damaged: not XML, cut short, missing, or a cell pointing past its end', async () => {
    const part = 'xl/sharedStrings.xml';
    const garbage = await damaged('i1.xlsx', (z) => void z.file(part, Buffer.from([0xde, 0xad, 0xbe, 0xef])));
    expect(await refused(garbage)).toContain(
      `: the part ${part} (the text of the cells) is not XML (it begins with the bytes de ad be ef)`,
    );
    const cut = await damaged('i2.xlsx', async (z) => {
      const xml = await text(z, part);
      z.file(part, xml.slice(0, xml.length / 2));
    });
    expect(await refused(cut)).toContain(`: the part ${part} (the text of the cells) is cut short (its XML does not end with </sst>)`);
    // without the part every text cell would read as its index (KPI_MONTH "2"): refused instead
    const missing = await damaged('i3.xlsx', (z) => void z.remove(part));
    expect(await refused(missing)).toContain(`: the part ${part} (the text of the cells) is missing from the file`);
    const roster = await partOf(zh, SHEET_NAMES.zh.roster);
    const past = await damaged('i4.xlsx', async (z) => {
      const xml = await text(z, roster);
      const changed = xml.replace(/(<c r="A3"[^>]*t="s"[^>]*><v>)\d+/, '$199999');
      expect(changed).not.toBe(xml);
      z.file(roster, changed);
    });
    expect(await refused(past)).toMatch(
      new RegExp(
        `^kpi-forms: ${past} ${SHEET_NAMES.zh.roster}!A3: the cell refers to text no\\. 99999 of xl/sharedStrings\\.xml, which holds \\d+;`,
      ),
    );
  });

  test('the relationships part missing, or without the sheet; two sheets with one name', async () => {
    const rels = await damaged('r1.xlsx', (z) => void z.remove('xl/_rels/workbook.xml.rels'));
    expect(await refused(rels)).toContain(": the part xl/_rels/workbook.xml.rels (where the workbook's sheets are stored) is missing");
    const noRel = await damaged('r2.xlsx', async (z) => {
      const xml = await text(z, 'xl/workbook.xml');
      z.file('xl/workbook.xml', xml.replace(new RegExp(`(name="${SHEET_NAMES.zh.formA}"[^>]*r:id=")[^"]+`), '$1rId99'));
    });
    expect(await refused(noRel)).toContain(`lacks the relationship rId99 of the sheet "${SHEET_NAMES.zh.formA}"`);
    const twice = await damaged('r3.xlsx', async (z) => {
      const xml = await text(z, 'xl/workbook.xml');
      z.file('xl/workbook.xml', xml.replace(`name="${SHEET_NAMES.zh.formA}"`, `name="${SHEET_NAMES.zh.summary}"`));
    });
    expect(await refused(twice)).toContain(`lists the sheet name "${SHEET_NAMES.zh.summary}" twice`);
  });

  test('a defined name over a whole sheet is refused at once (ExcelJS would expand it cell by cell out of memory)', async () => {
    const f = await damaged('huge-name.xlsx', async (z) => {
      const xml = await text(z, 'xl/workbook.xml');
      z.file(
        'xl/workbook.xml',
        xml.replace(/(<definedName name="W_PRE">)[^<]*/, (_m, open: string) => `${open}'${SHEET_NAMES.zh.rules}'!$A$1:$XFD$1048576`),
      );
    });
    const started = Date.now();
    // 16384 columns × 1048576 rows
    expect(await refused(f)).toContain(': the defined name W_PRE covers 17,179,869,184 cells');
    expect(Date.now() - started).toBeLessThan(20000);
  });
});

describe('what the check must still accept (ExcelJS reads these)', () => {
  test('parts stored without compression, and bytes before the zip (a self-extracting stub)', async () => {
    const z = await JSZip.loadAsync(fs.readFileSync(zh));
    const stored = write('stored.xlsx', await z.generateAsync({ type: 'nodebuffer', compression: 'STORE' }));
    expect((await cli('score', stored)).code).toBe(0);
    const prefixed = write('prefixed.xlsx', Buffer.concat([Buffer.from('MZ stub bytes'), fs.readFileSync(zh)]));
    expect((await cli('score', prefixed)).code).toBe(0);
  });
});

test('an unexpected fault while scoring: one line naming the file, no JavaScript internals', async () => {
  const spy = jest.spyOn(reader, 'scoreWorkbookFile').mockRejectedValue(new TypeError("Cannot read properties of undefined (reading 'x')"));
  try {
    const line = await refused(zh);
    expect(line).toBe(
      `kpi-forms: ${zh}: kpi-forms failed while scoring this workbook (a fault of kpi-forms, not of the file?); please report it with the file, or run with KPI_FORMS_DEBUG=1 for the details`,
    );
  } finally {
    spy.mockRestore();
  }
});

describe('end to end: node bin/kpi-forms.js score', () => {
  const bin = path.join(ROOT, 'bin', 'kpi-forms.js');
  const node = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir, timeout: 60000 });

  test('a sheet part cut short and a truncated file: exit 1, one line, no internals', async () => {
    const part = await partOf(zh, SHEET_NAMES.zh.formB);
    const half = await damaged('e2e-half.xlsx', async (z) => {
      const xml = await text(z, part);
      z.file(part, xml.slice(0, xml.length / 2));
    });
    const bytes = fs.readFileSync(zh);
    const truncated = write('e2e-truncated.xlsx', bytes.subarray(0, bytes.length / 2));
    for (const [f, says] of [
      [half, `the sheet "${SHEET_NAMES.zh.formB}" (part ${part}) is cut short`],
      [truncated, 'the file is cut short or damaged'],
    ]) {
      const r = node('score', f);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`kpi-forms: ${f}: `);
      expect(r.stderr).toContain(says);
      expect(r.stderr).not.toMatch(INTERNALS);
    }
  });
});
