/**
 * xlsx/messages.ts: what reading and writing .xlsx files tells a user, in Chinese (worded by hand here)
 * as in English, thrown by the code itself (package check, reader, writer); and that no Chinese wording
 * of the layer is left in English.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import JSZip from 'jszip';
import * as os from 'os';
import * as path from 'path';
import { Agent } from '../../src/core/agent';
import { MESSAGES, Params, Problem } from '../../src/core/problem';
import { SHEET_NAMES } from '../../src/templates/i18n';
import { buildWorkbook } from '../../src/templates/workbook';
import { excelJsView } from '../../src/xlsx/exceljs-read';
import { X } from '../../src/xlsx/messages';
import { checkXlsxPackage } from '../../src/xlsx/package';
import { readRules, scoreWorkbook } from '../../src/xlsx/reader';
import { workbookToExcelJS, writeWorkbookFile } from '../../src/xlsx/writer';
import { XLSX_EXAMPLES as EXAMPLES } from '../helpers/message-samples';
import { KEPT_AS_IS, englishIn, thrown } from '../helpers/zh-words';

const N = SHEET_NAMES.zh;
const agents: Agent[] = [
  { id: 'E01', name: 'Ann', role: 'pre-sales', group: 'G1' },
  { id: 'E02', name: 'Cai', role: 'after-sales', group: 'G2' },
];

const zip = async (files: Record<string, string>) => {
  const z = new JSZip();
  for (const [name, text] of Object.entries(files)) z.file(name, text);
  return z.generateAsync({ type: 'nodebuffer' });
};

describe('a file that is not a readable .xlsx, or is damaged', () => {
  test('not an .xlsx: empty, a PDF, a Word document, a zip of other files', async () => {
    const empty = thrown(() => checkXlsxPackage('a.xlsx', Buffer.alloc(0)));
    expect(empty.code).toBe('xlsx.notXlsx');
    expect(empty.in('zh')).toBe('a.xlsx:不是可读取的 .xlsx 工作簿:文件是空的(0 字节)');
    expect(thrown(() => checkXlsxPackage('a.xlsx', Buffer.from('%PDF-1.5\n'.padEnd(40, ' ')))).in('zh')).toBe(
      'a.xlsx:不是可读取的 .xlsx 工作簿:这是 PDF 文件',
    );
    const word = await zip({ 'word/document.xml': '<w:document/>' });
    expect(thrown(() => checkXlsxPackage('r.xlsx', word)).in('zh')).toBe(
      'r.xlsx:不是可读取的 .xlsx 工作簿:这是 Word 文档(含有 word/document.xml),不是 Excel 工作簿',
    );
    const four = await zip({ 'a.txt': '1', 'b.txt': '2', 'c.txt': '3', 'd.txt': '4' });
    const p = thrown(() => checkXlsxPackage('f.xlsx', four));
    expect(p.in('zh')).toBe(
      'f.xlsx:不是可读取的 .xlsx 工作簿:这是不含 xl/workbook.xml 的 zip 压缩包(含有 a.txt、b.txt、c.txt、…),不是 Excel 工作簿',
    );
    expect(p.message).toBe(
      'f.xlsx: is not a readable .xlsx workbook: it is a zip archive without xl/workbook.xml (it holds a.txt, b.txt, c.txt, …), not an Excel workbook',
    );
  });

  test('a damaged part: named by its path and what it holds; where the XML breaks, by line and column', async () => {
    const noRels = await zip({ 'xl/workbook.xml': '<workbook/>' });
    expect(thrown(() => checkXlsxPackage('g.xlsx', noRels)).in('zh')).toBe(
      'g.xlsx:部件 xl/_rels/workbook.xml.rels(工作簿各工作表的存放位置)缺失;文件已损坏:请使用较早的副本,或在 Excel 中打开(Excel 会尽量修复)后重新保存',
    );
    const bad = await zip({ 'xl/workbook.xml': '<workbook><sheets></workbook>', 'xl/_rels/workbook.xml.rels': '<Relationships/>' });
    const p = thrown(() => checkXlsxPackage('h.xlsx', bad));
    expect(p.code).toBe('xlsx.damaged');
    expect(p.params).toMatchObject({ what: 'notWellFormed', part: 'xl/workbook.xml', line: 1 });
    expect(p.in('zh')).toMatch(
      /^h\.xlsx:部件 xl\/workbook\.xml\(工作簿的工作表列表和定义名称\)不是格式正确的 XML\(第 1 行第 \d+ 列:[^)]+\);文件已损坏:/,
    );
    expect(p.message).toMatch(
      /^h\.xlsx: the part xl\/workbook\.xml \(.*\) is not well-formed XML \(line 1, column \d+: [^)]+\); the file is damaged/,
    );
  });
});

describe('a workbook whose rules, roster or inputs cannot be read', () => {
  /** a workbook built by kpi-forms, in memory, with `change` made to it */
  function workbook(change: (wb: ExcelJS.Workbook, cellOf: (name: string) => ExcelJS.Cell) => void) {
    const spec = buildWorkbook({ month: '2024-03', agents, lang: 'zh' });
    const wb = workbookToExcelJS(spec);
    const cellOf = (name: string) => {
      const ref = (wb.definedNames.model as Array<{ name: string; ranges: string[] }>).find((n) => n.name === name)!.ranges[0];
      const m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(ref)!;
      return wb.getWorksheet(m[1])!.getCell(`${m[2]}${m[3]}`);
    };
    change(wb, cellOf);
    return { spec, view: excelJsView(wb) };
  }

  test('the rules: a setting, a rule cell that is not a number, a workbook that is not ours', () => {
    const lang = workbook((_wb, cellOf) => (cellOf('KPI_LANG').value = 'fr'));
    const p = thrown(() => readRules(lang.view, 'c.xlsx'));
    expect(p.code).toBe('xlsx.badSetting');
    expect(p.in('zh')).toBe('c.xlsx KPI_LANG:"fr" 必须是 zh 或 en');
    expect(p.message).toBe('c.xlsx KPI_LANG: "fr" must be zh or en');

    let at = '';
    const pts = workbook((_wb, cellOf) => {
      const c = cellOf('PTS_A01');
      at = c.address;
      c.value = 'x';
    });
    expect(thrown(() => readRules(pts.view, 'c.xlsx')).in('zh')).toBe(`c.xlsx ${N.rules}!${at}(规则 PTS_A01):"x" 必须是数字`);

    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('Sheet1');
    expect(thrown(() => readRules(excelJsView(plain), 'd.xlsx')).in('zh')).toBe(
      'd.xlsx:不是 kpi-forms 工作簿(没有任何定义名称 KPI_MONTH、KPI_LANG、PTS_A01……);请用 "kpi-forms new" 生成',
    );
  });

  test('the roster and the inputs: an id left empty; every bad input cell, each worded', () => {
    const roster = workbook((wb) => (wb.getWorksheet(N.roster)!.getCell('A4').value = null));
    expect(thrown(() => scoreWorkbook(roster.view, 'e.xlsx')).in('zh')).toBe(`e.xlsx ${N.roster}!A4:工号为空`);

    // the input cells left on the forms are the monthly figures (EX, S01…); per-occurrence counts are records (D12)
    let ex = { sheet: '', address: '' };
    let s01 = { sheet: '', address: '' };
    let s03 = { sheet: '', address: '' };
    const inputs = workbook((wb) => {
      const layout = buildWorkbook({ month: '2024-03', agents, lang: 'zh' }).layout;
      ex = layout.find((l) => l.agent.id === 'E01')!.inputs.EX;
      s01 = layout.find((l) => l.agent.id === 'E02')!.inputs.S01;
      s03 = layout.find((l) => l.agent.id === 'E02')!.inputs.S03;
      wb.getWorksheet(ex.sheet)!.getCell(ex.address).value = 101;
      wb.getWorksheet(s01.sheet)!.getCell(s01.address).value = -1;
      wb.getWorksheet(s03.sheet)!.getCell(s03.address).value = 'F';
    });
    const p = thrown(() => scoreWorkbook(inputs.view, 'e.xlsx'));
    expect(p.code).toBe('input.badValue');
    expect(p.list('zh')).toEqual([
      `e.xlsx ${ex.sheet}!${ex.address}:EX 笔试成绩 101 必须是 0 到 100 之间的数`,
      `e.xlsx ${s01.sheet}!${s01.address}:S01 处理单量 -1 必须是 ≥ 0 的整数 (D4, D5)`,
      `e.xlsx ${s03.sheet}!${s03.address}:S03 等级 "F" 必须是等级字母 A、B、C、D、E 之一`,
    ]);
    expect(p.in('zh')).toBe(`e.xlsx ${ex.sheet}!${ex.address}:EX 笔试成绩 101 必须是 0 到 100 之间的数 (同一文件中另有 2 处问题)`);
  });
});

