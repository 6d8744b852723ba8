/**
 * Room for more records (office/records-room.ts) on the strict fake Excel: a workbook inserted from the pane has
 * checked rows for max(100, 10 × agents) records; the pane grows that block when a write would leave fewer than
 * RECORDS_LOW_WATER empty rows — in the same batch as an import (≤ 2 syncs) or in one more sync after an appended
 * record — and the new rows are what the writer makes for a longer month: the same check formulas, validation,
 * input cells unlocked, the highlight and the four names over the whole block, the sheet protected again.
 */
import * as fs from 'fs';
import * as path from 'path';
import { appendRecord } from '../../src/office/records';
import { RECORDS_LOW_WATER } from '../../src/office/records-room';
import { writeInputs } from '../../src/office/read';
import { insertIntoWorkbook, requestBudgetFor } from '../../src/office/writer';
import { checkSupport } from '../../src/office/requirements';
import { buildWorkbook } from '../../src/templates/workbook';
import { RECORDS_FIRST_ROW } from '../../src/templates/sheets/records';
import { importCallsTable, parseCsvTable } from '../../src/io/calls-core';
import { parseRoster } from '../../src/io/inputs';
import type { Agent } from '../../src/core/agent';
import type { KpiRecord } from '../../src/core/records';
import { FakeSheet, FakeWorkbook, HOSTS } from '../helpers/fakeExcel';
import { isSetSupported } from '../helpers/fake-excel/hosts';
import { sampleAgents } from '../helpers/sync-count';

const ROOT = path.join(__dirname, '..', '..');
const host = HOSTS['m365-windows'];
const features = checkSupport((set, v) => isSetSupported(host, set, v)).features;
const H_TO_K = ['H', 'I', 'J', 'K'];

async function inserted(agents: Agent[], month: string, records: KpiRecord[] = []) {
  const spec = buildWorkbook({ month, agents, mode: 'kpi', lang: 'zh', records });
  const wb = new FakeWorkbook(undefined, host);
  const r = await insertIntoWorkbook(spec, { run: wb.run, features, requestBudget: requestBudgetFor(host.platform) });
  return { wb, spec: r.spec, sheet: wb.sheet('考核记录')! };
}

/** The rows REC_ID covers, from its reference in the fake. */
function recIdRows(wb: FakeWorkbook): [number, number] {
  const ref = wb.names.get('rec_id')!.ref;
  const m = /!\$B\$(\d+):\$B\$(\d+)$/.exec(ref)!;
  return [Number(m[1]), Number(m[2])];
}

/**
 * The grown rows are what the writer makes when the records sheet is that long from the start (a workbook of
 * the same month and roster inserted with as many records): formulas of H–K, number formats and locking of A–K.
 */
async function expectRowsAsMadeLong(sheet: FakeSheet, agents: Agent[], month: string, from: number, to: number) {
  const room = Math.max(100, 10 * agents.length);
  const blank: KpiRecord = { date: '', id: '', code: '', count: null, evidence: '', by: '', status: '' };
  const long = await inserted(
    agents,
    month,
    Array.from({ length: to - RECORDS_FIRST_ROW + 1 - room }, () => blank),
  );
  const cols = ['A', 'B', 'C', 'D', 'E', 'F', 'G', ...H_TO_K];
  const diffs: string[] = [];
  for (const r of [from, from + 1, Math.floor((from + to) / 2), to])
    for (const c of cols) {
      const [a, b] = [sheet.cells.get(`${c}${r}`), long.sheet.cells.get(`${c}${r}`)];
      const pick = (x: typeof a) => ({ formula: x?.formula, numberFormat: x?.numberFormat, locked: x?.locked ?? true, fill: x?.fill });
      if (JSON.stringify(pick(a)) !== JSON.stringify(pick(b)))
        diffs.push(`${c}${r}: ${JSON.stringify(pick(a))} ≠ ${JSON.stringify(pick(b))}`);
    }
  expect(diffs).toEqual([]);
  // beyond the block nothing was written
  expect(sheet.cells.get(`H${to + 1}`)?.formula).toBeUndefined();
}

