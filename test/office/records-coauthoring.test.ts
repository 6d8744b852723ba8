/**
 * Appending records under co-authoring (issue 9, issue 11 "Many people, one workbook"): each Excel edits its own
 * copy and the copies exchange edits, merged cell by cell (the fake: FakeWorkbook.coauthor). A record another
 * supervisor wrote that reached this copy before the batch is never written over (Excel finds the row in the
 * batch); one written at the same moment into the same row on the other copy can win the row when the copies
 * merge: this pane sees it at its next batch (still one sync) and keeps its record — found elsewhere, or written
 * again after the last row. The other person's record stays where it is.
 */
import type { KpiRecord } from '../../src/core/records';
import { RecordWatch, appendRecord, checkRecords, readRecords, recordValues } from '../../src/office/records';
import { checkSupport } from '../../src/office/requirements';
import { insertIntoWorkbook, requestBudgetFor } from '../../src/office/writer';
import { RECORDS_FIRST_ROW } from '../../src/templates/sheets/records';
import { buildWorkbook } from '../../src/templates/workbook';
import { FakeWorkbook, HOSTS } from '../helpers/fakeExcel';
import { isSetSupported } from '../helpers/fake-excel/hosts';
import { sampleAgents } from '../helpers/sync-count';

const host = HOSTS.web;
const features = checkSupport((set, v) => isSetSupported(host, set, v)).features;
const R = RECORDS_FIRST_ROW;

/** A records sheet of 4 agents for March 2024 with one record (row 4). */
async function workbook() {
  const first: KpiRecord = { date: '2024-03-01', id: 'E001', code: 'A01', count: 1, evidence: 'call 1', by: 'Wang', status: '' };
  const spec = buildWorkbook({ month: '2024-03', agents: sampleAgents(4), lang: 'en', records: [first] });
  const wb = new FakeWorkbook(undefined, host);
  await insertIntoWorkbook(spec, { sheets: ['records'], run: wb.run, features, requestBudget: requestBudgetFor(host.platform) });
  return wb;
}
const mine = (k: number): KpiRecord => ({
  date: '2024-03-07',
  id: 'E001',
  code: 'A06',
  count: 1,
  evidence: `call 10${k}`,
  by: 'Wang',
  status: '',
});
const theirs: KpiRecord = { date: '2024-03-07', id: 'E002', code: 'S04', count: 2, evidence: 'call 2042', by: 'Li', status: 'disputed' };

/** Li's record typed on the other copy into `row` (A–G, as her pane writes it). */
function liWrites(row: number) {
  return (w: FakeWorkbook) => {
    const sh = w.sheet('Records')!;
    recordValues(theirs, 'en').forEach((v, i) => (sh.cell(`${'ABCDEFG'[i]}${row}`).value = v === '' ? null : v));
  };
}
const rowOf = (wb: FakeWorkbook, row: number) => ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((c) => wb.sheet('Records')!.value(`${c}${row}`));

test('a record that reached this copy before the batch is never written over: the next row, one sync', async () => {
  const wb = await workbook();
  const watch = new RecordWatch();
  wb.coauthor(liWrites(R + 1), 'before');
  const r = await appendRecord('Records', mine(1), 'en', { run: wb.run, watch });
  expect(r).toEqual({ syncs: 1, row: R + 2 });
  expect(rowOf(wb, R + 1)).toEqual(recordValues(theirs, 'en'));
  expect(rowOf(wb, R + 2)).toEqual(recordValues(mine(1), 'en'));
});

