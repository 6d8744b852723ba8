/**
 * The main job on real input: `npm run demo`'s workbook (January 2015, the eight agents of the public
 * call-centre log + E09, the source's own example), recalculated by LibreOffice headless, shows in every
 * summary cell the value `kpi-forms score --format json` gives, and E09 shows 78.5 and 314.00.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../src/cli/main';
import { parseRoster } from '../src/io/inputs';
import { buildWorkbook } from '../src/templates/workbook';
import { CALLS, ROOT, demoArgs } from '../scripts/demo';
import { cellResult } from './helpers/compare';
import { describeWith, recalcXlsx } from './helpers/oracles';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

describeWith('libreoffice', 'npm run demo: the January 2015 workbook', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-demo-'));
  const out = path.join(dir, 'demo-2015-01.xlsx');
  let recalculated = '';
  let json: { month: string; results: Array<Record<string, unknown>>; mismatches: unknown[] };

  beforeAll(async () => {
    expect(fs.existsSync(CALLS)).toBe(true); // the real input, shipped in examples/call-centre
    const built = await cli(demoArgs(out));
    expect(built.stderr).toMatch(/"L" of the log is not in the roster/); // reported, never dropped
    expect(built.code).toBe(0);
    recalculated = recalcXlsx(out, path.join(dir, 'lo'));
    const scored = await cli(['score', recalculated, '--format', 'json']);
    expect(scored.code).toBe(0);
    json = JSON.parse(scored.stdout);
  });

  test('the score JSON has the nine agents and no mismatch against LibreOffice’s results', () => {
    expect(json.month).toBe('2015-01');
    expect(json.results).toHaveLength(9);
    expect(json.mismatches).toEqual([]);
  });

  test('every summary cell shows the value of the JSON (total, rank, pay, last two, flags)', async () => {
    const agents = await parseRoster(path.join(ROOT, 'examples', 'roster-2015q1.csv'));
    const spec = buildWorkbook({ month: '2015-01', agents, mode: 'plain' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(recalculated);
    let checked = 0;
    for (const r of json.results) {
      const lay = spec.layout.find((l) => l.agent.id === r.id)!;
      const cell = (k: string) => cellResult(wb.getWorksheet(lay.outputs[k].sheet)!.getCell(lay.outputs[k].address));
      expect(cell(lay.agent.role === 'pre-sales' ? 'total' : 'summaryTotal')).toBeCloseTo(r.total as number, 9);
      expect(cell('rank')).toBe(r.rank);
      expect(cell('pay')).toBeCloseTo(r.pay as number, 9);
      expect(cell('bottom')).toBe((r.flags as string[]).includes('last-two'));
      // the last two shown as a word in the workbook's language, next to the hidden flag the engines compare
      const row = Number(lay.outputs.summaryRow.address.slice(1));
      const shownBottom = cellResult(wb.getWorksheet(lay.outputs.summaryRow.sheet)!.getCell(row, lay.agent.role === 'pre-sales' ? 11 : 16));
      expect(shownBottom).toBe((r.flags as string[]).includes('last-two') ? '是' : '否');
      for (const [code, v] of Object.entries(r.items as Record<string, unknown>)) {
        if (!lay.outputs[code] || typeof v !== 'number') continue;
        expect(cell(code)).toBeCloseTo(v, 9);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  test('E09, the source’s own example: A 70, B 95, test 80 → 78.5 → 314.00 yuan, shown by LibreOffice', async () => {
    const e09 = json.results.find((r) => r.id === 'E09')!;
    expect(e09.items).toMatchObject({ A: 70, B: 95, EX: 80 });
    expect(e09.total).toBe(78.5);
    expect(e09.pay).toBe(314);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(recalculated);
    const ws = wb.getWorksheet('月度汇总')!;
    // E09's rows: the pre-sales table's (id in B, total in H, pay in L), then the agents by group below the
    // group table (issue 11: rank, id, name, group, leader, kind, total in G)
    const rows: number[] = [];
    ws.eachRow((r, i) => {
      if (r.getCell(2).value === 'E09') rows.push(i);
    });
    expect(rows).toHaveLength(2);
    const [row, byGroup] = rows;
    expect(cellResult(ws.getCell(row, 8))).toBe(78.5);
    expect(cellResult(ws.getCell(row, 12))).toBe(314);
    expect(ws.getCell(row, 12).numFmt).toMatch(/^#,##0\.00;/); // shown as 314.00
    expect(cellResult(ws.getCell(byGroup, 7))).toBe(78.5);
  });

  test('the call-centre log went into the forms: Jim (after-sales) answered 187 calls in January → S01 tickets', async () => {
    const jim = json.results.find((r) => r.name === 'Jim')!;
    expect(jim.role).toBe('after-sales');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(recalculated);
    const ws = wb.getWorksheet('月度汇总')!;
    // the after-sales table's row (tickets in E), the first of Jim's rows; the agents by group list comes after
    let tickets: unknown;
    ws.eachRow((r) => {
      if (r.getCell(2).value === jim.id && tickets === undefined) tickets = cellResult(r.getCell(5));
    });
    expect(tickets).toBe(187); // counted independently in examples/README.md and test/calls.test.ts
  });
});

describe('npm run demo: January 2015’s records come from the public call log (D12)', () => {
  test('A01 of each pre-sales agent is one record per unanswered call, the call id and time as evidence', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-demo-records-'));
    const out = path.join(dir, 'demo-2015-01.xlsx');
    expect((await cli(demoArgs(out))).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('考核记录')!;
    const evidence: Record<string, string[]> = {};
    for (let r = 4; ws.getCell(r, 2).value; r++)
      if (ws.getCell(r, 3).value === 'A01' && ws.getCell(r, 6).value === 'call log')
        (evidence[String(ws.getCell(r, 2).value)] ??= []).push(String(ws.getCell(r, 5).value));
    // the log read here on its own: Becky (E01) and Dan (E02), unanswered (N), dated dd-mm-yy in January 2015
    const lines = fs
      .readFileSync(CALLS, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const unanswered = (agent: string) =>
      lines.filter((c) => c[3] === agent && c[5] === 'N' && /^\d\d-01-15$/.test(c[1])).map((c) => `call ${c[0]} ${c[2]}`);
    expect(unanswered('Becky').length).toBe(39); // the 39 of examples/README.md
    expect([...evidence.E01].sort()).toEqual(unanswered('Becky').sort());
    expect([...evidence.E02].sort()).toEqual(unanswered('Dan').sort());
  }, 60000);
});
