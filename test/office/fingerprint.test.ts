/**
 * One fingerprint for a month (issue 10, D13): the pane's close (what Office.js reads, here the strict fake Excel
 * with HyperFormula's values) and the CLI's close (the same workbook saved as a file) give the same month the same
 * fingerprint and the same ledger rows, so a month closed from the pane passes `kpi-forms ledger LEDGER --verify
 * MONTH.xlsx` (exit 0); one input changed changes the fingerprint, and --verify names it (exit 2).
 *
 * The month has what a supervisor types that the two reads could take apart: a grade typed in lower case ("b",
 * KPI.GRADE takes it; the file's reader upper-cases it), ratings with a space ("AB B"), records with a date, a
 * count, evidence, who and a status.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run as cli } from '../../src/cli/main';
import { closeMonth, readYear } from '../../src/office/year';
import { insertIntoWorkbook, requestBudgetFor } from '../../src/office/writer';
import { checkSupport } from '../../src/office/requirements';
import { buildWorkbook } from '../../src/templates/workbook';
import { buildLedgerWorkbook } from '../../src/templates/ledger-book';
import { writeWorkbookFile } from '../../src/xlsx/writer';
import { readLedgerFile } from '../../src/xlsx/ledger';
import { fingerprintText, monthFingerprint } from '../../src/core/ledger';
import type { Agent, WorkbookSpec } from '../../src/templates/model';
import type { KpiRecord } from '../../src/core/records';
import { FakeWorkbook, HOSTS } from '../helpers/fakeExcel';
import { isSetSupported } from '../helpers/fake-excel/hosts';
import { sampleAgents } from '../helpers/sync-count';
import { evaluateSpec, plainValue } from '../helpers/hf';

jest.setTimeout(120000);

const xl = HOSTS.web;
const features = checkSupport((set, v) => isSetSupported(xl, set, v)).features;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-fingerprint-'));

const agents = sampleAgents(6);
const records: KpiRecord[] = [
  { date: '2024-03-05', id: 'E001', code: 'A02', count: 1, evidence: 'call 7', by: 'Li', status: '' },
  { date: '2024-03-11', id: 'E001', code: 'B06', count: 0.5, evidence: 'half day', by: 'Wang', status: 'upheld' },
  { date: '2024-03-12', id: 'E003', code: 'A07', count: 2, evidence: 'call 12', by: 'Li', status: 'withdrawn' },
];

function inputsOf(list: Agent[], ex0 = 60): Record<string, Record<string, number | string>> {
  const out: Record<string, Record<string, number | string>> = {};
  list.forEach((a, i) => {
    out[a.id] =
      a.role === 'pre-sales'
        ? { EX: i === 0 ? ex0 : 60 + ((i * 7) % 40) }
        : // typed as a supervisor may: a grade in lower case, ratings with a space
          { S01: 80 + ((i * 13) % 50), S02: i % 2 ? 'AB B' : 'AAAB', S03: 'abc'[i % 3], S06: 'BA'[i % 2] };
  });
  return out;
}

/** The month's spec, inserted into a fake Excel whose formula cells hold HyperFormula's values. */
async function paneMonth(ex0 = 60) {
  const spec = buildWorkbook({ month: '2024-03', agents, mode: 'kpi', lang: 'en', inputs: inputsOf(agents, ex0), records });
  const wb = new FakeWorkbook(undefined, xl);
  const res = await insertIntoWorkbook(spec, { run: wb.run, features, requestBudget: requestBudgetFor(xl.platform) });
  calculate(wb, res.spec);
  return { wb, spec: res.spec };
}

