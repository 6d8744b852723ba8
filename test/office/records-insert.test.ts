/**
 * Issue 9's scale on the Office.js side: the records sheet of 80 agents with a month of records (12,000 rows) is
 * inserted in ≤ 2 `context.sync` calls with every request under Excel on the web's 5 MB. The check formulas H–K
 * of every row are one formula moved down (CellSpec.shares), so the writer sends the first row and Excel fills
 * the rest with Range.copyFrom (ExcelApi 1.9); without it every row's formula is sent, in as many requests as
 * the budget needs. Either way every cell holds the spec's formula (the fake's copyFrom moves references as
 * Excel's paste does: test/office/fake-copyfrom.test.ts).
 */
import { checkSupport } from '../../src/office/requirements';
import { insertIntoWorkbook, requestBudgetFor } from '../../src/office/writer';
import { shareFills } from '../../src/office/render';
import { describeSheet } from '../../src/templates/render';
import { SheetKey, WorkbookSpec } from '../../src/templates/model';
import { buildWorkbook } from '../../src/templates/workbook';
import { FakeHost, FakeWorkbook, HOSTS, WEB_REQUEST_LIMIT } from '../helpers/fakeExcel';
import { isSetSupported } from '../helpers/fake-excel/hosts';
import { measureInsertion, sampleAgents, sampleRecords } from '../helpers/sync-count';

const agents = sampleAgents(80);
/** 12,000 records of March 2024: every agent's kind's codes, month-level rows, every status, call ids as evidence. */
const records = sampleRecords(agents, 12000);
const spec = buildWorkbook({ month: '2024-03', agents, mode: 'kpi', lang: 'zh', records });

async function insert(host: FakeHost, sheets: SheetKey[] | undefined, copyFrom = true) {
  const support = checkSupport((set, v) => isSetSupported(host, set, v)).features;
  const features = { ...support, copyFrom: support.copyFrom && copyFrom };
  const wb = new FakeWorkbook(undefined, host);
  const r = await insertIntoWorkbook(spec, { sheets, run: wb.run, features, requestBudget: requestBudgetFor(host.platform) });
  expect(wb.stats.syncs).toBe(r.syncs);
  return { wb, r };
}

/** Every cell of the spec's records sheet as the fake workbook holds it: formulas as `=…`, constants as written. */
function expectRecordsSheetAsSpec(wb: FakeWorkbook, s: WorkbookSpec) {
  const sheet = s.sheets.find((x) => x.key === 'records')!;
  const fake = wb.sheet(sheet.name)!;
  const wrong: string[] = [];
  let formulas = 0;
  for (const c of sheet.cells) {
    if (c.formula !== undefined) {
      formulas++;
      // a formula, not text that looks like one
      if (fake.cells.get(c.address)?.formula !== `=${c.formula}`)
        wrong.push(`${c.address}: ${String(fake.formula(c.address)).slice(0, 60)}`);
    } else if (c.value !== null && c.value !== undefined && c.value !== '' && fake.value(c.address) === '')
      wrong.push(`${c.address} empty`);
  }
  expect(wrong.slice(0, 5)).toEqual([]);
  expect(formulas).toBe(4 * (12000 + 800)); // H–K of the records and of 10 rows per agent of room
}

describe('the records sheet of 80 agents with 12,000 records', () => {
  test('Excel on the web: ≤ 2 syncs, each request < 5 MB, the check formulas filled by one Range.copyFrom', async () => {
    const { wb, r } = await insert(HOSTS.web, ['records']);
    expect(r.syncs).toBeLessThanOrEqual(2);
    expect(Math.max(...wb.stats.payloads)).toBeLessThan(WEB_REQUEST_LIMIT);
    expect(wb.log.filter((op) => op === 'Range.copyFrom')).toHaveLength(1);
    expectRecordsSheetAsSpec(wb, r.spec);
  });

  test('measureInsertion (the benchmark’s helper) of the records for 80 agents with 12,000 records on the web: 2 syncs', async () => {
    const m = await measureInsertion(80, 'records', 'kpi', HOSTS.web, 12000);
    expect(m.syncs).toBe(2);
    expect(m.maxSyncBytes).toBeLessThan(WEB_REQUEST_LIMIT);
  });

  test('the whole workbook on the web: ≤ 2 syncs, each request < 5 MB', async () => {
    const { wb, r } = await insert(HOSTS.web, undefined);
    expect(r.syncs).toBeLessThanOrEqual(2);
    expect(Math.max(...wb.stats.payloads)).toBeLessThan(WEB_REQUEST_LIMIT);
    expect(r.skipped).toEqual([]);
  });

  test('without Range.copyFrom every row’s formulas are sent: the same cells, more requests, each within the web’s limit', async () => {
    const { wb, r } = await insert(HOSTS.web, ['records'], false);
    expect(wb.log).not.toContain('Range.copyFrom');
    expect(r.syncs).toBeGreaterThan(2);
    expect(Math.max(...wb.stats.payloads)).toBeLessThan(WEB_REQUEST_LIMIT);
    expect(r.skipped).toEqual([]); // nothing is lost, so nothing is said skipped
    expectRecordsSheetAsSpec(wb, r.spec);
  });

  test('Excel 2019 (ExcelApi 1.7, no request limit): no copyFrom, 2 syncs, the same cells', async () => {
    const { wb, r } = await insert(HOSTS.excel2019, ['records']);
    expect(wb.log).not.toContain('Range.copyFrom');
    expect(r.syncs).toBe(2);
    expectRecordsSheetAsSpec(wb, r.spec);
  });
});

test('shareFills: per column the run of one shared formula, adjacent columns of the same rows as one rectangle', () => {
  const small = buildWorkbook({ month: '2024-03', agents: sampleAgents(2), lang: 'en' });
  const d = describeSheet(
    small.sheets.find((s) => s.key === 'records')!,
    'en',
  );
  // 0 records and 100 rows of room (at least 100): rows 4–103, columns H–K (8–11); row 4 written, 5–103 filled
  expect(shareFills(d.cells)).toEqual([{ source: { r1: 4, c1: 8, r2: 4, c2: 11 }, target: { r1: 5, c1: 8, r2: 103, c2: 11 } }]);
  // from row 50 down (rows appended to a sheet): the first row of the part is written
  expect(shareFills(d.cells, 50)).toEqual([{ source: { r1: 50, c1: 8, r2: 50, c2: 11 }, target: { r1: 51, c1: 8, r2: 103, c2: 11 } }]);
  // a column whose key changes midway, and a gap: separate runs, never filled across
  const cells = [4, 5, 6, 8, 9].map((row) => ({
    address: `H${row}`,
    row,
    col: 8,
    content: { formula: `D${row}`, shares: row <= 5 ? 'a' : 'b' },
    style: d.cells[0].style,
  }));
  expect(shareFills(cells)).toEqual([
    { source: { r1: 4, c1: 8, r2: 4, c2: 8 }, target: { r1: 5, c1: 8, r2: 5, c2: 8 } },
    { source: { r1: 8, c1: 8, r2: 8, c2: 8 }, target: { r1: 9, c1: 8, r2: 9, c2: 8 } },
  ]);
});