test("January 2015's public log (148 A01 records, 9 agents) goes into a pane-inserted workbook: the block grows in the import's batch, 2 syncs", async () => {
  const agents = await parseRoster(path.join(ROOT, 'examples', 'roster-2015q1.csv'));
  expect(agents).toHaveLength(9);
  const { wb, spec, sheet } = await inserted(agents, '2015-01');
  // the room a pane-inserted workbook has: max(100, 10 × 9) rows, 4–103
  expect(recIdRows(wb)).toEqual([4, 103]);

  const file = path.join(ROOT, 'examples', 'call-centre', 'calls-2015q1.csv');
  const imp = importCallsTable(file, parseCsvTable(file, fs.readFileSync(file, 'utf8'), 'utf-8'), { month: '2015-01', agents });
  const a01 = (imp.records ?? []).filter((r) => r.code === 'A01');
  // as the pane sends them (call-log.ts): A01 as records, S01/S02 typed on the forms
  const inputs: Record<string, Record<string, number | string>> = {};
  for (const [id, rec] of Object.entries(imp.inputs))
    for (const [code, v] of Object.entries(rec)) if (code !== 'A01') (inputs[id] ??= {})[code] = v;
  expect(a01).toHaveLength(148);

  const before = wb.stats.syncs;
  const r = await writeInputs(spec.layout, inputs, { run: wb.run, records: a01, features });
  expect(r.records).toBe(148);
  expect(r.syncs).toBe(2);
  expect(wb.stats.syncs - before).toBe(2);
  // every record on its row, in the log's order, the call as evidence
  a01.forEach((x, i) => {
    const row = RECORDS_FIRST_ROW + i;
    expect([sheet.value(`B${row}`), sheet.value(`C${row}`), sheet.value(`E${row}`)]).toEqual([x.id, 'A01', x.evidence]);
  });
  expect(sheet.value(`B${RECORDS_FIRST_ROW + 148}`)).toBe('');
  // the block: the 148 records + another block of 100 rows, REC_* over it all, the highlight over it all
  const end = RECORDS_FIRST_ROW + 148 - 1 + 100;
  expect(recIdRows(wb)).toEqual([4, end]);
  for (const [n, col] of [
    ['rec_code', 'C'],
    ['rec_counted', 'H'],
    ['rec_status', 'G'],
  ])
    expect(wb.names.get(n)!.ref).toMatch(new RegExp(`^'?考核记录'?!\\$${col}\\$4:\\$${col}\\$${end}$`));
  expect(sheet.conditionalFormats.map((c) => c.address)).toEqual([`A4:I${end}`]);
  expect(sheet.conditionalFormats[0].formula).toBe('=$I4<>""');
  // validation on the new rows, each column's rule relative to its first new row
  const idRule = sheet.validations.find((v) => v.address === `B104:B${end}`);
  expect(JSON.stringify(idRule?.rule)).toContain('MATCH(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(B104,');
  expect(sheet.protected).toBe(true);
  await expectRowsAsMadeLong(sheet, agents, '2015-01', 104, end);
  // the form still counts through the names: E01's A01 is a SUMIFS over REC_COUNTED
  const e01 = spec.layout.find((l) => l.agent.id === 'E01')!;
  expect(wb.sheet(e01.outputs['n:A01'].sheet)!.formula(e01.outputs['n:A01'].address)).toMatch(/^=SUMIFS\(REC_COUNTED,REC_ID,"=E01"/);
});

test('appendRecord past the initial room: the block grows by one more sync when fewer than RECORDS_LOW_WATER rows are left, then 1 sync a record', async () => {
  const agents = sampleAgents(4);
  const { wb, sheet } = await inserted(agents, '2024-03');
  expect(recIdRows(wb)).toEqual([4, 103]);
  // 90 records typed in the sheet (rows 4–93)
  for (let r = 4; r <= 93; r++) {
    sheet.cell(`B${r}`).value = 'E001';
    sheet.cell(`C${r}`).value = 'A01';
    sheet.cell(`D${r}`).value = 1;
  }
  const rec = (i: number): KpiRecord => ({
    date: '2024-03-07',
    id: 'E001',
    code: 'A06',
    count: 1,
    evidence: `call ${i}`,
    by: 'Wang',
    status: '',
  });
  // row 94: 9 rows left after it (95–103): fewer than 10, so another block of 100 rows follows row 103, in a second sync
  expect(RECORDS_LOW_WATER).toBe(10);
  const first = await appendRecord('考核记录', rec(0), 'zh', { run: wb.run, agents, features });
  expect(first).toEqual({ row: 94, syncs: 2, grown: 103 + 100 });
  expect(recIdRows(wb)).toEqual([4, 203]);
  // then one sync a record, past the first block's last row (103)
  for (let i = 1; i <= 20; i++) {
    const r = await appendRecord('考核记录', rec(i), 'zh', { run: wb.run, agents, features });
    expect(r).toEqual({ row: 94 + i, syncs: 1 });
  }
  expect(sheet.value('E114')).toBe('call 20');
  expect(sheet.protected).toBe(true);
  await expectRowsAsMadeLong(sheet, agents, '2024-03', 104, 203);
});

test('a workbook whose records rows are not the template’s (another roster size): nothing grows, the import is refused as before', async () => {
  const agents = sampleAgents(3);
  const { wb, spec, sheet } = await inserted(agents, '2024-03');
  const many = Array.from({ length: 101 }, () => ({ date: '', id: 'E001', code: 'A01', count: 1, evidence: '', by: '', status: '' }));
  // the pane's roster has a fourth agent the workbook does not: the roster's range in the checks differs
  const other = buildWorkbook({ month: '2024-03', agents: sampleAgents(4), mode: 'kpi', lang: 'zh' }).layout;
  await expect(writeInputs(other, {}, { run: wb.run, records: many, features })).rejects.toMatchObject({
    code: 'office.recordsFull',
    params: { records: 101, room: 100, last: 103 },
  });
  expect(sheet.value('B4')).toBe('');
  expect(recIdRows(wb)).toEqual([4, 103]);
  // appendRecord without the roster writes its record and leaves the block as it is
  const r = await appendRecord('考核记录', many[0], 'zh', { run: wb.run });
  expect(r).toEqual({ row: 4, syncs: 1 });
  expect(spec.layout).toHaveLength(3);
});
