/**
 * The pane's record watch (records.ts RecordWatch, kept by createOfficeHost) after "add another supervisor's
 * workbook": the merge writes the records sheet anew from what it decided, so a record this pane appended shortly
 * before and that the user let the other workbook win over (prefer 'other') is gone on purpose. The next append
 * must not take its row, now holding the other workbook's record, for one a co-author won, and write it back.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { KpiRecord } from '../../src/core/records';
import { createOfficeHost } from '../../src/office/host';
import { checkSupport } from '../../src/office/requirements';
import { insertIntoWorkbook, requestBudgetFor } from '../../src/office/writer';
import { RECORDS_FIRST_ROW } from '../../src/templates/sheets/records';
import { buildWorkbook } from '../../src/templates/workbook';
import { readMonthBook } from '../../src/xlsx/month-book';
import { writeWorkbookFile } from '../../src/xlsx/writer';
import { FakeWorkbook, HOSTS } from '../helpers/fakeExcel';
import { isSetSupported } from '../helpers/fake-excel/hosts';
import { sampleAgents } from '../helpers/sync-count';

jest.setTimeout(120000);

const web = HOSTS.web;
const features = checkSupport((set, v) => isSetSupported(web, set, v)).features;
const agents = sampleAgents(4);
const MONTH = '2024-03';
const rec = (evidence: string, id = 'E001'): KpiRecord => ({
  date: '2024-03-05',
  id,
  code: 'A01',
  count: 1,
  evidence,
  by: 'Wang',
  status: '',
});

test('a record of this pane that the merge let the other workbook win over is not written back by the next append', async () => {
  const wb = new FakeWorkbook(undefined, web);
  await insertIntoWorkbook(buildWorkbook({ month: MONTH, agents, lang: 'en', mode: 'plain' }), {
    run: wb.run,
    features,
    requestBudget: requestBudgetFor(web.platform),
  });
  const host = createOfficeHost(wb.run);
  const mine = rec('call 1');
  expect((await host.appendRecord('Records', mine, 'en', agents)).row).toBe(RECORDS_FIRST_ROW);

  // the other supervisor's workbook: E001's A01 recorded otherwise; the user chooses it
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-merge-watch-')), 'other.xlsx');
  await writeWorkbookFile(buildWorkbook({ month: MONTH, agents, lang: 'en', mode: 'plain', records: [rec('call 9')] }), file);
  const other = { ...(await readMonthBook(file)), file: 'other.xlsx' };
  await host.mergeWorkbook!(other, { thisName: 'mine.xlsx', lang: 'en', prefer: 'other' });
  const evidence = () =>
    [...wb.sheet('Records')!.cells]
      .filter(([a, c]) => /^E\d+$/.test(a) && Number(a.slice(1)) >= RECORDS_FIRST_ROW && c.value)
      .map(([, c]) => c.value);
  expect(evidence()).toEqual(['call 9']);

  const next = await host.appendRecord('Records', rec('call 2', 'E003'), 'en', agents);
  expect(next.rewritten ?? []).toEqual([]);
  expect(evidence().sort()).toEqual(['call 2', 'call 9']);
});

test('after the next month is inserted over this one, a record appended in the month before is not written into the new month', async () => {
  const wb = new FakeWorkbook(undefined, web);
  const budget = { run: wb.run, features, requestBudget: requestBudgetFor(web.platform) };
  await insertIntoWorkbook(buildWorkbook({ month: MONTH, agents, lang: 'en', mode: 'plain' }), budget);
  const host = createOfficeHost(wb.run);
  expect((await host.appendRecord('Records', rec('call 1'), 'en', agents)).row).toBe(RECORDS_FIRST_ROW);

  // the month closed, the next one started in the same sheets (YearTab: host.insert, replace), the call log imported
  const next = await host.insert(buildWorkbook({ month: '2024-04', agents, lang: 'en', mode: 'plain' }), { onConflict: 'replace' });
  const april = (evidence: string, id = 'E001'): KpiRecord => ({ ...rec(evidence, id), date: '2024-04-02' });
  await host.writeInputs(next.spec.layout, {}, [april('call 41')]);
  const r = await host.appendRecord('Records', april('call 42', 'E003'), 'en', agents);
  expect(r.rewritten ?? []).toEqual([]);
  const dates = [...wb.sheet('Records')!.cells]
    .filter(([a, c]) => /^A\d+$/.test(a) && Number(a.slice(1)) >= RECORDS_FIRST_ROW && c.value)
    .map(([, c]) => c.value);
  expect(dates).toHaveLength(2);
});
