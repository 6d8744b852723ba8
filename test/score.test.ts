/**
 * `kpi-forms score` and src/xlsx/reader.ts: a month worked by hand, written with `new`, recalculated
 * by LibreOffice (an independent spreadsheet engine), scored back with zero mismatches; rules edited
 * in the workbook are the rules used; tampered result cells are found.
 *
 * The month (2024-03), worked by hand from forms.md:
 *  - E01 (the source's example): A07×5 + A01×5 = 20 + 10 → form A 70; B03 once → form B 95; test 80
 *    → 42 + 28.5 + 8 = 78.5 → pay 400 × 78.5% = 314.00
 *  - E02, E03: no deductions, test 90 → 60 + 30 + 9 = 99 → pay 396.00; tie, both rank 1
 *  - E05: A01 once → A 98; test 50 → 58.8 + 30 + 5 = 93.8, rank 3; red line AR1 → pay 0 (D3)
 *  - E01 rank 4. Ranks 1, 1, 3, 4: last two (rank from the bottom 1 or 2) = E01, E05 (D9)
 *  - E04: no test → "incomplete", not ranked, no pay (D11)
 *  - after-sales: tickets E06 30, E07 10 → average 20 → S01 150 and 50 (no cap, D5)
 *    E06: S02 AAAA = 4×5 scaled to 20 tickets = 100 (D6); S03 A 100; S04 one late report 95; S05 100;
 *    S06 B 80; SP1 one suggestion +5 → 45 + 30 + 10 + 9.5 + 10 + 8 + 5 = 117.5 → pay 470.00
 *    E07: S02 cccc = 0; S03 c 60; S04 100; S05 two breaches 90; S06 D 50; SN1 one complaint −5
 *    → 15 + 0 + 6 + 10 + 9 + 5 − 5 = 40 → pay 160.00; ranks 1, 2; two ranked → nobody last two (D9)
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../src/cli/main';
import { SHEET_NAMES } from '../src/templates/i18n';
import { Agent } from '../src/templates/model';
import { buildWorkbook } from '../src/templates/workbook';
import { scoreWorkbookFile } from '../src/xlsx/reader';
import { describeWith, recalcMany } from './helpers/oracles';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-score-'));
const N = SHEET_NAMES.zh;

const ROSTER = `employee_id,name,role,group
E01,示例,pre-sales,G1
E02,Ann,pre-sales,G1
E03,=Bob,pre-sales,G1
E04,Cai,pre-sales,G1
E05,Dan,售前,G1
E06,Eve,after-sales,G2
E07,Fay,售后,G2
`;
const ENTRIES = `employee_id,code,value
E01,A07,5
E01,A01,3
E01,A01,2
E01,B03,1
E01,EX,80
E02,EX,90
E03,EX,90
E04,A01,1
E05,A01,1
E05,AR1,1
E05,EX,50
E06,S01,30
E06,S02,AA
E06,S02,AA
E06,S03,A
E06,S04,1
E06,S06,B
E06,SP1,1
E07,S01,10
E07,S02,cc cc
E07,S03,c
E07,S05,2
E07,S06,D
E07,SN1,1
`;

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

const rosterFile = path.join(dir, 'roster.csv');
const entriesFile = path.join(dir, 'entries.csv');
const fresh = path.join(dir, 'march.xlsx');
fs.writeFileSync(rosterFile, ROSTER);
fs.writeFileSync(entriesFile, ENTRIES);
const agents = (): Agent[] =>
  ROSTER.trim()
    .split('\n')
    .slice(1)
    .map((l) => {
      const [id, name, role, group] = l.split(',');
      return { id, name, role: role === '售前' ? 'pre-sales' : role === '售后' ? 'after-sales' : (role as Agent['role']), group };
    });
/** the template's layout of this month, to find the result cells in the files */
const layout = () => buildWorkbook({ month: '2024-03', agents: agents() }).layout;
const at = (id: string, key: string) => layout().find((l) => l.agent.id === id)!.outputs[key];
const inputAt = (id: string, code: string) => layout().find((l) => l.agent.id === id)!.inputs[code];

