/**
 * The records sheet through the Office.js writer on the strict fake Excel: inserted for 80 agents (with the
 * roster it looks ids up in) in ≤ 2 syncs, its validations and highlight rendered; one record appended in one
 * sync into the unlocked cells of the protected sheet, the date as a day, the status in the workbook's language.
 */
import { appendRecord, recordWrite } from '../../src/office/records';
import { insertIntoWorkbook, requestBudgetFor } from '../../src/office/writer';
import { checkSupport } from '../../src/office/requirements';
import { buildWorkbook } from '../../src/templates/workbook';
import { RECORDS_FIRST_ROW } from '../../src/templates/sheets/records';
import { FakeWorkbook, HOSTS } from '../helpers/fakeExcel';
import { isSetSupported } from '../helpers/fake-excel/hosts';
import { sampleAgents } from '../helpers/sync-count';

const host = HOSTS['m365-windows'];
const features = checkSupport((set, v) => isSetSupported(host, set, v)).features;

test('the records sheet for 80 agents (with its roster and 2,000 records) is inserted in ≤ 2 syncs', async () => {
  const agents = sampleAgents(80);
  const records = Array.from({ length: 2000 }, (_, i) => ({
    date: `2024-03-${String((i % 28) + 1).padStart(2, '0')}`,
    id: agents[i % 80].id,
    code: agents[i % 80].role === 'pre-sales' ? 'A01' : 'S04',
    count: 1,
    evidence: `call ${i}`,
    by: 'Wang',
    status: '',
  }));
  const spec = buildWorkbook({ month: '2024-03', agents, mode: 'kpi', lang: 'zh', records });
  const wb = new FakeWorkbook(undefined, host);
  const r = await insertIntoWorkbook(spec, { sheets: ['records'], run: wb.run, features, requestBudget: requestBudgetFor(host.platform) });
  expect(r.syncs).toBeLessThanOrEqual(2);
  expect(wb.stats.syncs).toBe(r.syncs);
  expect(r.sheets).toEqual(expect.arrayContaining(['考核记录', '花名册']));
  const sh = wb.sheet('考核记录')!;
  expect(sh.value(`B${RECORDS_FIRST_ROW + 1999}`)).toBe(agents[1999 % 80].id);
  expect(sh.formula(`H${RECORDS_FIRST_ROW}`)).toMatch(/^=IF\(OR\(I4<>""/);
});

test('appendRecord writes one record in one sync into the protected sheet, A–G only (the row’s formulas stay)', async () => {
  const agents = sampleAgents(4);
  const spec = buildWorkbook({ month: '2024-03', agents, mode: 'plain', lang: 'en' });
  const wb = new FakeWorkbook(undefined, host);
  await insertIntoWorkbook(spec, { sheets: ['records'], run: wb.run, features, requestBudget: requestBudgetFor(host.platform) });
  const before = wb.stats.syncs;
  const row = RECORDS_FIRST_ROW + 2;
  const rec = { date: '2024-03-07', id: 'E001', code: 'A06', count: 1, evidence: 'call 1042 10:42', by: 'Wang', status: 'disputed' };
  const r = await appendRecord('Records', row, rec, 'en', { run: wb.run });
  expect(r).toEqual({ syncs: 1, address: `A${row}:G${row}` });
  expect(wb.stats.syncs - before).toBe(1);
  const sh = wb.sheet('Records')!;
  expect(sh.protected).toBe(true);
  // 2024-03-07 is day 45358 of Excel's 1900 date system (DATE(2024,3,7))
  expect([sh.value(`A${row}`), sh.value(`B${row}`), sh.value(`C${row}`), sh.value(`D${row}`), sh.value(`G${row}`)]).toEqual([
    45358,
    'E001',
    'A06',
    1,
    'disputed',
  ]);
  expect(sh.formula(`I${row}`)).toMatch(/^=IF\(AND\(B6="",C6="",D6=""\)/);
  expect(recordWrite({ ...rec, status: 'withdrawn' }, row, 'zh').values[0][6]).toBe('撤销');
  expect(() => recordWrite(rec, RECORDS_FIRST_ROW - 1, 'en')).toThrow(/above the records/);
});
