/**
 * LibreOffice, an independent spreadsheet engine, recalculates the plain-Excel workbooks of the random
 * months of equivalence.test.ts (12 months × 45 agents = 540 input sets): every output cell equals the
 * engine's value to 1e-9, ranks, last-two flags and quarter results included.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildWorkbook, quarterMonths } from '../src/templates/workbook';
import { writeWorkbookFile } from '../src/xlsx/writer';
import { MONTHS, PER_MONTH, cellResult, engineOutputs, expectSame } from './helpers/compare';
import { describeWith, recalcMany } from './helpers/oracles';
import { randomMonth } from './helpers/random';

describeWith('libreoffice', 'LibreOffice recalculates the plain-Excel workbooks of 540 random agents', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-eq-lo-'));
  const cases = MONTHS.map((month, i) => {
    const months = quarterMonths(month, 'calendar');
    const rm = randomMonth(
      1000 + i,
      PER_MONTH,
      months.filter((m) => m !== month),
    );
    const spec = buildWorkbook({
      month,
      agents: rm.agents,
      inputs: rm.inputs,
      history: rm.history,
      mode: 'plain',
      lang: i % 2 ? 'en' : 'zh',
    });
    return { month, months, rm, spec, file: path.join(dir, `random-${month}.xlsx`) };
  });
  let outs: string[] = [];

  beforeAll(async () => {
    for (const c of cases) await writeWorkbookFile(c.spec, c.file);
    outs = recalcMany(
      cases.map((c) => c.file),
      path.join(dir, 'recalculated'),
    );
  });

  test.each(MONTHS.map((m, i) => [m, i]))('month %s: every output cell = engine', async (_m, i) => {
    const c = cases[i as number];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(outs[i as number]);
    const expected = engineOutputs(c.spec, c.months, c.rm);
    expect(expected.length).toBeGreaterThan(200);
    for (const e of expected) {
      const ws = wb.getWorksheet(e.sheet);
      if (!ws) throw new Error(`LibreOffice output lacks sheet ${e.sheet}`);
      expectSame(cellResult(ws.getCell(e.address)), e.value, `${e.sheet}!${e.address} (${e.key})`);
    }
  });
});