beforeAll(async () => {
  const r = await cli('new', '--month', '2024-03', '--roster', rosterFile, '--entries', entriesFile, '--out', fresh);
  expect(r).toMatchObject({ code: 0, stderr: '' });
});

type J = {
  month: string;
  results: Array<Record<string, unknown> & { id: string; items: Record<string, unknown> }>;
  mismatches: unknown[];
  cached: boolean;
};
async function scoreJson(file: string): Promise<{ code: number; json: J; stderr: string }> {
  const r = await cli('score', file, '--format', 'json');
  return { code: r.code, json: JSON.parse(r.stdout) as J, stderr: r.stderr };
}
const byId = (j: J) => Object.fromEntries(j.results.map((r) => [r.id, r]));

/** The hand-worked month (see the header comment). */
function expectHandWorked(j: J, payBase = 400) {
  const r = byId(j);
  expect(j.month).toBe('2024-03');
  expect(r.E01).toMatchObject({
    items: { A: 70, B: 95, EX: 80 },
    total: 78.5,
    rank: 4,
    bottomRank: 1,
    bottom: true,
    pay: (payBase * 78.5) / 100,
  });
  expect(r.E02).toMatchObject({ items: { A: 100, B: 100, EX: 90 }, total: 99, rank: 1, bottom: false, pay: (payBase * 99) / 100 });
  expect(r.E03).toMatchObject({ name: '=Bob', total: 99, rank: 1, bottom: false });
  expect(r.E05).toMatchObject({ items: { A: 98, B: 100, EX: 50 }, total: 93.8, rank: 3, bottomRank: 2, bottom: true, redLines: 1, pay: 0 });
  expect(r.E05.flags).toEqual(['red-line', 'last-two']);
  expect(r.E04).toMatchObject({ total: 'incomplete', rank: '', pay: 'incomplete', bottom: false, flags: ['incomplete'] });
  expect(r.E06.items).toEqual({ S01: 150, S02: 100, S03: 100, S04: 95, S05: 100, S06: 80, SP1: 5, SN1: 0 });
  expect(r.E06).toMatchObject({ total: 117.5, rank: 1, pay: (payBase * 117.5) / 100, bottom: false });
  expect(r.E07.items).toEqual({ S01: 50, S02: 0, S03: 60, S04: 100, S05: 90, S06: 50, SP1: 0, SN1: -5 });
  expect(r.E07).toMatchObject({ total: 40, rank: 2, pay: (payBase * 40) / 100, bottom: false });
}

