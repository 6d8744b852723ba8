/**
 * The year (issue 10, forms.md D13–D15): `kpi-forms close` into a ledger, the quarter from the ledger's months,
 * improvement plans, `ledger --format json`, `ledger --verify`, and every refusal (exit 1, the ledger unchanged
 * byte for byte). The quarter case is worked by hand below.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { workbookLayout } from '../../src/templates/layout';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-ledger-'));
let n = 0;
const fresh = (name: string) => {
  const d = path.join(dir, String(n++));
  fs.mkdirSync(d);
  return path.join(d, name);
};

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string | Uint8Array) => (stdout += String(s)) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

const ROSTER = [
  'employee_id,name,role,group',
  'P1,Ann,pre-sales,G1',
  'P2,Bo,pre-sales,G1',
  'P3,Cai,pre-sales,G1',
  'S1,Dee,after-sales,G2',
  'S2,Eve,after-sales,G2',
  'S3,Fu,after-sales,G2',
].join('\n');

/**
 * The quarter worked by hand (D1, D8–D10, D3):
 * - pre-sales, every month: P1 EX 95, nothing deducted → 0.6·100 + 0.3·100 + 0.1·95 = 99.5 (rank 1);
 *   P2 EX 90, one A02 (2 points) → 0.6·98 + 30 + 9 = 97.8 (rank 2); P3 EX 60, two A07 (4 points each) →
 *   0.6·92 + 30 + 6 = 91.2 (rank 3, rank 1 from the bottom). In February P1 also has a red line (AR1):
 *   still ranked first (D3) but no award for the quarter; P3 last three months running → transfer.
 * - after-sales: S1 (120 tickets, AAAA, A, A) is first every month → award; S3 is last in January and
 *   February, but in March S2 is last → no transfer for anyone after-sales.
 */
function entries(month: string): string {
  const rows = ['employee_id,code,value', 'P1,EX,95', 'P2,EX,90', 'P2,A02,1', 'P3,EX,60', 'P3,A07,2'];
  if (month === '2015-02') rows.push('P1,AR1,1');
  const good = (id: string) => [`${id},S01,120`, `${id},S02,AAAA`, `${id},S03,A`, `${id},S06,A`];
  const mid = (id: string) => [`${id},S01,100`, `${id},S02,BBBB`, `${id},S03,B`, `${id},S06,B`];
  const low = (id: string) => [`${id},S01,80`, `${id},S02,CCCC`, `${id},S03,C`, `${id},S06,C`];
  rows.push(...good('S1'), ...(month === '2015-03' ? [...low('S2'), ...mid('S3')] : [...mid('S2'), ...low('S3')]));
  return rows.join('\n') + '\n';
}

async function monthFile(month: string, o: { roster?: string; extra?: string[] } = {}): Promise<string> {
  const out = fresh(`${month}.xlsx`);
  const roster = path.join(path.dirname(out), 'roster.csv');
  const ent = path.join(path.dirname(out), 'entries.csv');
  fs.writeFileSync(roster, o.roster ?? ROSTER);
  fs.writeFileSync(ent, entries(month) + (o.extra ?? []).join('\n'));
  const r = await cli(['new', '--month', month, '--roster', roster, '--entries', ent, '--lang', 'en', '--out', out]);
  expect(r).toMatchObject({ code: 0 });
  return out;
}

type Json = {
  months: string[];
  records: Array<{
    month: string;
    id: string;
    total: number;
    rank: number;
    bottomRank: number;
    pay: number;
    flags: string[];
    items: Record<string, number>;
  }>;
  quarters: Array<{ quarter: string; months: string[]; award: string[]; transfer: string[] }>;
  annual: Array<{
    id: string;
    months: number;
    average: number;
    best: { month: string; total: number };
    worst: { month: string; total: number };
    lastTwo: number;
    redLines: number;
    awards: number;
    transfers: number;
    pay: number;
  }>;
  plans: Array<{ month: string; id: string; notice: string; due: string; submitted: string }>;
};

