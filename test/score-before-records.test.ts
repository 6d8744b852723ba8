/**
 * A workbook made before the records sheet (D12) — its forms' counts typed constants, no 考核记录 sheet, no
 * REC_* names — is refused by `score` with a message in both languages that says so and how to carry the
 * month forward, not as a damaged file missing a sheet. Built here as the previous version left it: the
 * records sheet and its names removed, constants in the count cells.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { buildWorkbook } from '../src/templates/workbook';
import { writeWorkbookFile } from '../src/xlsx/writer';
import { scoreWorkbookFile } from '../src/xlsx/reader';
import { Problem } from '../src/core/problem';
import { Agent } from '../src/templates/model';

const agents: Agent[] = [
  { id: 'E01', name: 'Ann', role: 'pre-sales', group: 'G1' },
  { id: 'E02', name: 'Cai', role: 'after-sales', group: 'G2' },
];

async function workbook(keepNames: boolean): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-before-records-'));
  const file = path.join(dir, 'm.xlsx');
  const spec = buildWorkbook({ month: '2024-03', agents, inputs: { E01: { A01: 2 } } });
  await writeWorkbookFile(spec, file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  wb.removeWorksheet(wb.getWorksheet('考核记录')!.id);
  const model = wb.definedNames.model.filter((n) => keepNames || !/^REC_/.test(n.name));
  wb.definedNames.model = model;
  // the count cell as the previous version wrote it: a typed constant
  const a01 = spec.layout[0].outputs['n:A01'];
  wb.getWorksheet(a01.sheet)!.getCell(a01.address).value = 2;
  await wb.xlsx.writeFile(file);
  return file;
}

test('a workbook of the version before records: refused, saying so and how to carry the month forward (both languages)', async () => {
  const file = await workbook(false);
  const e = await scoreWorkbookFile(file).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(Problem);
  const p = e as Problem;
  expect(p.code).toBe('xlsx.beforeRecords');
  expect(p.in('en')).toContain(`${file}: made by an earlier kpi-forms, before the records sheet "考核记录"; it cannot be scored as it is`);
  expect(p.in('en')).toContain('"kpi-forms new" and its counts in the entries file');
  expect(p.in('zh')).toContain(`${file}:由早期版本生成,没有考核记录表 "考核记录";无法按原样计分`);
});

test('a records sheet deleted from a workbook that has its names: the sheet is named as missing', async () => {
  const file = await workbook(true);
  await expect(scoreWorkbookFile(file)).rejects.toMatchObject({ code: 'xlsx.sheetMissing', message: expect.stringContaining('考核记录') });
});
