/**
 * close puts a month's rows in month order whatever order the months are closed in (cli/ledger.ts inMonthOrder: the
 * ledger's rows are in month order, so the month's rows go in after the months before it): March, then January,
 * then February give the ledger that January, February, March give — rows, quarter results, plans — and reopening
 * January keeps its rows first.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-ledger-order-'));

async function cli(argv: string[]) {
  let stdout = '';
  const code = await run(argv, { stdout: { write: (s: string | Uint8Array) => (stdout += String(s)) }, stderr: { write: () => true } });
  return { code, stdout };
}

const ROSTER = ['employee_id,name,role,group', 'P1,Ann,pre-sales,G1', 'P2,Bo,pre-sales,G1', 'P3,Cai,pre-sales,G1'].join('\n');
/** P1 first, P3 last every month (EX 95 / 90 / 60): P1's award and P3's transfer in March (D10) */
const ENTRIES = ['employee_id,code,value', 'P1,EX,95', 'P2,EX,90', 'P3,EX,60'].join('\n');

async function monthFile(month: string): Promise<string> {
  const out = path.join(dir, `${month}.xlsx`);
  fs.writeFileSync(path.join(dir, 'roster.csv'), ROSTER);
  fs.writeFileSync(path.join(dir, 'entries.csv'), ENTRIES);
  const r = await cli([
    'new',
    '--month',
    month,
    '--roster',
    path.join(dir, 'roster.csv'),
    '--entries',
    path.join(dir, 'entries.csv'),
    '--out',
    out,
  ]);
  expect(r.code).toBe(0);
  return out;
}

async function ledgerAfter(
  months: string[],
  name: string,
): Promise<{ records: Array<{ month: string; id: string }>; [k: string]: unknown }> {
  const ledger = path.join(dir, name);
  for (const m of months)
    expect((await cli(['close', path.join(dir, `${m}.xlsx`), '--ledger', ledger, '--notice', `${m}-28`])).code).toBe(0);
  const r = await cli(['ledger', ledger, '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

test('months closed out of order give the ledger closed in order', async () => {
  for (const m of ['2015-01', '2015-02', '2015-03']) await monthFile(m);
  const inOrder = await ledgerAfter(['2015-01', '2015-02', '2015-03'], 'in-order.xlsx');
  const outOfOrder = await ledgerAfter(['2015-03', '2015-01', '2015-02'], 'out-of-order.xlsx');
  expect(inOrder.records.map((r) => `${r.month} ${r.id}`)).toEqual(
    ['2015-01', '2015-02', '2015-03'].flatMap((m) => ['P1', 'P2', 'P3'].map((id) => `${m} ${id}`)),
  );
  expect(outOfOrder).toEqual(inOrder);
  expect(inOrder.quarters).toEqual([{ quarter: '2015-Q1', months: ['2015-01', '2015-02', '2015-03'], award: ['P1'], transfer: ['P3'] }]);

  // January reopened and closed again: its rows first still
  const ledger = path.join(dir, 'out-of-order.xlsx');
  const again = await cli([
    'close',
    path.join(dir, '2015-01.xlsx'),
    '--ledger',
    ledger,
    '--notice',
    '2015-01-28',
    '--reopen',
    '--reason',
    'typo',
  ]);
  expect(again.code).toBe(0);
  const after = JSON.parse((await cli(['ledger', ledger, '--format', 'json'])).stdout);
  expect(after.records).toEqual(inOrder.records);
}, 60000);
