/**
 * The records sheet through the Office.js writer on the strict fake Excel: inserted for 80 agents (with the
 * roster it looks ids up in) in ≤ 2 syncs, its validations and highlight rendered; one record appended in one
 * sync into the unlocked cells of the protected sheet, the date as a day, the status in the workbook's language.
 */
import { appendRecord, readRecords, recordWrite, setRecordStatus } from '../../src/office/records';
import type { KpiRecord } from '../../src/core/records';
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

/** A workbook with the records sheet of 4 agents (E001 pre-sales, E002 after-sales, …) for March 2024. */
async function recordsWorkbook(lang: 'zh' | 'en', records: KpiRecord[] = []) {
  const agents = sampleAgents(4);
  const spec = buildWorkbook({ month: '2024-03', agents, mode: 'plain', lang, records });
  const wb = new FakeWorkbook(undefined, host);
  await insertIntoWorkbook(spec, { sheets: ['records'], run: wb.run, features, requestBudget: requestBudgetFor(host.platform) });
  return wb;
}
const REC: KpiRecord = {
  date: '2024-03-07',
  id: 'E001',
  code: 'A06',
  count: 1,
  evidence: 'call 1042 10:42',
  by: 'Wang',
  status: 'disputed',
};

test('appendRecord writes one record in one sync into the first row after the records, A–G only (the row’s formulas stay, the sheet stays protected)', async () => {
  const old = { ...REC, evidence: 'call 1', status: '' };
  const wb = await recordsWorkbook('en', [old, { ...old, evidence: 'call 2' }]);
  const before = wb.stats.syncs;
  const r = await appendRecord('Records', REC, 'en', { run: wb.run });
  // two records in rows 4 and 5: the third goes into row 6
  const row = RECORDS_FIRST_ROW + 2;
  expect(r).toEqual({ syncs: 1, row });
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
  expect(sh.value(`E${RECORDS_FIRST_ROW + 1}`)).toBe('call 2');
  expect(sh.formula(`I${row}`)).toMatch(/^=IF\(AND\(B6="",C6="",D6=""\)/);
  expect(recordWrite({ ...REC, status: 'withdrawn' }, row, 'zh').values[0][6]).toBe('撤销');
  expect(() => recordWrite(REC, RECORDS_FIRST_ROW - 1, 'en')).toThrow(/above the records/);
});

test('appendRecord into an empty log writes the first record row, the next record the row after it', async () => {
  const wb = await recordsWorkbook('zh');
  expect((await appendRecord('考核记录', REC, 'zh', { run: wb.run })).row).toBe(RECORDS_FIRST_ROW);
  expect(wb.sheet('考核记录')!.value(`G${RECORDS_FIRST_ROW}`)).toBe('申诉中');
  expect((await appendRecord('考核记录', { ...REC, evidence: 'b' }, 'zh', { run: wb.run })).row).toBe(RECORDS_FIRST_ROW + 1);
});

test('two panes appending at once (both batches queued before either syncs) write two rows; a row chosen from an earlier read would be written over', async () => {
  const wb = await recordsWorkbook('en', [{ ...REC, status: '' }]);
  const a = { ...REC, by: 'Wang', evidence: 'call 7' };
  const b = { ...REC, id: 'E002', code: 'S04', by: 'Li', evidence: 'call 8' };
  const before = wb.stats.syncs;
  const [ra, rb] = await Promise.all([
    appendRecord('Records', a, 'en', { run: wb.run }),
    appendRecord('Records', b, 'en', { run: wb.run }),
  ]);
  expect(wb.stats.syncs - before).toBe(2);
  expect([ra.row, rb.row].sort()).toEqual([RECORDS_FIRST_ROW + 1, RECORDS_FIRST_ROW + 2]);
  const sh = wb.sheet('Records')!;
  expect(sh.value(`F${ra.row}`)).toBe('Wang');
  expect(sh.value(`F${rb.row}`)).toBe('Li');
  // what this replaces: both panes read the log (one record), then each writes the row after it — the second overwrites the first
  const read = await readRecords({ run: wb.run });
  const next = Math.max(...read!.rows.map((x) => x.row)) + 1;
  for (const rec of [a, b]) {
    const w = recordWrite(rec, next, 'en');
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem('Records').getRange(w.address).values = w.values;
      await context.sync();
    });
  }
  expect(sh.value(`F${next}`)).toBe('Li'); // Wang's record is gone: the failure appendRecord avoids
});

test('readRecords gives the sheet, its language and month, and each record with its row; none without a records sheet', async () => {
  const wb = await recordsWorkbook('zh', [
    { ...REC, status: '' },
    { ...REC, id: 'E002', code: 'S04', count: 2, date: '', status: 'withdrawn' },
  ]);
  const r = await readRecords({ run: wb.run });
  expect(r).toEqual({
    sheet: '考核记录',
    lang: 'zh',
    month: '2024-03',
    rows: [
      { row: RECORDS_FIRST_ROW, record: { ...REC, status: '' } },
      { row: RECORDS_FIRST_ROW + 1, record: { ...REC, id: 'E002', code: 'S04', count: 2, date: '', status: 'withdrawn' } },
    ],
  });
  expect(await readRecords({ run: new FakeWorkbook(['Sheet1'], host).run })).toBeNull();
});

test('setRecordStatus writes the status in the workbook’s language in one sync; a row that no longer holds the record is put back (moved)', async () => {
  const wb = await recordsWorkbook('zh', [
    { ...REC, status: '' },
    { ...REC, evidence: 'other' },
  ]);
  const before = wb.stats.syncs;
  const r = await setRecordStatus('考核记录', RECORDS_FIRST_ROW, { ...REC, status: '' }, 'withdrawn', 'zh', { run: wb.run });
  expect(r).toEqual({ syncs: 1, moved: false });
  expect(wb.stats.syncs - before).toBe(1);
  const sh = wb.sheet('考核记录')!;
  expect(sh.value(`G${RECORDS_FIRST_ROW}`)).toBe('撤销');
  // row 5 holds another record (evidence "other"): its status is left as it was
  const moved = await setRecordStatus('考核记录', RECORDS_FIRST_ROW + 1, { ...REC, status: '' }, 'upheld', 'zh', { run: wb.run });
  expect(moved.moved).toBe(true);
  expect(sh.value(`G${RECORDS_FIRST_ROW + 1}`)).toBe('申诉中');
  // '' lets a record stand again
  await setRecordStatus('考核记录', RECORDS_FIRST_ROW, { ...REC, status: '' }, '', 'zh', { run: wb.run });
  expect(sh.value(`G${RECORDS_FIRST_ROW}`)).toBe('');
});
