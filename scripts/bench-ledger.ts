/**
 * The year's rows of the bench (issue 10, "Scale and speed"): a ledger of 500 agents × 12 months, each figure a
 * whole process (`node bin/kpi-forms.js …`, the compiled CLI), median of `runs`:
 *  - `kpi-forms close` of the 12th month into a ledger of 11 (the ledger copied back before each run);
 *  - `kpi-forms ledger --format json` of the 12-month ledger;
 *  - the annual review sheet: LibreOffice's open-recalculate-save of the 12-month ledger workbook (its formulas over
 *    6,000 ledger rows), start-up included, beside LibreOffice's time for the same ledger without the annual sheet.
 * `npx tsx scripts/bench-ledger.ts` prints the rows (BENCH_RUNS runs, default 5); `npm run bench` adds them to
 * BENCHMARKS.md through `ledgerProcesses`.
 */
import { execSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { run } from '../src/cli/main';
import { buildWorkbook } from '../src/templates/workbook';
import { writeWorkbookFile } from '../src/xlsx/writer';
import { SOFFICE, recalcXlsx } from '../test/helpers/oracles';
import { randomMonth } from '../test/helpers/random';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'kpi-forms.js');
const AGENTS = 500;
const YEAR = 2015;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(0)} ms`;

function proc(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync('node', [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, CI: '' },
  });
  const t = performance.now() - t0;
  if (r.status !== 0) throw new Error(`kpi-forms ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return t;
}

const quiet = { stdout: { write: () => true }, stderr: { write: () => true } };

/**
 * Twelve month workbooks of one roster of 500 (inputs of each month from another random month, every result
 * complete: a missing monthly figure filled in) and a ledger of the first eleven, closed in turn in this process.
 */
export async function ledgerYear(dir: string): Promise<{ months: string[]; ledger11: string; ledger12: string }> {
  const base = randomMonth(4242, AGENTS, []);
  const months: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${YEAR}-${String(m).padStart(2, '0')}`;
    const other = randomMonth(5000 + m, AGENTS, []);
    const inputs: Record<string, Record<string, number | string>> = {};
    base.agents.forEach((a, i) => {
      const o = other.agents.find((x, j) => j >= i && x.role === a.role) ?? base.agents[i];
      const inp = { ...(other.inputs[o.id] ?? base.inputs[a.id]) };
      if (a.role === 'pre-sales') inp.EX ??= 80;
      else {
        inp.S01 ??= 40;
        inp.S02 ??= 'AB';
        inp.S03 ??= 'B';
        inp.S06 ??= 'B';
      }
      inputs[a.id] = inp;
    });
    const file = path.join(dir, `${month}.xlsx`);
    await writeWorkbookFile(buildWorkbook({ month, agents: base.agents, inputs, mode: 'plain', lang: 'zh' }), file, { force: true });
    months.push(file);
  }
  const ledger11 = path.join(dir, 'ledger-11.xlsx');
  for (const f of months.slice(0, 11)) {
    const code = await run(['close', f, '--ledger', ledger11, '--notice', `${path.basename(f, '.xlsx')}-28`], quiet);
    if (code !== 0) throw new Error(`close ${f}: exit ${code}`);
  }
  const ledger12 = path.join(dir, 'ledger-12.xlsx');
  fs.copyFileSync(ledger11, ledger12);
  if ((await run(['close', months[11], '--ledger', ledger12, '--notice', `${YEAR}-12-28`], quiet)) !== 0) throw new Error('close 12');
  return { months, ledger11, ledger12 };
}

/** The bench rows: [what, time, note]. */
export async function ledgerProcesses(dir: string, runs: number): Promise<string[][]> {
  const { months, ledger11, ledger12 } = await ledgerYear(dir);
  const target = path.join(dir, 'ledger.xlsx');
  const close: number[] = [];
  const json: number[] = [];
  for (let i = 0; i < runs; i++) {
    fs.copyFileSync(ledger11, target);
    close.push(proc(['close', months[11], '--ledger', target, '--notice', `${YEAR}-12-28`]));
    json.push(proc(['ledger', ledger12, '--format', 'json']));
  }
  const kb = (f: string) => `${(fs.statSync(f).size / 1024).toFixed(0)} KB`;
  const rows = [
    [
      `\`kpi-forms close\` (month 12 of ${AGENTS} agents into a ledger of 11 months)`,
      ms(median(close)),
      `goal < 1000 ms; ledger ${kb(ledger12)}`,
    ],
    [`\`kpi-forms ledger --format json\` (${AGENTS} agents × 12 months)`, ms(median(json)), 'goal < 1000 ms'],
  ];
  if (!SOFFICE) rows.push(['annual review sheet in LibreOffice', 'not measured', 'LibreOffice missing']);
  else {
    const lo: number[] = [];
    for (let i = 0; i < Math.min(runs, 3); i++) {
      const t0 = performance.now();
      recalcXlsx(ledger12, path.join(dir, 'lo'));
      lo.push(performance.now() - t0);
    }
    rows.push([
      `annual review sheet (${AGENTS} agents × 12 months): LibreOffice opens, recalculates, saves the ledger`,
      ms(median(lo)),
      'fresh `soffice --convert-to`, start-up included',
    ]);
  }
  return rows;
}

if (require.main === module) {
  (async () => {
    execSync('node scripts/build-cli.mjs', { cwd: ROOT, stdio: 'inherit' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-bench-ledger-'));
    const rows = await ledgerProcesses(dir, Number(process.env.BENCH_RUNS ?? 5));
    for (const r of rows) console.log(r.join(' | '));
  })().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