test('the output file: exists already, or its folder does not', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-xlsx-msg-'));
  const spec = buildWorkbook({ month: '2024-03', agents });
  const there = path.join(dir, 'a.xlsx');
  fs.writeFileSync(there, 'keep');
  const exists = await writeWorkbookFile(spec, there).catch((e: unknown) => e as Problem);
  expect(exists).toBeInstanceOf(Problem);
  expect((exists as Problem).in('zh')).toBe(`${there}:文件已存在,未覆盖(要替换它,请加上 --force)`);
  const nowhere = path.join(dir, 'no', 'b.xlsx');
  const folder = (await writeWorkbookFile(spec, nowhere).catch((e: unknown) => e)) as Problem;
  expect(folder.code).toBe('xlsx.noFolder');
  expect(folder.in('zh')).toBe(`${nowhere}:文件夹 ${path.join(dir, 'no')} 不存在`);
});

// ---------------- every message ----------------

const part = { file: 'a.xlsx', part: 'xl/worksheets/sheet3.xml', sheet: '表B-纪律' };
/** What the layer's Chinese keeps in Latin letters besides KEPT_AS_IS: names of programs and formats, defined names, a command. */
const KEPT = [
  ...KEPT_AS_IS,
  ...['kpi-forms new', 'kpi-forms ledger', 'kpi-forms', 'KPI_MONTH', 'KPI_LANG', 'PTS_A01', '--force', 'deflate'],
  ...['XML', 'PDF', 'Word', 'PowerPoint', 'OpenDocument', 'LibreOffice', 'ppt/'],
];