describe('three months closed in turn', () => {
  const ledger = fresh('ledger.xlsx');
  const files: Record<string, string> = {};
  let json: Json;

  beforeAll(async () => {
    for (const [m, notice] of [
      ['2015-01', '2015-02-03'],
      ['2015-02', '2015-03-02'],
      ['2015-03', '2015-04-01'],
    ]) {
      files[m] = await monthFile(m);
      const r = await cli(['close', files[m], '--ledger', ledger, '--notice', notice]);
      expect({ m, ...r }).toMatchObject({ m, code: 0 });
    }
    const r = await cli(['ledger', ledger, '--format', 'json']);
    expect(r.code).toBe(0);
    json = JSON.parse(r.stdout);
  }, 120000);

  test('the quarter from the ledger: S1 awarded, P1 not (red line in February, D3), P3 transferred, nobody after-sales', () => {
    expect(json.months).toEqual(['2015-01', '2015-02', '2015-03']);
    expect(json.quarters).toEqual([{ quarter: '2015-Q1', months: ['2015-01', '2015-02', '2015-03'], award: ['S1'], transfer: ['P3'] }]);
    const march = (id: string) => json.records.find((r) => r.month === '2015-03' && r.id === id)!;
    expect(march('S1').flags).toContain('quarter-award');
    expect(march('P3').flags).toContain('transfer');
    expect(march('P1').flags).not.toContain('quarter-award');
  });

  test('the rows hold the totals, ranks and pay worked by hand', () => {
    const jan = (id: string) => json.records.find((r) => r.month === '2015-01' && r.id === id)!;
    expect(jan('P1')).toMatchObject({ total: 99.5, rank: 1, bottomRank: 3, pay: 398 });
    expect(jan('P2').total).toBeCloseTo(97.8, 9);
    expect(jan('P3')).toMatchObject({ rank: 3, bottomRank: 1 });
    expect(jan('P3').total).toBeCloseTo(91.2, 9);
    // S1: S01 120/100·100 = 120, S02 4×5 scaled to 20 = 100, S03..S06 100 → 0.3·120 + 0.3·100 + 0.4·100 = 106
    expect(jan('S1')).toMatchObject({ total: 106, rank: 1, pay: 424 });
    const feb = json.records.find((r) => r.month === '2015-02' && r.id === 'P1')!;
    expect(feb).toMatchObject({ rank: 1, pay: 0 });
    expect(feb.flags).toContain('red-line');
  });

  test('the annual review (D15) and the plans (D14: due 7 days after the notice)', () => {
    const p1 = json.annual.find((a) => a.id === 'P1')!;
    expect(p1).toMatchObject({
      months: 3,
      average: 99.5,
      best: { month: '2015-01', total: 99.5 },
      lastTwo: 0,
      redLines: 1,
      awards: 0,
      transfers: 0,
      pay: 796,
    });
    const p3 = json.annual.find((a) => a.id === 'P3')!;
    expect(p3).toMatchObject({ months: 3, lastTwo: 3, transfers: 1, awards: 0 });
    expect(p3.pay).toBeCloseTo(3 * 364.8, 9);
    expect(json.annual.find((a) => a.id === 'S1')).toMatchObject({ awards: 1, pay: 3 * 424 });
    // the last two of January: P3, P2 (pre-sales), S3, S2 (after-sales)
    expect(
      json.plans
        .filter((p) => p.month === '2015-01')
        .map((p) => p.id)
        .sort(),
    ).toEqual(['P2', 'P3', 'S2', 'S3']);
    expect(json.plans.find((p) => p.month === '2015-01' && p.id === 'P3')).toEqual({
      month: '2015-01',
      id: 'P3',
      notice: '2015-02-03',
      due: '2015-02-10',
      submitted: '',
    });
  });

  test('closing the same month twice is refused, the ledger unchanged; --reopen --reason replaces it and keeps the reason', async () => {
    const before = fs.readFileSync(ledger);
    const again = await cli(['close', files['2015-02'], '--ledger', ledger]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/2015-02 is already closed in the ledger .*--reopen --reason/);
    expect(fs.readFileSync(ledger).equals(before)).toBe(true);
    const noReason = await cli(['close', files['2015-02'], '--ledger', ledger, '--reopen']);
    expect(noReason.code).toBe(1);
    expect(fs.readFileSync(ledger).equals(before)).toBe(true);
    const copy = fresh('ledger.xlsx');
    fs.copyFileSync(ledger, copy);
    const re = await cli([
      'close',
      files['2015-02'],
      '--ledger',
      copy,
      '--reopen',
      '--reason',
      'AR1 record checked again',
      '--notice',
      '2015-03-02',
    ]);
    expect(re.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(copy);
    const log = wb.getWorksheet('Months')!;
    const rows = log.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.some((r) => r.includes('2015-02') && r.includes('reopened') && r.includes('AR1 record checked again'))).toBe(true);
    const j: Json = JSON.parse((await cli(['ledger', copy, '--format', 'json'])).stdout);
    expect(j.records.filter((r) => r.month === '2015-02')).toHaveLength(6);
    expect(j.quarters[0]).toMatchObject({ award: ['S1'], transfer: ['P3'] });
  });

  test('--verify: exit 0 for the workbook as closed; exit 2 naming the one input changed', async () => {
    expect(await cli(['ledger', ledger, '--verify', files['2015-03']])).toMatchObject({ code: 0 });
    // the same month made again with P2's written test 90 → 91
    const edited = await monthFile('2015-03', { extra: [] });
    const ent = path.join(path.dirname(edited), 'entries.csv');
    fs.writeFileSync(ent, entries('2015-03').replace('P2,EX,90', 'P2,EX,91'));
    const r0 = await cli([
      'new',
      '--month',
      '2015-03',
      '--roster',
      path.join(path.dirname(edited), 'roster.csv'),
      '--entries',
      ent,
      '--lang',
      'en',
      '--force',
      '--out',
      edited,
    ]);
    expect(r0.code).toBe(0);
    const r = await cli(['ledger', ledger, '--verify', edited]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('P2 EX: 90 → 91');
    expect(r.stdout).toMatch(/P2 total: 97\.8\d* → 97\.9/);
    expect(r.stderr).toMatch(/changes? since 2015-03 was closed/);
  });

  test('the notice of a closed month (zh and en)', async () => {
    for (const lang of ['zh', 'en']) {
      const out = fresh(`notice-${lang}.xlsx`);
      const r = await cli(['notice', ledger, '--month', '2015-03', '--out', out, '--lang', lang]);
      expect(r.code).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const ws = wb.worksheets[0];
      const texts = (ws.getSheetValues() as unknown[][]).flat().filter((v) => typeof v === 'string') as string[];
      const all = texts.join('\n');
      expect(all).toContain(lang === 'zh' ? '2015 年 3 月绩效考核通报' : 'performance notice for 2015-03');
      expect(all).toMatch(lang === 'zh' ? /S1 Dee.*季度奖 300 元/ : /S1 Dee.*quarter award 300 yuan/);
      expect(all).toMatch(lang === 'zh' ? /P3 Cai.*考虑调岗/ : /P3 Cai.*considered for a transfer/);
      expect(ws.pageSetup.paperSize).toBe(9);
    }
  });
});

describe('bad input: exit 1 naming the file and rule, the ledger unchanged byte for byte', () => {
  let ledger: string;
  let before: Buffer;
  let jan: string;
  beforeAll(async () => {
    ledger = fresh('ledger.xlsx');
    jan = await monthFile('2015-01');
    expect((await cli(['close', jan, '--ledger', ledger, '--notice', '2015-02-03'])).code).toBe(0);
    before = fs.readFileSync(ledger);
  }, 60000);
  const unchanged = () => expect(fs.readFileSync(ledger).equals(before)).toBe(true);

  test('an incomplete result (no written test)', async () => {
    const feb = await monthFile('2015-02');
    const ent = path.join(path.dirname(feb), 'entries.csv');
    fs.writeFileSync(ent, entries('2015-02').replace('P2,EX,90\n', ''));
    await cli([
      'new',
      '--month',
      '2015-02',
      '--roster',
      path.join(path.dirname(feb), 'roster.csv'),
      '--entries',
      ent,
      '--lang',
      'en',
      '--force',
      '--out',
      feb,
    ]);
    const r = await cli(['close', feb, '--ledger', ledger]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/2015-02 cannot be closed: 1 result is incomplete or an error \(P2\)/);
    unchanged();
  });

  test('a record still disputed', async () => {
    const feb = fresh('2015-02.xlsx');
    const d = path.dirname(feb);
    fs.writeFileSync(path.join(d, 'roster.csv'), ROSTER);
    fs.writeFileSync(
      path.join(d, 'e.csv'),
      `employee_id,code,value,date,evidence,recorded_by,status\n${entries('2015-02')
        .split('\n')
        .slice(1)
        .filter(Boolean)
        .map((l) => `${l},,,,`)
        .join('\n')}\nP2,A01,1,2015-02-05,call 7,Sup,disputed\n`,
    );
    const made = await cli([
      'new',
      '--month',
      '2015-02',
      '--roster',
      path.join(d, 'roster.csv'),
      '--entries',
      path.join(d, 'e.csv'),
      '--lang',
      'en',
      '--out',
      feb,
    ]);
    expect(made.code).toBe(0);
    const r = await cli(['close', feb, '--ledger', ledger]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/1 record is still disputed \(P2\)/);
    unchanged();
  });

  test('a stored result that differs from the recomputation', async () => {
    const feb = await monthFile('2015-02');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(feb);
    // P1's total overwritten by a constant: what score reports as a mismatch
    const agents = ROSTER.split('\n')
      .slice(1)
      .map((l) => {
        const [id, name, role, group] = l.split(',');
        return { id, name, role: role as 'pre-sales' | 'after-sales', group };
      });
    const at = workbookLayout({ month: '2015-02', agents, lang: 'en' }).layout.find((l) => l.agent.id === 'P1')!.outputs.total;
    wb.getWorksheet(at.sheet)!.getCell(at.address).value = 12;
    await wb.xlsx.writeFile(feb);
    const r = await cli(['close', feb, '--ledger', ledger]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/stored results? differs? from the rules' recomputation/);
    unchanged();
  });

  test('the month already closed; a ledger given as the month; a month given as the ledger; not a ledger', async () => {
    expect((await cli(['close', jan, '--ledger', ledger])).stderr).toMatch(/already closed/);
    const asMonth = await cli(['close', ledger, '--ledger', fresh('l.xlsx')]);
    expect(asMonth).toMatchObject({ code: 1 });
    expect(asMonth.stderr).toMatch(/this is a ledger, not a month's workbook/);
    const feb = await monthFile('2015-02');
    const other = fresh('other.xlsx');
    fs.copyFileSync(jan, other);
    const r = await cli(['close', feb, '--ledger', other]);
    expect(r).toMatchObject({ code: 1 });
    expect(r.stderr).toMatch(/this is a month's workbook, not a ledger/);
    const csv = fresh('x.xlsx');
    fs.writeFileSync(csv, 'a,b\n1,2\n');
    expect((await cli(['close', feb, '--ledger', csv])).code).toBe(1);
    unchanged();
  });

  test('a month of another roster', async () => {
    const feb = await monthFile('2015-02', { roster: ROSTER.replace('P1,Ann', 'P1,Zed') });
    const r = await cli(['close', feb, '--ledger', ledger]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/employee P1 is "Zed" here but "Ann" in the ledger/);
    unchanged();
  });

  test('a ledger open in Excel (its lock file) or read-only', async () => {
    const feb = await monthFile('2015-02');
    const lock = path.join(path.dirname(ledger), `~$${path.basename(ledger)}`);
    fs.writeFileSync(lock, 'owner');
    const r = await cli(['close', feb, '--ledger', ledger]);
    fs.unlinkSync(lock);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/open in Excel or WPS/);
    unchanged();
    fs.chmodSync(ledger, 0o444);
    try {
      const ro = await cli(['close', feb, '--ledger', ledger]);
      expect(ro.code).toBe(1);
      expect(ro.stderr).toMatch(/read-only/);
    } finally {
      fs.chmodSync(ledger, 0o644);
    }
    unchanged();
  });

  test('in Chinese too', async () => {
    const lang = process.env.LANG;
    process.env.LANG = 'zh_CN.UTF-8';
    try {
      const r = await cli(['close', jan, '--ledger', ledger]);
      expect(r.stderr).toMatch(/2015-01 已在台账 .* 中关账/);
    } finally {
      process.env.LANG = lang;
    }
    unchanged();
  });
});
