/**
 * LibreOffice, an independent spreadsheet engine, recalculates the plain-Excel workbooks of the random
 * months of equivalence.test.ts (12 months × 45 agents = 540 input sets): every output cell equals the
 * engine's value to 1e-9, ranks, last-two flags and quarter results included; the workbooks of
 * values pasted past data validation give the engine's errors, never a silent number; and the quarter
 * sheets with months left blank or pasted as 0 give the engine's (hand-checked) quarter results.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildWorkbook, quarterMonths } from '../src/templates/workbook';
import { writeWorkbookFile } from '../src/xlsx/writer';
import {
  MONTHS,
  PASTED_CASES,
  PER_MONTH,
  QUARTER_CASES,
  QUARTER_MONTH,
  cellResult,
  engineOutputs,
  expectSame,
  pastedMonth,
  quarterMonth,
} from './helpers/compare';
import { describeWith, recalcMany } from './helpers/oracles';
import { randomMonth } from './helpers/random';
import { randomRecords } from './helpers/random-records';

describeWith('libreoffice', 'LibreOffice recalculates the plain-Excel workbooks of 540 random agents', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-eq-lo-'));
  const cases = MONTHS.map((month, i) => {
    const months = quarterMonths(month, 'calendar');
    const rm = randomMonth(
      1000 + i,
      PER_MONTH,
      months.filter((m) => m !== month),
    );
    rm.records = randomRecords(2000 + i, rm, month);
    const spec = buildWorkbook({
      month,
      agents: rm.agents,
      inputs: rm.inputs,
      history: rm.history,
      records: rm.records,
      mode: 'plain',
      lang: i % 2 ? 'en' : 'zh',
    });
    return { name: `month ${month}`, months, rm, spec, file: path.join(dir, `random-${month}.xlsx`) };
  });
  PASTED_CASES.forEach(([name, bad], i) => {
    const rm = pastedMonth(bad);
    const spec = buildWorkbook({ month: '2015-02', agents: rm.agents, inputs: rm.inputs, mode: 'plain' });
    cases.push({
      name: `pasted past validation: ${name}`,
      months: quarterMonths('2015-02', 'calendar'),
      rm,
      spec,
      file: path.join(dir, `pasted-${i}.xlsx`),
    });
  });
  QUARTER_CASES.forEach(([name, c], i) => {
    const rm = quarterMonth(c);
    const spec = buildWorkbook({ month: QUARTER_MONTH, agents: rm.agents, inputs: rm.inputs, history: rm.history, mode: 'plain' });
    cases.push({
      name: `quarter sheet: ${name}`,
      months: quarterMonths(QUARTER_MONTH, 'calendar'),
      rm,
      spec,
      file: path.join(dir, `quarter-${i}.xlsx`),
    });
  });
  let outs: string[] = [];

  beforeAll(async () => {
    for (const c of cases) await writeWorkbookFile(c.spec, c.file);
    outs = recalcMany(
      cases.map((c) => c.file),
      path.join(dir, 'recalculated'),
    );
  });

  test.each(cases.map((c, i) => [c.name, i]))('%s: every output cell = engine', async (_m, i) => {
    const c = cases[i as number];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(outs[i as number]);
    const expected = engineOutputs(c.spec, c.months, c.rm);
    expect(expected.length).toBeGreaterThan(c.rm.agents.length * 5);
    for (const e of expected) {
      const ws = wb.getWorksheet(e.sheet);
      if (!ws) throw new Error(`LibreOffice output lacks sheet ${e.sheet}`);
      expectSame(cellResult(ws.getCell(e.address)), e.value, `${e.sheet}!${e.address} (${e.key})`);
    }
  });
});
