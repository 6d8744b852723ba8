/**
 * `kpi-forms new --ledger` (issue 10, D10, D3): the quarter sheet's earlier months come from the ledger's closed
 * months, nothing typed and no `--previous` files. Three months of a team: January and February closed into a
 * ledger, March built with --ledger and scored → the quarter's award and transfer worked by hand, the same as
 * March built with --previous. Each refusal exits 1 naming the file, and writes nothing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { readWorkbookFile } from '../../src/xlsx/reader';

/** The quarter sheet's note (A2) of an English workbook. */
const quarterNote = async (file: string) => (await readWorkbookFile(file)).sheet('Quarter')!.cell('A2').value;

jest.setTimeout(120000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-new-ledger-'));
const at = (name: string) => path.join(dir, name);

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
 * Worked by hand (D1, D8–D10, D3), each month: pre-sales P1 EX 95, nothing deducted → 99.5 (rank 1); P2 EX 90 and
 * one A02 → 0.6·98 + 30 + 9 = 97.8 (rank 2); P3 EX 60 and two A07 → 0.6·92 + 30 + 6 = 91.2 (rank 3, rank 1 from
 * the bottom). In February P1 also has a red line (AR1): still first (D3), but no quarter award. P3 last three
 * months running → transfer. After-sales: S1 (120 tickets, AAAA, A, A) first every month → award; S3 last in
 * January and February, S2 last in March → no transfer after-sales.
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

const roster = at('roster.csv');
fs.writeFileSync(roster, ROSTER);
const entriesOf = (month: string) => {
  const f = at(`entries-${month}.csv`);
  fs.writeFileSync(f, entries(month));
  return f;
};
const newArgs = (month: string, out: string, ...more: string[]) => [
  'new',
  '--month',
  month,
  '--roster',
  roster,
  '--entries',
  entriesOf(month),
  '--lang',
  'en',
  '--out',
  out,
  ...more,
];

type Scored = Array<{ id: string; rank: number; bottomRank: number; redLines: number; quarter: string; award: number }>;
async function score(file: string): Promise<Scored> {
  const r = await cli(['score', file, '--format', 'json']);
  expect(r.code).toBe(0);
  const json = JSON.parse(r.stdout);
  return (Array.isArray(json) ? json : json.results) as Scored;
}

const ledger = at('ledger.xlsx');
const janOnly = at('ledger-jan.xlsx');
const files: Record<string, string> = {};

beforeAll(async () => {
  for (const [m, notice] of [
    ['2015-01', '2015-02-03'],
    ['2015-02', '2015-03-02'],
  ]) {
    files[m] = at(`${m}.xlsx`);
    expect(await cli(newArgs(m, files[m]))).toMatchObject({ code: 0 });
    expect(await cli(['close', files[m], '--ledger', ledger, '--notice', notice])).toMatchObject({ code: 0 });
    if (m === '2015-01') fs.copyFileSync(ledger, janOnly);
  }
});

describe('new --ledger: the quarter from the ledger', () => {
  test('March built with --ledger and scored: S1 awarded, P3 transferred, P1 not (red line in February); as with --previous', async () => {
    const fromLedger = at('2015-03-ledger.xlsx');
    const r = await cli(newArgs('2015-03', fromLedger, '--ledger', ledger));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${ledger}: 2015-01, 2015-02 taken from the ledger into the quarter sheet (6 agents)`);
    const scored = await score(fromLedger);
    const q = Object.fromEntries(scored.map((x) => [x.id, x.quarter]));
    expect(q).toEqual({ P1: '', P2: '', P3: 'transfer', S1: 'award', S2: '', S3: '' });
    // the award (D10, 300 yuan) with the quarter's last month
    expect(scored.find((x) => x.id === 'S1')!.award).toBe(300);
    expect(scored.find((x) => x.id === 'P1')!.award).toBe(0);

    const fromFiles = at('2015-03-previous.xlsx');
    expect(await cli(newArgs('2015-03', fromFiles, '--previous', files['2015-01'], files['2015-02']))).toMatchObject({ code: 0 });
    const pick = (xs: Scored) =>
      xs.map(({ id, rank, bottomRank, redLines, quarter, award }) => ({ id, rank, bottomRank, redLines, quarter, award }));
    expect(pick(scored)).toEqual(pick(await score(fromFiles)));
    // the sheet says the earlier months are filled in, not to be entered
    for (const f of [fromLedger, fromFiles])
      expect(await quarterNote(f)).toBe(
        'The earlier months’ rank, rank from bottom and red lines are filled in from the ledger or earlier workbooks; the result shows once all three months are there.',
      );
  });

  test('the first month of a quarter: nothing to take, the workbook written', async () => {
    const out = at('2015-04.xlsx');
    const r = await cli(newArgs('2015-04', out, '--ledger', ledger));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('opens its quarter');
    expect(fs.existsSync(out)).toBe(true);
    expect(await quarterNote(out)).toBe(
      'Enter the other months’ rank, rank from bottom and red lines from their summaries; the result shows once all three months are there.',
    );
  });
});

describe('new --ledger refused: exit 1, the file named, nothing written', () => {
  const refused = async (argv: string[], out: string, says: RegExp) => {
    const r = await cli(argv);
    expect({ code: r.code, says: says.test(r.stderr), stderr: r.stderr }).toMatchObject({ code: 1, says: true });
    expect(fs.existsSync(out)).toBe(false);
    return r;
  };

  test('not a ledger: a month workbook given as --ledger', async () => {
    const out = at('no-1.xlsx');
    await refused(
      newArgs('2015-03', out, '--ledger', files['2015-02']),
      out,
      new RegExp(`--ledger ${files['2015-02']}: this is a month's workbook, not a ledger`),
    );
  });

  test('a missing ledger file', async () => {
    const out = at('no-2.xlsx');
    await refused(newArgs('2015-03', out, '--ledger', at('nowhere.xlsx')), out, /nowhere\.xlsx/);
  });

  test('the ledger lacks an earlier month of the quarter (February not closed)', async () => {
    const out = at('no-3.xlsx');
    await refused(
      newArgs('2015-03', out, '--ledger', janOnly),
      out,
      new RegExp(`--ledger ${janOnly}: 2015-03's quarter needs 2015-02 closed in the ledger \\(closed: 2015-01\\)`),
    );
  });

  test("another roster's ledger: an id under another name, or none of the roster's ids", async () => {
    const renamed = at('roster-renamed.csv');
    fs.writeFileSync(renamed, ROSTER.replace('P2,Bo,', 'P2,Bob,'));
    const out = at('no-4.xlsx');
    const argv = newArgs('2015-03', out, '--ledger', ledger);
    argv[argv.indexOf(roster)] = renamed;
    await refused(argv, out, new RegExp(`--ledger ${ledger}: P2 is "Bo" in the ledger, "Bob" in ${renamed}`));

    const other = at('roster-other.csv');
    fs.writeFileSync(other, 'employee_id,name,role,group\nQ1,Zed,pre-sales,G9\nQ2,Yan,pre-sales,G9\n');
    fs.writeFileSync(at('entries-other.csv'), 'employee_id,code,value\nQ1,EX,80\nQ2,EX,70\n');
    const out2 = at('no-5.xlsx');
    await refused(
      ['new', '--month', '2015-03', '--roster', other, '--entries', at('entries-other.csv'), '--out', out2, '--ledger', ledger],
      out2,
      new RegExp(`--ledger ${ledger}: another roster's ledger`),
    );
  });

  test('--ledger with --previous: one of them', async () => {
    const out = at('no-6.xlsx');
    await refused(newArgs('2015-03', out, '--ledger', ledger, '--previous', files['2015-01']), out, /--ledger and --previous both/);
  });
});