describe('score a workbook kpi-forms wrote (no stored results yet)', () => {
  test('the hand-worked month; nothing compared, exit 0, a note on stderr', async () => {
    const { code, json, stderr } = await scoreJson(fresh);
    expect(code).toBe(0);
    expectHandWorked(json);
    expect(json.cached).toBe(false);
    expect(json.mismatches).toEqual([]);
    expect(byId(json).E02.flags).toEqual([]);
    expect(stderr).toContain('holds no calculated results');
  });

  test('an input cell breaking its rule: exit 1, the message names the sheet and cell', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(fresh);
    // a form's counts are formulas over the records (D12): the typed S01 ticket count is an input
    const a03 = inputAt('E06', 'S01');
    wb.getWorksheet(a03.sheet)!.getCell(a03.address).value = -1;
    const s03 = inputAt('E06', 'S03');
    wb.getWorksheet(s03.sheet)!.getCell(s03.address).value = 'F';
    const bad = path.join(dir, 'bad-input.xlsx');
    await wb.xlsx.writeFile(bad);
    const r = await cli('score', bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `kpi-forms: ${bad} ${a03.sheet}!${a03.address}: S01 ticket count -1 must be a whole number ≥ 0 (D4, D5) (and 1 more problem in the same file)\n` +
        `  - ${bad} ${a03.sheet}!${a03.address}: S01 ticket count -1 must be a whole number ≥ 0 (D4, D5)\n` +
        `  - ${bad} ${s03.sheet}!${s03.address}: S03 grade "F" must be one of the grade letters A, B, C, D, E\n`,
    );
    await expect(scoreWorkbookFile(bad)).rejects.toMatchObject({
      issues: [
        expect.stringContaining(`${a03.sheet}!${a03.address}`),
        `${bad} ${s03.sheet}!${s03.address}: S03 grade "F" must be one of the grade letters A, B, C, D, E`,
      ],
    });
  });

  test('missing defined names are an error naming them (no guessing by position)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(fresh);
    wb.definedNames.model = (wb.definedNames.model as Array<{ name: string; ranges: string[] }>).filter(
      (n) => n.name !== 'PAY_BASE' && n.name !== 'W_PRE',
    );
    const bad = path.join(dir, 'no-names.xlsx');
    await wb.xlsx.writeFile(bad);
    const r = await cli('score', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^kpi-forms: .*no-names\.xlsx: the defined names W_PRE, PAY_BASE are missing/);
  });

  test('a workbook that is not ours, and a file that is not a workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 1;
    const other = path.join(dir, 'other.xlsx');
    await wb.xlsx.writeFile(other);
    expect((await cli('score', other)).stderr).toMatch(/other\.xlsx: not a kpi-forms workbook/);
    const csv = path.join(dir, 'not.xlsx');
    fs.writeFileSync(csv, 'employee_id,code,value\n');
    const r = await cli('score', csv);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not\.xlsx: is not a readable \.xlsx workbook/);
  });

  test('rows moved (roster reordered): refused, naming the cell where the id was expected', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(fresh);
    const ro = wb.getWorksheet(N.roster)!;
    ro.getCell('A3').value = 'E02';
    ro.getCell('A4').value = 'E01';
    const moved = path.join(dir, 'moved.xlsx');
    await wb.xlsx.writeFile(moved);
    const r = await cli('score', moved);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${N.formA}!C3: expected employee id "E02" (roster order) but found "E01"`);
  });
});

describeWith('libreoffice', 'new → LibreOffice recalculation → score', () => {
  let recalculated = '';
  let edited = '';

  beforeAll(async () => {
    // a manager's edits before recalculation: pay base 500, and the quarter's earlier months
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(fresh);
    const payBase = (wb.definedNames.model as Array<{ name: string; ranges: string[] }>).find((n) => n.name === 'PAY_BASE')!.ranges[0];
    wb.getWorksheet(N.rules)!.getCell(payBase.split('!')[1].replace(/\$/g, '')).value = 500;
    const hist: Record<string, Record<string, number>> = {
      E02: { rank: 1, bottomRank: 4, redLines: 0 },
      E01: { rank: 4, bottomRank: 1, redLines: 0 },
    };
    for (const [id, rec] of Object.entries(hist)) {
      for (const m of ['2024-01', '2024-02']) {
        for (const [k, v] of Object.entries(rec)) {
          const loc = inputAt(id, `Q:${m}:${k}`);
          wb.getWorksheet(loc.sheet)!.getCell(loc.address).value = v;
        }
      }
    }
    const editedIn = path.join(dir, 'march-edited.xlsx');
    await wb.xlsx.writeFile(editedIn);
    [recalculated, edited] = recalcMany([fresh, editedIn], path.join(dir, 'libreoffice'));
  });

  test('zero mismatches; the hand-worked month', async () => {
    const { code, json, stderr } = await scoreJson(recalculated);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(json.cached).toBe(true);
    expect(json.mismatches).toEqual([]);
    expectHandWorked(json);
  });

  test('the JSON equals the cells LibreOffice calculated', async () => {
    const { json } = await scoreJson(recalculated);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(recalculated);
    const cell = (loc: { sheet: string; address: string }) => {
      const c = wb.getWorksheet(loc.sheet)!.getCell(loc.address);
      expect(c.formula).toBeTruthy();
      const v = c.result as unknown;
      return v === undefined ? '' : v;
    };
    let compared = 0;
    for (const r of json.results) {
      const keys: Array<[string, unknown]> = [
        ...Object.entries(r.items).filter(([k]) => k !== 'EX'),
        [r.role === 'pre-sales' ? 'total' : 'summaryTotal', r.total],
        ['rank', r.rank],
        ['bottomRank', r.bottomRank],
        ['pay', r.pay],
        ['quarter', r.quarter],
        ['quarterAward', r.award],
      ];
      for (const [key, v] of keys) {
        const got = cell(at(r.id, key));
        if (typeof v === 'number') expect(Math.abs((got as number) - v)).toBeLessThanOrEqual(1e-9);
        else expect(got).toBe(v);
        compared++;
      }
      // last two: LibreOffice stores the boolean as 1/0
      expect(Boolean(cell(at(r.id, 'bottom')))).toBe(r.bottom);
    }
    expect(compared).toBe(5 * 8 + 2 * 14); // pre-sales: A, B + 6; after-sales: S01–S06, SP1, SN1 + 6
  });

  test('rules and quarter history edited in the workbook are the rules used', async () => {
    const { code, json } = await scoreJson(edited);
    expect(json.mismatches).toEqual([]);
    expect(code).toBe(0);
    expectHandWorked(json, 500); // E01 pay 392.50, E06 587.50 …
    expect(byId(json).E01.pay).toBe(392.5);
    // E02 first three months running → award 300 (D10); E01 last three months running → transfer
    expect(byId(json).E02).toMatchObject({ quarter: 'award', award: 300 });
    expect(byId(json).E02.flags).toEqual(['quarter-award']);
    expect(byId(json).E01).toMatchObject({ quarter: 'transfer', award: 0 });
    expect(byId(json).E01.flags).toEqual(['last-two', 'transfer']);
  });

  test('tampered result cells are listed and the exit code is 2', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(recalculated);
    const total = at('E01', 'total'); // formula replaced by the same number: still a mismatch
    wb.getWorksheet(total.sheet)!.getCell(total.address).value = 78.5;
    const pay = at('E06', 'pay'); // formula kept, stored result changed
    const payCell = wb.getWorksheet(pay.sheet)!.getCell(pay.address);
    payCell.value = { formula: payCell.formula, result: 999 } as ExcelJS.CellFormulaValue;
    const tampered = path.join(dir, 'tampered.xlsx');
    await wb.xlsx.writeFile(tampered);

    const t = await cli('score', tampered);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain(`${N.summary}!${total.address}: stored 78.5, expected 78.5 (E01 total: formula replaced by a constant)`);
    expect(t.stderr).toContain(
      `${N.summary}!${pay.address}: stored 999, expected 470 (E06 pay: stored value differs from the rules' result)`,
    );
    expect(t.stderr).toContain('2 result cells differ from the rules');

    const { code, json } = await scoreJson(tampered);
    expect(code).toBe(2);
    expect(json.mismatches).toEqual([
      { sheet: N.summary, cell: total.address, stored: 78.5, expected: 78.5, what: 'E01 total: formula replaced by a constant' },
      { sheet: N.summary, cell: pay.address, stored: 999, expected: 470, what: "E06 pay: stored value differs from the rules' result" },
    ]);
  });
});

test('scoring a CSV by mistake says what to do, without a library’s internals', async () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-score-csv-'));
  const csv = path.join(d, 'roster.csv');
  fs.writeFileSync(csv, 'employee_id,name,role,group\nE01,Ann,pre-sales,G1\n');
  await expect(scoreWorkbookFile(csv)).rejects.toThrow(
    `${csv}: is not a readable .xlsx workbook: it is not a zip-based .xlsx file (a CSV or an old .xls?); open it in Excel and save it as .xlsx`,
  );
});