function calculate(wb: FakeWorkbook, spec: WorkbookSpec) {
  const ev = evaluateSpec(spec);
  for (const s of spec.sheets) {
    const sheet = wb.sheet(s.name)!;
    for (const c of s.cells) if (c.formula !== undefined) sheet.cell(c.address).value = plainValue(ev.get(s.name, c.address)) as never;
  }
  wb.calculating = 0;
}

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await cli(argv, {
    stdout: { write: (s: string | Uint8Array) => (stdout += String(s)) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

describe('the pane and the CLI give a month one fingerprint', () => {
  test('the same month closed from the pane and by kpi-forms close: the same fingerprint and rows; --verify of the pane’s close exits 0', async () => {
    const { wb, spec } = await paneMonth();
    const closed = await closeMonth(spec.layout, await readYear({ run: wb.run }), { today: '2024-04-02', run: wb.run, features });
    const pane = (await readYear({ run: wb.run })).ledger;
    expect(pane.rows).toHaveLength(6);
    expect(closed.year.ledger.rows[0].fingerprint).toMatch(/^[0-9a-f]{12}$/);

    // the same workbook as a file (what Excel saves), closed by the CLI
    const month = path.join(dir, '2024-03.xlsx');
    await writeWorkbookFile(spec, month);
    const ledger = path.join(dir, 'cli-ledger.xlsx');
    expect(await run(['close', month, '--ledger', ledger, '--notice', '2024-04-02'])).toMatchObject({ code: 0 });
    const byCli = (await readLedgerFile(ledger)).ledger.rows;
    const keep = (rows: typeof byCli) =>
      rows.map((r) => ({
        id: r.id,
        fingerprint: r.fingerprint,
        inputs: r.inputs,
        items: r.items,
        total: r.total,
        rank: r.rank,
        pay: r.pay,
      }));
    expect(keep(pane.rows)).toEqual(keep(byCli));
    // the lower-case grade closed as the engine reads it
    expect(byCli.find((r) => r.id === agents.find((a) => a.role === 'after-sales')!.id)!.inputs).toMatch(/S03=[A-E] /);

    // the pane's ledger sheet as a ledger file: the saved month passes --verify
    const paneLedger = path.join(dir, 'pane-ledger.xlsx');
    await writeWorkbookFile(buildLedgerWorkbook(pane, 'en'), paneLedger);
    const v = await run(['ledger', paneLedger, '--verify', month]);
    expect(v).toMatchObject({ code: 0 });
    expect(v.stdout).toContain('are the ones closed');
  });

  test('one changed input changes the fingerprint (both reads), and --verify names it (exit 2)', async () => {
    const a = await paneMonth(60);
    const b = await paneMonth(61);
    const fp = async (p: typeof a) =>
      (await closeMonth(p.spec.layout, await readYear({ run: p.wb.run }), { today: '2024-04-02', run: p.wb.run, features })).year.ledger
        .rows[0].fingerprint;
    const [fa, fb] = [await fp(a), await fp(b)];
    expect(fa).not.toBe(fb);

    const before = path.join(dir, 'before.xlsx');
    const after = path.join(dir, 'after.xlsx');
    await writeWorkbookFile(a.spec, before);
    await writeWorkbookFile(b.spec, after);
    const ledger = path.join(dir, 'changed-ledger.xlsx');
    expect(await run(['close', before, '--ledger', ledger, '--notice', '2024-04-02'])).toMatchObject({ code: 0 });
    expect((await readLedgerFile(ledger)).ledger.rows[0].fingerprint).toBe(fa);
    const v = await run(['ledger', ledger, '--verify', after]);
    expect(v.code).toBe(2);
    expect(v.stdout).toContain('E001 EX: 60 → 61');
  });

  test('the canonical input: a grade’s case and a space in ratings do not change it; an input, a record’s status, a name do', async () => {
    const base = {
      month: '2024-03',
      rules: { b: [1, 2], a: { y: 1, x: 2 } },
      roster: [{ id: 'E1', name: 'Ann', role: 'after-sales', group: 'G1' }],
      inputs: { E1: { S03: 'b', S02: 'AB B', S01: 90 } },
      records: [{ date: '2024-03-05', id: 'E1', code: 'S04', count: 1, evidence: 'x', by: 'Li', status: '' }],
    };
    const same = {
      ...base,
      rules: { a: { x: 2, y: 1 }, b: [1, 2] },
      inputs: { E1: { S01: 90, S02: 'ABB', S03: 'B', 'Q:2024-02:rank': 3 } },
    };
    expect(fingerprintText(same)).toBe(fingerprintText(base));
    expect(await monthFingerprint(same)).toBe(await monthFingerprint(base));
    for (const other of [
      { ...base, inputs: { E1: { ...base.inputs.E1, S01: 91 } } },
      { ...base, records: [{ ...base.records[0], status: 'withdrawn' }] },
      { ...base, roster: [{ ...base.roster[0], name: 'Anna' }] },
    ])
      expect(await monthFingerprint(other)).not.toBe(await monthFingerprint(base));
  });
});