test('every xlsx message has examples, and its Chinese wording has no English word', () => {
  const codes = [...MESSAGES.keys()].filter((c) => c.startsWith('xlsx.'));
  expect(codes.sort()).toEqual([...new Set(EXAMPLES.map(([c]) => c))].sort());
  expect(Object.keys(X).length).toBe(codes.length);
  for (const [code, params] of EXAMPLES) {
    const m = MESSAGES.get(code)!;
    const zh = m.zh(params);
    expect([code, params, englishIn(zh, params, KEPT)]).toEqual([code, params, []]);
    expect(zh).not.toBe(m.en(params));
  }
});

test('the wordings by hand: a damaged sheet, a part without a role, the relationship of an unnamed id', () => {
  // parameters as the examples give them (checked by the wording itself)
  const w = (p: Params) => new Problem(X.damaged, p as never);
  expect(w({ ...part, what: 'xmlCutShort', root: 'worksheet' }).in('zh')).toBe(
    'a.xlsx:工作表 "表B-纪律"(部件 xl/worksheets/sheet3.xml)被截断(其 XML 不以 </worksheet> 结尾);文件已损坏:请使用较早的副本,或在 Excel 中打开(Excel 会尽量修复)后重新保存',
  );
  expect(w({ file: 'a.xlsx', part: 'xl/media/x.xml', what: 'checksum' }).in('zh')).toBe(
    'a.xlsx:部件 xl/media/x.xml 与 zip 中的校验和不符(其字节被改动或丢失);文件已损坏:请使用较早的副本,或在 Excel 中打开(Excel 会尽量修复)后重新保存',
  );
  const rel = w({ file: 'a.xlsx', part: 'xl/_rels/workbook.xml.rels', what: 'noRelationship', rid: '', name: 'Form A' });
  expect(rel.message).toBe(
    `a.xlsx: the part xl/_rels/workbook.xml.rels (where the workbook's sheets are stored) lacks the relationship (none) of the sheet "Form A"; the file is damaged: use an earlier copy, or open it in Excel (which repairs what it can) and save it again`,
  );
  expect(rel.in('zh')).toBe(
    'a.xlsx:部件 xl/_rels/workbook.xml.rels(工作簿各工作表的存放位置)缺少工作表 "Form A" 的关系(无);文件已损坏:请使用较早的副本,或在 Excel 中打开(Excel 会尽量修复)后重新保存',
  );
  expect(
    new Problem(X.hugeName, { file: 'a.xlsx', name: 'W_PRE', cells: 17179869184, ref: "'规则'!$A$1:$XFD$1048576", max: 1000000 }).in('zh'),
  ).toBe(
    "a.xlsx:定义名称 W_PRE 覆盖 17,179,869,184 个单元格('规则'!$A$1:$XFD$1048576),超出 kpi-forms 能读取的上限(1,000,000);请缩小范围或删除它(公式 › 名称管理器)",
  );
});