test('two supervisors writing the same row at once: hers wins the merge; my next record (one sync) sees it and writes mine again after the last row', async () => {
  const wb = await workbook();
  const watch = new RecordWatch();
  // my record goes to row 5; Li's, written into row 5 on her copy at the same time, arrives after my batch
  wb.coauthor(liWrites(R + 1), 'after');
  const first = await appendRecord('Records', mine(1), 'en', { run: wb.run, watch });
  expect(first).toEqual({ syncs: 1, row: R + 1 });
  expect(rowOf(wb, R + 1)).toEqual(recordValues(theirs, 'en')); // mine is gone from the sheet for now
  // the next record: the batch reads row 5 before writing row 6; row 5 holds Li's, so mine is written again at row 7
  const before = wb.stats.syncs;
  const second = await appendRecord('Records', mine(2), 'en', { run: wb.run, watch });
  expect(second.row).toBe(R + 2);
  expect(second.rewritten).toEqual([{ record: mine(1), from: R + 1, to: R + 3, again: true }]);
  expect(wb.stats.syncs - before).toBe(3); // the conflict costs a read of the log and a write; none without one
  expect(rowOf(wb, R + 1)).toEqual(recordValues(theirs, 'en')); // Li's stays
  expect(rowOf(wb, R + 2)).toEqual(recordValues(mine(2), 'en'));
  expect(rowOf(wb, R + 3)).toEqual(recordValues(mine(1), 'en'));
  // every record once: Li's, my two and the first
  const all = (await readRecords({ run: wb.run }))!.rows.map((x) => x.record.evidence).sort();
  expect(all).toEqual(['call 1', 'call 101', 'call 102', 'call 2042']);
  // the rewritten row is watched again; nothing else moves at the next record
  const third = await appendRecord('Records', mine(3), 'en', { run: wb.run, watch });
  expect(third).toEqual({ syncs: 1, row: R + 4 });
});

test('without a conflict each record is one sync, and checkRecords is one sync that lets go of records seen intact after the watch time', async () => {
  const wb = await workbook();
  let now = 0;
  const watch = new RecordWatch(120_000, () => now);
  for (let k = 1; k <= 3; k++)
    expect(await appendRecord('Records', mine(k), 'en', { run: wb.run, watch })).toEqual({ syncs: 1, row: R + k });
  expect(watch.items.map((w) => w.row)).toEqual([R + 1, R + 2, R + 3]);
  expect(await checkRecords(watch, { run: wb.run })).toEqual({ syncs: 1, rewritten: [] });
  expect(watch.items).toHaveLength(3); // too young to let go
  now = 120_000;
  expect(await checkRecords(watch, { run: wb.run })).toEqual({ syncs: 1, rewritten: [] });
  expect(watch.items).toHaveLength(0);
  expect(await checkRecords(watch, { run: wb.run })).toEqual({ syncs: 0, rewritten: [] });
});

test('checkRecords: a record found on another row (the log sorted) is followed there, not written twice; a row cleared on purpose is let go', async () => {
  const wb = await workbook();
  const watch = new RecordWatch();
  for (let k = 1; k <= 3; k++) await appendRecord('Records', mine(k), 'en', { run: wb.run, watch });
  const sh = wb.sheet('Records')!;
  // on other copies, before the check: rows 5 and 6 swapped (the log sorted by someone), row 7 cleared
  wb.coauthor((w) => {
    const s = w.sheet('Records')!;
    const [a, b] = [rowOf(w, R + 1), rowOf(w, R + 2)];
    b.forEach((v, i) => (s.cell(`${'ABCDEFG'[i]}${R + 1}`).value = v === '' ? null : v));
    a.forEach((v, i) => (s.cell(`${'ABCDEFG'[i]}${R + 2}`).value = v === '' ? null : v));
    for (const c of 'ABCDEFG') s.cell(`${c}${R + 3}`).value = null;
  }, 'before');
  const r = await checkRecords(watch, { run: wb.run });
  expect(r.rewritten).toEqual([
    { record: mine(1), from: R + 1, to: R + 2, again: false },
    { record: mine(2), from: R + 2, to: R + 1, again: false },
  ]);
  expect(r.syncs).toBe(2); // the rows, then the log to find them: nothing written
  expect(watch.items.map((w) => [w.record.evidence, w.row])).toEqual([
    ['call 101', R + 2],
    ['call 102', R + 1],
  ]);
  expect(sh.value(`E${R + 3}`)).toBe(''); // the cleared record is not brought back
});
